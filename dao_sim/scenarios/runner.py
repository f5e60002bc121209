"""Play a scenario on a fresh chain and record, per step, what happened.

:func:`run_scenario` deploys the scenario's arbitrator, plays each step through the existing
Python APIs, and records a :class:`StepOutcome` per step: a plain one-line description, the
journal entries the step produced, the refusal it met (when the scenario expected one) and
the checks of an ``expect`` step. It writes nothing: reports are made later from its result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dao_sim import law
from dao_sim.exceptions import DaoSimError, ScenarioError, suggest
from dao_sim.report.state import Snapshot, capture
from dao_sim.scenarios.acts import DAO_ACTS
from dao_sim.scenarios.acts_disputes import DISPUTE_ACTS
from dao_sim.scenarios.errors import (
    Location,
    ScenarioExpectationFailed,
    ScenarioFileError,
    ScenarioStepFailed,
)
from dao_sim.scenarios.expectations import Check, evaluate
from dao_sim.scenarios.loader import load_scenario
from dao_sim.scenarios.model import Scenario, Step
from dao_sim.scenarios.play import Play

if TYPE_CHECKING:
    from dao_sim.chain.journal import JournalEntry
    from dao_sim.chain.session import ChainSession
    from dao_sim.disputes import Court, DecisionChannel
    from dao_sim.governance import DAO

__all__ = ["ScenarioResult", "StepOutcome", "run_scenario"]

_ACTS = {**DAO_ACTS, **DISPUTE_ACTS}
_Failure = TypeVar("_Failure", ScenarioExpectationFailed, ScenarioStepFailed)


@dataclass(frozen=True)
class StepOutcome:
    """What one step did.

    Attributes
    ----------
    index : int
        The step's number, from 1 (0 for the arbitrator's deployment before the steps).
    kind : str
        The step's kind (``"arbitrator"`` for the set-up).
    line : int
        The step's line in the file.
    description : str
        One plain line: who did what, and how it turned out.
    entries : tuple of JournalEntry
        The transactions the step sent, failed ones included, in order.
    refused : str or None
        The error that refused the step, when the scenario expected that refusal.
    checks : tuple of Check
        The checks of an ``expect`` step.
    failure : str or None
        Why the run stopped at this step, if it did.
    snapshot : Snapshot or None
        The DAO after the step, when the run was asked to take snapshots.
    """

    index: int
    kind: str
    line: int
    description: str
    entries: tuple[JournalEntry, ...] = ()
    refused: str | None = None
    checks: tuple[Check, ...] = ()
    failure: str | None = None
    snapshot: Snapshot | None = None


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario played: its steps' outcomes and the chain they left.

    Attributes
    ----------
    scenario : Scenario
    edition : str
        The edition of the Code the run applied.
    setup : StepOutcome
        The arbitrator's deployment, before the first step.
    outcomes : tuple of StepOutcome
        One per step played, in order (fewer than the steps when the run failed).
    session : ChainSession
        The chain, with its journal of every transaction.
    dao : DAO or None
        The DAO at the end (the successor, after an amendment).
    court : Court
        The scenario's arbitrator.
    play : Play
        What the steps named (proposals, disputes, rulings with their reasons...).
    """

    scenario: Scenario
    edition: str
    setup: StepOutcome
    outcomes: tuple[StepOutcome, ...]
    session: ChainSession
    dao: DAO | None
    court: Court
    play: Play

    @property
    def ok(self) -> bool:
        """Whether every step was played and every expectation held."""
        return len(self.outcomes) == len(self.scenario.steps) and all(o.failure is None for o in self.outcomes)

    @property
    def checks(self) -> tuple[Check, ...]:
        """Every expectation checked, in order."""
        return tuple(c for o in self.outcomes for c in o.checks)


def _error_names(artifacts: Any) -> set[str]:
    names = {str(item["name"]) for artifact in artifacts.values() for item in artifact.abi
             if item.get("type") == "error"}
    pending: list[type] = [DaoSimError]
    while pending:
        cls = pending.pop()
        names.add(cls.__name__)
        pending.extend(cls.__subclasses__())
    return names


def _check_refusals(scenario: Scenario, artifacts: Any) -> None:
    known = _error_names(artifacts)
    for step in scenario.steps:
        name = step.expect_refusal
        if name is not None and name not in known:
            raise ScenarioFileError(scenario.where(step, "expect_refusal"),
                                    f"no contract or dao-sim error is called '{name}'{suggest(name, known)}")


def _refusal_names(exc: BaseException, session: ChainSession) -> list[str]:
    names = [c.__name__ for c in type(exc).__mro__]
    error = getattr(exc, "error", None)
    if error:
        names.insert(0, str(error))
    reason = getattr(exc, "details", {}).get("reason") if error == "ActionFailed" else None
    if reason is not None:
        raw = bytes.fromhex(reason[2:]) if isinstance(reason, str) else bytes(reason)
        names.insert(1, session.decode_revert(raw).name)
    return names


def _session(scenario: Scenario, session: ChainSession | None, engine: str | None) -> ChainSession:
    from dao_sim.chain.session import ChainSession

    if session is None:
        return ChainSession(engine, names=scenario.people, funding_eth=scenario.funding_eth)
    if engine is not None:
        raise ScenarioError("give a session or an engine to play on, not both")
    for name in scenario.people:
        if name not in session.address_book:
            session.add_account(name, funding_eth=scenario.funding_eth)
    return session


def _setup(play: Play) -> StepOutcome:
    from dao_sim.disputes import Arbitrator, deploy_arbitrator

    plan = play.scenario.arbitrator
    roster = [Arbitrator.identified(p.name, p.identified, p.attested_by) for p in plan.roster]
    start = len(play.session.journal)
    play.court = deploy_arbitrator(play.session, roster, arbitration_fee=plan.fee, appeal_fee=plan.appeal_fee,
                                   ruling_period=plan.ruling_period, appeal_window=plan.appeal_window,
                                   label=plan.label, artifacts=play.artifacts)
    return StepOutcome(0, "arbitrator", 1, f"{plan.label} is deployed; its roster: "
                       f"{', '.join(p.name for p in plan.roster)}", tuple(play.session.journal[start:]))


class _Run:
    """One run's loop: play each step, record it, stop at the first failure."""

    def __init__(self, play: Play, edition: str, setup: StepOutcome,
                 on_step: Callable[[int, Step, StepOutcome], None] | None, snapshots: bool,
                 on_result: Callable[[ScenarioResult], None] | None = None) -> None:
        self.play = play
        self.on_result = on_result
        self.edition = edition
        self.snapshots = snapshots
        self.setup = self.with_snapshot(setup)
        self.on_step = on_step
        self.outcomes: list[StepOutcome] = []

    def with_snapshot(self, outcome: StepOutcome) -> StepOutcome:
        if not self.snapshots:
            return outcome
        play = self.play
        named = {name: (ref.number, ref.summary) for name, ref in play.proposals.items() if ref.dao is play.dao}
        return replace(outcome, snapshot=capture(play.dao, play.session, step=outcome.index,
                                                 label=outcome.description, proposals=named))

    def result(self) -> ScenarioResult:
        play = self.play
        assert play.court is not None
        return ScenarioResult(play.scenario, self.edition, self.setup, tuple(self.outcomes), play.session,
                              play.dao, play.court, play)

    def record(self, outcome: StepOutcome, step: Step) -> None:
        outcome = self.with_snapshot(outcome)
        self.outcomes.append(outcome)
        if self.on_step is not None:
            self.on_step(step.index, step, outcome)
        if self.on_result is not None:
            self.on_result(self.result())

    def fail(self, step: Step, start: int, description: str, error: _Failure, **extra: Any) -> _Failure:
        self.record(StepOutcome(step.index, step.kind, step.line, description,
                                tuple(self.play.session.journal[start:]), failure=str(error), **extra), step)
        error.result = self.result()
        return error

    def step(self, step: Step) -> None:
        play, where = self.play, self.play.scenario.where
        start = len(play.session.journal)
        if step.kind == "expect":
            checks = evaluate(play, step)
            told = f"{sum(c.ok for c in checks)} of {len(checks)} checks hold"
            for check in checks:
                if not check.ok:
                    field = f"{step.path}.expect.{check.field}"
                    raise self.fail(step, start, told, ScenarioExpectationFailed(
                        Location(play.scenario.path, check.line, field), check.expected, check.found), checks=checks)
            self.record(StepOutcome(step.index, step.kind, step.line, told, checks=checks), step)
            return
        if step.kind == "note":
            self.record(StepOutcome(step.index, step.kind, step.line, str(step.value)), step)
            return
        wanted = step.expect_refusal
        try:
            told = _ACTS[step.kind](play, step)
        except DaoSimError as exc:
            said = play.in_names(" ".join(str(exc).split()))
            if wanted is None and step.get("if_possible"):
                actor = f" by {step.get('by')}" if step.get("by") else ""
                self.record(StepOutcome(step.index, step.kind, step.line,
                                        f"{step.kind}{actor}: not possible: {said}",
                                        tuple(play.session.journal[start:])), step)
                return
            if wanted is None:
                raise self.fail(step, start, f"refused: {said}", ScenarioStepFailed(where(step), exc, said=said)) from exc
            names = _refusal_names(exc, play.session)
            if wanted not in names:
                raise self.fail(step, start, f"refused: {said}", ScenarioExpectationFailed(
                    where(step, "expect_refusal"), f"a refusal with {wanted}",
                    f"a refusal with {names[0]}: {said}")) from exc
            actor = f" by {step.get('by')}" if step.get("by") else ""
            told = f"{step.kind}{actor}: refused, as expected ({wanted}): {said}"
            self.record(StepOutcome(step.index, step.kind, step.line, told,
                                    tuple(play.session.journal[start:]), refused=wanted), step)
            return
        if wanted is not None:
            raise self.fail(step, start, told, ScenarioExpectationFailed(
                where(step, "expect_refusal"), f"a refusal with {wanted}", f"the step went through: {told}"))
        self.record(StepOutcome(step.index, step.kind, step.line, told, tuple(play.session.journal[start:])), step)


def run_scenario(scenario: Scenario | str | Path, *, session: ChainSession | None = None,
                 artifacts: Any = None, edition: str | None = None,
                 on_step: Callable[[int, Step, StepOutcome], None] | None = None,
                 prompt: DecisionChannel | None = None, snapshots: bool = False,
                 on_result: Callable[[ScenarioResult], None] | None = None,
                 ask_rulings: bool = False, engine: str | None = None) -> ScenarioResult:
    """Play a scenario and return what happened at each step.

    Parameters
    ----------
    scenario : Scenario, str or Path
        A loaded scenario, or the path of its YAML file.
    session : ChainSession, optional
        The chain to play on; a fresh one with the scenario's people when omitted. People
        the given session does not know are added to it, funded.
    artifacts : ArtifactSet, optional
        Compiled contracts (compiled, or read from the cache, when omitted).
    edition : str, optional
        The edition of the Code to apply; the scenario's own, else the default.
    on_step : callable, optional
        Called as ``on_step(index, step, outcome)`` after each step (also the one a run stops
        at), so a step-by-step view can draw or pause.
    prompt : DecisionChannel, optional
        Where ``rule`` steps with ``ask: true`` get their ruling (the terminal by default).
    snapshots : bool
        Read the DAO's state after each step into :attr:`StepOutcome.snapshot` (for reports
        and lessons; a few calls per member and proposal each step).
    on_result : callable, optional
        Called with the run so far (a :class:`ScenarioResult`) after the set-up and after
        each step, on the thread that plays the run: a lesson builds its page from it.
    engine : str, optional
        The chain engine of a fresh session: ``"eth-tester"`` (the default) or ``"revm"``
        (fast; no historical state, block hashes or signatures).
    ask_rulings : bool
        Put every ``rule`` step to the person at the keyboard (through ``prompt``), as if each
        said ``ask: true``: the scripted rulings are set aside, and the expectations after
        them then check what the human decided.

    Returns
    -------
    ScenarioResult

    Raises
    ------
    ScenarioFileError
        When the file is malformed, or names an error no contract has.
    ScenarioStepFailed
        When a step the scenario did not expect to be refused was refused.
    ScenarioExpectationFailed
        When an expectation (or an ``expect_refusal``) did not hold; its message names the
        file and line, what was expected and what was found, and ``result`` holds the run so far.
    """
    from dao_sim.compiler import compile_project

    loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    with law.using(edition or loaded.edition) as applied:
        artifacts = artifacts or compile_project()
        _check_refusals(loaded, artifacts)
        play = Play(loaded, _session(loaded, session, engine), artifacts, prompt)
        play.ask_rulings = ask_rulings
        run = _Run(play, applied.id, _setup(play), on_step, snapshots, on_result)
        if on_result is not None:
            on_result(run.result())
        for step in loaded.steps:
            run.step(step)
        return run.result()
