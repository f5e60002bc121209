"""A deployed DAO, driven by name: ``dao.vote("Bolat", 0, "for")``.

Every method is one transaction from the named person's key (or a read), and every refusal
is the contract's own, decoded into words (:mod:`dao_sim.governance.errors`). The class keeps
no state of its own that the chain does not hold, so what it reports is what the chain says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dao_sim.exceptions import ContractReverted, GovernanceError
from dao_sim.governance.actions import CLAIMS, Action
from dao_sim.governance.errors import PROPOSAL_STATES, explain_revert
from dao_sim.governance.tally import Support
from dao_sim.governance.units import Wei, format_eth, parse_amount
from dao_sim.law import aside

if TYPE_CHECKING:
    from dao_sim.chain.journal import JournalEntry
    from dao_sim.chain.session import ChainSession, ContractHandle
    from dao_sim.compiler import ArtifactSet
    from dao_sim.governance.founders import FoundingList
    from dao_sim.governance.spec import DAOSpec

__all__ = ["DAO", "ClaimInfo", "DecisionInfo", "Liability", "MemberInfo", "ProposalInfo", "Treasury"]

_CLAIM_STATUS = ("None", "Filed", "Settled", "Rejected", "Carried")
_REVIEW_STATUS = ("None", "Requested", "Confirmed", "Reversed")


@dataclass(frozen=True)
class MemberInfo:
    """A member as the chain records them; amounts in wei."""

    name: str
    address: str
    active: bool
    suspended: bool
    shares: int
    contributed: int
    share_value: int
    joined_at: int


@dataclass(frozen=True)
class ProposalInfo:
    """A proposal's record and current state."""

    id: int
    proposer: str
    kind: str
    state: str
    vote_start: int
    vote_end: int
    grace_end: int
    execute_by: int
    for_votes: int
    against_votes: int
    abstain_votes: int
    actions: tuple[tuple[str, int, bytes], ...]


@dataclass(frozen=True)
class Treasury:
    """The DAO's money: all of it, what is reserved for claims, what may be spent or shared."""

    balance: int
    reserved_for_claims: int
    free: int
    outstanding_liability: int


@dataclass(frozen=True)
class ClaimInfo:
    """A claim against the DAO (liability-cap)."""

    id: int
    claimant: str
    status: str
    amount: int
    bond: int
    paid: int


@dataclass(frozen=True)
class Liability:
    """A member's exposure under their liability cap (liability-cap), in wei."""

    member: str
    contributed: int
    lost: int
    cap: int
    remaining: int


@dataclass(frozen=True)
class DecisionInfo:
    """An automated decision (automated-decisions-listed) with its inputs and its review."""

    id: int
    subject: str
    rule: str
    due_since: int
    decided_at: int
    review: str
    explanation: str


class DAO:
    """A DAO deployed on a chain session: its core and the modules the core created.

    Parameters
    ----------
    session : ChainSession
        The chain it lives on (names resolve through it).
    contract : ContractHandle
        The deployed ``DAO`` core (treasury and members' positions).
    spec : DAOSpec
        The rules it was deployed with.
    charter : str
        The charter text whose keccak hash the contract stores.
    arbitrator : ContractHandle
        The charter's ERC-792 arbitrator, seen through the standard interface.
    artifacts : ArtifactSet, optional
        The compiled contracts, for the modules' interfaces (compiled or read from the cache
        when omitted).
    founding : FoundingList, optional
        The founding list whose Merkle root the core stores (founders join with its proofs).
    founded_at : int, optional
        Timestamp of the block that created the core (a sandbox's term counts from it); read
        from the session's journal when omitted.

    Attributes
    ----------
    governor, claims_module, dispute_clause : ContractHandle
        The modules: proposals and votes; claims; the human dispute procedure.
    automated_decisions : ContractHandle or None
        The dues module, present only when the charter has dues.
    artifacts : ArtifactSet
        The build the DAO was deployed from (what its published rules are made of).
    """

    def __init__(self, session: ChainSession, contract: ContractHandle, spec: DAOSpec, charter: str,
                 arbitrator: ContractHandle, artifacts: ArtifactSet | None = None,
                 founding: FoundingList | None = None, founded_at: int | None = None) -> None:
        from dao_sim.compiler import compile_project

        artifacts = artifacts or compile_project()
        self.session = session
        self.contract = contract
        self.arbitrator = arbitrator
        self.spec = spec
        self.charter = charter
        self.founding = founding
        self.artifacts = artifacts
        self.founded_at = founded_at
        label = contract.label

        def attach(name: str, address: str, what: str) -> ContractHandle:
            return session.at(artifacts[name], address, label=f"{label} {what}")

        self.governor = attach("Governor", contract.call("governor"), "governor")
        self.claims_module = attach("Claims", contract.call("claims"), "claims")
        self.dispute_clause = attach("DisputeClause", contract.call("disputeClause"), "dispute clause")
        dues = contract.call("automatedDecisions")
        self.automated_decisions: ContractHandle | None = (
            None if int(dues, 16) == 0 else attach("AutomatedDecisions", dues, "automated decisions"))

    # ---- plumbing -----------------------------------------------------------------------

    @property
    def address(self) -> str:
        """The DAO core's address (its treasury)."""
        return self.contract.address

    @property
    def addresses(self) -> tuple[str, ...]:
        """The core's and every module's address: everything that is this DAO on the chain."""
        handles = (self.contract, self.governor, self.claims_module, self.dispute_clause,
                   self.automated_decisions)
        return tuple(h.address for h in handles if h is not None)

    @property
    def name(self) -> str:
        """The DAO's name from its spec."""
        return self.spec.name

    def _transact(self, fn: str, *args: Any, sender: str, value: int = 0,
                  on: ContractHandle | None = None) -> JournalEntry:
        try:
            return (on or self.contract).transact(fn, *args, sender=sender, value=value)
        except ContractReverted as exc:
            raise explain_revert(exc, self.session.name_of, format_eth) from exc

    def _call(self, fn: str, *args: Any, on: ContractHandle | None = None) -> Any:
        try:
            return (on or self.contract).call(fn, *args)
        except ContractReverted as exc:
            raise explain_revert(exc, self.session.name_of, format_eth) from exc

    def _sandbox(self, act: str, who: str) -> None:
        """Refuse ``act`` if the charter's sandbox does not allow it (dao_sim.governance.sandbox)."""
        if self.spec.sandbox is not None:
            from dao_sim.governance.sandbox import check_act

            check_act(self, act, who)

    def _dues(self) -> ContractHandle:
        if self.automated_decisions is None:
            raise GovernanceError(f"{self.name}'s charter has no dues, so it takes no automated decisions")
        return self.automated_decisions

    def _resolve(self, who: str) -> str:
        if who == "DAO":
            return self.address
        if who == CLAIMS:
            return self.claims_module.address
        return self.session.address(who)

    @staticmethod
    def _event_arg(entry: JournalEntry, event: str, arg: str) -> Any:
        for decoded in entry.events:
            if decoded.name == event:
                return decoded.args[arg]
        raise GovernanceError(f"transaction {entry.tx_hash} emitted no {event} event")

    # ---- governance ---------------------------------------------------------------------

    def propose(self, proposer: str, actions: Sequence[Action], description: str) -> int:
        """Propose ``actions``; return the new proposal's id.

        Raises
        ------
        DAORefused
            When the proposer is not a voting member or an action is outside the DAO's capacity.
        """
        self._sandbox("propose", proposer)
        encoded = [(self._resolve(a.target), a.value, a.data) for a in actions]
        entry = self._transact("propose", encoded, description, sender=proposer, on=self.governor)
        return int(self._event_arg(entry, "ProposalCreated", "proposalId"))

    def vote(self, voter: str, proposal_id: int, support: Support | str | int) -> JournalEntry:
        """Cast ``voter``'s ballot: ``"for"``, ``"against"`` or ``"abstain"``."""
        return self._transact("vote", proposal_id, int(Support.parse(support)), sender=voter, on=self.governor)

    def execute(self, proposal_id: int, *, by: str | None = None, batch: int = 50) -> JournalEntry:
        """Execute a proposal whose grace window is over; anyone may (default: the proposer).

        An amendment moves the treasury to the successor; its members' positions, credits
        and open claims are then carried over in further transactions of at most ``batch``
        items each (see :meth:`carry_to_successor`), so none grows with the membership.
        """
        executor = by or self.proposal(proposal_id).proposer
        entry = self._transact("execute", proposal_id, sender=executor, on=self.governor)
        if any(e.name == "TreasuryMigrated" for e in entry.events):
            self.carry_to_successor(by=executor, batch=batch)
        return entry

    def state(self, proposal_id: int) -> str:
        """The proposal's state: ``"Active"``, ``"Grace"``, ``"Executed"``..."""
        return PROPOSAL_STATES[int(self._call("state", proposal_id, on=self.governor))]

    def proposal(self, proposal_id: int) -> ProposalInfo:
        """The proposal's record and state."""
        raw = self._call("proposal", proposal_id, on=self.governor)
        p = raw if isinstance(raw, dict) else dict(zip(_PROPOSAL_FIELDS, raw))
        grace_end, execute_by, _held = self._call("windows", proposal_id, on=self.governor)
        actions = tuple((self.session.name_of(a[0]), int(a[1]), bytes(a[2]))
                        for a in self._call("actionsOf", proposal_id, on=self.governor))
        return ProposalInfo(
            id=proposal_id, proposer=self.session.name_of(p["proposer"]),
            kind=("Ordinary", "Amendment")[int(p["kind"])], state=self.state(proposal_id),
            vote_start=int(p["voteStart"]), vote_end=int(p["voteEnd"]), grace_end=int(grace_end),
            execute_by=int(execute_by), for_votes=int(p["forVotes"]),
            against_votes=int(p["againstVotes"]), abstain_votes=int(p["abstainVotes"]), actions=actions,
        )

    def hold_for_claims(self, proposal_id: int, *, by: str) -> JournalEntry:
        """Hold a proposal in its vote or grace window because a claim against the DAO is open.

        It then cannot execute until the claims are decided and a fresh grace period has
        passed, in which members may leave with a share the claims no longer cut (however
        early the claims were filed). Anyone may, once per proposal; never a proposal that
        only decides claims; the hold lasts at most twice a vote on a claim.
        """
        return self._transact("holdForClaims", proposal_id, sender=by, on=self.governor)

    def proposal_count(self) -> int:
        """How many proposals were ever made (ids are 0..count-1)."""
        return int(self._call("proposalCount", on=self.governor))

    def ballot(self, proposal_id: int, voter: str) -> Support | None:
        """``voter``'s ballot on a proposal, or ``None``."""
        cast, support, _weight = self._call("ballotOf", proposal_id, self.session.address(voter), on=self.governor)
        return Support(int(support)) if cast else None

    # ---- members and money ------------------------------------------------------------------

    def member(self, name: str) -> MemberInfo:
        """One member's (or former member's) record."""
        address = self.session.address(name)
        m = self._call("memberOf", address)
        m = m if isinstance(m, dict) else dict(zip(_MEMBER_FIELDS, m))
        return MemberInfo(
            name=self.session.name_of(address), address=address, active=bool(m["active"]),
            suspended=bool(m["suspended"]), shares=int(self._call("sharesOf", address)),
            contributed=int(m["contributed"]),
            share_value=int(self._call("shareValue", address)), joined_at=int(m["joinedAt"]),
        )

    @property
    def members(self) -> list[MemberInfo]:
        """Current members, in order of joining."""
        infos = (self.member(a) for a in self._call("memberList"))
        return [m for m in infos if m.active]

    @property
    def treasury(self) -> Treasury:
        """Balance, reserved claims, free treasury and outstanding liability, in wei."""
        return Treasury(
            balance=self.session.balance(self.address),
            reserved_for_claims=int(self._call("reservedForClaims")),
            free=int(self._call("freeTreasury")),
            outstanding_liability=int(self._call("outstandingLiability")),
        )

    def join(self, candidate: str) -> JournalEntry:
        """Join: as a founder (paying the founding list's contribution, with its Merkle proof) or
        as a candidate a passed proposal admitted (paying the offered amount)."""
        self._sandbox("join", candidate)
        address = self.session.address(candidate)
        offered = int(self._call("membershipOffers", address))
        if offered or self.founding is None or address not in {a for a, _ in self.founding.entries}:
            return self._transact("join", [], sender=candidate, value=offered)
        return self._transact("join", self.founding.proof(address), sender=candidate,
                              value=self.founding.contribution(address))

    def contribute(self, member: str, amount: str | Wei) -> JournalEntry:
        """Add ``amount`` (``"1 ETH"`` or a :class:`Wei`) to ``member``'s contribution (and so to
        their cap)."""
        self._sandbox("contribute", member)
        wei = parse_amount(amount, field="contribute amount", units_required=True)
        return self._transact("contribute", sender=member, value=wei)

    def exit(self, member: str) -> int:
        """``member`` leaves with their share net of reserved claims; returns the payout in wei."""
        entry = self._transact("exit", sender=member)
        return int(self._event_arg(entry, "MemberExited", "payout"))

    def claim_bond(self, amount: str | Wei) -> int:
        """The bond a claim of ``amount`` (``"1 ETH"`` or a :class:`Wei`) costs its filer (returned
        if the claim is recognised)."""
        wei = parse_amount(amount, field="claim_bond amount", units_required=True)
        return int(self._call("bondFor", wei, on=self.claims_module))

    def file_claim(self, claimant: str, amount: str | Wei, description: str) -> int:
        """A third party files a claim of ``amount`` (``"1 ETH"`` or a :class:`Wei`) against the
        DAO, paying its bond; returns the claim id."""
        wei = parse_amount(amount, field="file_claim amount", units_required=True)
        bond = self.claim_bond(Wei(wei))
        entry = self._transact("fileClaim", wei, description, sender=claimant, value=bond, on=self.claims_module)
        return int(self._event_arg(entry, "ClaimFiled", "claimId"))

    def withdraw(self, who: str) -> int:
        """``who`` withdraws the payments credited to them; returns the amount in wei."""
        entry = self._transact("withdraw", sender=who)
        return int(self._event_arg(entry, "PaymentWithdrawn", "amount"))

    def credit_of(self, who: str) -> int:
        """Payments credited to ``who`` and not yet withdrawn, in wei."""
        return int(self._call("creditDue", self.session.address(who)))

    @property
    def claims(self) -> list[ClaimInfo]:
        """Every claim ever filed."""
        out = []
        for claim_id in range(int(self._call("claimCount", on=self.claims_module))):
            c = self._call("claim", claim_id, on=self.claims_module)
            c = c if isinstance(c, dict) else dict(zip(_CLAIM_FIELDS, c))
            out.append(ClaimInfo(claim_id, self.session.name_of(c["claimant"]), _CLAIM_STATUS[int(c["status"])],
                                 int(c["amount"]), int(c["bond"]), int(c["paid"])))
        return out

    def liability(self, member: str) -> Liability:
        """What ``member`` put in, lost so far, their cap and remaining exposure (liability-cap)."""
        contributed, lost, cap, remaining = self._call("liabilityOf", self.session.address(member))
        return Liability(member, int(contributed), int(lost), int(cap), int(remaining))

    def pay_capital_call(self, member: str, amount: str | Wei | None = None) -> JournalEntry:
        """Pay (part of) a capital call: ``amount`` (``"1 ETH"`` or a :class:`Wei`), by default all
        that is owed."""
        if amount is None:
            called, paid = self._call("capitalOf", self.session.address(member))
            amount = Wei(int(called) - int(paid))
        wei = parse_amount(amount, field="pay_capital_call amount", units_required=True)
        return self._transact("payCapitalCall", sender=member, value=wei)

    def propose_amendment(self, proposer: str, successor: DAO, description: str) -> int:
        """Propose migrating to ``successor`` (deployed with this DAO as predecessor): consent-to-change."""
        self._sandbox("propose_amendment", proposer)
        entry = self._transact("proposeAmendment", successor.address, description, sender=proposer,
                               on=self.governor)
        return int(self._event_arg(entry, "ProposalCreated", "proposalId"))

    def carry_to_successor(self, *, by: str, batch: int = 50) -> list[JournalEntry]:
        """After an amendment executed, carry every position, credit and open claim to the
        successor, ``batch`` at a time; returns the transactions sent."""
        successor_address = self.migrated_to
        if successor_address is None:
            raise GovernanceError(f"{self.name} has not migrated: no amendment has executed")
        successor = self.session.contract(self.session.name_of(successor_address))
        claims = self.session.contract(self.session.name_of(successor.call("claims")))
        members = [a for a in self._call("memberList") if self._call("isMember", a)]
        payees = list(dict.fromkeys(e.args["to"] for e in self.session.journal.events("PaymentCredited")
                                    if e.address == self.address))
        open_claims = [c.id for c in self.claims if c.status == "Filed"]
        sent = []
        for part in chunks(members, batch):
            sent.append(self._transact("carryMembers", part, sender=by, on=successor))
        for part in chunks(payees + members, batch):
            sent.append(self._transact("carryCredits", part, sender=by, on=successor))
        for part in chunks(open_claims, batch):
            sent.append(self._transact("carryClaims", part, sender=by, on=claims))
        return sent

    @property
    def migrated_to(self) -> str | None:
        """The successor's address after an amendment executed, else ``None``."""
        target = self._call("migratedTo")
        return None if int(target, 16) == 0 else target

    # ---- automated decisions (automated-decisions-listed) ---------------------------------

    def pay_dues(self, member: str) -> JournalEntry:
        """Pay one period of dues (lifts a suspension for missed dues)."""
        dues = self._dues()
        return self._transact("payDues", sender=member, value=int(self._call("duesAmount", on=dues)), on=dues)

    def enforce_dues(self, member: str, *, by: str) -> int:
        """Apply the dues rule to ``member`` (anyone may trigger it); return the decision id."""
        entry = self._transact("enforceDues", self.session.address(member), sender=by, on=self._dues())
        return int(self._event_arg(entry, "AutomatedDecisionMade", "decisionId"))

    def request_review(self, member: str, decision_id: int) -> JournalEntry:
        """The affected member asks for human review of an automated decision (automated-decision-rights)."""
        return self._transact("requestReview", decision_id, sender=member, on=self._dues())

    def decide_review(self, reviewer: str, decision_id: int, *, reverse: bool, reasons: str) -> JournalEntry:
        """The named human reviewer confirms or reverses; reasons stay off-chain, their hash on it."""
        from eth_utils import keccak

        return self._transact("decideReview", decision_id, reverse, keccak(text=reasons), sender=reviewer,
                              on=self._dues())

    def decision(self, decision_id: int) -> DecisionInfo:
        """An automated decision's record."""
        dues = self._dues()
        d = self._call("decision", decision_id, on=dues)
        d = d if isinstance(d, dict) else dict(zip(_DECISION_FIELDS, d))
        known = bytes(d["rule"]) == bytes(self._call("RULE_MISSED_DUES", on=dues))
        rule = "missed-dues-suspension" if known else "0x" + bytes(d["rule"]).hex()
        subject, review = self.session.name_of(d["subject"]), _REVIEW_STATUS[int(d["review"])]
        due_since, decided_at = int(d["dueSince"]), int(d["decidedAt"])
        reviewer = self.session.name_of(self._call("reviewer", on=dues))
        dues_text = (f"dues of {format_eth(int(self._call('duesAmount', on=dues)))} every "
                     f"{int(self._call('duesPeriod', on=dues)) // 86_400} days")
        explanation = (
            f"Automated decision {decision_id} {aside('automated-decisions-listed')}: {subject}'s voting "
            "rights were suspended by "
            f"the charter's rule '{rule}' ({dues_text}; overdue dues suspend voting). Inputs: dues paid "
            f"until {_utc(due_since)}; the rule was applied at {_utc(decided_at)}. {self.name} uses "
            f"this decision; {reviewer}, the reviewer the charter names, reviews it at "
            f"{subject}'s request {aside('automated-decision-rights')}. Review: {review.lower()}.")
        return DecisionInfo(decision_id, subject, rule, due_since, decided_at, review, explanation)

    # ---- disputes (the DAO's side; the arbitrator lives in dao_sim.disputes) --------------

    def open_dispute(self, by: str, proposal_id: int, *, compensation: str | Wei = "0 ETH",
                     evidence_uri: str = "") -> int:
        """Open a dispute on a proposal in grace, paying the arbitration fee; returns the dispute id.

        ``compensation`` (``"1 ETH"`` or a :class:`Wei`) is asked if the ruling grants a remedy."""
        wei = parse_amount(compensation, field="open_dispute compensation", units_required=True)
        clause = self.dispute_clause
        fee = int(clause.call("disputeFee", proposal_id, sender=by))
        entry = self._transact("openDispute", proposal_id, wei, evidence_uri,
                               sender=by, value=fee, on=clause)
        return int(self._event_arg(entry, "DisputeOpened", "disputeId"))

    def __repr__(self) -> str:
        return f"<DAO {self.name!r} at {self.address}>"


def chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    """``items`` in consecutive lists of at most ``size``."""
    size = max(1, int(size))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _utc(timestamp: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


_PROPOSAL_FIELDS = ("proposer", "kind", "executed", "voided", "disputeOpen", "claimsOnly", "heldForEpoch",
                    "heldUntil", "voteStart",
                    "voteEnd", "graceEnd", "executeBy", "successor", "forVotes", "againstVotes",
                    "abstainVotes")
_MEMBER_FIELDS = ("active", "suspended", "joinedAt", "duesPaidUntil", "pendingEpoch", "shares",
                  "contributed", "capitalCalled", "capitalPaid", "withdrawn", "callBpsSeen", "pending")
_CLAIM_FIELDS = ("claimant", "status", "filedAt", "amount", "bond", "paid")
_DECISION_FIELDS = ("subject", "rule", "dueSince", "decidedAt", "review", "reasonHash")
