"""The DAO under attack, as a hypothesis state machine: the promises, checked after every step.

Members (one of them colluding with an outsider), outsiders and a candidate act at random
through the real contracts: claims by anyone (one wei, half the treasury, all but one wei,
more than all of it), contributions and joins while claims are pending, votes that reject or
settle claims, pay outsiders, call capital or expel, disputes opened by outsiders and ruled
on by the human arbitrator, exits, dues and automated suspensions, withdrawals, donations,
and amendments by migration. After every step the invariants are read from the chain:

- a member's redeemable value changes only by their own act, a passed vote or a human ruling;
- shares and voting power never overflow or truncate;
- the treasury equals the members' shares plus reserves plus credits plus held contributions;
- every member can exit, or is blocked only by their own For vote on a proposal still open;
- no member has lost more than their cap, and capital called never passes it.

After each run the runtime monitors (``dao_sim.compliance.monitors``) read the run's journal and
must find nothing wrong: every change traced to a vote, a ruling or the member's own act, no
loss beyond a cap, every delivered ruling cast by a registered person.

``build_machine(artifacts)`` returns the machine class bound to a compiled contract set, so a
test can run the same machine against a deliberately broken (mutated) contract.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from dao_sim.chain.session import ChainSession
from dao_sim.exceptions import ContractReverted
from dao_sim.governance import DAO, Action, DAORefused, DAOSpec, Dues, deploy
from dao_sim.governance.units import Wei

ETH = 10**18
FOUNDERS = {"Aigerim": Wei(10 * ETH), "Bolat": Wei(6 * ETH), "Dana": Wei(4 * ETH)}
COLLUDER = "Dana"  # a member working with the outsider Kairat
OUTSIDERS = ("Erlan", "Gulnara", "Kairat", "Nurlan")
CANDIDATE = "Saule"
REVIEWER = "Timur"
OPEN = {"Pending", "Active", "Grace", "Succeeded", "Disputed"}
#: Rounding: each pro-rata division may lose one wei per member and per priced batch.
DUST = 10

_AMOUNT = st.sampled_from(["1 wei", "half", "all but one wei", "double", "1 ETH"])


def _focus(name: str) -> Any:
    """Run the rule only when the machine's FOCUS is unset or names it."""
    return precondition(lambda self: self.FOCUS is None or name in self.FOCUS)


class _World:
    """One chain with the arbitrator and the DAO deployed, and a snapshot to start every run from."""

    def __init__(self, artifacts: Any) -> None:
        self.artifacts = artifacts
        from dao_sim.disputes import Arbitrator, deploy_arbitrator

        self.session = ChainSession()
        self.court = deploy_arbitrator(self.session, [Arbitrator.identified(
            "Madina", "identity card checked in person", attested_by="Zhanna")], artifacts=artifacts)
        spec = DAOSpec(name="Steppe Makers", members=dict(FOUNDERS), arbitrator="HumanArbitrator",
                       voting_period="3 days", grace_period="2 days", execution_window="7 days",
                       liability_cap="2x", expulsion_allowed=True, amendment_consent="60%",
                       dues=Dues("0.1 ETH", "30 days"), reviewer=REVIEWER)
        self.dao = deploy(spec, self.session, artifacts=artifacts)
        self.start = self.session.snapshot()


def build_machine(artifacts: Any) -> type[RuleBasedStateMachine]:
    """The state machine class for DAOs compiled into ``artifacts``."""
    world = _World(artifacts)

    class DAOUnderAttack(RuleBasedStateMachine):
        #: When set, only the rules named run (a test may aim the search at one attack).
        FOCUS: frozenset[str] | None = None

        def __init__(self) -> None:
            super().__init__()
            world.session.revert(world.start)
            self.session = world.session
            self.dao: DAO = world.dao
            self.generation = 0
            self.attempts = 0
            self.successors: list[DAO] = []

        # ---- reading the chain ------------------------------------------------------------

        def _core(self, fn: str, *args: Any) -> Any:
            return self.dao.contract.call(fn, *args)

        def _record(self, address: str) -> tuple:
            raw = self._core("memberOf", address)
            return tuple(raw.values()) if isinstance(raw, dict) else tuple(raw)

        def _members(self) -> list[str]:
            return [m.name for m in self.dao.members]

        def _voters(self) -> list[str]:
            return [m.name for m in self.dao.members if not m.suspended]

        def _values(self) -> dict[str, int]:
            """Each member's redeemable value gross of reservations: their part of the treasury
            if every open claim were rejected, plus a contribution still held."""
            balance = self.session.balance(self.dao.address)
            encumbered = int(self._core("totalCredited")) + int(self._core("heldContributions"))
            unencumbered = max(0, balance - encumbered)
            total = int(self._core("totalShares"))
            out = {}
            for name in self._members():
                address = self.session.address(name)
                shares = int(self._core("sharesOf", address))
                member = self._record(address)
                held = int(member[11]) if int(member[4]) == int(self._core("claimEpoch")) else 0
                out[name] = (shares * unencumbered // total if total else 0) + held
            return out

        def _unchanged_for_others(self, before: dict[str, int], actor: str | None = None) -> None:
            after = self._values()
            for name, value in before.items():
                if name == actor or name not in after:
                    continue
                assert after[name] + DUST >= value, (
                    f"{name}'s value fell from {value} to {after[name]} by an act that was not "
                    f"theirs, a vote or a ruling")

        def _pass(self, actions: list[Action], against: tuple[str, ...] = ()) -> int | None:
            voters = self._voters()
            if not voters:
                return None
            try:
                pid = self.dao.propose(voters[0], actions, "step")
            except DAORefused as exc:
                assert exc.error in {"ActionOutsideCapacity", "DAOMigrated"}, exc
                return None
            for voter in voters:
                self.dao.vote(voter, pid, "against" if voter in against else "for")
            self.session.advance(int(self.dao.spec.voting_period))
            return pid

        def _execute_when_due(self, pid: int) -> None:
            for _ in range(6):
                state = self.dao.state(pid)
                if state == "Succeeded":
                    try:
                        self.dao.execute(pid, by="Gulnara")
                    except DAORefused as exc:
                        assert exc.error in {"ActionFailed", "TreasuryInsufficient"}, exc
                    return
                if state not in {"Grace", "Active", "Pending"}:
                    return
                self.session.advance(int(self.dao.spec.grace_period))

        def _claim_amount(self, choice: str) -> Wei:
            free = self.dao.treasury.free
            return Wei({"1 wei": 1, "half": max(1, free // 2), "all but one wei": max(1, free - 1),
                        "double": max(1, 2 * self.session.balance(self.dao.address)), "1 ETH": ETH}[choice])

        # ---- acts of outsiders and colluders (no member's value may fall) -----------------

        @_focus("file_claim")
        @rule(filer=st.sampled_from(OUTSIDERS + (COLLUDER,)), amount=_AMOUNT)
        def file_claim(self, filer: str, amount: str) -> None:
            before = self._values()
            self.dao.file_claim(filer, self._claim_amount(amount), "a claim")
            self._unchanged_for_others(before)

        @_focus("donate")
        @rule(donor=st.sampled_from(OUTSIDERS), eth=st.integers(1, 5))
        def donate(self, donor: str, eth: int) -> None:
            before = self._values()
            try:
                self.session.send_value(donor, self.dao.address, eth * ETH)
            except ContractReverted as exc:
                assert exc.error == "DAOHasNoMembers" and not self.dao.members, exc
            self._unchanged_for_others(before)

        @_focus("withdraw")
        @rule(who=st.sampled_from(OUTSIDERS + tuple(FOUNDERS) + (CANDIDATE,)))
        def withdraw(self, who: str) -> None:
            before = self._values()
            if self.dao.credit_of(who):
                self.dao.withdraw(who)
            self._unchanged_for_others(before, actor=who)

        @_focus("enforce_dues")
        @rule(by=st.sampled_from(OUTSIDERS), member=st.sampled_from(tuple(FOUNDERS) + (CANDIDATE,)))
        def enforce_dues(self, by: str, member: str) -> None:
            before = self._values()
            try:
                self.dao.enforce_dues(member, by=by)
            except DAORefused as exc:
                assert exc.error in {"DuesNotOverdue", "NotAMember"}, exc
            self._unchanged_for_others(before)

        @_focus("time_passes")
        @rule(days=st.integers(1, 40))
        def time_passes(self, days: int) -> None:
            before = self._values()
            self.session.advance(days * 86_400)
            self._unchanged_for_others(before)

        # ---- members' own acts -------------------------------------------------------------

        @_focus("contribute")
        @rule(member=st.sampled_from(tuple(FOUNDERS) + (CANDIDATE,)), eth=st.sampled_from([1, 50, 1000]))
        def contribute(self, member: str, eth: int) -> None:
            before = self._values()
            try:
                self.dao.contribute(member, Wei(eth * ETH // 10))
            except DAORefused as exc:
                assert exc.error in {"NotAMember", "TreasuryEmpty", "SharesOverflow", "ZeroContribution"}, exc
            self._unchanged_for_others(before, actor=member)

        @_focus("exit")
        @rule(member=st.sampled_from(tuple(FOUNDERS) + (CANDIDATE,)))
        def exit(self, member: str) -> None:
            before = self._values()
            try:
                self.dao.exit(member)
            except DAORefused as exc:
                assert exc.error in {"NotAMember", "ExitBlockedByOwnVote"}, exc
            self._unchanged_for_others(before, actor=member)

        @_focus("pay_dues_or_capital")
        @rule(member=st.sampled_from(tuple(FOUNDERS) + (CANDIDATE,)))
        def pay_dues_or_capital(self, member: str) -> None:
            before = self._values()
            try:
                called, paid = self._core("capitalOf", self.session.address(member))
                if called > paid:
                    self.dao.pay_capital_call(member)
                else:
                    self.dao.pay_dues(member)
            except DAORefused as exc:
                assert exc.error in {"NotAMember", "NothingOwed"}, exc
            self._unchanged_for_others(before, actor=member)

        @_focus("candidate_joins")
        @rule()
        def candidate_joins(self) -> None:
            before = self._values()
            try:
                self.dao.join(CANDIDATE)
            except DAORefused as exc:
                assert exc.error in {"NotAFounder", "AlreadyAMember", "TreasuryEmpty", "SharesOverflow"}, exc
            self._unchanged_for_others(before, actor=CANDIDATE)

        @_focus("hold_for_claims")
        @rule(by=st.sampled_from(OUTSIDERS + tuple(FOUNDERS)), which=st.integers(0, 5))
        def hold_for_claims(self, by: str, which: int) -> None:
            count = self.dao.proposal_count()
            if not count:
                return
            before = self._values()
            try:
                self.dao.hold_for_claims(which % count, by=by)
            except DAORefused as exc:
                assert exc.error in {"ProposalNotInGrace", "NoOpenClaims", "AlreadyHeld", "DAOMigrated"}, exc
            self._unchanged_for_others(before)

        # ---- passed votes (may change values, within the caps) ------------------------------

        @_focus("decide_a_claim")
        @rule(decision=st.sampled_from(["reject", "settle"]), which=st.integers(0, 5))
        def decide_a_claim(self, decision: str, which: int) -> None:
            open_claims = [c.id for c in self.dao.claims if c.status == "Filed"]
            if not open_claims:
                return
            claim = open_claims[which % len(open_claims)]
            action = Action.reject_claim(claim) if decision == "reject" else Action.settle_claim(claim)
            pid = self._pass([action])
            if pid is not None:
                self._execute_when_due(pid)

        @_focus("pass_a_proposal")
        @rule(kind=st.sampled_from(["pay", "capital", "expel", "admit"]), colluders_against=st.booleans())
        def pass_a_proposal(self, kind: str, colluders_against: bool) -> None:
            members = self._members()
            if kind == "pay":
                action = Action.pay("Kairat", Wei(max(1, self.dao.treasury.free // 3)))
            elif kind == "capital":
                action = Action.call_capital(2_500)
            elif kind == "expel" and COLLUDER in members:
                action = Action.expel(self.session.address(COLLUDER), COLLUDER)
            else:
                action = Action.offer_membership(self.session.address(CANDIDATE), Wei(ETH), CANDIDATE)
            pid = self._pass([action], against=(COLLUDER,) if colluders_against else ())
            if pid is not None:
                self._execute_when_due(pid)

        # ---- disputes: a human rules -------------------------------------------------------------

        @_focus("dispute_a_payment")
        @rule(by=st.sampled_from(("Erlan", "Kairat")), ruling=st.sampled_from([0, 1, 2, 3]))
        def dispute_a_payment(self, by: str, ruling: int) -> None:
            from dao_sim.disputes import ProposalDispute, ScriptedDecision

            pid = self._pass([Action.pay("Nurlan", Wei(max(1, self.dao.treasury.free // 4)))])
            if pid is None or self.dao.state(pid) != "Grace":
                return
            before = self._values()
            dispute = ProposalDispute.open(self.dao, world.court, pid, by=by, compensation="0.5 ETH")
            self._unchanged_for_others(before)
            dispute.decide(ScriptedDecision(ruling, "decided by a person"))
            dispute.finalise(by="Gulnara")
            self._execute_when_due(pid)

        # ---- amendment by migration (positions carried whole) -------------------------------------

        @precondition(lambda self: self.generation < 2)
        @_focus("amend")
        @rule()
        def amend(self) -> None:
            from dataclasses import replace

            voters = self._voters()
            if not voters:
                return
            self.attempts += 1  # every successor deployed gets its own name, passed or not
            successor = deploy(replace(self.dao.spec, name=f"Steppe Makers {self.attempts + 1}"),
                               self.session, artifacts=world.artifacts, predecessor=self.dao)
            before = self._values()
            pid = self.dao.propose_amendment(voters[0], successor, "amend")
            for voter in voters:
                self.dao.vote(voter, pid, "for")
            self.session.advance(int(self.dao.spec.voting_period))
            for _ in range(6):
                if self.dao.state(pid) == "Succeeded":
                    self.dao.execute(pid, by="Gulnara", batch=2)
                    break
                if self.dao.state(pid) not in {"Grace", "Active"}:
                    return
                self.session.advance(int(self.dao.spec.grace_period))
            if self.dao.migrated_to is None:
                return
            old = self.dao
            self.dao = successor
            self.successors.append(successor)
            self.generation += 1
            after = self._values()
            assert set(after) == set(before), "every position was carried"
            for name, value in before.items():
                assert abs(after[name] - value) <= DUST, f"{name}: {value} before, {after[name]} after"
            assert old.treasury.balance == 0

        # ---- after the run: the runtime monitors read its journal --------------------------------

        def teardown(self) -> None:
            from dao_sim.compliance import Severity
            from dao_sim.compliance.monitors import monitor

            daos = [world.dao, *self.successors]
            wrong = [f for f in monitor(self.session.journal, daos) if f.severity is not Severity.NOTE]
            assert not wrong, "the runtime monitors found:\n" + "\n".join(map(str, wrong))

        # ---- invariants (read once per step, checked together) ----------------------------------

        @invariant()
        def promises_hold(self) -> None:
            if not hasattr(self, "dao"):
                return
            members = self.dao.members
            records = {m.name: self._record(m.address) for m in members}
            self._shares_and_power_are_exact(members, records)
            self._treasury_is_shares_plus_reserves(members, records)
            self._everyone_can_exit_or_waits_for_their_own_vote(members)
            self._nobody_loses_more_than_their_cap()

        def _shares_and_power_are_exact(self, members: list, records: dict) -> None:
            total = int(self._core("totalShares"))
            assert total < 2**128
            assigned = sum(m.shares for m in members)
            assert assigned <= total <= assigned + len(members) + 1
            now = self.session.now()
            weighted = int(self._core("votingRule")) == 1
            powers = 0
            for m in members:
                expected = int(records[m.name][6]) if weighted else 1
                assert int(self._core("powerAt", m.address, now)) == expected, f"{m.name}'s voting power"
                powers += expected
            if int(self._core("uncarriedMembers")) == 0:
                assert int(self._core("totalPowerAt", now)) == powers, "total voting power"

        def _treasury_is_shares_plus_reserves(self, members: list, records: dict) -> None:
            balance = self.session.balance(self.dao.address)
            treasury = self.dao.treasury
            credited = int(self._core("totalCredited"))
            held = int(self._core("heldContributions"))
            assert balance == treasury.free + treasury.reserved_for_claims + credited + held, (balance, treasury)
            payees = {e.args["to"] for e in self.session.journal.events("PaymentCredited")
                      if e.address == self.dao.address} | {m.address for m in members}
            assert sum(self.dao.credit_of(p) for p in payees) == credited, "credits add up"
            epoch = int(self._core("claimEpoch"))
            unpriced = sum(int(r[11]) for r in records.values() if int(r[4]) == epoch)
            shares = sum(m.share_value for m in members) - unpriced
            assert treasury.free - DUST * (len(members) + 1) <= shares <= treasury.free, (
                shares, treasury, [m.name for m in members], int(self._core("totalShares")))

        def _everyone_can_exit_or_waits_for_their_own_vote(self, members: list) -> None:
            for m in members:
                try:
                    self.dao.contract.call("exit", sender=m.name)
                except ContractReverted as exc:
                    assert exc.error == "ExitBlockedByOwnVote", f"{m.name} cannot exit: {exc}"
                    pid = int(exc.error_args["proposalId"])
                    assert self.dao.ballot(pid, m.name) is not None, f"{m.name} did not vote on {pid}"
                    assert self.dao.state(pid) in OPEN, f"{m.name} blocked by {self.dao.state(pid)} {pid}"

        def _nobody_loses_more_than_their_cap(self) -> None:
            for name in set(FOUNDERS) | {CANDIDATE}:
                liability = self.dao.liability(name)
                assert liability.lost <= liability.cap, liability
                called, _paid = self._core("capitalOf", self.session.address(name))
                assert int(called) <= liability.cap, (name, called, liability)

    return DAOUnderAttack
