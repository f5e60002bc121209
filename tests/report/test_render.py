"""Timelines, tables and reports: the same words on a terminal, in plain text and in Markdown."""

from __future__ import annotations

import pytest

from dao_sim.chain.session import ChainSession
from dao_sim.exceptions import LawError
from dao_sim.law import edition, provision, using
from dao_sim.report import (
    Check,
    Chronicle,
    LawNote,
    Report,
    Section,
    TimelineItem,
    balance_table,
    report_markdown,
    report_text,
    timeline_markdown,
    timeline_text,
    write_report,
)
from dao_sim.report.markdown import markdown_table

ETH = 10**18


@pytest.fixture
def told():
    """A chronicle of two payments with notes before, between and after them."""
    session = ChainSession(names=["Aigerim", "Bolat", "Erlan"])
    story = Chronicle(session)
    story.note("The story begins")
    session.send_value("Aigerim", "Bolat", 3 * ETH)
    session.advance("3 days")
    story.note("3 days pass")
    session.send_value("Bolat", "Erlan", ETH)
    story.note("The end", basis="vote-only-decisions")
    return session, story


def test_notes_sit_among_the_transactions_in_the_order_they_happened(told):
    session, story = told
    items = story.timeline()
    assert [i.text for i in items] == ["The story begins", "Aigerim sent 3 ETH to Bolat",
                                       "3 days pass", "Bolat sent 1 ETH to Erlan", "The end"]
    assert [i.is_note for i in items] == [True, False, True, False, True]
    assert items[1].tx_hash == session.journal[0].tx_hash
    assert items[2].when == "2026-01-04 00:00:01"


def test_transactions_before_the_chronicle_are_left_out():
    session = ChainSession(names=["Aigerim", "Bolat"])
    session.send_value("Aigerim", "Bolat", ETH)
    story = Chronicle(session)
    session.send_value("Bolat", "Aigerim", 2 * ETH)
    assert [i.text for i in story.timeline()] == ["Bolat sent 2 ETH to Aigerim"]
    assert [r.index for r in story.evidence()] == [1]


def test_plain_timeline_has_one_line_per_item_with_markers_and_basis(told):
    lines = timeline_text(told[1].timeline()).splitlines()
    assert len(lines) == 5
    assert lines[0] == "2026-01-01 00:00:00  -- The story begins"
    assert lines[1].endswith("    Aigerim sent 3 ETH to Bolat")
    assert lines[4].endswith("-- The end  [dao-sim default (after draft Art. 20.7)]")


def test_the_basis_is_cited_under_the_edition_asked_for_or_in_use(told):
    items = told[1].timeline()
    assert timeline_text(items, "draft-2025").splitlines()[4].endswith("-- The end  [DC 20.7]")
    with using("draft-2025"):
        assert timeline_text(items).splitlines()[4].endswith("-- The end  [DC 20.7]")
        assert "| *The end* | DC 20.7 |" in timeline_markdown(items)
    assert "| *The end* | dao-sim default (after draft Art. 20.7) |" in timeline_markdown(items)


def test_a_note_with_an_article_instead_of_a_requirement_is_refused(told):
    with pytest.raises(LawError, match="no requirement 'DC 20.7'"):
        told[1].note("The end", basis="DC 20.7")


def test_a_refused_transaction_is_marked_in_text_and_markdown():
    refused = TimelineItem(1_767_225_610, 10, "Gulnara tried to call execute", "", "Gulnara",
                           "0xab", ok=False)
    assert timeline_text([refused]).startswith("2026-01-01 00:00:10  !  Gulnara")
    assert "**refused:** Gulnara tried to call execute" in timeline_markdown([refused])


def test_evidence_keeps_hash_block_call_and_events(told):
    session, story = told
    row = story.evidence()[0]
    assert row.tx_hash == session.journal[0].tx_hash
    assert row.call == "transfer to Bolat with 3 ETH"
    assert row.status == "ok"
    assert row.block == session.journal[0].block


def test_markdown_cells_escape_pipes_and_line_breaks():
    table = markdown_table(["a", "b"], [["x | y", "one\ntwo"]])
    assert table.splitlines()[2] == "| x \\| y | one<br>two |"


def test_balance_table_shows_the_change_from_first_to_last():
    table = balance_table("Wallets", ["before", "after"],
                          {"Erlan": [1000 * ETH, 1002 * ETH], "Treasury": [20 * ETH, 18 * ETH]})
    assert table.columns == ("", "before", "after", "change")
    assert table.rows[1] == ("Treasury", "20 ETH", "18 ETH", "-2 ETH")
    with pytest.raises(ValueError, match="2 balances for 3 columns"):
        balance_table("Wallets", ["a", "b", "c"], {"Erlan": [1, 2]})


def _report(*checks: Check, timeline: tuple[TimelineItem, ...] = ()) -> Report:
    return Report(
        title="A story", summary="Something happened.", outcome="It worked.", checks=checks,
        facts=(("DAO", "Steppe Makers"),), timeline=timeline,
        law=(LawNote("human-dispute", "", "Madina ruled"),
             LawNote("vote-only-decisions", "", "proposal 0 was voted"),
             LawNote("", "a grace window", "2 days")),
        sections=(Section("The charter", "text of the charter"),))


def test_a_report_is_good_only_when_it_has_checks_and_all_hold():
    assert _report(Check("a", True)).ok
    assert not _report().ok
    failed = _report(Check("a", True), Check("b", False, "why"))
    assert not failed.ok
    assert [c.label for c in failed.failed_checks] == ["b"]
    assert "[FAILED] b: why" in report_text(failed)


def test_markdown_keeps_law_apart_from_defaults(told):
    text = report_markdown(_report(Check("paid", True), timeline=told[1].timeline()))
    assert text.startswith("# A story\n\n**" + edition("code-2026").header + "**\n")
    law = text.index("## What the law requires")
    defaults = text.index("## dao-sim defaults (not law)")
    assert law < defaults
    human = provision("human-dispute", "code-2026")
    assert f"| Art. 67(3) | {human.statement.rstrip('.')} | Madina ruled |" in text[law:defaults]
    vote = provision("vote-only-decisions", "code-2026")
    assert (f"| {vote.statement.rstrip('.')} | dao-sim default (after draft Art. 20.7) | "
            "proposal 0 was voted |") in text[defaults:]
    assert "| a grace window |  | 2 days |" in text[defaults:]
    assert "*3 days pass*" in text
    assert "## The charter" in text


def test_under_the_draft_its_rules_are_the_drafts_not_law(told):
    with using("draft-2025"):
        report = _report(Check("paid", True), timeline=told[1].timeline())
    assert report.edition == "draft-2025"
    text = report_markdown(report)  # rendered under the report's edition, not the one in use
    assert edition("draft-2025").header in text and "law in force" not in text
    assert "## What the law requires" not in text
    stated = text[text.index("## What the draft says"):text.index("## dao-sim defaults")]
    assert "| DC 28.2 |" in stated and "| DC 20.7 |" in stated
    assert "| a grace window | 2 days |" in text  # no basis column: no default cites the draft
    plain = report_text(report)
    assert plain.splitlines()[1] == edition("draft-2025").header
    assert "  DC 20.7: " in plain and "Art. 67" not in plain


def test_a_report_refuses_an_edition_dao_sim_does_not_know():
    with pytest.raises(LawError, match="did you mean 'draft-2025'"):
        Report("T", "S", "O", (Check("c", True),), edition="draft-2024")


def test_a_law_note_needs_a_requirement_or_dao_sims_own_rule():
    with pytest.raises(ValueError, match="needs a requirement or the rule"):
        LawNote("", "", "shown")
    with pytest.raises(LawError):
        LawNote("liability-caps", "", "shown")


def test_write_report_creates_folders(tmp_path, told):
    report = Report("T", "S", "O", (Check("c", True),), evidence=told[1].evidence())
    path = write_report(report, tmp_path / "deep" / "report.md")
    written = path.read_text(encoding="utf-8")
    assert written.startswith("# T\n")
    assert told[0].journal[1].tx_hash in written
