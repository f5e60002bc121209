"""Interoperability: an escrow written only to ERC-792/1497 works with HumanArbitrator."""

from pathlib import Path

from dao_sim.disputes import DisputeStatus
from tests.disputes.conftest import ETHER, FEE, PAY_PAYEE, PAYEE, PAYER, REFUND_PAYER, rule

SOURCE = Path(__file__).parents[2] / "contracts" / "mocks" / "StandardEscrow.sol"


def test_the_mock_imports_only_the_standard_interfaces():
    imports = [line for line in SOURCE.read_text().splitlines() if line.startswith("import")]
    assert imports and all(any(name in line for name in
                               ("IArbitrator.sol", "IArbitrable.sol", "IEvidence.sol"))
                           for line in imports)


def test_end_to_end_dispute_appeal_and_enforcement(session, court, open_dispute):
    escrow, dispute = open_dispute(1)
    escrow.transact("submitEvidence", "ipfs://photos-of-damage", sender=PAYER)
    assert [e.name for e in escrow.events()] == ["MetaEvidence", "Dispute", "Evidence"]

    rule(court, dispute, PAY_PAYEE)
    start, end = court.handle.call("appealPeriod", dispute)
    assert end > start > 0
    court.appeal(dispute, by=PAYER)
    assert court.handle.call("disputeStatus", dispute) == DisputeStatus.WAITING
    rule(court, dispute, REFUND_PAYER)
    session.advance("3 days")
    assert court.handle.call("disputeStatus", dispute) == DisputeStatus.SOLVED

    before = session.balance(PAYER)
    entry = court.execute_ruling(dispute, by=PAYEE)
    assert entry.event("Ruling").args["_ruling"] == REFUND_PAYER
    assert session.balance(PAYER) - before == ETHER
    assert escrow.call("status") == 2
    assert session.balance(court.address) == FEE + 3 * FEE  # panelists' fees, to withdraw
