"""What a proposal does when it executes: a list of calls (target, value, calldata).

Builders keep proposals readable: ``Action.pay("Erlan", "2 ETH")`` rather than a tuple of
bytes. Each action keeps a one-line description for the timeline and the report. Amounts are
written with their unit; a bare number is refused (``Action.pay("Erlan", 5)`` would be 5 wei,
not 5 ETH), and code holding wei passes :class:`~dao_sim.governance.units.Wei`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi import encode as abi_encode
from eth_utils import function_signature_to_4byte_selector

from dao_sim.governance.units import Wei, format_eth, parse_amount

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
    def pay(cls, to: str, amount: str | Wei) -> Action:
        """Pay ``amount`` (``"2 ETH"``, ``"5 wei"``, or a :class:`Wei`) from the treasury to ``to``.

        Raises
        ------
        SpecError
            For a bare number (``5``): write its unit.

        Examples
        --------
        >>> Action.pay("Erlan", "2 ETH").summary
        'pay 2 ETH to Erlan'
        >>> Action.pay("Erlan", 5)
        Traceback (most recent call last):
        ...
        dao_sim.exceptions.SpecError: Action.pay amount: a bare 5 has no unit: write '5 ETH', or '5 wei' if you mean wei (Wei(5) in code)
        """
        wei = parse_amount(amount, field="Action.pay amount", units_required=True)
        return cls(to, wei, b"", f"pay {format_eth(wei)} to {to}")

    @classmethod
    def call(cls, target: str, signature: str, *args: Any, value: str | Wei = "0 ETH",
             summary: str = "") -> Action:
        """Call ``signature`` on ``target`` with ``args`` (addresses as checksum strings),
        sending ``value`` (``"1 ETH"`` or a :class:`Wei`; a bare number other than 0 is refused)."""
        wei = parse_amount(value, field="Action.call value", units_required=True)
        return cls(target, wei, encode_call(signature, *args), summary or f"call {signature} on {target}")

    @classmethod
    def offer_membership(cls, candidate_address: str, contribution: str | Wei, candidate: str = "") -> Action:
        """Admit a new member: they may then join with exactly ``contribution`` (``"3 ETH"`` or
        a :class:`Wei`; a bare number is refused)."""
        wei = parse_amount(contribution, field="Action.offer_membership contribution",
                           units_required=True)
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
