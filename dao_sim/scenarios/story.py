"""A scenario's run told as a :class:`~dao_sim.report.Report`: the one report every renderer
(terminal, Markdown, HTML, the lesson view) lays out.

Each step becomes a line of narration followed by the transactions it sent; expectations
become the report's checks; the last snapshot gives the members, their liability and the
proposals with their votes; the human rulings keep the reasons their authors wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dao_sim.compliance import Finding
from dao_sim.disputes import share_of_ruling
from dao_sim.governance.units import format_eth
from dao_sim.law import edition as find_edition
from dao_sim.report import (
    Check,
    Report,
    Table,
    evidence_of,
    findings_check,
    findings_section,
    timeline_of,
)
from dao_sim.report.arguments import RulingWords, ruling_words
from dao_sim.report.charter import (
    charter_check,
    charter_law,
    charter_section,
    dao_facts,
    dispute_clause_law,
)
from dao_sim.report.chronicle import Note
from dao_sim.report.model import DEFAULT, DisputeRecord, LawNote, RulingRecord, TimelineItem
from dao_sim.report.state import Snapshot
from dao_sim.scenarios.play import EscrowCase

if TYPE_CHECKING:
    from dao_sim.governance import DAO
    from dao_sim.scenarios.runner import ScenarioResult, StepOutcome

__all__ = ["review", "scenario_report"]

_PROPOSAL_RULINGS = ("refused to arbitrate", "uphold", "void", "remedy")
_CHECKED = ("The charter rules read the DAO's spec, and the runtime monitors every transaction of the run "
            "(decisions traced to their authority, losses within the caps, rulings by registered persons)")


_HOW = {"script": "given in advance, not at the keyboard", "interactive": "at the keyboard",
        "signed-file": "by a signed ruling file"}


def _ruling_words(result: ScenarioResult) -> RulingWords:
    """Rulings in words for this run's disputes: a share of the deposit for an escrow's, the
    option's word for a proposal's."""
    escrows = {case.dispute_id for case in result.play.disputes.values() if isinstance(case, EscrowCase)}

    def words(dispute: int | None, ruling: int) -> str:
        if dispute in escrows:
            return "refused to arbitrate" if ruling == 0 else f"{share_of_ruling(ruling)}% to the payee"
        if 0 <= ruling < len(_PROPOSAL_RULINGS):
            return _PROPOSAL_RULINGS[ruling]
        return f"ruling {ruling}"

    return words


def _notes(outcomes: Sequence[StepOutcome], session: Any) -> list[Note]:
    """A note per step, placed before the step's first transaction; a step that sent none sits
    before the next transaction sent (read backwards: the next one is known)."""
    notes = []
    head = session.latest_block()
    position = len(session.journal)
    for o in reversed(outcomes):
        if o.entries:
            first = o.entries[0]
            at, block, position = first.timestamp, first.block, first.index
        elif o.snapshot is not None:
            at, block = o.snapshot.timestamp, o.snapshot.block
        else:
            at, block = head.timestamp, head.number
        head_text = "Set-up" if o.index == 0 else f"Step {o.index}"
        text = f"{head_text}: {o.description}"
        if o.failure:
            text += f" (the run stopped here: {o.failure})"
        notes.append(Note(position, at, block, text))
    return notes[::-1]


def _members(snapshot: Snapshot) -> Table:
    rows = tuple((m.name, "member" if m.active else "left", format_eth(m.contributed), format_eth(m.share_value),
                  format_eth(m.lost), format_eth(m.cap), format_eth(m.remaining), snapshot.votes(m.power))
                 for m in snapshot.members)
    return Table("Members, contributions and liability",
                 ("member", "status", "contributed", "share now", "lost", "cap", "remaining exposure",
                  "voting power"), rows,
                 "No member can lose more than the cap, which is what they contributed.")


def _proposals(snapshot: Snapshot) -> Table:
    rows = tuple((p.name, p.summary, p.state.lower(), snapshot.votes(p.for_votes),
                  snapshot.votes(p.against_votes), snapshot.votes(p.abstain_votes),
                  ", ".join(f"{b.voter} {b.support}" for b in p.ballots) or "no vote")
                 for p in snapshot.proposals)
    return Table("Proposals and votes", ("proposal", "what it does", "state", "for", "against", "abstain",
                                         "ballots"), rows)


def _disputes(result: ScenarioResult, words: RulingWords) -> tuple[DisputeRecord, ...]:
    play, records = result.play, []
    for name, case in play.disputes.items():
        rulings = tuple(RulingRecord(r.round, r.decided_by, r.ruling_label, r.reason, _HOW.get(r.channel, r.channel),
                                     r.tx_hash)
                        for n, r in play.rulings if n == name)
        info = result.court.dispute(case.dispute_id)
        if isinstance(case, EscrowCase):
            about = f"escrow '{next(k for k, v in play.escrows.items() if v is case.agreement)}'"
            ended = f"The agreement is now {case.agreement.state().name.replace('_', ' ').lower()}."
        else:
            proposal = play.dispute_proposals[name]
            about = f"proposal '{proposal}' ({play.proposal(proposal).summary})"
            ended = f"Proposal '{proposal}' is now {case.dao.state(case.proposal_id).lower()}."
        opened = next((e.sender_name for e in result.session.journal
                       if any(ev.name == "DisputeCreation" and int(ev.args.get("_disputeID", -1)) == case.dispute_id
                              for ev in e.events)), "a party")
        status = (f"{', '.join(r.decided_by for r in rulings) or 'The arbitrator'} refused to arbitrate, so the "
                  "members' vote decided." if info.executed and info.ruling == 0 else
                  f"The ruling is final: {words(case.dispute_id, info.ruling)}." if info.executed
                  else f"The current ruling: {words(case.dispute_id, info.ruling)} (not yet final)."
                  if info.decided else "No ruling yet.")
        records.append(DisputeRecord(name, about, opened, rulings, f"{status} {ended}"))
    return tuple(records)


def _shown(path: str | Path) -> str:
    """A scenario's path as a report names it: relative to the working folder when it is inside
    it, ``scenarios/x.yaml (dao-sim's library)`` for the library's, else as given."""
    given = Path(path)
    try:
        return given.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        pass
    from dao_sim.compiler.build import project_root

    library = project_root(None) / "scenarios"
    if given.resolve().parent == library.resolve():
        return f"scenarios/{given.name} (dao-sim's library)"
    return str(given)


def review(result: ScenarioResult) -> list[Finding]:
    """What the charter rules find in the DAO's spec and the runtime monitors in the run's
    transactions, under the edition in use."""
    from dao_sim.compliance import preflight
    from dao_sim.compliance.monitors import monitor

    daos = [result.dao] if result.dao is not None else []
    return [f for dao in daos for f in preflight(dao.spec)] + monitor(result.session.journal, daos)


def _law(timeline: Sequence[TimelineItem], dao: DAO | None, session: object) -> tuple[LawNote, ...]:
    """A note per requirement the run's acts rest on, with what shows it; the charter's own."""
    acts: dict[str, list[str]] = {}
    for item in timeline:
        if item.basis and item.basis != DEFAULT and not item.is_note:
            acts.setdefault(item.basis, []).append(item.text)
    notes = {}
    if dao is not None:
        notes["consent-to-change"] = charter_law(dao)
        notes["human-dispute"] = dispute_clause_law(session, dao)  # type: ignore[arg-type]
    for requirement, texts in acts.items():
        more = f" (and {len(texts) - 1} more act{'s' if len(texts) > 2 else ''} of this run)" if len(texts) > 1 else ""
        shown = f"{texts[0]}{more}."
        if requirement in notes:
            earlier = notes[requirement]
            notes[requirement] = LawNote(requirement, "", f"{earlier.shown} In this run: {shown}")
        else:
            notes[requirement] = LawNote(requirement, "", shown)
    return tuple(notes.values())


def scenario_report(result: ScenarioResult, findings: Sequence[Finding] | None = None, *,
                    in_progress: bool = False) -> Report:
    """The report of a played scenario.

    Parameters
    ----------
    result : ScenarioResult
        Played with ``snapshots=True`` for the members, proposals and charts.
    findings : sequence of Finding, optional
        What the runtime monitors found; the report then carries them and a check that none
        is serious.
    in_progress : bool
        The run is still playing (a lesson between clicks): the steps not yet played are not
        a failure.
    """
    scenario, session = result.scenario, result.session
    outcomes = (result.setup, *result.outcomes)
    checks = [Check(f"{c.field}: {c.expected}", c.ok, "" if c.ok else f"found {c.found}") for c in result.checks]
    played = len(result.outcomes) == len(scenario.steps)
    failure = next((o.failure for o in result.outcomes if o.failure), None)
    if not in_progress or failure:
        checks.append(Check(f"all {len(scenario.steps)} steps played", played and result.ok,
                            "" if played else f"stopped at step {len(result.outcomes)}"))
    dao = result.dao
    sections = [charter_section(dao)] if dao is not None else []
    if dao is not None:
        checks.append(charter_check(dao))
    if findings is not None:
        checks.append(findings_check(findings, _CHECKED))
        sections.append(findings_section(findings, _CHECKED))
    held = sum(c.ok for c in result.checks)
    if in_progress and not failure:
        outcome = (f"{len(result.outcomes)} of {len(scenario.steps)} steps played so far; "
                   f"{held} of {len(result.checks)} expectations held.")
    elif result.ok:
        outcome = f"Every step ran and all {len(result.checks)} expectations held."
    else:
        outcome = (f"The run failed: {failure or 'it stopped before the last step'} "
                   f"({held} of {len(result.checks)} expectations held).")
    entries = list(session.journal[result.setup.entries[0].index if result.setup.entries else 0:])
    snapshots = tuple(o.snapshot for o in outcomes if o.snapshot is not None)
    tables = []
    if snapshots and snapshots[-1].members:
        tables.append(_members(snapshots[-1]))
    if snapshots and snapshots[-1].proposals:
        tables.append(_proposals(snapshots[-1]))
    facts = [("Scenario", _shown(scenario.path)), ("Law applied", find_edition(result.edition).title)]
    if dao is not None:
        facts += dao_facts(dao, session)
    else:
        facts += [("Dispute procedure", f"{scenario.arbitrator.label}, roster: " + ", ".join(result.court.roster())),
                  ("Chain", session.engine.describe())]
    facts.append(("People", ", ".join(scenario.people)))
    words = _ruling_words(result)
    with ruling_words(words):
        timeline = timeline_of(entries, _notes(outcomes, session), session.name_of)
    return Report(
        title=scenario.title, summary=scenario.description, outcome=outcome, checks=tuple(checks),
        facts=tuple(facts), timeline=timeline,
        tables=tuple(tables), law=_law(timeline, dao, session), evidence=evidence_of(entries, session.name_of, words,
                             result.play.argument_types),
        sections=tuple(sections), chain=session.engine.describe(), edition=result.edition,
        disputes=_disputes(result, words), snapshots=snapshots)
