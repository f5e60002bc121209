"""The draft's sandbox: a term of 1 to 5 years, an acknowledgment before joining, a wind-down."""

from __future__ import annotations

import pytest

from dao_sim.exceptions import SandboxError, SpecError
from dao_sim.governance import (
    Action,
    DAOSpec,
    MemberRegistry,
    ParticipantRecords,
    Sandbox,
    acknowledge_sandbox,
    deploy,
)
from dao_sim.governance.sandbox import sandbox_ends, terms_hash, unacknowledged_members
from dao_sim.law import reference, using

FOUNDERS = {"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"}
YEAR = 366 * 86_400


def _spec(**extra) -> DAOSpec:
    return DAOSpec(name="Steppe Lab", members=FOUNDERS, arbitrator="HumanArbitrator",
                   sandbox=Sandbox(term="2 years"), **extra)


@pytest.fixture
def lab(session, artifacts, court):
    spec = _spec()
    for founder in FOUNDERS:
        acknowledge_sandbox(spec, session, founder, artifacts=artifacts)
    return deploy(spec, session, artifacts=artifacts)


@pytest.mark.parametrize("term", [0, 6, -1, "10 years", "six years", True, 2.5])
def test_a_term_outside_one_to_five_whole_years_names_the_field(term):
    with pytest.raises(SpecError, match=r"^sandbox\.term: "):
        DAOSpec(name="x", members={"A": "1 ETH"}, arbitrator="a", sandbox=term)


@pytest.mark.parametrize(("given", "years"), [(1, 1), ("5 years", 5), ("3", 3), ({"term": 4}, 4),
                                               (Sandbox(term="1 year"), 1)])
def test_terms_of_one_to_five_years_are_accepted(given, years):
    spec = DAOSpec(name="x", members={"A": "1 ETH"}, arbitrator="a", sandbox=given)
    assert spec.sandbox == Sandbox(term=years)


def test_under_the_code_in_force_a_sandbox_is_declared_not_refused():
    with using("code-2026"):
        spec = _spec()
    assert spec.sandbox is not None and spec.sandbox.years == 2
    assert "## Experimental legal regime (sandbox)" in spec.charter_text()
    assert reference("sandbox", "draft-2025") in spec.charter_text()
    assert DAOSpec(name="x", members={"A": "1 ETH"}, arbitrator="a").sandbox is None


@pytest.mark.usefixtures("court")
def test_a_founder_who_did_not_acknowledge_stops_the_deployment_before_anything_is_sent(session, artifacts):
    spec = _spec()
    for founder in ("Aigerim", "Bolat"):
        acknowledge_sandbox(spec, session, founder, artifacts=artifacts)
    sent = len(session.journal)
    with pytest.raises(SandboxError, match="Dana cannot join Steppe Lab: .* has not acknowledged its terms"):
        deploy(spec, session, artifacts=artifacts)
    assert len(session.journal) == sent


def test_acknowledgments_are_on_chain_and_in_the_registry(session, artifacts, tmp_path):
    registry = MemberRegistry(tmp_path / "registry.json")
    registry.register("Aigerim", session.address("Aigerim"), name="Aigerim Sultanbekova", iin="850521400124")
    spec = _spec()
    acknowledge_sandbox(spec, session, "Aigerim", registry=registry, artifacts=artifacts)
    records = ParticipantRecords.find(session)
    assert records is not None
    charter = registry["Aigerim"].acknowledgments[0].charter_hash
    assert records.acknowledgment_of("Aigerim", charter) == terms_hash(spec)
    assert registry["Aigerim"].acknowledgments[0].terms_hash == "0x" + terms_hash(spec).hex()
    assert MemberRegistry(tmp_path / "registry.json")["Aigerim"].acknowledgments == \
        registry["Aigerim"].acknowledgments


def _admit_erlan(lab, session) -> None:
    """The founders vote Erlan in: he may join once he has acknowledged the sandbox."""
    pid = lab.propose("Aigerim", [Action.offer_membership(session.address("Erlan"), "2 ETH", "Erlan")],
                      "Admit Erlan")
    for voter in FOUNDERS:
        lab.vote(voter, pid, "for")
    session.advance(lab.spec.voting_period + lab.spec.grace_period)
    lab.execute(pid)


def test_a_newcomer_joins_only_after_acknowledging(lab, session):
    _admit_erlan(lab, session)
    with pytest.raises(SandboxError, match="Erlan cannot join Steppe Lab"):
        lab.join("Erlan")
    acknowledge_sandbox(lab.spec, session, "Erlan")
    lab.join("Erlan")
    assert lab.member("Erlan").active


def test_a_join_straight_to_the_contract_is_found_afterwards(lab, session):
    _admit_erlan(lab, session)
    assert unacknowledged_members(lab) == ()
    lab.contract.transact("join", [], sender="Erlan", value=2 * 10**18)  # round dao-sim
    assert unacknowledged_members(lab) == ("Erlan",)
    from dao_sim.compliance.monitors import monitor
    from dao_sim.law import using

    with using("draft-2025"):
        found = [f for f in monitor(session.journal, [lab]) if f.rule == "sandbox-joins-acknowledged"]
    (finding,) = found
    assert finding.message == "Erlan joined Steppe Lab without acknowledging its sandbox"
    assert finding.citation.startswith("DC 39.4")


def test_after_the_term_only_winding_down_remains(lab, session):
    ends = sandbox_ends(lab)
    assert ends - lab.founded_at in (2 * 365 * 86_400, (2 * 365 + 1) * 86_400)  # calendar years
    session.advance(ends - session.now() - 4 * 86_400)
    early = lab.propose("Aigerim", [Action.pay("Erlan", "1 ETH")], "Pay Erlan, decided in time")
    for voter in FOUNDERS:
        lab.vote(voter, early, "for")
    session.advance(lab.spec.voting_period + lab.spec.grace_period)
    assert session.now() >= ends
    for act, call in (("propose", lambda: lab.propose("Bolat", [Action.pay("Erlan", "1 ETH")], "late")),
                      ("contribute", lambda: lab.contribute("Bolat", "1 ETH")),
                      ("join", lambda: lab.join("Erlan"))):
        with pytest.raises(SandboxError, match=f"^{act} by .* refused: Steppe Lab's sandbox term of 2 years "
                                               "ended on .* so it only winds down"):
            call()
    lab.execute(early, by="Gulnara")  # a proposal made before the end keeps its course
    assert lab.state(early) == "Executed"
    assert lab.exit("Dana") > 0 and not lab.member("Dana").active


def test_before_the_term_ends_everything_works(lab, session):
    session.advance(YEAR)
    lab.contribute("Bolat", "1 ETH")
    assert lab.propose("Bolat", [Action.pay("Erlan", "1 ETH")], "Pay Erlan") == 0
