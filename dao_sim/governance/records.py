"""The on-chain side of the member registry: salted hashes and sandbox acknowledgments.

One ``ParticipantRecords`` contract per chain (found again by its label, like the module
blueprints). Each participant writes their own record from their own key: the salted hash of
their identification (from :class:`~dao_sim.governance.registry.MemberRegistry`) and, for a
charter that declares a sandbox, the hash of the sandbox terms they acknowledged. Nothing else
about a person is ever sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dao_sim.exceptions import ChainError, UnknownMemberError

if TYPE_CHECKING:
    from dao_sim.chain.journal import JournalEntry
    from dao_sim.chain.session import ChainSession, ContractHandle
    from dao_sim.compiler import ArtifactSet
    from dao_sim.governance.registry import MemberRegistry

__all__ = ["LABEL", "ParticipantRecords"]

#: The label the contract goes by in a session.
LABEL = "ParticipantRecords"

_ZERO = bytes(32)


def _bytes32(value: bytes | str) -> bytes:
    return bytes.fromhex(value.removeprefix("0x")) if isinstance(value, str) else bytes(value)


class ParticipantRecords:
    """The session's ``ParticipantRecords`` contract, driven by member name.

    Examples
    --------
    >>> records = ParticipantRecords.on(session, artifacts)  # doctest: +SKIP
    >>> records.record_identity("Aigerim", registry)  # doctest: +SKIP
    """

    def __init__(self, contract: ContractHandle) -> None:
        self.contract = contract

    @classmethod
    def on(cls, session: ChainSession, artifacts: ArtifactSet | None = None, *,
           sender: str | None = None) -> ParticipantRecords:
        """The session's records contract, deployed on first use (``sender`` gains no power)."""
        existing = cls.find(session)
        if existing is not None:
            return existing
        if artifacts is None:
            from dao_sim.compiler import compile_project

            artifacts = compile_project()
        deployer = sender or session.accounts()[0].name
        return cls(session.deploy(artifacts["ParticipantRecords"], sender=deployer, label=LABEL))

    @classmethod
    def find(cls, session: ChainSession) -> ParticipantRecords | None:
        """The session's records contract, or ``None`` if none was deployed."""
        try:
            return cls(session.contract(LABEL))
        except (UnknownMemberError, ChainError):
            return None

    @property
    def address(self) -> str:
        """Where the contract is."""
        return self.contract.address

    def record_identity(self, member: str, registry: MemberRegistry) -> JournalEntry:
        """``member`` records, from their own key, the salted hash the registry holds for them."""
        entry = registry[member]
        return self.contract.transact("recordIdentity", _bytes32(entry.identity_hash), sender=member)

    def identity_of(self, who: str) -> bytes:
        """The identification hash recorded for ``who`` (32 zero bytes if none)."""
        return bytes(self.contract.call("identityOf", who))

    def acknowledge(self, member: str, charter_hash: bytes | str, terms_hash: bytes | str) -> JournalEntry:
        """``member`` acknowledges, from their own key, the sandbox terms of a charter."""
        return self.contract.transact("acknowledgeSandbox", _bytes32(charter_hash), _bytes32(terms_hash),
                                      sender=member)

    def acknowledgment_of(self, who: str, charter_hash: bytes | str) -> bytes | None:
        """The terms hash ``who`` acknowledged for the charter, or ``None``."""
        found = bytes(self.contract.call("acknowledgmentOf", _bytes32(charter_hash), who))
        return None if found == _ZERO else found
