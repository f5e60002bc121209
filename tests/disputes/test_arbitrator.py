"""HumanArbitrator: panels, majority rulings, appeals, and escalation that decides nothing."""

import pytest

from dao_sim.disputes import DisputeStatus
from dao_sim.exceptions import ContractReverted
from tests.disputes.conftest import FEE, PAY_PAYEE, PAYEE, PAYER, REFUND_PAYER, ROSTER, rule


def test_panels_are_drawn_a_block_later_from_the_roster_and_skip_declared_parties(session, court,
                                                                                open_dispute):
    _, dispute = open_dispute(3, parties=("Zhanna", "Madina"), draw=False)
    assert court.panel(dispute) == ()
    assert court.draw_block(dispute) == session.latest_block().number + 1
    with pytest.raises(ContractReverted) as early:
        court.draw(dispute, by="Erlan")
    assert early.value.error == "PanelDrawTooEarly"
    assert court.deadline(dispute) == 0
    entry = court.draw(dispute, by="Erlan")
    panel = court.panel(dispute)
    assert set(panel) == {"Nurlan", "Saule", "Timur"} and len(panel) == 3
    assert court.deadline(dispute) == entry.timestamp + 7 * 86_400
    with pytest.raises(ContractReverted) as twice:
        court.draw(dispute, by="Erlan")
    assert twice.value.error == "PanelAlreadyDrawn"


def test_a_panel_larger_than_the_eligible_roster_is_refused(court, open_dispute):
    with pytest.raises(ContractReverted) as refused:
        open_dispute(5, parties=("Madina",))
    assert refused.value.error == "PanelSizeInvalid"
    assert refused.value.error_args == {"panelSize": 5, "eligible": 4}
    with pytest.raises(ContractReverted) as even:
        open_dispute(2)
    assert even.value.error == "PanelSizeInvalid"


def test_the_fee_must_cover_the_panel(session, artifacts, court):
    escrow = session.deploy(artifacts["StandardEscrow"], PAYEE, court.address, b"", "ipfs://t",
                            sender=PAYER, value=1)
    with pytest.raises(ContractReverted) as refused:
        escrow.transact("raiseDispute", sender=PAYER, value=FEE - 1)
    assert refused.value.error == "FeeTooLow"
    assert refused.value.error_args == {"required": FEE, "paid": FEE - 1}


def test_a_single_arbitrator_rules_and_the_ruling_is_appealable(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    assert court.status(dispute) is DisputeStatus.WAITING
    entry = court.cast(dispute, PAY_PAYEE, by="Madina", reason="delivered as agreed")
    assert [e.name for e in entry.events] == ["RulingCast", "RulingGiven", "AppealPossible"]
    info = court.dispute(dispute)
    assert (info.status, info.ruling, info.decided) == (DisputeStatus.APPEALABLE, PAY_PAYEE, True)
    start, end = court.handle.call("appealPeriod", dispute)
    assert end - start == 3 * 86_400


def test_only_a_majority_of_the_panel_decides(court, open_dispute):
    _, dispute = open_dispute(3)
    first, second, third = court.panel(dispute)
    court.cast(dispute, REFUND_PAYER, by=first)
    court.cast(dispute, PAY_PAYEE, by=second)
    assert court.status(dispute) is DisputeStatus.WAITING
    assert court.current_ruling(dispute) == 0
    court.cast(dispute, PAY_PAYEE, by=third)
    assert court.status(dispute) is DisputeStatus.APPEALABLE
    assert court.current_ruling(dispute) == PAY_PAYEE
    assert [v.ruling for v in court.votes(dispute)] == [REFUND_PAYER, PAY_PAYEE, PAY_PAYEE]


def test_a_panelist_may_refuse_to_arbitrate(session, court, open_dispute):
    _escrow, dispute = open_dispute(1, eligible=("Madina",))
    court.cast(dispute, 0, by="Madina", reason="I know the payer personally")
    assert court.current_ruling(dispute) == 0
    session.advance("3 days")
    payer_before = session.balance(PAYER)
    court.execute_ruling(dispute, by="Erlan")
    assert session.balance(PAYER) - payer_before == 10**18 // 2


@pytest.mark.parametrize(("who", "ruling", "error"), [
    ("Nurlan", PAY_PAYEE, "NotOnPanel"),
    ("Aigerim", PAY_PAYEE, "NotOnPanel"),
    ("Madina", 3, "RulingOutOfRange"),
])
def test_rulings_outside_the_panel_or_the_choices_are_refused(court, open_dispute, who, ruling,
                                                              error):
    _, dispute = open_dispute(1, eligible=("Madina",))
    with pytest.raises(ContractReverted) as refused:
        court.cast(dispute, ruling, by=who)
    assert refused.value.error == error
    assert court.dispute(dispute).votes_cast == 0


def test_a_panelist_votes_once_per_round(court, open_dispute):
    _, dispute = open_dispute(3)
    panelist = court.panel(dispute)[0]
    court.cast(dispute, PAY_PAYEE, by=panelist)
    with pytest.raises(ContractReverted) as refused:
        court.cast(dispute, REFUND_PAYER, by=panelist)
    assert refused.value.error == "AlreadyVoted"


def test_appeal_overturns_a_ruling(session, court, open_dispute):
    _escrow, dispute = open_dispute(1)
    (first,) = court.panel(dispute)
    court.cast(dispute, REFUND_PAYER, by=first, reason="not delivered")
    cost = court.appeal_cost(dispute)
    assert cost == 3 * FEE
    entry = court.appeal(dispute, by=PAYEE)
    assert "AppealDecision" in [e.name for e in entry.events]
    info = court.dispute(dispute)
    assert (info.round, info.status, len(info.panel)) == (1, DisputeStatus.WAITING, 3)
    assert first not in info.panel
    assert court.current_ruling(dispute) == REFUND_PAYER
    with pytest.raises(ContractReverted) as stale:
        court.cast(dispute, REFUND_PAYER, by=first)
    assert stale.value.error == "NotOnPanel"
    rule(court, dispute, PAY_PAYEE)
    session.advance("3 days")
    assert court.status(dispute) is DisputeStatus.SOLVED
    payee_before = session.balance(PAYEE)
    court.execute_ruling(dispute, by="Erlan")
    assert court.current_ruling(dispute) == PAY_PAYEE
    assert session.balance(PAYEE) - payee_before == 10**18
    assert court.dispute(dispute).executed


def test_appeal_needs_an_open_window_and_a_larger_panel(session, court, open_dispute):
    _, dispute = open_dispute(1)
    with pytest.raises(ContractReverted) as early:
        court.appeal(dispute, by=PAYEE, value=3 * FEE)
    assert early.value.error == "NotAppealable"
    court.cast(dispute, REFUND_PAYER, by=court.panel(dispute)[0])
    with pytest.raises(ContractReverted) as cheap:
        court.appeal(dispute, by=PAYEE, value=3 * FEE - 1)
    assert cheap.value.error == "FeeTooLow"
    court.appeal(dispute, by=PAYEE)
    rule(court, dispute, PAY_PAYEE)
    court.appeal(dispute, by=PAYER)
    assert len(court.panel(dispute)) == 5
    rule(court, dispute, PAY_PAYEE)
    assert court.appeal_cost(dispute) == 2**256 - 1
    with pytest.raises(ContractReverted) as capped:
        court.appeal(dispute, by=PAYER, value=10**18)
    assert capped.value.error == "NoLargerPanel"
    session.advance("3 days")
    with pytest.raises(ContractReverted) as late:
        court.appeal(dispute, by=PAYER, value=10**18)
    assert late.value.error == "AppealWindowClosed"


def test_execution_waits_for_the_appeal_window_and_happens_once(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    court.cast(dispute, PAY_PAYEE, by="Madina")
    with pytest.raises(ContractReverted) as early:
        court.execute_ruling(dispute, by="Erlan")
    assert early.value.error == "AppealWindowOpen"
    session.advance("3 days")
    court.execute_ruling(dispute, by="Erlan")
    with pytest.raises(ContractReverted) as again:
        court.execute_ruling(dispute, by="Erlan")
    assert again.value.error == "DisputeSolved"
    with pytest.raises(ContractReverted) as late_vote:
        court.cast(dispute, REFUND_PAYER, by="Madina")
    assert late_vote.value.error == "DisputeSolved"


def test_a_missed_deadline_escalates_and_decides_nothing(session, court, open_dispute):
    """DC 28.2: time passing never turns into a ruling; it only draws a new panel."""
    escrow, dispute = open_dispute(3)
    old_panel = court.panel(dispute)
    court.cast(dispute, REFUND_PAYER, by=old_panel[0])
    with pytest.raises(ContractReverted) as early:
        court.escalate(dispute, by="Erlan")
    assert early.value.error == "RulingDeadlineNotPassed"

    session.advance("8 days")
    with pytest.raises(ContractReverted) as late:
        court.cast(dispute, REFUND_PAYER, by=old_panel[1])
    assert late.value.error == "RulingDeadlinePassed"
    with pytest.raises(ContractReverted) as not_final:
        court.execute_ruling(dispute, by="Erlan")
    assert not_final.value.error == "NotAppealable"

    entry = court.escalate(dispute, by="Erlan")
    names = [e.name for e in entry.events]
    assert "RulingDeadlineMissed" in names and "PanelReplaced" in names
    assert not {"RulingGiven", "AppealPossible", "Ruling"} & set(names)
    info = court.dispute(dispute)
    assert (info.round, info.status, info.ruling, info.votes_cast) == (1, DisputeStatus.WAITING,
                                                                       0, 0)
    assert info.ruling_deadline > session.now()
    assert len(info.panel) == 3 and info.panel != old_panel
    assert escrow.call("status") == 1  # still Disputed: nothing was paid out

    session.advance("8 days")
    court.escalate(dispute, by="Erlan")
    assert court.status(dispute) is DisputeStatus.WAITING
    assert court.current_ruling(dispute) == 0
    assert escrow.call("amount") == 10**18


def test_a_decided_round_cannot_be_escalated(session, court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    court.cast(dispute, PAY_PAYEE, by="Madina")
    session.advance("8 days")
    with pytest.raises(ContractReverted) as refused:
        court.escalate(dispute, by="Erlan")
    assert refused.value.error == "AlreadyDecided"


def test_fees_go_to_the_panelists_who_ruled(session, court, open_dispute):
    _, dispute = open_dispute(3)
    first, second, third = court.panel(dispute)
    court.cast(dispute, PAY_PAYEE, by=first)
    court.cast(dispute, PAY_PAYEE, by=second)
    session.advance("3 days")
    court.execute_ruling(dispute, by="Erlan")
    assert (court.fees_of(first), court.fees_of(second), court.fees_of(third)) == (
        3 * FEE // 2, 3 * FEE // 2, 0)
    before = session.balance(first)
    entry = court.withdraw_fees(by=first)
    assert session.balance(first) > before
    assert entry.event("FeesWithdrawn").args["amount"] == 3 * FEE // 2
    with pytest.raises(ContractReverted) as empty:
        court.withdraw_fees(by=third)
    assert empty.value.error == "NothingToWithdraw"
    assert session.balance(court.address) == 3 * FEE // 2


def test_an_escalated_round_pays_its_voters_per_seat_and_carries_the_rest(session, court,
                                                                          open_dispute):
    _, dispute = open_dispute(3)
    first = court.panel(dispute)[0]
    court.cast(dispute, PAY_PAYEE, by=first)
    session.advance("8 days")
    court.escalate(dispute, by="Erlan")
    assert court.fees_of(first) == FEE
    rule(court, dispute, PAY_PAYEE, votes=3)
    session.advance("3 days")
    court.execute_ruling(dispute, by="Erlan")
    total = sum(court.fees_of(n) for n in ROSTER)
    assert total == 3 * FEE


def test_erc792_views(court, open_dispute):
    _, dispute = open_dispute(1)
    assert court.handle.call("appealPeriod", dispute) == (0, 0)
    assert court.arbitration_cost(3) == 3 * FEE
    assert court.handle.call("arbitrationCost", b"") == FEE
    info = court.dispute(dispute)
    assert (info.arbitrable, info.choices) == ("StandardEscrow", 2)
    with pytest.raises(ContractReverted) as unknown:
        court.dispute(99)
    assert unknown.value.error == "DisputeUnknown"
