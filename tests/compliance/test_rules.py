"""One parametrised test over the registry: each rule flags its failing fixture, spares its
passing one. The cases come from ``RULES``: a rule added without fixtures fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dao_sim.compliance import Rule, Severity, Target
from dao_sim.compliance.registry import RULES, rule_class, rules_for
from dao_sim.exceptions import ComplianceError, LawError
from dao_sim.law import requirement

from .conftest import FIXTURES


def _of(findings, rule: type[Rule], fixture: Path):
    name = fixture.relative_to(Path.cwd()).as_posix() if fixture.is_relative_to(Path.cwd()) \
        else fixture.as_posix()
    return [f for f in findings if f.rule == rule.ID and f.location.file == name]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_rule_flags_its_failing_fixture(rule, fixture_findings):
    found = _of(fixture_findings, rule, FIXTURES / rule.ID / "fail.sol")
    assert found, f"{rule.ID} found nothing in its failing fixture"
    for finding in found:
        assert finding.requirement == rule.REQUIREMENT
        assert finding.location.line > 0 and finding.location.contract
        assert finding.fix == rule.FIX
        assert finding.provision.edition.id == "code-2026"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_rule_spares_its_passing_fixture(rule, fixture_findings):
    assert (FIXTURES / rule.ID / "pass.sol").is_file()
    assert _of(fixture_findings, rule, FIXTURES / rule.ID / "pass.sol") == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_rule_metadata_names_a_catalogue_requirement(rule):
    assert requirement(rule.REQUIREMENT).id == rule.REQUIREMENT
    assert rule.TARGET in (Target.SOURCE, Target.BYTECODE)
    assert isinstance(rule.SEVERITY, Severity)
    assert rule.__doc__ and rule.TITLE and rule.RATIONALE and rule.FIX
    assert rule_class(rule.ID) is rule


def test_registry_ids_are_unique_and_every_fixture_folder_has_a_rule():
    ids = [r.ID for r in RULES]
    assert len(ids) == len(set(ids))
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(ids)
    assert set(rules_for(Target.SOURCE)) | set(rules_for(Target.BYTECODE)) == set(RULES)


def test_an_unknown_rule_id_suggests_the_nearest():
    with pytest.raises(ComplianceError, match="did you mean 'kill-switch'"):
        rule_class("kill-swich")


def test_a_rule_with_a_requirement_the_catalogue_lacks_fails_at_definition():
    from dao_sim.compliance.rules import SourceRule

    with pytest.raises(LawError, match="no-owner"):
        class NoOwner(SourceRule):
            ID = "made-up"
            REQUIREMENT = "no-owner"
            SEVERITY = Severity.ERROR
            TITLE = RATIONALE = FIX = "x"


def test_onlyrole_is_caught_where_slithers_is_protected_is_not(fixture_findings):
    # TOOLCHAIN: Slither's Function.is_protected() reports onlyRole functions as unprotected.
    found = _of(fixture_findings, rule_class("central-management"),
                FIXTURES / "central-management" / "fail.sol")
    assert {f.location.function for f in found} >= {"setQuorum", "grantRole", "revokeRole"}
    assert any("role" in f.message for f in found)


def test_a_uups_upgrade_is_flagged_unless_only_the_vote_authorises_it(fixture_findings):
    contracts = {f.location.contract for f in fixture_findings if f.rule == "upgrade-path"}
    assert {"UpgradePathFails", "UpgradePathUupsFails"} <= contracts
    assert not contracts & {"UpgradePathPasses", "UpgradePathUupsPasses"}
