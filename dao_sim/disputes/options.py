"""What each ruling of a dispute means, in words, for the arbitrable contracts dao-sim knows.

ERC-792 numbers a dispute's rulings 0 (refused to arbitrate) to ``choices``; what a number does
is up to the arbitrable contract that opened the dispute. A person asked to sign "ruling 2"
must be told what ruling 2 does there: a DAO's dispute clause voids the proposal; the escrow
pays the payee 1 percent. :func:`ruling_options` finds the contract behind a dispute and
returns its options; for a contract dao-sim does not know it returns none, and the number is
all there is to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dao_sim.disputes.arbitrator import Court

__all__ = ["DAO_RULINGS", "ESCROW_RULINGS", "STANDARD_ESCROW_RULINGS", "ruling_options"]

#: What each ruling means for a disputed DAO proposal (ERC-792: 0 = refused to arbitrate).
DAO_RULINGS: dict[int, str] = {
    0: "refused to arbitrate: the members' vote stands (dao-sim default)",
    1: "uphold: the proposal may execute",
    2: "void: the proposal never executes",
    3: "remedy: void, and the disputer's stated compensation is paid from the treasury",
}

#: The escrow agreement: ruling r in 1..101 gives the payee r - 1 percent of the deposit.
ESCROW_RULINGS: dict[int, str] = {
    0: "refused to arbitrate: the deposit stays frozen until the parties agree a division",
    **{r: f"the payee gets {r - 1}% of the deposit, the payer the rest" for r in range(1, 102)},
}

#: The two-way escrow written against ERC-792 alone (the StandardEscrow mock).
STANDARD_ESCROW_RULINGS: dict[int, str] = {
    0: "refused to arbitrate: the deposit is split in half",
    1: "refund the payer",
    2: "pay the payee",
}

#: Ruling options by the name of the arbitrable contract (its artifact).
_BY_CONTRACT: dict[str, Mapping[int, str]] = {
    "DisputeClause": DAO_RULINGS,
    "Escrow": ESCROW_RULINGS,
    "StandardEscrow": STANDARD_ESCROW_RULINGS,
}


def ruling_options(court: Court, dispute_id: int) -> Mapping[int, str]:
    """The rulings of ``dispute_id`` in words, read from the contract that opened it.

    Returns
    -------
    mapping
        Ruling number -> what it does; empty when the arbitrable contract is not one dao-sim
        knows (or not one this session has an interface for).
    """
    from dao_sim.exceptions import ChainError

    arbitrable = court.dispute(dispute_id).arbitrable
    try:
        contract = court.session.contract(arbitrable).interface.label
    except ChainError:
        return {}
    return _BY_CONTRACT.get(contract, {})
