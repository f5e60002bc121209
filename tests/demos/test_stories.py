"""The demo stories: each one found by name, each one's numbers true on the chain."""

from __future__ import annotations

import pytest

from dao_sim.demos import DEFAULT_STORY, get_story, story_names
from dao_sim.demos.stories import governance
from dao_sim.exceptions import ScenarioError
from dao_sim.governance import DAORefused

ETH = 10**18


def test_the_default_story_comes_first_and_both_stories_are_listed():
    names = story_names()
    assert names[0] == DEFAULT_STORY == "governance"
    assert {"governance", "liability"} <= set(names)


def test_an_unknown_story_is_refused_with_the_nearest_name():
    with pytest.raises(ScenarioError, match="no demo story 'liabilty'; did you mean 'liability'"):
        get_story("liabilty")


@pytest.mark.parametrize("name", story_names())
def test_every_story_holds_on_a_fresh_chain(name, session, artifacts, tmp_path):
    story = get_story(name)
    assert story.name == name and story.title
    offered = {"ruling": "uphold", "evidence_dir": tmp_path,  # no keyboard in tests
               "store_dir": tmp_path / "published", "deployment_record": tmp_path / "deployment.json"}
    report = story.tell(session, artifacts, **{k: v for k, v in offered.items() if k in story.options})
    assert report.ok, [c for c in report.checks if not c.ok]
    assert any(c.label == "the deployed code and charter are the published ones" for c in report.checks)
    assert (tmp_path / "deployment.json").is_file()
    told = {item.tx_hash for item in report.timeline if not item.is_note}
    assert told == {row.tx_hash for row in report.evidence} == {e.tx_hash for e in session.journal}


def test_governance_pays_the_designer_from_the_treasury(session, artifacts):
    report = get_story("governance").tell(session, artifacts)
    assert session.balance("Erlan") == 1002 * ETH
    assert session.balance("Steppe Makers") == 18 * ETH
    assert report.outcome == "The payment executed: the contract paid 2 ETH to Erlan."
    executed = session.journal.by_function("execute")
    assert [e.status for e in executed] == [False, True]  # refused during grace, then executed
    assert executed[1].sender_name == "Gulnara"


def test_governance_does_not_claim_a_payment_the_vote_refused(session, artifacts, monkeypatch):
    monkeypatch.setattr(governance, "BALLOTS", (("Aigerim", "for"), ("Bolat", "against"),
                                                ("Dana", "against")))
    with pytest.raises(DAORefused, match="cannot be executed \\(it is Defeated\\)"):
        get_story("governance").tell(session, artifacts)
    assert session.balance("Erlan") == 1000 * ETH


def test_liability_pays_what_the_treasury_has_and_caps_every_loss(session, artifacts):
    report = get_story("liability").tell(session, artifacts)
    dao = session.contract("Steppe Makers")
    assert session.balance("Nurlan") == 1016 * ETH
    assert session.balance("Steppe Makers") == 0
    assert dao.call("outstandingLiability") == 14 * ETH
    losses = {name: dao.call("liabilityOf", name) for name in ("Aigerim", "Bolat", "Dana")}
    assert {n: (c // ETH, lost // ETH, cap // ETH) for n, (c, lost, cap, _) in losses.items()} == {
        "Aigerim": (10, 10, 10), "Bolat": (6, 6, 6), "Dana": (4, 0, 4)}
    assert session.balance("Dana") == 1000 * ETH  # left with her 4 ETH before the claim
    table = next(t for t in report.tables if t.title.startswith("Each member's loss"))
    assert table.rows[0] == ("Aigerim", "10 ETH", "10 ETH", "10 ETH", "0 ETH", "-10 ETH")
