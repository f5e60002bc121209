"""Blueprints: where a DAO core finds the creation code of its modules.

The DAO core creates its modules (governor, claims, dispute clause, and automated decisions
when the charter has dues) in its constructor, so every module of a DAO is what the core's own
code made. Carrying their creation code inside the core's would pass the 49,152-byte limit on
creation code (EIP-3860), so each module's creation code is published once per chain as a
blueprint: a contract whose code is the byte ``0xFE`` (which cannot run) followed by the
creation code. The core copies it with ``EXTCODECOPY`` and runs ``CREATE``; an amendment's
successor must use the same blueprints as its predecessor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eth_utils import keccak

from dao_sim.exceptions import UnknownMemberError

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import ArtifactSet

__all__ = ["MODULES", "blueprint_code", "module_blueprints"]

#: The modules, in the order of the contract's ``Blueprints`` struct.
MODULES = ("Governor", "Claims", "DisputeClause", "AutomatedDecisions")


@dataclass(frozen=True)
class _Blueprint:
    """What :meth:`ChainSession.deploy` needs: a name, no ABI, the deploying bytecode."""

    name: str
    bytecode: str
    abi: tuple[dict[str, Any], ...] = ()


def blueprint_code(creation_code: bytes) -> bytes:
    """The runtime code of a blueprint: ``0xFE`` then the module's creation code."""
    return b"\xfe" + creation_code


def _deployer(payload: bytes) -> bytes:
    # CODECOPY(0, 14, len) then RETURN(0, len): 14 bytes of prefix, then the payload.
    size = len(payload).to_bytes(2, "big")
    return b"\x61" + size + b"\x60\x0e\x60\x00\x39\x61" + size + b"\x60\x00\xf3" + payload


def module_blueprints(session: ChainSession, artifacts: ArtifactSet, *, sender: str) -> tuple[str, ...]:
    """Addresses of the module blueprints on this chain, publishing any that are missing.

    A blueprint is found again by its label, which carries the hash of its code, so a session
    publishes each version once and every DAO deployed on it shares them.
    """
    addresses = []
    for name in MODULES:
        creation = bytes.fromhex(artifacts[name].bytecode.removeprefix("0x"))
        payload = blueprint_code(creation)
        label = f"{name} blueprint {keccak(payload).hex()[:8]}"
        try:
            address = session.address(label)
        except UnknownMemberError:
            handle = session.deploy(_Blueprint(f"{name}Blueprint", "0x" + _deployer(payload).hex()),
                                    sender=sender, label=label)
            address = handle.address
        addresses.append(address)
    return tuple(addresses)
