"""The member registry as a report table: who is identified, how, and what the chain holds.

A report names a member and the kind of number on file, never the number itself; an erased
member appears only as the address and hash the chain already holds, with the date of erasure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dao_sim.report.model import Table

if TYPE_CHECKING:
    from dao_sim.governance.registry import MemberRegistry

__all__ = ["registry_table"]


def registry_table(registry: MemberRegistry) -> Table:
    """One row per registered or erased member."""
    rows = [(m.member, m.address, f"{m.kind}: {m.name} ({m.scheme.upper()} on file, off chain)",
             m.identity_hash) for m in registry]
    rows += [("(erased)", e.address, f"erased {e.erased_at} at the member's request", e.identity_hash)
             for e in registry.erased]
    return Table("Members' identification (off-chain registry)",
                 ("member", "address", "identification", "salted hash on chain"), tuple(rows),
                 "Names and IIN/BIN stay off the chain, in the registry, where they can be erased "
                 f"({registry.erasure_basis()}); the chain holds only the salted hash.")
