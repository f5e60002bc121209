"""The off-chain member registry: who stands behind each address, kept where it can be erased.

A member of a DAO acts on chain from an address. Who they are (a person's name and IIN, or a
legal entity's name and BIN) is kept here, off the chain, with a secret random salt; the chain
gets only the salted hash of that record (:mod:`dao_sim.governance.records`). A request to
erase (requirement ``personal-data-off-chain``) deletes the name, the number and the salt, and
the handle the run used for the member: the hash on chain then points to nobody, and what the
registry keeps is the address, that hash, and when it was erased (both already public).

The registry lives in one JSON file (mode 0600), rewritten whole on every change through a
temporary file and a rename, so the file is always either the state before or the state after.
A change the file could not take is not applied in memory either. What this cannot promise:
that old disk blocks or backups of the file are gone; erase those by the usual means.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eth_utils import keccak, to_checksum_address

from dao_sim.exceptions import RegistryError, suggest
from dao_sim.files import write_atomically
from dao_sim.governance.identifiers import validate_bin, validate_iin
from dao_sim.law import reference

__all__ = ["Acknowledgment", "ErasedMember", "MemberRegistry", "RegisteredMember", "identity_hash"]

REGISTRY_FORMAT = "dao-sim-member-registry/1"
_DOMAIN = b"dao-sim member identity v1\x00"
_KINDS = {"iin": "individual", "bin": "legal entity"}


def identity_hash(salt: bytes, scheme: str, number: str, name: str) -> bytes:
    """keccak-256 over a domain tag, the salt and the record: what goes on chain.

    Without the salt, guessing the hash of a known IIN and name is as hard as guessing 32
    random bytes.
    """
    record = json.dumps([scheme, number, name], ensure_ascii=False).encode("utf-8")
    return keccak(_DOMAIN + salt + record)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Acknowledgment:
    """A member acknowledged the sandbox terms of a charter (both as ``0x`` keccak hashes)."""

    charter_hash: str
    terms_hash: str
    at: str


@dataclass(frozen=True)
class RegisteredMember:
    """A member's identification: handle, address, and the personal data behind them.

    ``name``, ``number`` and ``salt`` are left out of ``repr`` so a log line or a traceback
    does not carry them.
    """

    member: str
    address: str
    scheme: str
    name: str = field(repr=False)
    number: str = field(repr=False)
    salt: bytes = field(repr=False)
    acknowledgments: tuple[Acknowledgment, ...] = ()

    @property
    def kind(self) -> str:
        """``"individual"`` (an IIN) or ``"legal entity"`` (a BIN)."""
        return _KINDS[self.scheme]

    @property
    def identity_hash(self) -> str:
        """The salted hash of the identification, ``0x`` hex: all the chain ever gets."""
        return "0x" + identity_hash(self.salt, self.scheme, self.number, self.name).hex()


@dataclass(frozen=True)
class ErasedMember:
    """What is left of a member after erasure: public facts only."""

    address: str
    identity_hash: str
    erased_at: str
    acknowledgments: tuple[Acknowledgment, ...] = ()


class MemberRegistry:
    """Members' identification, off chain, in a JSON file that erasure really rewrites.

    Parameters
    ----------
    path : Path or str, optional
        The registry's file: read if it exists, written on every change. ``None`` keeps the
        registry in memory only.

    Raises
    ------
    RegistryError
        When the file exists but cannot be read as a registry.

    Examples
    --------
    >>> registry = MemberRegistry()
    >>> entry = registry.register("Aigerim", "0x" + "11" * 20, name="Aigerim Sultanbekova",
    ...                           iin="900101300017")
    >>> entry.kind, len(entry.identity_hash)
    ('individual', 66)
    >>> registry.erase("Aigerim").address == entry.address
    True
    >>> "Aigerim" in registry
    False
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._members: dict[str, RegisteredMember] = {}
        self._erased: tuple[ErasedMember, ...] = ()
        if self.path is not None and self.path.exists():
            self._members, self._erased = _load(self.path)

    def __repr__(self) -> str:
        return (f"MemberRegistry({str(self.path) if self.path else None!r}, "
                f"{len(self._members)} members, {len(self._erased)} erased)")

    def __contains__(self, member: object) -> bool:
        return member in self._members

    def __iter__(self) -> Iterator[RegisteredMember]:
        return iter(tuple(self._members.values()))

    def __len__(self) -> int:
        return len(self._members)

    def __getitem__(self, member: str) -> RegisteredMember:
        try:
            return self._members[member]
        except KeyError:
            raise RegistryError(f"no member '{member}' in the registry"
                                f"{suggest(member, self._members)}") from None

    @property
    def erased(self) -> tuple[ErasedMember, ...]:
        """What is left of erased members, in order of erasure."""
        return self._erased

    def register(self, member: str, address: str, *, name: str, iin: str | None = None,
                 bin: str | None = None, salt: bytes | None = None) -> RegisteredMember:
        """Register ``member`` (the handle the run uses) as acting from ``address``.

        Give ``iin`` for an individual or ``bin`` for a legal entity, never both. The salt is
        32 fresh random bytes unless one is given (tests, reproducible demos).

        Raises
        ------
        InvalidIdentifierError
            The IIN or BIN is malformed or fails its control digit; names the member and field.
        RegistryError
            A missing name, both or neither number, a handle or address already registered,
            or a file that cannot be written.
        """
        if not isinstance(member, str) or not member.strip():
            raise RegistryError(f"a member needs a handle, got {member!r}")
        if not isinstance(name, str) or not name.strip():
            raise RegistryError(f"member '{member}': name is empty")
        if (iin is None) == (bin is None):
            raise RegistryError(f"member '{member}': give an iin (individual) or a bin (legal entity), "
                                "exactly one")
        number = validate_iin(iin, member=member) if iin is not None else validate_bin(bin, member=member)
        try:
            checksummed = to_checksum_address(address)
        except (ValueError, TypeError):
            raise RegistryError(f"member '{member}': address {address!r} is not an address") from None
        if member in self._members:
            raise RegistryError(f"member '{member}' is already registered")
        if any(m.address == checksummed for m in self._members.values()):
            raise RegistryError(f"member '{member}': address {checksummed} is already registered")
        salt = secrets.token_bytes(32) if salt is None else salt
        if len(salt) != 32:
            raise RegistryError(f"member '{member}': a salt must be 32 bytes, not {len(salt)}")
        entry = RegisteredMember(member, checksummed, "iin" if iin is not None else "bin",
                                 name.strip(), number, salt)
        self._commit({**self._members, member: entry}, self._erased)
        return entry

    def acknowledge(self, member: str, charter_hash: str, terms_hash: str, *,
                    at: str | None = None) -> Acknowledgment:
        """Record off chain that ``member`` acknowledged a charter's sandbox terms."""
        entry = self[member]
        ack = Acknowledgment(charter_hash, terms_hash, at or _now())
        kept = tuple(a for a in entry.acknowledgments if a.charter_hash != charter_hash)
        self._commit({**self._members, member: replace(entry, acknowledgments=(*kept, ack))}, self._erased)
        return ack

    def erase(self, member: str, *, at: str | None = None) -> ErasedMember:
        """Erase ``member``'s name, number, salt and handle (``personal-data-off-chain``).

        The address and the on-chain hash stay, with the time of erasure: both are public, and
        without the salt the hash no longer identifies anyone. The file is rewritten before
        this returns.
        """
        entry = self[member]
        left = ErasedMember(entry.address, entry.identity_hash, at or _now(), entry.acknowledgments)
        self._commit({k: v for k, v in self._members.items() if k != member}, (*self._erased, left))
        return left

    @staticmethod
    def erasure_basis() -> str:
        """The requirement an erasure answers, cited under the edition in use."""
        return reference("personal-data-off-chain")

    def to_dict(self) -> dict[str, Any]:
        """The registry as the file holds it (salts as hex)."""
        return {
            "format": REGISTRY_FORMAT,
            "members": [{"member": m.member, "address": m.address, "scheme": m.scheme, "name": m.name,
                         "number": m.number, "salt": m.salt.hex(),
                         "acknowledgments": [asdict(a) for a in m.acknowledgments]}
                        for m in self._members.values()],
            "erased": [{"address": e.address, "identity_hash": e.identity_hash, "erased_at": e.erased_at,
                        "acknowledgments": [asdict(a) for a in e.acknowledgments]} for e in self._erased],
        }

    def _commit(self, members: dict[str, RegisteredMember], erased: tuple[ErasedMember, ...]) -> None:
        previous = (self._members, self._erased)
        self._members, self._erased = members, erased
        if self.path is None:
            return
        try:
            _write(self.path, json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n")
        except RegistryError:
            self._members, self._erased = previous
            raise


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text, mode=0o600)  # personal data: the owner alone reads it
    except OSError as exc:
        raise RegistryError(f"cannot write the member registry {path}: {exc.strerror or exc}") from None


def _acks(raw: object) -> tuple[Acknowledgment, ...]:
    if not isinstance(raw, list):
        raise TypeError("acknowledgments is not a list")
    return tuple(Acknowledgment(str(a["charter_hash"]), str(a["terms_hash"]), str(a["at"])) for a in raw)


def _load(path: Path) -> tuple[dict[str, RegisteredMember], tuple[ErasedMember, ...]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegistryError(f"cannot read the member registry {path}: {exc}") from None
    try:
        if not isinstance(data, Mapping) or data.get("format") != REGISTRY_FORMAT:
            raise ValueError(f"not a {REGISTRY_FORMAT} file")
        members = {}
        for m in data["members"]:
            check = validate_iin if m["scheme"] == "iin" else validate_bin
            entry = RegisteredMember(str(m["member"]), to_checksum_address(m["address"]), str(m["scheme"]),
                                     str(m["name"]), check(m["number"], member=str(m["member"])),
                                     bytes.fromhex(m["salt"]), _acks(m.get("acknowledgments", [])))
            members[entry.member] = entry
        erased = tuple(ErasedMember(to_checksum_address(e["address"]), str(e["identity_hash"]),
                                    str(e["erased_at"]), _acks(e.get("acknowledgments", [])))
                       for e in data["erased"])
    except RegistryError:
        raise
    except KeyError as exc:
        raise RegistryError(f"the member registry {path} is damaged: missing field {exc.args[0]!r}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise RegistryError(f"the member registry {path} is damaged: {exc}") from None
    return members, erased
