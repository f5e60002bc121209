"""What a proposal does when it executes: a list of calls (target, value, calldata).

Builders keep proposals readable: ``Action.pay("Erlan", "2 ETH")`` rather than a tuple of
bytes. Each action keeps a one-line description for the timeline and the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi import encode as abi_encode
from eth_utils import function_signature_to_4byte_selector

__all__ = ["CLAIMS", "Action", "encode_call"]

#: The target name of the DAO's claims module in an action.
CLAIMS = "DAO:claims"


def encode_call(signature: str, *args: Any) -> bytes:
    """Calldata for ``signature`` (``"settleClaim(uint256)"``) with ``args``."""
    selector = function_signature_to_4byte_selector(signature)
    types = signature[signature.index("(") + 1 : -1]
    arg_types = [t for t in types.split(",") if t] if types else []
    return selector + (abi_encode(arg_types, list(args)) if arg_types else b"")


@dataclass(frozen=True)
class Action:
    """One call of a proposal; ``target`` is a name, a contract label or an address.

    Use the builders; ``target="DAO"`` means the DAO's core itself and ``"DAO:claims"`` its
    claims module (resolved when proposing).
    """

    target: str
    value: int = 0
    data: bytes = b""
    summary: str = ""

    @classmethod
    def pay(cls, to: str, amount: int | str) -> Action:
        """Pay ``amount`` from the treasury to ``to``."""
        from dao_sim.governance.units import format_eth, parse_amount

        wei = parse_amount(amount)
        return cls(to, wei, b"", f"pay {format_eth(wei)} to {to}")

    @classmethod
    def call(cls, target: str, signature: str, *args: Any, value: int = 0, summary: str = "") -> Action:
        """Call ``signature`` on ``target`` with ``args`` (addresses as checksum strings)."""
        return cls(target, value, encode_call(signature, *args), summary or f"call {signature} on {target}")

    @classmethod
    def offer_membership(cls, candidate_address: str, contribution: int | str, candidate: str = "") -> Action:
        """Admit a new member: they may then join with exactly ``contribution``."""
        from dao_sim.governance.units import format_eth, parse_amount

        wei = parse_amount(contribution)
        who = candidate or candidate_address
        return cls("DAO", 0, encode_call("offerMembership(address,uint256)", candidate_address, wei),
                   f"offer membership to {who} for {format_eth(wei)}")

    @classmethod
    def settle_claim(cls, claim_id: int) -> Action:
        """Recognise claim ``claim_id`` and pay it from the treasury (liability-cap)."""
        return cls(CLAIMS, 0, encode_call("settleClaim(uint256)", claim_id), f"settle claim {claim_id}")

    @classmethod
    def reject_claim(cls, claim_id: int) -> Action:
        """Reject claim ``claim_id``, releasing its reservation; its bond goes to the treasury."""
        return cls(CLAIMS, 0, encode_call("rejectClaim(uint256)", claim_id), f"reject claim {claim_id}")

    @classmethod
    def expel(cls, member_address: str, member: str = "") -> Action:
        """Expel a member (if the charter allows), paying them their share (no-confiscation)."""
        return cls("DAO", 0, encode_call("expel(address)", member_address), f"expel {member or member_address}")

    @classmethod
    def call_capital(cls, bps_of_contribution: int) -> Action:
        """Call capital from every member, never beyond their liability cap (liability-cap)."""
        return cls("DAO", 0, encode_call("callCapital(uint256)", bps_of_contribution),
                   f"call {bps_of_contribution / 100:g}% of each contribution as capital")
