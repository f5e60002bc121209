"""A stateful property test of the liability cap and exit (DC 20.8, 20.9, 9.6).

Hypothesis drives one DAO (charter: cap 2x, expulsion allowed) through random sequences of
admissions, contributions, payments to third parties (with dissenters leaving during grace),
claims filed, settled and rejected, exits, expulsions, capital calls and their payment, and
amendments (refused without consent, migrating with it). The test keeps its own books of every
member's money in and out, so the checks after each step do not rest on the contract's view:

- nobody, current or former member, has lost more than their cap, counting cash only;
- the contract's ``liabilityOf`` says the same as those books;
- the treasury is the members' shares plus the reserved claims, to less than a wei a member;
- an exit or expulsion pays exactly the share just before it, less a capital call still owed;
- claims reserve and pay what the model says; shortfalls become outstanding liability.

Steps per run: 15 with the default hypothesis profile, 40 with ``HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from dao_sim.governance import DAO, Action
from tests.participation.helpers import ETH, deploy_successor, inner_error, refusal

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
CAP_BPS = 20_000
BPS = 10_000
FOUNDERS = {"Aigerim": 10 * ETH, "Bolat": 6 * ETH, "Dana": 4 * ETH}
CANDIDATES = ("Kairat", "Nurlan", "Saule", "Timur")
PAYEE, CLAIMANT, EXECUTOR = "Erlan", "Gulnara", "Zhanna"

amounts = st.integers(min_value=1, max_value=8).map(lambda n: n * ETH // 2)
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
        from tests.conftest import deploy_arbitrator

        artifacts = compile_project()
        session = ChainSession()
        deploy_arbitrator(session, artifacts)
        spec = DAOSpec(
            name="Steppe Makers",
            members={n: v for n, v in FOUNDERS.items()},
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
class Books:
    """The test's own record of one person's money, across every DAO they were a member of."""

    paid_in: int = 0
    taken_out: int = 0
    contributed: int = 0
    called: int = 0
    capital_paid: int = 0

    @property
    def owed(self) -> int:
        return self.called - self.capital_paid


@dataclass
class ModelClaim:
    claim_id: int
    amount: int
    reserved: int
    status: str = "Filed"


@dataclass
class Ledger:
    """The books of the current DAO; ``archive`` keeps those of people a migration left behind."""

    books: dict[str, Books] = field(default_factory=lambda: defaultdict(Books))
    archive: list[Books] = field(default_factory=list)
    active: list[str] = field(default_factory=list)
    claims: list[ModelClaim] = field(default_factory=list)
    outstanding: int = 0

    @property
    def reserved(self) -> int:
        return sum(c.reserved for c in self.claims if c.status == "Filed")


@dataclass(frozen=True)
class Stake:
    """A member's shares and the treasury they are a claim on, read from the chain."""

    shares: int
    total_shares: int
    free: int

    @property
    def value(self) -> int:
        """The pro-rata share of the free treasury, computed here, not asked of the contract."""
        return self.shares * self.free // self.total_shares if self.total_shares else 0


class LiabilityMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        w = world()
        w.session.revert(w.start)
        self.session = w.session
        self.artifacts = w.artifacts
        self.dao = w.dao
        self.ledger = Ledger()
        self.migrations = 0
        for name, amount in FOUNDERS.items():
            self._credit(name, amount)
            self.ledger.active.append(name)

    # ---- the model ----------------------------------------------------------------------

    def _credit(self, name: str, amount: int) -> None:
        books = self.ledger.books[name]
        books.paid_in += amount
        books.contributed += amount

    def _pick(self, names: list[str], index: int) -> str:
        return names[index % len(names)]

    def _free(self) -> int:
        return max(0, self.session.balance(self.dao.address) - self.ledger.reserved)

    def _stake(self, name: str) -> Stake:
        record = self.dao.contract.call("memberOf", self.session.address(name))
        return Stake(int(record[4]), int(self.dao.contract.call("totalShares")), self._free())

    def _vote_and_wait(
        self, actions: list[Action], description: str, against=(), *, grace: bool = True
    ) -> int:
        voters = self.ledger.active
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

    def _leave(self, name: str, how) -> int:
        """Exit or expel ``name``; check the payout against the share just before it."""
        share = self._stake(name).value
        books = self.ledger.books[name]
        cash = self.session.balance(name)
        payout = how()
        settled = min(books.owed, share)
        assert payout == share - settled
        assert payout <= share
        assert self.session.balance(name) - cash == payout
        books.taken_out += payout
        books.capital_paid += settled
        self.ledger.active.remove(name)
        return payout

    def _buy(self, name: str, amount: int, pay) -> None:
        """Join or contribute; check the price: the newcomer's money buys its own value and the
        others' shares keep theirs (to the rounding of one share's price)."""
        before = self._stake(name)
        pay()
        self._credit(name, amount)
        after = self._stake(name)
        others_before = (
            (before.total_shares - before.shares) * before.free // max(1, before.total_shares)
        )
        others_after = (before.total_shares - before.shares) * after.free // after.total_shares
        if before.free == 0 and before.total_shares != 0:
            return  # priced 1:1 against shares worth nothing while claims hold the whole treasury
        tolerance = before.free // max(1, before.total_shares) + 2
        assert amount - tolerance <= after.value - before.value <= amount
        assert abs(others_after - others_before) <= tolerance + len(self.ledger.active)

    # ---- rules ------------------------------------------------------------------------------

    @precondition(lambda self: len(self.ledger.active) < len(CANDIDATES) + len(FOUNDERS))
    @rule(pick=picks, amount=amounts)
    def admit(self, pick: int, amount: int) -> None:
        outsiders = [n for n in (*CANDIDATES, *FOUNDERS) if n not in self.ledger.active]
        candidate = self._pick(outsiders, pick)
        address = self.session.address(candidate)
        pid = self._vote_and_wait(
            [Action.offer_membership(address, amount, candidate)], f"admit {candidate}"
        )
        self.dao.execute(pid, by=EXECUTOR)
        self._buy(candidate, amount, lambda: self.dao.join(candidate))
        self.ledger.active.append(candidate)

    @rule(pick=picks, amount=amounts)
    def contribute(self, pick: int, amount: int) -> None:
        member = self._pick(self.ledger.active, pick)
        self._buy(member, amount, lambda: self.dao.contribute(member, amount))

    @rule(
        amount=st.integers(min_value=1, max_value=24).map(lambda n: n * ETH // 2),
        dissent=picks,
        dissenter_leaves=st.booleans(),
    )
    def pay_third_party(self, amount: int, dissent: int, dissenter_leaves: bool) -> None:
        voters = list(self.ledger.active)
        against = (
            {v for i, v in enumerate(voters) if dissent >> i & 1} if len(voters) > 1 else set()
        )
        pid = self._vote_and_wait(
            [Action.pay(PAYEE, amount)], "pay a supplier", against, grace=False
        )
        if len(voters) - len(against) <= len(against):
            assert self.dao.state(pid) == "Defeated"
            return
        assert self.dao.state(pid) == "Grace"
        supporter = next(v for v in voters if v not in against)
        assert refusal(self.dao.exit, supporter).error == "ExitBlockedByOwnVote"
        if dissenter_leaves and against and len(voters) > 2:
            dissenter = min(against)
            self._leave(dissenter, lambda: self.dao.exit(dissenter))
        self.session.advance(int(self.dao.spec.grace_period))
        cash = self.session.balance(PAYEE)
        if amount <= self._free():
            self.dao.execute(pid, by=EXECUTOR)
            assert self.session.balance(PAYEE) - cash == amount
        else:
            assert refusal(self.dao.execute, pid, by=EXECUTOR).error == "TreasuryInsufficient"
            self._expire(pid)

    @rule(amount=st.integers(min_value=1, max_value=60).map(lambda n: n * ETH // 2))
    def file_claim(self, amount: int) -> None:
        reserve = min(amount, self._free())
        claim_id = self.dao.file_claim(CLAIMANT, amount, "a claim against the DAO")
        assert claim_id == len(self.ledger.claims)
        self.ledger.claims.append(ModelClaim(claim_id, amount, reserve))

    @precondition(lambda self: any(c.status == "Filed" for c in self.ledger.claims))
    @rule(pick=picks, settle=st.booleans())
    def resolve_claim(self, pick: int, settle: bool) -> None:
        claim = self._pick([c for c in self.ledger.claims if c.status == "Filed"], pick)
        action = (
            Action.settle_claim(claim.claim_id) if settle else Action.reject_claim(claim.claim_id)
        )
        pid = self._vote_and_wait([action], "settle" if settle else "reject")
        available = claim.reserved + self._free()
        cash = self.session.balance(CLAIMANT)
        self.dao.execute(pid, by=EXECUTOR)
        paid = min(claim.amount, available) if settle else 0
        assert self.session.balance(CLAIMANT) - cash == paid
        claim.status, claim.reserved = ("Settled" if settle else "Rejected"), 0
        self.ledger.outstanding += claim.amount - paid if settle else 0

    @precondition(lambda self: len(self.ledger.active) >= 2)
    @rule(pick=picks)
    def exit(self, pick: int) -> None:
        member = self._pick(self.ledger.active, pick)
        self._leave(member, lambda: self.dao.exit(member))

    @precondition(lambda self: len(self.ledger.active) >= 3)
    @rule(pick=picks)
    def expel(self, pick: int) -> None:
        member = self._pick(self.ledger.active, pick)
        pid = self._vote_and_wait(
            [Action.expel(self.session.address(member), member)],
            f"expel {member}",
            against={member},
        )

        def expel() -> int:
            entry = self.dao.execute(pid, by=EXECUTOR)
            return next(int(e.args["payout"]) for e in entry.events if e.name == "MemberExpelled")

        self._leave(member, expel)

    @rule(bps=st.sampled_from([500, 1_000, 2_500, 5_000, 10_000, 10_001]), leaver=st.none() | picks)
    def call_capital(self, bps: int, leaver: int | None) -> None:
        """Call capital; then, perhaps, one member leaves at once, owing their part of it."""
        books = self.ledger.books
        wanted = {m: books[m].contributed * bps // BPS for m in self.ledger.active}
        fits = all(
            wanted[m]
            <= books[m].contributed * CAP_BPS // BPS - books[m].contributed - books[m].called
            for m in wanted
        )
        pid = self._vote_and_wait([Action.call_capital(bps)], f"call {bps} bps")
        if fits:
            self.dao.execute(pid, by=EXECUTOR)
            for m, amount in wanted.items():
                books[m].called += amount
            if leaver is not None and len(self.ledger.active) >= 2:
                member = self._pick(self.ledger.active, leaver)
                self._leave(member, lambda: self.dao.exit(member))
        else:
            assert (
                inner_error(self.dao, refusal(self.dao.execute, pid, by=EXECUTOR))
                == "CapitalCallExceedsCap"
            )
            self._expire(pid)

    @precondition(lambda self: any(self.ledger.books[m].owed for m in self.ledger.active))
    @rule(pick=picks, half=st.booleans())
    def pay_capital_call(self, pick: int, half: bool) -> None:
        member = self._pick([m for m in self.ledger.active if self.ledger.books[m].owed], pick)
        books = self.ledger.books[member]
        amount = max(1, books.owed // 2) if half else books.owed
        cash = self.session.balance(member)
        self.dao.pay_capital_call(member, amount)
        assert cash - self.session.balance(member) == amount
        books.paid_in += amount
        books.capital_paid += amount

    @precondition(lambda self: len(self.ledger.active) >= 2)
    @rule(pick=picks, abstain=st.booleans())
    def amendment_without_consent(self, pick: int, abstain: bool) -> None:
        successor = self._successor()
        voters = self.ledger.active
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
        successor = self._successor()
        voters = self.ledger.active
        pid = self.dao.propose_amendment(voters[0], successor, "a new charter")
        for voter in voters:
            self.dao.vote(voter, pid, "for")
        self.session.advance(int(self.dao.spec.voting_period) + int(self.dao.spec.grace_period))
        if self.ledger.reserved:
            assert refusal(self.dao.execute, pid, by=EXECUTOR).error == "ClaimsPending"
            self._expire(pid)
            return
        stakes = {name: self._stake(name).shares for name in voters}
        balance = self.session.balance(self.dao.address)
        self.dao.execute(pid, by=EXECUTOR)
        old, self.dao = self.dao, successor
        self.migrations += 1
        assert old.migrated_to == successor.address
        assert self.session.balance(old.address) == 0
        assert self.session.balance(successor.address) == balance
        assert {name: self._stake(name).shares for name in voters} == stakes
        assert refusal(old.exit, voters[0]).error == "DAOMigrated"
        ledger = self.ledger
        ledger.archive += [b for n, b in ledger.books.items() if n not in stakes]
        ledger.books = defaultdict(Books, {n: b for n, b in ledger.books.items() if n in stakes})
        ledger.claims.clear()
        ledger.outstanding = 0  # stays recorded at the old contract: it does not migrate

    def _successor(self) -> DAO:
        name = f"Steppe Makers {len(self.session.address_book.contracts()) + 1}"
        return deploy_successor(self.dao, self.artifacts, name=name)

    # ---- invariants ---------------------------------------------------------------------------

    @invariant()
    def books_agree_with_the_chain(self) -> None:
        """One read of the chain per step (calls are the slow part), then every check on it."""
        dao, session = self.dao, self.session
        balance = session.balance(dao.address)
        reserved = int(dao.contract.call("reservedForClaims"))
        total_shares = int(dao.contract.call("totalShares"))
        assert reserved == self.ledger.reserved
        assert reserved <= balance
        assert int(dao.contract.call("outstandingLiability")) == self.ledger.outstanding
        listed = [session.name_of(a) for a in dao.contract.call("memberList")]
        records = {name: dao.contract.call("memberOf", session.address(name)) for name in listed}
        assert [n for n in listed if records[n][0]] == sorted(self.ledger.active, key=listed.index)
        assert sum(int(records[n][4]) for n in self.ledger.active) == total_shares
        free = balance - reserved
        values = {
            n: Stake(int(records[n][4]), total_shares, free).value for n in self.ledger.active
        }
        # the treasury is the members' shares plus the reserved claims, to the rounding dust
        assert 0 <= free - sum(values.values()) < max(1, len(values))
        # nobody, current or former member, has lost more than their cap, counted in cash
        for name, books in self.ledger.books.items():
            lost = books.paid_in - books.taken_out - values.get(name, 0)
            cap = books.contributed * CAP_BPS // BPS
            assert books.paid_in <= cap
            assert lost <= cap
            _contributed, contract_lost, contract_cap, _remaining = dao.contract.call(
                "liabilityOf", session.address(name)
            )
            assert (contract_lost, contract_cap) == (max(0, lost), cap)
        for books in self.ledger.archive:
            assert books.paid_in - books.taken_out <= books.contributed * CAP_BPS // BPS


LiabilityMachine.TestCase.settings = settings(
    max_examples=100 if THOROUGH else 25,
    stateful_step_count=40 if THOROUGH else 15,
)
TestLiabilityMachine = LiabilityMachine.TestCase
