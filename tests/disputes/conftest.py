"""Fixtures for human arbitration: a court of five identified people, disputes to rule on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from eth_abi import encode as abi_encode
from eth_utils import keccak

from dao_sim.disputes import Arbitrator, Court, deploy_arbitrator, extra_data

ROSTER = ("Madina", "Nurlan", "Saule", "Timur", "Zhanna")
ATTESTER = "Askar"
FEE = 10**15
ETHER = 10**18
PAYER, PAYEE = "Aigerim", "Bolat"
REFUND_PAYER, PAY_PAYEE = 1, 2


def identified(name: str) -> Arbitrator:
    return Arbitrator.identified(name, f"identity card of {name} checked in person", ATTESTER)


@pytest.fixture
def court(session, artifacts) -> Court:
    """Five arbitrators attested by Askar; fee 0.001 ETH per panelist; 7-day rulings,
    3-day appeals."""
    return deploy_arbitrator(session, [identified(n) for n in ROSTER], arbitration_fee=FEE,
                             appeal_fee=FEE, ruling_period="7 days", appeal_window="3 days",
                             artifacts=artifacts)


@pytest.fixture
def open_dispute(session, artifacts, court) -> Callable[..., tuple[Any, int]]:
    """``open_dispute(panel_size)``: a StandardEscrow of 1 ETH from Aigerim to Bolat, disputed
    by Aigerim, who declares both parties (and ``parties``) to the arbitrator; the panel is
    drawn one block later unless ``draw=False``. ``eligible`` names the only roster members
    who may sit (the others are declared parties), for a test that needs to know who is
    drawn. Returns ``(escrow handle, dispute id)``."""

    def open_(panel_size: int = 1, parties: tuple[str, ...] = (), *, draw: bool = True,
              eligible: tuple[str, ...] | None = None) -> tuple[Any, int]:
        if eligible is not None:  # the others are declared parties: the panel is known
            parties = (*parties, *(n for n in ROSTER if n not in eligible))
        declared = [session.address(p) for p in (PAYER, PAYEE, *parties)]
        escrow = session.deploy(artifacts["StandardEscrow"], PAYEE, court.address,
                                extra_data(panel_size, declared), "ipfs://terms", sender=PAYER,
                                value=ETHER)
        entry = escrow.transact("raiseDispute", sender=PAYER,
                                value=court.arbitration_cost(panel_size))
        dispute_id = int(entry.event("DisputeCreation").args["_disputeID"])
        if draw:
            court.seat_panel(dispute_id, by=PAYER)
        return escrow, dispute_id

    return open_


def rule(court: Court, dispute_id: int, ruling: int, votes: int | None = None) -> tuple[str, ...]:
    """The first ``votes`` panelists (a bare majority by default) cast ``ruling``."""
    panel = court.panel(dispute_id)
    voters = panel[: votes if votes is not None else len(panel) // 2 + 1]
    for name in voters:
        court.cast(dispute_id, ruling, by=name, reason=f"{name}'s reasons")
    return voters


def predicted_panel(session: Any, court: Court, dispute_id: int, eligible: list[str]
                    ) -> tuple[str, ...]:
    """The panel of the current round recomputed in Python, as anyone can once its draw block
    is mined, from that block's hash and the ``eligible`` roster members in roster order (see
    PanelDraw): what an attacker computes before deciding whether to act."""
    round_ = court.round(dispute_id)
    block_hash = bytes.fromhex(session.engine.block(court.draw_block(dispute_id, round_)).hash[2:])
    seed = keccak(abi_encode(["bytes32", "uint256", "uint256"], [block_hash, dispute_id, round_]))
    avoid = set(court.panel(dispute_id, round_ - 1)) if round_ else set()
    size = court.handle.call("getDispute", dispute_id)[5]
    panel: list[str] = []
    for pool in ([m for m in eligible if m not in avoid], [m for m in eligible if m in avoid]):
        for i in range(len(pool)):
            if len(panel) == size:
                break
            nonce = keccak(abi_encode(["bytes32", "uint256"], [seed, len(panel)]))
            j = i + int.from_bytes(nonce, "big") % (len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
            panel.append(pool[i])
    return tuple(panel)


def without(roster: list[str] | tuple[str, ...], leaver: str) -> list[str]:
    """The roster after ``leaver`` leaves it: the last member takes their place."""
    order = list(roster)
    index = order.index(leaver)
    order[index] = order[-1]
    order.pop()
    return order
