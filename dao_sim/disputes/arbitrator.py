"""Deploy a :class:`HumanArbitrator` with a roster of named people, and drive it by name.

An arbitrator is a natural person who acts through their own key. What identifies them
(a document checked, by whom, when) stays in Python: the chain holds only a salted hash of
that record and the key of whoever attested it (personal-data-off-chain: forgetting the salt makes the hash
meaningless, so erasure stays possible).

A :class:`Court` wraps one deployed arbitrator. Disputes are opened by arbitrable contracts
(an escrow, a DAO); the court draws panels, casts rulings on a panelist's behalf (the
transaction is sent from that panelist's own key), appeals, escalates a panel that missed
its deadline, and passes final rulings to the arbitrable contract.

A round is opened without a panel: its pool (the roster members who are neither parties nor
interested then, :meth:`Court.pool`) is fixed, and the panel is drawn from that pool with the
hash of the next block, which nobody knows when the round is opened (:meth:`Court.draw`).
Nothing done after the opening (a resignation, an appointment, someone leaving the disputed
organisation) changes who may be drawn. The library's helpers that open a
round (:meth:`Court.appeal`, :meth:`Court.escalate`, the escrow and DAO dispute wrappers) mine
that block and draw at once (:meth:`Court.seat_panel`), so who sits is known only afterwards:
read it from the chain (:meth:`Court.panel`), never assume it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import IntEnum
from typing import Any

from eth_abi import encode as abi_encode
from eth_utils import keccak

from dao_sim.disputes.errors import explain_refusal
from dao_sim.exceptions import ContractReverted, DisputeError, UnknownArbitratorError

__all__ = [
    "REFUSED",
    "Arbitrator",
    "ArbitratorRecord",
    "Court",
    "DisputeInfo",
    "DisputeStatus",
    "IdentityAttestation",
    "Vote",
    "deploy_arbitrator",
    "extra_data",
    "reason_hash",
]

#: Ruling 0: the panel refused to arbitrate (ERC-792).
REFUSED = 0

_ATTESTATION_DOMAIN = b"dao-sim identity attestation v1\x00"


def reason_hash(reason: str) -> bytes:
    """Hash of a ruling's written reasons (keccak-256 of the UTF-8 text), as signed on-chain.

    Examples
    --------
    >>> reason_hash("").hex()[:16]
    'c5d2460186f7233c'
    """
    return keccak(reason.encode("utf-8"))


def extra_data(panel_size: int = 1, parties: Sequence[str] = ()) -> bytes:
    """The ``extraData`` a HumanArbitrator reads: panel size, and parties kept off panels.

    Examples
    --------
    >>> len(extra_data(3))
    32
    """
    if not parties:
        return abi_encode(["uint256"], [panel_size])
    return abi_encode(["uint256", "address[]"], [panel_size, list(parties)])


@dataclass(frozen=True)
class IdentityAttestation:
    """How a person was identified, kept off-chain; only :attr:`digest` goes on-chain.

    Attributes
    ----------
    description : str
        What was checked, by whom and when ("identity card checked in person by Bolat on
        2026-03-02"). May hold personal data: it never leaves Python.
    attested_by : str
        Name of the account that attests the identification (its key is recorded on-chain).
    salt : bytes
        32 random bytes; without it the digest reveals nothing and proves nothing.
    """

    description: str
    attested_by: str
    salt: bytes = field(repr=False)

    @classmethod
    def make(cls, description: str, attested_by: str, *, salt: bytes | None = None
             ) -> IdentityAttestation:
        """Record an identification with a fresh random salt (or the one given)."""
        salt = secrets.token_bytes(32) if salt is None else salt
        if len(salt) != 32:
            raise DisputeError(f"an attestation salt must be 32 bytes, not {len(salt)}")
        return cls(description, attested_by, salt)

    @property
    def digest(self) -> bytes:
        """The salted hash recorded on-chain."""
        return keccak(_ATTESTATION_DOMAIN + self.salt + self.description.encode("utf-8"))

    def matches(self, digest: bytes | str) -> bool:
        """Whether an on-chain attestation hash is this record's."""
        raw = bytes.fromhex(digest[2:]) if isinstance(digest, str) else bytes(digest)
        return raw == self.digest


@dataclass(frozen=True)
class Arbitrator:
    """A natural person on the roster: the session account they act from, and how they were
    identified."""

    name: str
    attestation: IdentityAttestation

    @classmethod
    def identified(cls, name: str, description: str, attested_by: str) -> Arbitrator:
        """Shortcut: an arbitrator with a fresh attestation."""
        return cls(name, IdentityAttestation.make(description, attested_by))


@dataclass(frozen=True)
class ArbitratorRecord:
    """What the chain records about an arbitrator, with names resolved."""

    name: str
    address: str
    attestation: str
    attested_by: str
    registered_at: int
    active: bool


class DisputeStatus(IntEnum):
    """ERC-792's dispute status."""

    WAITING = 0
    APPEALABLE = 1
    SOLVED = 2


@dataclass(frozen=True)
class DisputeInfo:
    """One dispute as the arbitrator sees it, panel given by name (empty until drawn)."""

    dispute_id: int
    arbitrable: str
    choices: int
    round: int
    ruling: int
    status: DisputeStatus
    panel: tuple[str, ...]
    ruling_deadline: int
    appeal_start: int
    appeal_end: int
    votes_cast: int
    decided: bool
    executed: bool
    draw_block: int = 0
    delivered: bool = False


@dataclass(frozen=True)
class Vote:
    """One panelist's ruling in one round, as recorded on-chain."""

    arbitrator: str
    cast: bool
    signed: bool
    ruling: int
    reason_hash: str


class Court:
    """A deployed HumanArbitrator, driven by the names of the session's accounts.

    Parameters
    ----------
    session : ChainSession
        The chain it lives on.
    handle : ContractHandle
        The deployed contract.
    roster : sequence of Arbitrator
        The people whose identification records this Python process holds (for reports).
    """

    def __init__(self, session: Any, handle: Any, roster: Sequence[Arbitrator] = ()) -> None:
        self.session = session
        self.handle = handle
        self._people = {a.name: a for a in roster}

    @property
    def address(self) -> str:
        """The arbitrator contract's address."""
        return str(self.handle.address)

    # -- roster ------------------------------------------------------------------------------

    def roster(self) -> tuple[str, ...]:
        """Names of the current roster (a leaver's place is taken by the last member)."""
        return tuple(self.session.name_of(a) for a in self.handle.call("roster"))

    def person(self, name: str) -> Arbitrator:
        """The off-chain identification record of a roster member this process knows.

        Raises
        ------
        UnknownArbitratorError
            When no such person is known here.
        """
        try:
            return self._people[name]
        except KeyError:
            raise UnknownArbitratorError(name, self._people) from None

    def add_person(self, arbitrator: Arbitrator) -> None:
        """Remember an identification record (after a co-optation, say)."""
        self._people[arbitrator.name] = arbitrator

    def record(self, name: str) -> ArbitratorRecord:
        """What the chain records about ``name``'s key (also after they leave the roster)."""
        address = self.session.address(name)
        attestation, attested_by, registered_at, active = self.handle.call("attestationOf",
                                                                           address)
        return ArbitratorRecord(self.session.name_of(address), address, "0x" + attestation.hex(),
                                self.session.name_of(attested_by), registered_at, active)

    # -- costs -------------------------------------------------------------------------------

    def arbitration_cost(self, panel_size: int = 1) -> int:
        """Fee in wei to open a dispute before a panel of ``panel_size``."""
        return int(self.handle.call("arbitrationCost", extra_data(panel_size)))

    def appeal_cost(self, dispute_id: int) -> int:
        """Fee in wei to appeal; ``2**256 - 1`` when no larger panel can be drawn."""
        return int(self.handle.call("appealCost", dispute_id, b""))

    # -- reading disputes ----------------------------------------------------------------------

    def dispute(self, dispute_id: int) -> DisputeInfo:
        """The dispute in one read."""
        (arbitrable, choices, round_, ruling, status, _size, deadline, appeal_start,
         appeal_end, votes, decided, executed) = self.handle.call("getDispute", dispute_id)
        return DisputeInfo(dispute_id, self.session.name_of(arbitrable), choices, round_, ruling,
                           DisputeStatus(status), self.panel(dispute_id, round_), deadline,
                           appeal_start, appeal_end, votes, decided, executed,
                           self.draw_block(dispute_id, round_),
                           bool(self.handle.call("rulingDelivered", dispute_id)))

    def status(self, dispute_id: int) -> DisputeStatus:
        """ERC-792 status: Solved once the appeal window has closed."""
        return DisputeStatus(self.handle.call("disputeStatus", dispute_id))

    def current_ruling(self, dispute_id: int) -> int:
        """The ruling in force (the appealed one while an appeal is pending)."""
        return int(self.handle.call("currentRuling", dispute_id))

    def round(self, dispute_id: int) -> int:
        """The current round (every panel drawn is a round)."""
        return int(self.handle.call("getDispute", dispute_id)[2])

    def panel(self, dispute_id: int, round: int | None = None) -> tuple[str, ...]:
        """Names of the panel of ``round`` (the current one by default); empty until drawn."""
        if round is None:
            round = self.round(dispute_id)
        return tuple(self.session.name_of(a) for a in self.handle.call("panelOf", dispute_id,
                                                                       round))

    def pool(self, dispute_id: int, round: int | None = None) -> tuple[str, ...]:
        """Names of the pool the panel of ``round`` (the current one by default) is drawn from:
        the roster members who were neither parties nor interested when the round was opened,
        in roster order. A member who left the roster since stays in it (and cannot rule if
        drawn), and nobody joins it."""
        if round is None:
            round = self.round(dispute_id)
        return tuple(self.session.name_of(a) for a in self.handle.call("poolOf", dispute_id,
                                                                       round))

    def votes(self, dispute_id: int, round: int | None = None) -> tuple[Vote, ...]:
        """The rulings cast in a round, in the order they were cast."""
        if round is None:
            round = self.round(dispute_id)
        found = []
        for address in self.handle.call("votersOf", dispute_id, round):
            cast, signed, ruling, reason = self.handle.call("voteOf", dispute_id, round, address)
            found.append(Vote(self.session.name_of(address), cast, signed, ruling,
                              "0x" + reason.hex()))
        return tuple(found)

    def draw_block(self, dispute_id: int, round: int | None = None) -> int:
        """The block whose hash draws the panel of ``round`` (the current one by default)."""
        if round is None:
            round = self.round(dispute_id)
        return int(self.handle.call("drawBlockOf", dispute_id, round))

    def ruling_delivered(self, dispute_id: int) -> bool:
        """Whether the final ruling reached the arbitrable contract."""
        return bool(self.handle.call("rulingDelivered", dispute_id))

    def deadline(self, dispute_id: int, round: int | None = None) -> int:
        """Unix time by which the round's panel must reach a majority."""
        if round is None:
            round = self.round(dispute_id)
        return int(self.handle.call("rulingDeadlineOf", dispute_id, round))

    def fees_of(self, name: str) -> int:
        """Fees credited to ``name`` and not yet withdrawn, in wei."""
        return int(self.handle.call("feesOf", self.session.address(name)))

    # -- acting ------------------------------------------------------------------------------

    def cast(self, dispute_id: int, ruling: int, *, by: str, reason: str = "") -> Any:
        """``by`` casts ``ruling`` from their own key; ``reason`` is hashed on-chain.

        Returns the journal entry. Raises :class:`~dao_sim.exceptions.ArbitratorRefused` with
        the contract's error told in words (``NotOnPanel``, ``AlreadyVoted``,
        ``RulingOutOfRange``, ``RulingDeadlinePassed``, ``PanelistInterested``...).
        """
        return self._transact("castRuling", dispute_id, ruling, reason_hash(reason), sender=by)

    def submit_signed(self, dispute_id: int, round: int, ruling: int, reason_digest: bytes,
                      signature: bytes, *, relayer: str) -> Any:
        """Relay a ruling a panelist signed (see :mod:`dao_sim.disputes.signed_ruling`)."""
        return self._transact("submitSignedRuling", dispute_id, round, ruling, reason_digest,
                              signature, sender=relayer)

    def draw(self, dispute_id: int, *, by: str) -> Any:
        """``by`` has the panel of the current round drawn (``drawPanel``).

        Anyone may send it once the round's draw block is mined; the sender chooses nothing:
        the panel follows from that block's hash and the pool fixed when the round was opened
        (:meth:`pool`). When the draw block is more than 256 blocks old the draw is re-armed on
        the next block instead (a ``PanelDrawScheduled`` event, no ``PanelDrawn``), with the
        same pool.

        Raises
        ------
        ArbitratorRefused
            ``PanelDrawTooEarly`` before the draw block is mined, ``PanelAlreadyDrawn``...
        """
        return self._transact("drawPanel", dispute_id, sender=by)

    def seat_panel(self, dispute_id: int, *, by: str) -> tuple[str, ...]:
        """Mine up to the draw block, have the panel drawn by ``by``, and return it by name.

        What the library does after every act that opens a round. A panel already drawn is
        returned as it is.

        Examples
        --------
        The round opened by a dispute is drawn one block later::

            dispute_id = agreement.raise_dispute(by="Aigerim")  # mines and draws
            court.panel(dispute_id)                             # read who was drawn
        """
        for _attempt in range(2):
            panel = self.panel(dispute_id)
            if panel:
                return panel
            wait = self.draw_block(dispute_id) - self.session.latest_block().number
            if wait > 0:
                self.session.mine(wait)
            self.draw(dispute_id, by=by)
        return self.panel(dispute_id)

    def appeal(self, dispute_id: int, *, by: str, value: int | None = None,
               draw: bool = True) -> Any:
        """Appeal the current ruling to a larger panel, paying the appeal cost (by default).

        With ``draw`` (the default) the new panel is drawn one block later, by ``by``.
        """
        if value is None:
            value = self.appeal_cost(dispute_id)
            if value == 2**256 - 1:
                raise DisputeError(f"dispute {dispute_id} cannot be appealed: no larger panel "
                                   "can be drawn from the roster")
        entry = self._transact("appeal", dispute_id, b"", sender=by, value=value)
        if draw:
            self.seat_panel(dispute_id, by=by)
        return entry

    def escalate(self, dispute_id: int, *, by: str, draw: bool = True) -> Any:
        """Replace a panel that missed its deadline; decides nothing.

        With ``draw`` (the default) the new panel is drawn one block later, by ``by``.
        """
        entry = self._transact("escalate", dispute_id, sender=by)
        if draw:
            self.seat_panel(dispute_id, by=by)
        return entry

    def execute_ruling(self, dispute_id: int, *, by: str) -> Any:
        """Make the ruling final, credit the fees, and pass it to the arbitrable contract.

        If the arbitrable contract refuses it, the entry carries ``RulingDeliveryFailed`` and
        :meth:`deliver_ruling` retries.
        """
        return self._transact("executeRuling", dispute_id, sender=by)

    def deliver_ruling(self, dispute_id: int, *, by: str) -> Any:
        """Retry passing a final ruling the arbitrable contract refused.

        Raises
        ------
        ArbitratorRefused
            ``RulingNotDelivered`` when it is refused again, ``RulingAlreadyDelivered``...
        """
        return self._transact("deliverRuling", dispute_id, sender=by)

    def withdraw_fees(self, *, by: str) -> Any:
        """``by`` withdraws the fees credited to them."""
        return self._transact("withdrawFees", sender=by)

    def _transact(self, fn: str, *args: Any, sender: str, value: int = 0) -> Any:
        """Send ``fn``; a refusal comes out as a sentence (:func:`explain_refusal`)."""
        from dao_sim.governance.units import format_eth

        try:
            return self.handle.transact(fn, *args, sender=sender, value=value)
        except ContractReverted as exc:
            explained = explain_refusal(exc, self.session.name_of, format_eth)
            if explained is exc:
                raise
            raise explained from exc

    # -- EIP-712 -----------------------------------------------------------------------------

    def domain(self) -> dict[str, Any]:
        """The EIP-712 domain of signed rulings for this arbitrator."""
        _fields, name, version, chain_id, contract, _salt, _ext = self.handle.call("eip712Domain")
        return {"name": name, "version": version, "chainId": int(chain_id),
                "verifyingContract": contract}


def deploy_arbitrator(session: Any, roster: Iterable[Arbitrator], *,
                      arbitration_fee: int = 0, appeal_fee: int = 0,
                      ruling_period: str | int | timedelta = "7 days",
                      appeal_window: str | int | timedelta = "3 days",
                      deployer: str | None = None, label: str = "HumanArbitrator",
                      artifacts: Mapping[str, Any] | None = None) -> Court:
    """Deploy a HumanArbitrator whose founding roster is ``roster``.

    Parameters
    ----------
    session : ChainSession
        Where to deploy; every arbitrator and attester must be one of its accounts.
    roster : iterable of Arbitrator
        The founding roster (the order in which panels are drawn from it, by block hash).
    arbitration_fee, appeal_fee : int
        Fee per panelist, in wei, for a first panel and for an appeal panel.
    ruling_period, appeal_window : duration
        Time a panel has to rule; time a ruling stays open to appeal.
    deployer : str, optional
        Who sends the deployment (the first roster member by default). The deployer gets
        no power over the contract: it has no owner.
    artifacts : ArtifactSet, optional
        Compiled contracts; :func:`dao_sim.compiler.compile_project` by default.

    Returns
    -------
    Court

    Raises
    ------
    DisputeError
        For an empty roster or a name given twice.
    """
    from dao_sim.chain.timeutil import parse_duration

    people = list(roster)
    if not people:
        raise DisputeError("a HumanArbitrator needs at least one arbitrator on its roster")
    names = [p.name for p in people]
    if len(set(names)) != len(names):
        raise DisputeError(f"an arbitrator is named twice in the roster {names}")
    if artifacts is None:
        from dao_sim.compiler import compile_project

        artifacts = compile_project()
    founders = [(session.address(p.name), p.attestation.digest,
                 session.address(p.attestation.attested_by)) for p in people]
    handle = session.deploy(artifacts["HumanArbitrator"], founders, arbitration_fee, appeal_fee,
                            parse_duration(ruling_period), parse_duration(appeal_window),
                            sender=deployer or people[0].name, label=label)
    return Court(session, handle, people)
