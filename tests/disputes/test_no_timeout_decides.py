"""Property (DC 28.2): no passage of time, escalation or lone vote ever decides a dispute.

Random sequences of waiting (an hour to a month), escalations, single panelists' votes (never
a majority of their round), attempts to finalise the ruling and attempts to execute the
disputed proposal. Whatever the sequence, the dispute has no ruling, the arbitrator refuses to
pass one on, and the DAO's proposal stays Disputed: only a human majority can end it, and the
last rule shows that one still can.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from dao_sim.chain.session import ChainSession
from dao_sim.compiler import compile_project
from dao_sim.disputes import Arbitrator, DisputeStatus, deploy_arbitrator
from dao_sim.exceptions import DaoSimError
from dao_sim.governance import Action, DAOSpec, deploy

ROSTER = ("Madina", "Nurlan", "Saule", "Timur", "Zhanna")
_WORLD: list[tuple] = []


def _world() -> tuple:
    """One chain with a disputed proposal, built once; every run starts from its snapshot."""
    if not _WORLD:
        artifacts = compile_project()
        session = ChainSession()
        court = deploy_arbitrator(session, [Arbitrator.identified(n, f"ID of {n}", "Askar") for n in ROSTER],
                                  ruling_period="7 days", appeal_window="3 days", artifacts=artifacts)
        dao = deploy(DAOSpec(name="Steppe Makers", members={"Aigerim": "10 ETH", "Bolat": "6 ETH", "Dana": "4 ETH"},
                             arbitrator="HumanArbitrator", arbitrator_panel_size=3), session, artifacts=artifacts)
        pid = dao.propose("Aigerim", [Action.pay("Erlan", "2 ETH")], "Pay Erlan")
        for voter in ("Aigerim", "Bolat", "Dana"):
            dao.vote(voter, pid, "for")
        session.advance("3 days")
        dispute_id = dao.open_dispute("Dana", pid)
        court.seat_panel(dispute_id, by="Dana")
        _WORLD.append((session, court, dao, pid, dispute_id, session.snapshot()))
    return _WORLD[0]


class NoTimeoutDecides(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.session, self.court, self.dao, self.pid, self.dispute_id, start = _world()
        self.session.revert(start)
        self.erlan = self.session.balance("Erlan")

    @rule(seconds=st.integers(min_value=3_600, max_value=30 * 86_400))
    def time_passes(self, seconds: int) -> None:
        self.session.advance(seconds)

    @rule()
    def someone_escalates(self) -> None:
        deadline = self.court.deadline(self.dispute_id)
        try:
            self.court.escalate(self.dispute_id, by="Gulnara")
        except DaoSimError:
            assert self.session.now() <= deadline  # refused only while the panel still has time
        else:
            assert self.session.now() > deadline

    @rule(ruling=st.integers(min_value=0, max_value=3), seat=st.integers(min_value=0, max_value=2))
    def one_panelist_votes(self, ruling: int, seat: int) -> None:
        if any(v.cast for v in self.court.votes(self.dispute_id)):
            return  # a second vote could make a majority; this machine keeps to minorities
        panelist = self.court.panel(self.dispute_id)[seat]
        try:
            self.court.cast(self.dispute_id, ruling, by=panelist, reason="my view")
        except DaoSimError:
            assert self.session.now() > self.court.deadline(self.dispute_id)

    @rule()
    def someone_tries_to_finalise(self) -> None:
        try:
            self.court.execute_ruling(self.dispute_id, by="Gulnara")
        except DaoSimError:
            return
        raise AssertionError("a ruling nobody's majority gave was passed to the DAO")

    @rule()
    def someone_tries_to_execute(self) -> None:
        try:
            self.dao.execute(self.pid, by="Gulnara")
        except DaoSimError:
            return
        raise AssertionError("the disputed proposal executed without a human ruling")

    @invariant()
    def nothing_is_decided(self) -> None:
        info = self.court.dispute(self.dispute_id)
        assert (info.ruling, info.decided, info.status) == (0, False, DisputeStatus.WAITING)
        assert self.dao.state(self.pid) == "Disputed"
        assert self.session.balance("Erlan") == self.erlan

    def teardown(self) -> None:
        """A human majority can still end it, whatever happened before."""
        if not hasattr(self, "court"):
            return
        if self.session.now() > self.court.deadline(self.dispute_id):
            self.court.escalate(self.dispute_id, by="Gulnara")
        cast = {v.arbitrator for v in self.court.votes(self.dispute_id) if v.cast}
        for panelist in [p for p in self.court.panel(self.dispute_id) if p not in cast]:
            self.court.cast(self.dispute_id, 2, by=panelist, reason="void")
            if self.court.dispute(self.dispute_id).decided:
                break
        assert self.court.current_ruling(self.dispute_id) == 2


NoTimeoutDecides.TestCase.settings = settings(NoTimeoutDecides.TestCase.settings, stateful_step_count=15)
TestNoTimeoutDecides = NoTimeoutDecides.TestCase
