"""Charter rules: each with a spec it passes and a spec it fails, generated from the registry;
and the orchestrator's gate, which refuses an error unless the run is a demonstration."""

from __future__ import annotations

import pytest

from dao_sim.compliance import Severity
from dao_sim.compliance.charter import CHARTER_RULES, coded_terms
from dao_sim.compliance.preflight import ComplianceRefused, checked_deploy, preflight
from dao_sim.governance import DAOSpec, Dues, Sandbox
from dao_sim.governance.spec import render_charter

BASE = {"name": "Steppe Makers", "members": {"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"},
            "arbitrator": "HumanArbitrator"}


def _spec(**changes) -> DAOSpec:
    return DAOSpec(**{**BASE, **changes})


def _hand_written_charter_missing_the_quorum() -> DAOSpec:
    spec = _spec(dues=Dues("0.1 ETH", "30 days"), reviewer="Saule")
    text = render_charter(spec).replace("50% of all voting power must vote", "most members must vote")
    return _spec(dues=Dues("0.1 ETH", "30 days"), reviewer="Saule", charter=text.replace("more than 50%", "most"))


#: rule id -> (a spec it passes, a spec it fails, words the failure must say)
CASES = {
    "coded-terms-readable": (_spec(charter=render_charter(_spec())), _hand_written_charter_missing_the_quorum(),
                             "does not state the quorum"),
    "one-member-decides-alone": (_spec(voting_rule="contribution-weighted"),
                                 _spec(voting_rule="contribution-weighted",
                                       members={"Aigerim": "30 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"}),
                                 "Aigerim holds 75% of the voting power"),
    "sandbox-has-a-legal-basis": (_spec(), _spec(sandbox=Sandbox(term="2 years")), "has no experimental legal regime"),
}


def test_every_rule_has_cases():
    assert {rule.ID for rule in CHARTER_RULES} == set(CASES)


@pytest.mark.parametrize("rule", CHARTER_RULES, ids=lambda r: r.ID)
def test_rule_passes_a_sound_spec_and_flags_a_faulty_one(rule):
    sound, faulty, words = CASES[rule.ID]
    assert rule().check(sound) == []
    findings = rule().check(faulty)
    assert findings, f"{rule.ID} missed the fault"
    assert any(words in f.message for f in findings), [f.message for f in findings]
    assert all(f.rule == rule.ID and f.requirement == rule.REQUIREMENT for f in findings)


def test_citations_follow_the_edition():
    faulty = CASES["one-member-decides-alone"][1]
    (in_force,) = preflight(faulty, edition="code-2026")
    (draft,) = preflight(faulty, edition="draft-2025")
    assert in_force.citation == "dao-sim default (after draft Art. 20.4), related: Art. 35(4)"
    assert draft.citation == "DC 20.4, draft text, not law"
    (unreadable, *_) = preflight(_hand_written_charter_missing_the_quorum(), edition="code-2026")
    assert unreadable.citation == "Art. 67(2), law in force"


def test_a_sandbox_is_no_finding_under_the_draft():
    assert [f for f in preflight(_spec(sandbox=Sandbox(term="2 years")), edition="draft-2025") if f.rule == "sandbox-has-a-legal-basis"] == []


def test_coded_terms_include_dues_when_the_charter_has_them():
    terms = coded_terms(_spec(dues=Dues("0.1 ETH", "30 days"), reviewer="Saule"))
    assert terms["dues"] == ("0.1 ETH",) and terms["dues reviewer"] == ("Saule",)
    assert terms["voting period"][0] == "3 days"


def test_the_gate_refuses_an_error_and_deploys_nothing(session, artifacts):
    before = len(session.journal)
    with pytest.raises(ComplianceRefused) as refused:
        checked_deploy(_hand_written_charter_missing_the_quorum(), session, artifacts=artifacts)
    assert str(refused.value).startswith("Steppe Makers was not deployed: readable-terms, Art. 67(2)")
    assert "\n" not in str(refused.value)
    assert len(session.journal) == before, "nothing was sent to the chain"


@pytest.mark.usefixtures("court")
def test_a_warning_does_not_stop_a_deployment(session, artifacts):
    spec = CASES["one-member-decides-alone"][1]
    assert [f.severity for f in preflight(spec)] == [Severity.WARNING]
    dao = checked_deploy(spec, session, artifacts=artifacts)
    assert dao.treasury.balance == 40 * 10**18


@pytest.mark.usefixtures("court")
def test_a_demonstration_deploys_despite_an_error(session, artifacts):
    """The hand-written charter leaves the quorum out: refused, unless it is shown on purpose."""
    spec = _hand_written_charter_missing_the_quorum()
    with pytest.raises(ComplianceRefused):
        checked_deploy(spec, session, artifacts=artifacts)
    dao = checked_deploy(spec, session, artifacts=artifacts, demonstration=True)
    assert dao.address


def test_the_gate_also_checks_the_contracts_and_refuses_an_error_there(session, artifacts, monkeypatch):
    from dao_sim.compliance import Finding, Location, gate
    from dao_sim.law import provision

    assert [f for f in gate.source_findings(artifacts) if f.severity is Severity.ERROR] == []
    owner = Finding("central-management", Severity.ERROR, provision("no-central-management"),
                    "DAO.sweep is callable by one stored account", Location("contracts/governance/DAO.sol", 7))
    monkeypatch.setattr(gate, "source_findings", lambda *_a, **_k: [owner])
    before = len(session.journal)
    with pytest.raises(ComplianceRefused, match="no-central-management.*DAO.sweep"):
        checked_deploy(_spec(), session, artifacts=artifacts)
    assert len(session.journal) == before


def test_the_contracts_findings_are_kept_per_build(artifacts):
    from dao_sim.compiler.build import project_root
    from dao_sim.compiler.cache import default_cache_dir
    from dao_sim.compliance import gate

    gate.source_findings(artifacts)
    kept = list((default_cache_dir(project_root(None)).parent / "compliance").glob(f"{artifacts.cache_key}-*.json"))
    assert kept, "the findings of this build were not kept"
    assert [f.rule for f in gate.source_findings(artifacts, edition="draft-2025")] == [
        f.rule for f in gate.source_findings(artifacts)]
