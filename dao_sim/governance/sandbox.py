"""The draft's experimental legal regime (sandbox): a term, informed participants, a wind-down.

Only the draft Digital Code had a sandbox (requirement ``sandbox``: a term of one to five
years, participants who consented, an end on expiry); the Code in force has none. A charter may
still declare one (``DAOSpec(sandbox=Sandbox(term=...))``): dao-sim does not refuse it, it
enforces what the charter says, and a compliance rule says what the law in force makes of it.

What is enforced, and where. The DAO's contracts are not changed for this (the core is near its
size limit), so dao-sim's orchestrator enforces it, before any transaction is sent:

- **Acknowledgment before joining.** Each participant acknowledges the sandbox terms with their
  own key, on chain (``ParticipantRecords``, keyed by the charter hash, so founders can do it
  before the DAO exists), and off chain in the member registry if one is kept. A join (a
  founder's in :func:`~dao_sim.governance.deploy`, anyone's in :meth:`DAO.join`) without it is
  refused. Someone calling the core directly is not stopped by the contract:
  :func:`unacknowledged_members` finds such joins in the journal.
- **Wind-down after the term.** Counted from the block that created the core, in calendar
  years. Afterwards :meth:`DAO.join`, :meth:`DAO.contribute`, :meth:`DAO.propose` and
  :meth:`DAO.propose_amendment` are refused; exits, withdrawals, claims, disputes, capital calls
  and dues already owed, and votes on and execution of proposals made before the end go on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from eth_utils import keccak

from dao_sim.exceptions import GovernanceError, SandboxError, SpecError
from dao_sim.governance.records import ParticipantRecords
from dao_sim.law import reference

if TYPE_CHECKING:
    from dao_sim.chain.journal import JournalEntry
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import ArtifactSet
    from dao_sim.governance.dao import DAO
    from dao_sim.governance.registry import MemberRegistry
    from dao_sim.governance.spec import DAOSpec

__all__ = [
    "WIND_DOWN_REFUSES",
    "Sandbox",
    "acknowledge_sandbox",
    "check_act",
    "founded_at",
    "require_acknowledged",
    "sandbox_ends",
    "terms_hash",
    "terms_text",
    "unacknowledged_members",
]

#: The acts a DAO refuses once its sandbox term is over.
WIND_DOWN_REFUSES = ("join", "contribute", "propose", "propose_amendment")

_YEARS = re.compile(r"^\s*(\d+)\s*(?:years?|y)?\s*$", re.IGNORECASE)


def _basis() -> str:
    return reference("sandbox", "draft-2025")


@dataclass(frozen=True)
class Sandbox:
    """A charter's experimental legal regime: its term, in whole years, one to five.

    Parameters
    ----------
    term : int or str
        ``3`` or ``"3 years"``.

    Raises
    ------
    SpecError
        Naming the field (``sandbox.term``) when the term is not 1 to 5 whole years.

    Examples
    --------
    >>> Sandbox(term="2 years").term
    2
    >>> Sandbox(term=7)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dao_sim.exceptions.SpecError: sandbox.term: 7 years is outside the 1 to 5 years ... (..., draft text, not law)
    """

    term: int | str

    def __post_init__(self) -> None:
        raw = self.term
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise SpecError(f"sandbox.term: expected a number of years, got {raw!r}")
        if isinstance(raw, str):
            match = _YEARS.match(raw)
            if match is None:
                raise SpecError(f"sandbox.term: {raw!r} is not a number of whole years (e.g. \"3 years\")")
            raw = int(match.group(1))
        if not 1 <= raw <= 5:
            raise SpecError(f"sandbox.term: {raw} year{'s' if raw != 1 else ''} is outside the 1 to 5 "
                            f"years an experimental legal regime runs ({_basis()})")
        object.__setattr__(self, "term", raw)

    @property
    def years(self) -> int:
        """The term in whole years."""
        return int(self.term)

    def ends(self, start: int) -> int:
        """When a term that began at ``start`` (a timestamp) ends: the same date ``term``
        calendar years later (29 February falls on 28 February in a common year).

        Examples
        --------
        >>> datetime.fromtimestamp(Sandbox(term=1).ends(1_709_164_800), UTC).date()  # 2024-02-29
        datetime.date(2025, 2, 28)
        """
        begun = datetime.fromtimestamp(start, UTC)
        year = begun.year + self.years
        try:
            end = begun.replace(year=year)
        except ValueError:
            end = begun.replace(year=year, day=28)
        return int(end.timestamp())


def _require(spec: DAOSpec) -> Sandbox:
    if spec.sandbox is None:
        raise SandboxError(f"{spec.name}'s charter declares no sandbox")
    return spec.sandbox


def terms_text(spec: DAOSpec) -> str:
    """The sandbox terms a participant acknowledges before joining ``spec``'s DAO."""
    sandbox = _require(spec)
    return (f"{spec.name} runs under an experimental legal regime (sandbox) for {sandbox.years} "
            f"year{'s' if sandbox.years != 1 else ''} from its founding ({_basis()}). I take part "
            "voluntarily and was informed of it. When the term ends the DAO only winds down: "
            "members may exit and withdraw, claims and disputes are settled, proposals made before "
            "the end may be voted on and executed; nobody may join, contribute or propose.")


def terms_hash(spec: DAOSpec) -> bytes:
    """keccak-256 of :func:`terms_text`: what an acknowledgment records on chain."""
    return keccak(text=terms_text(spec))


def _charter_hash(spec: DAOSpec) -> bytes:
    return keccak(text=spec.charter_text())


def _stored_charter(dao: DAO) -> bytes:
    """The charter hash the DAO stores: the charter it was founded on, whatever edition is in
    use now (the charter's text names its edition, so its hash differs between editions)."""
    raw = dao.contract.call("charterHash")
    return bytes(raw) if isinstance(raw, bytes | bytearray) else bytes.fromhex(str(raw).removeprefix("0x"))


def acknowledge_sandbox(spec: DAOSpec, session: ChainSession, member: str, *,
                        registry: MemberRegistry | None = None,
                        artifacts: ArtifactSet | None = None) -> JournalEntry:
    """``member`` acknowledges the sandbox terms of ``spec``'s charter, from their own key.

    Recorded on chain (the terms' hash, keyed by the charter's hash) and, when a ``registry``
    is given, in the member registry too.

    Raises
    ------
    SandboxError
        When the charter declares no sandbox.
    ContractReverted
        When ``member`` already acknowledged this charter.
    """
    _require(spec)
    records = ParticipantRecords.on(session, artifacts)
    charter, terms = _charter_hash(spec), terms_hash(spec)
    entry = records.acknowledge(member, charter, terms)
    if registry is not None:
        registry.acknowledge(member, "0x" + charter.hex(), "0x" + terms.hex())
    return entry


def require_acknowledged(session: ChainSession, spec: DAOSpec, who: str,
                         charter: bytes | None = None) -> None:
    """Refuse, in words, a participant of a sandbox DAO who has not acknowledged its terms.

    ``charter`` is the hash a deployed DAO stores; without it (before deployment) the charter
    is written from ``spec`` under the edition in use.

    Raises
    ------
    SandboxError
        When no acknowledgment of these terms by ``who`` is on chain.
    """
    records = ParticipantRecords.find(session)
    charter = charter or _charter_hash(spec)
    found = records.acknowledgment_of(who, charter) if records is not None else None
    name = session.name_of(session.address(who))
    if found is None:
        raise SandboxError(f"{name} cannot join {spec.name}: its charter declares an experimental legal "
                           f"regime (sandbox), and {name} has not acknowledged its terms on chain; "
                           f"call acknowledge_sandbox first ({_basis()})")
    if found != terms_hash(spec):
        raise SandboxError(f"{name} cannot join {spec.name}: the sandbox terms {name} acknowledged are not "
                           f"this charter's ({_basis()})")


def founded_at(dao: DAO) -> int:
    """The timestamp of the block that created ``dao``'s core (when its sandbox term began).

    Raises
    ------
    GovernanceError
        When the DAO was neither deployed by dao-sim nor found in the session's journal.
    """
    if dao.founded_at is not None:
        return dao.founded_at
    for entry in dao.session.journal:
        if entry.function == "deploy" and entry.to == dao.address and entry.status:
            return entry.timestamp
    raise GovernanceError(f"when {dao.name} was founded is unknown: it was not deployed in this session")


def sandbox_ends(dao: DAO) -> int | None:
    """When ``dao``'s sandbox term ends (a timestamp), or ``None`` without a sandbox."""
    if dao.spec.sandbox is None:
        return None
    return dao.spec.sandbox.ends(founded_at(dao))


def check_act(dao: DAO, act: str, who: str) -> None:
    """Refuse ``act`` by ``who`` if ``dao``'s sandbox does not allow it now.

    A join needs ``who``'s acknowledgment; after the term, the acts in
    :data:`WIND_DOWN_REFUSES` are refused. The time is the latest block's.

    Raises
    ------
    SandboxError
    """
    ends = sandbox_ends(dao)
    if ends is None:
        return
    if act in WIND_DOWN_REFUSES and dao.session.now() >= ends:
        when = datetime.fromtimestamp(ends, UTC).strftime("%Y-%m-%d %H:%M UTC")
        years = dao.spec.sandbox.years if dao.spec.sandbox else 0
        term = f"{years} year{'s' if years != 1 else ''}" if years else "term"
        raise SandboxError(f"{act} by {who} refused: {dao.name}'s sandbox term of "
                           f"{term} ended on {when}, "
                           "so it only winds down (exits, withdrawals, claims, disputes, votes on "
                           f"earlier proposals) ({_basis()})")
    if act == "join":
        require_acknowledged(dao.session, dao.spec, who, _stored_charter(dao))


def unacknowledged_members(dao: DAO) -> tuple[str, ...]:
    """Members of a sandbox DAO who joined (per the journal) without an acknowledgment on chain:
    joins that went round dao-sim, straight to the contract."""
    if dao.spec.sandbox is None:
        return ()
    records = ParticipantRecords.find(dao.session)
    charter = _stored_charter(dao)
    joined = dict.fromkeys(e.args["member"] for e in dao.session.journal.events("MemberJoined")
                           if e.address == dao.address)
    return tuple(dao.session.name_of(a) for a in joined
                 if records is None or records.acknowledgment_of(a, charter) is None)
