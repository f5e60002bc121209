"""A stateful property test of the liability cap, exit and claims (DC 20.8, 20.9, 9.6).

Hypothesis drives one DAO (charter: cap 2x, expulsion allowed, one member one vote, a claim
bond of 5% and at least 0.01 ETH) through random sequences of admissions (a former member
admitted again starts a new membership), contributions (held apart while claims are open),
payments to third parties (with dissenters leaving during grace, and a claim open in grace,
filed then or before the vote, that someone may use to hold the payment: ``holdForClaims``
keeps it in grace until the claim epoch closes, then a fresh grace period runs), claims filed
with their bond, settled or rejected, exits, expulsions, capital calls and their payment,
withdrawals of credits, and amendments (refused without consent, migrating with it). The test
keeps its own books of every person's cash in and out, per membership, and of the DAO's money
(balance, credits, held contributions, open claims, shares), so the checks after each step do
not rest on the contract's view:

- nobody, current or former member, has lost more than their cap, counting cash only;
- the contract's ``liabilityOf`` says the same as those books for the current membership;
- the treasury is the members' shares plus the reserve for open claims, the credits not yet
  withdrawn and the held contributions, to less than a wei a member;
- an exit or expulsion pays exactly the share just before it, less a capital call still owed;
- claims reserve and pay what the model says; shortfalls become outstanding liability;
- nobody is expelled while a claim is undecided;
- held contributions are priced in one batch when the last open claim is decided, at the free
  treasury then (a rejected claim's bond already in it), or credited back when it is empty;
- a proposal is held only on request, once, and while a claim is open (whenever it was
  filed); its windows then follow the claim epoch's close, or the hold's limit (twice a vote on a claim)
  if that comes first; an executed or expired proposal, or one that only decides claims, is
  never held.

Steps per run: 15 with the default hypothesis profile, 40 with ``HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from dao_sim.governance import DAO, Action
from dao_sim.governance.units import Wei
from tests.participation.helpers import ETH, deploy_successor, inner_error, refusal

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
CAP_BPS = 20_000
BPS = 10_000
BOND_BPS, MIN_BOND = 500, ETH // 100
MAX_SHARES = 2**128 - 1
MAX_ACTIONS = 16
FOUNDERS = {"Aigerim": 10 * ETH, "Bolat": 6 * ETH, "Dana": 4 * ETH}
CANDIDATES = ("Kairat", "Nurlan", "Saule", "Timur")
PAYEE, CLAIMANT, EXECUTOR = "Erlan", "Gulnara", "Zhanna"
# memberOf's fields, in the order of IDAO.Member
SETTLED, REJECTED = 2, 3  # IDAO.ClaimStatus
ACTIVE, PENDING_EPOCH, SHARES, CONTRIBUTED, CALLED, CAPITAL_PAID, PENDING = 0, 4, 5, 6, 7, 8, 11

amounts = st.integers(min_value=1, max_value=8).map(lambda n: n * ETH // 2)
claim_amounts = st.integers(min_value=1, max_value=60).map(lambda n: n * ETH // 2)
picks = st.integers(min_value=0, max_value=10**6)


@dataclass
class World:
    """One chain with the DAO deployed, and a snapshot to start every run from."""

    session: object
    artifacts: object
    dao: DAO
    start: object


_WORLD: list[World] = []


def world() -> World:
    """The chain, built once per test session; every run reverts to its starting snapshot."""
    if not _WORLD:
        from dao_sim.chain.session import ChainSession
        from dao_sim.compiler import compile_project
        from dao_sim.governance import DAOSpec, deploy
        from dao_sim.testing.factories import human_court

        artifacts = compile_project()
        session = ChainSession()
        human_court(session, artifacts=artifacts)
        spec = DAOSpec(
            name="Steppe Makers",
            members={n: Wei(v) for n, v in FOUNDERS.items()},
            arbitrator="HumanArbitrator",
            liability_cap="2x",
            expulsion_allowed=True,
            voting_period="3 days",
            grace_period="2 days",
            execution_window="7 days",
        )
        dao = deploy(spec, session, artifacts=artifacts)
        _WORLD.append(World(session, artifacts, dao, session.snapshot()))
    return _WORLD[0]


@dataclass
class Record:
    """One person's membership record at one DAO contract, and the cash behind it.

    ``paid_in`` and ``taken_out`` are cash that crossed the person's account; ``credited`` is
    what the DAO credited them as a member (an expulsion's payout, a held contribution handed
    back) and they have not withdrawn. The rest mirrors what the contract must hold.
    """

    paid_in: int = 0
    taken_out: int = 0
    credited: int = 0
    contributed: int = 0
    called: int = 0
    capital_paid: int = 0
    seen_bps: int = 0
    shares: int = 0
    pending: int = 0
    pending_epoch: int = 0
    active: bool = False

    @property
    def cap(self) -> int:
        return self.contributed * CAP_BPS // BPS


@dataclass
class Pool:
    """Contributions held during one claim epoch, priced (or handed back) when it ended."""

    wei: int
    shares: int
    refunded: bool


@dataclass
class OpenClaim:
    claim_id: int
    amount: int
    bond: int


@dataclass
class HeldProposal:
    """A proposal's own windows, and the claim epoch it was held for, until when at most."""

    vote_start: int
    grace_end: int
    execute_by: int
    epoch: int | None = None
    until: int = 0

    def windows(self, model: Model, now: int, grace: int, window: int) -> tuple[int, int, bool]:
        """(graceEnd, executeBy, held) as the governor must report them at ``now``."""
        grace_end, held = self.grace_end, False
        if self.epoch is not None:
            closed = model.closed_at.get(self.epoch)
            end = self.until if closed is None or closed > self.until else closed
            if end > now:
                held = True
            else:
                grace_end = max(grace_end, end + grace)
        return grace_end, max(self.execute_by, grace_end + window), held


class Refused(Exception):
    """The model expects the contract to refuse with ``error``."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def bond_for(amount: int) -> int:
    return max(MIN_BOND, (amount * BOND_BPS + BPS - 1) // BPS)


@dataclass
class Model:
    """The test's books of the current DAO, kept by the charter's rules, never read from it."""

    records: dict[str, Record] = field(default_factory=dict)
    balance: int = 0
    bonds: int = 0
    credits: dict[str, int] = field(default_factory=dict)
    held: int = 0
    total_shares: int = 0
    open: dict[int, OpenClaim] = field(default_factory=dict)
    claim_count: int = 0
    latest_filed_at: int = 0
    last_claim_event_at: int = 0
    outstanding: int = 0
    cumulative_bps: int = 0
    epoch: int = 0
    closed_at: dict[int, int] = field(default_factory=dict)
    pools: dict[int, Pool] = field(default_factory=dict)

    # ---- the treasury -------------------------------------------------------------------

    @property
    def credited(self) -> int:
        return sum(self.credits.values())

    @property
    def open_total(self) -> int:
        return sum(c.amount for c in self.open.values())

    @property
    def unencumbered(self) -> int:
        return max(0, self.balance - self.credited - self.held)

    @property
    def reserved(self) -> int:
        return min(self.open_total, self.unencumbered)

    @property
    def free(self) -> int:
        return max(0, self.unencumbered - self.open_total)

    @property
    def active(self) -> list[str]:
        return [n for n, r in self.records.items() if r.active]

    def shares_of(self, name: str) -> int:
        r = self.records[name]
        pool = (
            self.pools.get(r.pending_epoch) if r.pending and r.pending_epoch != self.epoch else None
        )
        if pool is None or pool.refunded:
            return r.shares
        return r.shares + (
            pool.shares if r.pending == pool.wei else r.pending * pool.shares // pool.wei
        )

    def value_of(self, name: str) -> int:
        """What ``name`` would take on exit now, before capital owed (the contract's shareValue)."""
        r = self.records.get(name)
        if r is None or not r.active:
            return 0
        value = self.shares_of(name) * self.free // self.total_shares if self.total_shares else 0
        return value + (r.pending if r.pending and r.pending_epoch == self.epoch else 0)

    def owed(self, name: str) -> int:
        r = self.records[name]
        unbooked = r.contributed * (self.cumulative_bps - r.seen_bps) // BPS if r.active else 0
        return r.called + unbooked - r.capital_paid

    def _credit(self, name: str, amount: int) -> None:
        if amount:
            self.credits[name] = self.credits.get(name, 0) + amount

    # ---- members' acts ----------------------------------------------------------------------

    def sync(self, name: str) -> None:
        """Book capital called since the member last acted; hand out a priced contribution."""
        r = self.records.get(name)
        if r is None:
            return
        if r.seen_bps != self.cumulative_bps:
            if r.active:
                r.called += r.contributed * (self.cumulative_bps - r.seen_bps) // BPS
            r.seen_bps = self.cumulative_bps
        if r.pending and r.pending_epoch != self.epoch:
            pool = self.pools[r.pending_epoch]
            if not pool.refunded:
                shares = self.shares_of(name) - r.shares
                pool.wei -= r.pending
                pool.shares -= shares
                r.shares += shares
            r.pending = 0

    def contribute(self, name: str, amount: int, *, joining: bool = False) -> int:
        """Join or contribute ``amount``; return the shares minted (0 when held)."""
        minted = 0
        if not self.open:
            if self.total_shares == 0:
                minted = amount
            else:
                if self.free == 0:
                    raise Refused("TreasuryEmpty")
                minted = amount * self.total_shares // self.free
                if minted == 0:
                    raise Refused("ZeroContribution")
            if self.total_shares + minted > MAX_SHARES:
                raise Refused("SharesOverflow")
        if joining:
            # admitted (again): a new membership, whose books start at nothing
            self.records[name] = Record(active=True, seen_bps=self.cumulative_bps)
        r = self.records[name]
        self.sync(name)
        self.balance += amount
        r.paid_in += amount
        r.contributed += amount
        if self.open:
            r.pending += amount
            r.pending_epoch = self.epoch
            self.held += amount
        else:
            r.shares += minted
            self.total_shares += minted
        return minted

    def leave(self, name: str) -> tuple[int, int]:
        """Exit or expulsion: return (the share before capital owed, the payout)."""
        self.sync(name)
        r = self.records[name]
        gross = r.shares * self.free // self.total_shares if self.total_shares else 0
        if r.pending:
            gross += r.pending
            self.held -= r.pending
            r.pending = 0
        settled = min(self.owed(name), gross)
        r.capital_paid += settled
        r.active = False
        self.total_shares -= r.shares
        r.shares = 0
        return gross, gross - settled

    def check_expel(self) -> None:
        if self.open:
            raise Refused("ClaimsPending")

    def pay_capital(self, name: str, amount: int) -> None:
        self.sync(name)
        r = self.records[name]
        self.balance += amount
        r.paid_in += amount
        r.capital_paid += amount

    def withdraw(self, name: str) -> int:
        self.sync(name)
        amount = self.credits.pop(name, 0)
        if amount == 0:
            raise Refused("NoCredit")
        self.balance -= amount
        return amount

    # ---- the DAO's acts -----------------------------------------------------------------------

    def call_capital(self, bps: int) -> None:
        headroom = max(0, CAP_BPS - BPS - self.cumulative_bps)
        if bps == 0 or bps > headroom:
            raise Refused("CapitalCallExceedsCap")
        self.cumulative_bps += bps

    def pay(self, amount: int) -> None:
        if amount > self.free:
            raise Refused("TreasuryInsufficient")
        self.balance -= amount

    def file_claim(self, amount: int, now: int) -> OpenClaim:
        claim = OpenClaim(self.claim_count, amount, bond_for(amount))
        self.claim_count += 1
        self.open[claim.claim_id] = claim
        self.bonds += claim.bond
        self.latest_filed_at = self.last_claim_event_at = now
        return claim

    def decide(self, claim_id: int, settle: bool, now: int) -> tuple[int, int]:
        """Settle or reject a claim; return what it paid and what the claimant is credited
        (the bond back included)."""
        claim = self.open.pop(claim_id)
        self.last_claim_event_at = now
        self.bonds -= claim.bond
        if not settle:
            # a rejected claim's bond reaches the treasury before the claim closes, so held
            # money is priced with it in
            self.balance += claim.bond
        paid = min(claim.amount, self.free) if settle else 0
        self.outstanding += claim.amount - paid if settle else 0
        self._credit(CLAIMANT, paid)
        if not self.open:
            self.closed_at[self.epoch] = now
            self._price_held()
        if settle:
            self.balance += claim.bond
            self._credit(CLAIMANT, claim.bond)
        return paid, paid + claim.bond if settle else 0

    def hold_error(self, proposal: HeldProposal, state: str) -> str | None:
        """Why ``holdForClaims`` refuses a proposal in ``state`` (None: it holds it)."""
        if state not in ("Active", "Grace"):
            return "ProposalNotInGrace"
        if not self.open:
            return "NoOpenClaims"
        return "AlreadyHeld" if proposal.epoch is not None else None

    def _price_held(self) -> None:
        """The epoch's last claim was decided: price what it held, in one batch, at the free
        treasury now; check the price takes nothing from anyone and gives nothing away."""
        epoch, held = self.epoch, self.held
        self.epoch += 1
        if held == 0:
            return
        holders = [n for n, r in self.records.items() if r.pending and r.pending_epoch == epoch]
        before = self.free  # the held money is still kept apart here
        self.held = 0
        if self.total_shares == 0:
            shares = held
        else:
            shares = held * self.total_shares // before if before else 0
        refunded = shares == 0 or self.total_shares + shares > MAX_SHARES
        if refunded:
            for name in holders:
                self._credit(name, self.records[name].pending)
                self.records[name].credited += self.records[name].pending
            self.pools[epoch] = Pool(held, 0, True)
            return
        others = self.total_shares
        self.total_shares += shares
        after = self.free
        self.pools[epoch] = Pool(held, shares, False)
        if others:
            # the held money buys its own value, to the rounding of one share's price
            price = before // others + 2
            assert held - price <= shares * after // self.total_shares <= held
            assert before <= others * after // self.total_shares <= before + price

    # ---- amendment ------------------------------------------------------------------------------

    def migrate(self) -> tuple[Model, list[Record]]:
        """The successor's books: everything carries; former members' records stay behind."""
        for name in self.active:
            self.sync(name)
        assert all(p.refunded or (p.wei, p.shares) == (0, 0) for p in self.pools.values())
        staying = {n: r for n, r in self.records.items() if r.active}
        for r in staying.values():
            r.pending_epoch = 0
        carried = {i: OpenClaim(i, c.amount, c.bond) for i, c in enumerate(self.open.values())}
        successor = Model(
            records=staying,
            balance=self.balance,
            bonds=self.bonds,
            credits=dict(self.credits),
            held=self.held,
            total_shares=self.total_shares,
            open=carried,
            claim_count=len(carried),
            latest_filed_at=self.latest_filed_at,
            last_claim_event_at=self.last_claim_event_at,
            outstanding=self.outstanding,
            cumulative_bps=self.cumulative_bps,
        )
        return successor, [r for n, r in self.records.items() if n not in staying]


class LiabilityMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        w = world()
        w.session.revert(w.start)
        self.session = w.session
        self.artifacts = w.artifacts
        self.dao = w.dao
        self.model = Model()
        self.archive: list[Record] = []
        self.records_of: dict[str, list[Record]] = {}
        self.migrations = 0
        self.spare: DAO | None = None
        for name, amount in FOUNDERS.items():
            self.model.contribute(name, amount, joining=True)
            self.records_of[name] = [self.model.records[name]]

    # ---- plumbing -------------------------------------------------------------------------

    def _pick(self, names: list[str], index: int) -> str:
        return names[index % len(names)]

    def _vote_and_wait(
        self, actions: list[Action], description: str, against=(), *, grace: bool = True
    ) -> int:
        voters = self.model.active
        pid = self.dao.propose(voters[0], actions, description)
        for voter in voters:
            self.dao.vote(voter, pid, "against" if voter in against else "for")
        self.session.advance(int(self.dao.spec.voting_period))
        if grace:
            self.session.advance(int(self.dao.spec.grace_period))
        return pid

    def _expire(self, pid: int) -> None:
        """Let a proposal that could not execute run out of its execution window, so those who
        voted For it may leave again."""
        self.session.advance(int(self.dao.spec.execution_window))
        assert self.dao.state(pid) == "Expired"
        # an expired proposal never comes back, claim or no claim
        assert refusal(self.dao.hold_for_claims, pid, by=EXECUTOR).error == "ProposalNotInGrace"
        assert self.dao.state(pid) == "Expired"

    def _leave(self, name: str, how, *, credited: bool) -> None:
        """Exit or expel ``name``; check the payout against the share just before it."""
        share = int(self.dao.contract.call("shareValue", self.session.address(name)))
        assert share == self.model.value_of(name)
        record = self.model.records[name]
        cash = self.session.balance(name)
        gross, payout = self.model.leave(name)
        assert gross == share
        assert how() == payout
        if credited:
            self.model._credit(name, payout)
            record.credited += payout
            assert self.session.balance(name) == cash
        else:
            self.model.balance -= payout
            record.taken_out += payout
            assert self.session.balance(name) - cash == payout

    def _buy(self, name: str, amount: int, pay, *, joining: bool) -> bool:
        """Join or contribute; the model says whether it is priced, held or refused. A priced
        contribution buys its own value and leaves the others' shares theirs (to the rounding
        of one share's price); a held one is worth exactly what was paid."""
        model = self.model
        before = {n: model.value_of(n) for n in model.active}
        price = model.free // max(1, model.total_shares) + 2
        held = bool(model.open)
        try:
            minted = model.contribute(name, amount, joining=joining)
        except Refused as refused:
            assert refusal(pay).error == refused.error
            return False
        cash = self.session.balance(name)
        entry = pay()
        assert cash - self.session.balance(name) == amount
        event = "MemberJoined" if joining else "ContributionMade"
        assert [int(e.args["shares"]) for e in entry.events if e.name == event] == [minted]
        assert any(e.name == "ContributionHeld" for e in entry.events) == held
        after = {n: model.value_of(n) for n in model.active}
        gained = after[name] - before.get(name, 0)
        if held:
            assert gained == amount
            # Acting first hands out the member's own contribution held in an earlier epoch
            # (``sync``): that pool's other holders are then valued on smaller totals, which
            # the floor division can round one wei either way; value does not move.
            assert all(abs(after[n] - v) <= 1 for n, v in before.items() if n != name)
            assert abs(sum(after.values()) - sum(before.values()) - amount) <= len(before)
        else:
            assert amount - price <= gained <= amount
            others_before = sum(v for n, v in before.items() if n != name)
            others_after = sum(v for n, v in after.items() if n != name)
            assert abs(others_after - others_before) <= price + len(before)
        return True

    def _now(self) -> int:
        return self.session.now()

    def _decide_claims(self, decisions: dict[int, bool]) -> None:
        """Vote the decisions through as claims-only proposals and execute them; check what each
        claimant is credited."""
        ids = sorted(decisions)
        for start in range(0, len(ids), MAX_ACTIONS):
            batch = ids[start : start + MAX_ACTIONS]
            actions = [
                Action.settle_claim(i) if decisions[i] else Action.reject_claim(i) for i in batch
            ]
            pid = self._vote_and_wait(actions, "decide claims", grace=False)
            # a proposal that only decides claims is never held (claims cannot freeze answers)
            assert self.dao.state(pid) == "Grace"
            assert refusal(self.dao.hold_for_claims, pid, by=CLAIMANT).error == "ProposalNotInGrace"
            self.session.advance(int(self.dao.spec.grace_period))
            credit = self.dao.credit_of(CLAIMANT)
            self.dao.execute(pid, by=EXECUTOR)
            now, credited = self._now(), 0
            for claim_id in batch:
                paid, credit_now = self.model.decide(claim_id, decisions[claim_id], now)
                credited += credit_now
                record = self.dao.claims_module.call("claim", claim_id)
                status = SETTLED if decisions[claim_id] else REJECTED
                assert (int(record[1]), int(record[5])) == (status, paid)
            assert self.dao.credit_of(CLAIMANT) - credit == credited

    # ---- rules ------------------------------------------------------------------------------

    @precondition(lambda self: len(self.model.active) < len(CANDIDATES) + len(FOUNDERS))
    @rule(pick=picks, amount=amounts)
    def admit(self, pick: int, amount: int) -> None:
        outsiders = [n for n in (*CANDIDATES, *FOUNDERS) if n not in self.model.active]
        candidate = self._pick(outsiders, pick)
        address = self.session.address(candidate)
        pid = self._vote_and_wait(
            [Action.offer_membership(address, Wei(amount), candidate)], f"admit {candidate}"
        )
        self.dao.execute(pid, by=EXECUTOR)
        former = self.model.records.get(candidate)
        if self._buy(candidate, amount, lambda: self.dao.join(candidate), joining=True):
            # a new membership: the former one's books stay with it, its cap still checked
            self.records_of.setdefault(candidate, []).append(self.model.records[candidate])
            if former is not None:
                self.archive.append(former)

    @rule(pick=picks, amount=amounts)
    def contribute(self, pick: int, amount: int) -> None:
        member = self._pick(self.model.active, pick)
        self._buy(member, amount, lambda: self.dao.contribute(member, Wei(amount)), joining=False)

    @rule(
        amount=st.integers(min_value=1, max_value=24).map(lambda n: n * ETH // 2),
        dissent=picks,
        dissenter_leaves=st.sampled_from([None, "before", "after"]),
        claim=st.none() | claim_amounts,
        hold=st.booleans(),
        wait=st.sampled_from(["grace", "past deadline", "past hold"]),
        settle=picks,
    )
    def pay_third_party(
        self,
        amount: int,
        dissent: int,
        dissenter_leaves: str | None,
        claim: int | None,
        hold: bool,
        wait: str,
        settle: int,
    ) -> None:
        """Pay a supplier. A dissenter may leave during grace, before or after a claim filed in
        grace. If a claim is open (filed in grace, or before the vote and still undecided) and
        someone holds the payment, it stays in grace (past its first deadline, if the claims
        linger) until the claim epoch closes, and then for a fresh grace period, in which a
        dissenter may leave at the share the claims no longer cut; a hold lasts at most twice a
        vote on a claim, however long the claims stay open."""
        voters = list(self.model.active)
        against = (
            {v for i, v in enumerate(voters) if dissent >> i & 1} if len(voters) > 1 else set()
        )
        pid = self._vote_and_wait(
            [Action.pay(PAYEE, Wei(amount))], "pay a supplier", against, grace=False
        )
        if len(voters) - len(against) <= len(against):
            assert self.dao.state(pid) == "Defeated"
            return
        assert self.dao.state(pid) == "Grace"
        info = self.dao.proposal(pid)
        spec = self.dao.spec
        grace, window = int(spec.grace_period), int(spec.execution_window)
        hold_span = 2 * (int(spec.voting_delay) + int(spec.voting_period) + grace)
        proposal = HeldProposal(info.vote_start, info.grace_end, info.execute_by)
        assert (info.grace_end, info.execute_by) == (
            info.vote_end + grace,
            info.vote_end + grace + window,
        )
        supporter = next(v for v in voters if v not in against)
        assert refusal(self.dao.exit, supporter).error == "ExitBlockedByOwnVote"
        dissenter = min(against) if dissenter_leaves and against and len(voters) > 2 else None
        holder = dissenter or EXECUTOR
        if not self.model.open:
            # no claim open: nothing to hold it for
            assert self.model.hold_error(proposal, "Grace") == "NoOpenClaims"
            assert refusal(self.dao.hold_for_claims, pid, by=holder).error == "NoOpenClaims"
        if dissenter and dissenter_leaves == "before":
            self._leave(dissenter, lambda: self.dao.exit(dissenter), credited=False)
            dissenter = None
        if claim is not None:
            self._file(claim)
        if hold and self.model.open:
            # a claim is open, filed in grace or before the vote (a sham claim filed early
            # cuts a dissenter's exit as much as a late one): the payment may be held
            assert self.model.hold_error(proposal, "Grace") is None
            entry = self.dao.hold_for_claims(pid, by=holder)
            held = [
                int(e.args["claimEpoch"]) for e in entry.events if e.name == "ProposalHeldForClaims"
            ]
            assert held == [self.model.epoch]
            proposal.epoch, proposal.until = self.model.epoch, self._now() + hold_span
            # once only
            assert self.model.hold_error(proposal, "Grace") == "AlreadyHeld"
            assert refusal(self.dao.hold_for_claims, pid, by=EXECUTOR).error == "AlreadyHeld"
            # held, with no end yet, past its grace window and, lingering, its first deadline;
            # or past the hold's limit, while the claims are still open
            if wait == "past hold":
                self.session.advance(proposal.until - self._now() + grace)
            else:
                self.session.advance(grace + (window if wait == "past deadline" else 0))
            assert self._check_windows(pid, proposal) in ("Grace", "Succeeded")
            if self.dao.state(pid) == "Grace":
                assert refusal(self.dao.execute, pid, by=EXECUTOR).error == "ProposalNotExecutable"
                assert refusal(self.dao.exit, supporter).error == "ExitBlockedByOwnVote"
            self._decide_claims({i: bool(settle >> i & 1) for i in self.model.open})
            # the epoch closed at the last decision: a fresh grace period from then (or from the
            # hold's limit, if that came first)
            assert self.model.closed_at[proposal.epoch] == self._now()
            state = self._check_windows(pid, proposal)
            assert refusal(self.dao.exit, supporter).error == "ExitBlockedByOwnVote"
            # no second hold: past grace, or no claim is open
            error = self.model.hold_error(proposal, state)
            assert error in ("ProposalNotInGrace", "NoOpenClaims")
            assert refusal(self.dao.hold_for_claims, pid, by=holder).error == error
        if dissenter:
            self._leave(dissenter, lambda: self.dao.exit(dissenter), credited=False)
        grace_end, _, _ = proposal.windows(self.model, self._now(), grace, window)
        if grace_end > self._now():
            self.session.advance(grace_end - self._now())
        assert self._check_windows(pid, proposal) == "Succeeded"
        cash = self.session.balance(PAYEE)
        try:
            self.model.pay(amount)
        except Refused as refused:
            assert refusal(self.dao.execute, pid, by=EXECUTOR).error == refused.error
            self._expire(pid)
            return
        self.dao.execute(pid, by=EXECUTOR)
        assert self.session.balance(PAYEE) - cash == amount
        # an executed proposal is never held again
        assert refusal(self.dao.hold_for_claims, pid, by=holder).error == "ProposalNotInGrace"

    def _check_windows(self, pid: int, proposal: HeldProposal) -> str:
        """The proposal's windows and state are the model's; return the state."""
        now, spec = self._now(), self.dao.spec
        windows = proposal.windows(
            self.model, now, int(spec.grace_period), int(spec.execution_window)
        )
        assert tuple(self.dao.governor.call("windows", pid)) == windows
        grace_end, execute_by, held = windows
        state = (
            "Grace" if held or now < grace_end else "Succeeded" if now < execute_by else "Expired"
        )
        assert self.dao.state(pid) == state
        return state

    def _file(self, amount: int) -> None:
        bond = self.dao.claim_bond(Wei(amount))
        assert bond == bond_for(amount)
        cash = self.session.balance(CLAIMANT)
        claim_id = self.dao.file_claim(CLAIMANT, Wei(amount), "a claim against the DAO")
        claim = self.model.file_claim(amount, self._now())
        assert claim_id == claim.claim_id
        assert cash - self.session.balance(CLAIMANT) == bond

    @rule(amount=claim_amounts)
    def file_claim(self, amount: int) -> None:
        self._file(amount)

    @precondition(lambda self: self.model.open)
    @rule(pick=picks, settle=st.booleans())
    def resolve_claim(self, pick: int, settle: bool) -> None:
        self._decide_claims({self._pick(sorted(self.model.open), pick): settle})

    @precondition(lambda self: len(self.model.open) >= 2)
    @rule(settle=picks)
    def resolve_every_claim(self, settle: int) -> None:
        """Decide every open claim at once: the epoch ends and what it held is priced."""
        self._decide_claims({i: bool(settle >> i & 1) for i in self.model.open})

    @precondition(lambda self: len(self.model.active) >= 2)
    @rule(pick=picks)
    def exit(self, pick: int) -> None:
        member = self._pick(self.model.active, pick)
        self._leave(member, lambda: self.dao.exit(member), credited=False)

    @precondition(lambda self: len(self.model.active) >= 3)
    @rule(pick=picks, decide_first=st.none() | picks)
    def expel(self, pick: int, decide_first: int | None) -> None:
        """Expel a member, crediting their share; not while a claim is undecided (its
        reservation would cut the share), so perhaps decide the open claims first."""
        if self.model.open and decide_first is not None:
            self._decide_claims({i: bool(decide_first >> i & 1) for i in self.model.open})
        member = self._pick(self.model.active, pick)
        pid = self._vote_and_wait(
            [Action.expel(self.session.address(member), member)],
            f"expel {member}",
            against={member},
        )
        try:
            self.model.check_expel()
        except Refused as refused:
            assert (
                inner_error(self.dao, refusal(self.dao.execute, pid, by=EXECUTOR)) == refused.error
            )
            self._expire(pid)
            return

        def expel() -> int:
            entry = self.dao.execute(pid, by=EXECUTOR)
            return next(int(e.args["payout"]) for e in entry.events if e.name == "MemberExpelled")

        self._leave(member, expel, credited=True)

    @rule(bps=st.sampled_from([500, 1_000, 2_500, 5_000, 10_000, 10_001]), leaver=st.none() | picks)
    def call_capital(self, bps: int, leaver: int | None) -> None:
        """Call capital; then, perhaps, one member leaves at once, owing their part of it."""
        pid = self._vote_and_wait([Action.call_capital(bps)], f"call {bps} bps")
        try:
            self.model.call_capital(bps)
        except Refused as refused:
            assert (
                inner_error(self.dao, refusal(self.dao.execute, pid, by=EXECUTOR)) == refused.error
            )
            self._expire(pid)
            return
        self.dao.execute(pid, by=EXECUTOR)
        if leaver is not None and len(self.model.active) >= 2:
            member = self._pick(self.model.active, leaver)
            self._leave(member, lambda: self.dao.exit(member), credited=False)

    @precondition(lambda self: any(self.model.owed(m) for m in self.model.active))
    @rule(pick=picks, half=st.booleans())
    def pay_capital_call(self, pick: int, half: bool) -> None:
        member = self._pick([m for m in self.model.active if self.model.owed(m)], pick)
        owed = self.model.owed(member)
        called, paid = self.dao.contract.call("capitalOf", self.session.address(member))
        assert int(called) - int(paid) == owed
        amount = max(1, owed // 2) if half else owed
        cash = self.session.balance(member)
        self.dao.pay_capital_call(member, Wei(amount))
        self.model.pay_capital(member, amount)
        assert cash - self.session.balance(member) == amount

    @precondition(lambda self: any(self.model.credits.values()))
    @rule(pick=picks)
    def withdraw(self, pick: int) -> None:
        """Withdraw a credit: a claimant's settlement and bond, an expelled member's share, a
        held contribution handed back."""
        who = self._pick(sorted(n for n, a in self.model.credits.items() if a), pick)
        assert self.dao.credit_of(who) == self.model.credits[who]
        cash = self.session.balance(who)
        amount = self.model.withdraw(who)
        assert self.dao.withdraw(who) == amount
        assert self.session.balance(who) - cash == amount
        for record in self.records_of.get(who, []):
            part = min(record.credited, amount)
            record.credited -= part
            record.taken_out += part
            amount -= part
        # nothing left: a readable refusal
        nothing = refusal(self.dao.withdraw, who)
        assert (nothing.error, nothing.details["account"]) == (
            "NoCredit",
            self.session.address(who),
        )

    @precondition(lambda self: len(self.model.active) >= 2)
    @rule(pick=picks, abstain=st.booleans())
    def amendment_without_consent(self, pick: int, abstain: bool) -> None:
        successor = self._successor()
        voters = self.model.active
        holdout = self._pick(voters, pick)
        proposer = next(v for v in voters if v != holdout)
        pid = self.dao.propose_amendment(proposer, successor, "a new charter")
        for voter in voters:
            self.dao.vote(
                voter, pid, ("abstain" if abstain else "against") if voter == holdout else "for"
            )
        self.session.advance(int(self.dao.spec.voting_period))
        assert self.dao.state(pid) == "Defeated"
        assert refusal(self.dao.execute, pid, by=EXECUTOR).error == "ProposalNotExecutable"

    @precondition(lambda self: self.migrations < 2)
    @rule()
    def amendment_with_consent(self) -> None:
        """Migrate: the treasury, every position, credit and open claim (with its bond) move."""
        successor = self._successor()
        voters = self.model.active
        pid = self.dao.propose_amendment(voters[0], successor, "a new charter")
        for voter in voters:
            self.dao.vote(voter, pid, "for")
        self.session.advance(int(self.dao.spec.voting_period) + int(self.dao.spec.grace_period))
        self.dao.execute(pid, by=EXECUTOR)
        old, self.dao, self.spare = self.dao, successor, None
        self.migrations += 1
        self.model, left_behind = self.model.migrate()
        self.archive += left_behind
        assert old.migrated_to == successor.address
        assert self.session.balance(old.address) == 0
        assert self.session.balance(old.claims_module.address) == 0
        assert refusal(old.exit, voters[0]).error == "DAOMigrated"
        assert int(self.dao.contract.call("uncarriedMembers")) == 0

    def _successor(self) -> DAO:
        """A published successor of the current DAO; one a defeated amendment named is still
        unstarted and is proposed again (deploying one is the slow part of a run)."""
        if self.spare is None:
            name = f"Steppe Makers {len(self.session.address_book.contracts()) + 1}"
            self.spare = deploy_successor(self.dao, self.artifacts, name=name)
        return self.spare

    # ---- invariants ---------------------------------------------------------------------------

    @invariant()
    def books_agree_with_the_chain(self) -> None:
        """One read of the chain per step (calls are the slow part), then every check on it."""
        dao, session, model = self.dao, self.session, self.model
        call = dao.contract.call
        assert session.balance(dao.address) == model.balance
        assert session.balance(dao.claims_module.address) == model.bonds
        assert int(call("totalCredited")) == model.credited
        assert int(call("heldContributions")) == model.held
        assert (int(call("openClaims")), int(call("openClaimCount"))) == (
            model.open_total,
            len(model.open),
        )
        assert int(call("reservedForClaims")) == model.reserved
        assert int(call("freeTreasury")) == model.free
        assert int(call("totalShares")) == model.total_shares
        assert int(call("outstandingLiability")) == model.outstanding
        assert int(call("cumulativeCallBps")) == model.cumulative_bps
        listed = [session.name_of(a) for a in call("memberList")]
        assert sorted(listed) == sorted(model.records)
        for name in listed:
            r = model.records[name]
            m = call("memberOf", session.address(name))
            assert (bool(m[ACTIVE]), int(m[SHARES]), int(m[CONTRIBUTED])) == (
                r.active,
                r.shares,
                r.contributed,
            )
            assert (int(m[CALLED]), int(m[CAPITAL_PAID]), int(m[PENDING])) == (
                r.called,
                r.capital_paid,
                r.pending,
            )
            assert not r.pending or int(m[PENDING_EPOCH]) == r.pending_epoch
        for name in set(model.credits) | {CLAIMANT}:
            assert dao.credit_of(name) == model.credits.get(name, 0)
        # the treasury is the members' shares plus the reserve, the credits and the held money
        values = {n: model.value_of(n) for n in model.active}
        shares = sum(model.shares_of(n) for n in model.active)
        assert shares <= model.total_shares
        assert model.balance == model.free + model.reserved + model.credited + model.held
        shared = sum(values.values()) - model.held
        if model.total_shares:
            unheld = (model.total_shares - shares) * model.free // model.total_shares
            assert 0 <= model.free - shared < max(1, len(values)) + unheld + 1
        # nobody, current or former member, has lost more than their cap, counted in cash;
        # the contract's liabilityOf says the same (it counts credits as paid back)
        for name, r in model.records.items():
            value = values.get(name, 0)
            assert r.paid_in <= r.cap
            assert r.paid_in - r.taken_out - value <= r.cap
            contributed, lost, cap, remaining = call("liabilityOf", session.address(name))
            expected = max(0, r.paid_in - r.taken_out - r.credited - value)
            assert (int(lost), int(cap), int(remaining)) == (expected, r.cap, r.cap - expected)
            assert int(contributed) == r.contributed + r.capital_paid
        for r in self.archive:
            assert r.paid_in - r.taken_out <= r.cap


LiabilityMachine.TestCase.settings = settings(
    max_examples=100 if THOROUGH else 25,
    stateful_step_count=40 if THOROUGH else 15,
)
TestLiabilityMachine = LiabilityMachine.TestCase
