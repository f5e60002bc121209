"""Attacks on the arbitrator: choosing one's judge, judging one's own case, locking or skimming fees.

Each test is named after the attack it stages: an attacking account or contract tries, and the
arbitrator refuses or the attack comes to nothing. Who is drawn is read from the chain (the
draw follows a block hash), except where the eligible roster is exactly the panel.
"""

from __future__ import annotations

import pytest

from dao_sim.disputes import Arbitrator, Court, deploy_arbitrator, deploy_escrow, extra_data
from dao_sim.disputes.errors import explain_refusal
from dao_sim.exceptions import ArbitratorRefused, ContractReverted
from dao_sim.governance.units import format_eth
from tests.disputes.conftest import (
    ETHER,
    FEE,
    PAY_PAYEE,
    PAYEE,
    PAYER,
    REFUND_PAYER,
    ROSTER,
    identified,
    predicted_panel,
    without,
)

#: 75% of EIP-170's 24,576 bytes.
SIZE_BUDGET = 18_432


def _court(session, artifacts, *names: str) -> Court:
    return deploy_arbitrator(session, [identified(n) for n in names], arbitration_fee=FEE,
                             appeal_fee=FEE, ruling_period="7 days", appeal_window="3 days",
                             artifacts=artifacts)


def _organisation(session, artifacts, court: Court, members: tuple[str, ...] = ()):
    """An InterestedArbitrable run by Erlan: declares no parties, answers hasInterest."""
    return session.deploy(artifacts["InterestedArbitrable"], court.address, extra_data(1),
                          [session.address(m) for m in members], sender="Erlan",
                          label="Organisation")


def _open_against(organisation, *, by: str) -> int:
    entry = organisation.transact("openDispute", sender=by, value=FEE)
    return int(entry.event("DisputeCreation").args["_disputeID"])


def _expected_panel(session, court: Court, dispute_id: int, excluded: set[str]) -> tuple[str, ...]:
    """The draw recomputed in Python from the draw block's hash alone (see PanelDraw)."""
    eligible = [m for m in court.roster() if m not in excluded]
    return predicted_panel(session, court, dispute_id, eligible)


# -- attack 3: judge one's own case, or choose one's judge ------------------------------------


def test_attack_3_roster_member_cannot_judge_own_dispute(session, artifacts):
    court = _court(session, artifacts, "Madina", "Nurlan")
    organisation = _organisation(session, artifacts, court)
    dispute = _open_against(organisation, by="Madina")  # Madina, on the roster, disputes
    assert court.handle.call("partiesOf", dispute) == ()  # the organisation declared nobody
    assert court.seat_panel(dispute, by="Madina") == ("Nurlan",)
    with pytest.raises(ContractReverted) as refused:
        court.cast(dispute, PAY_PAYEE, by="Madina")
    assert refused.value.error == "NotOnPanel"

    # With Nurlan a member of the organisation nobody may judge: the dispute is refused.
    organisation.transact("setMember", "Nurlan", True, sender="Erlan")
    with pytest.raises(ContractReverted) as unfillable:
        _open_against(organisation, by="Madina")
    assert unfillable.value.error == "PanelSizeInvalid"
    assert unfillable.value.error_args == {"panelSize": 1, "eligible": 0}


def test_attack_3_dummy_disputes_cannot_steer_the_draw(session, artifacts, court, open_dispute):
    """Erlan wants Timur to judge Aigerim's dispute. Under a rotation, opening k dummy
    disputes first would seat the k-th member; now the panel is unknown until a later block,
    follows from that block's hash alone, and the dummies decide nothing."""
    target, excluded = "Timur", "Madina"  # Madina is a declared party: never drawn
    drawn: list[str] = []
    for dummies in range(len(ROSTER)):
        for salt in range(4):
            start = session.snapshot()
            session.send_value("Erlan", "Dana", salt + 1)
            for _ in range(dummies):
                dummy = session.deploy(artifacts["StandardEscrow"], "Dana", court.address,
                                       extra_data(1), "ipfs://dummy", sender="Erlan", value=1)
                dummy.transact("raiseDispute", sender="Erlan", value=FEE)
            _, dispute = open_dispute(1, parties=(excluded,), draw=False)
            assert court.panel(dispute) == () and court.deadline(dispute) == 0
            with pytest.raises(ContractReverted) as early:
                court.draw(dispute, by="Erlan")  # the draw block is not mined yet
            assert early.value.error == "PanelDrawTooEarly"
            session.mine()
            court.draw(dispute, by="Erlan")
            panel = court.panel(dispute)
            assert panel == _expected_panel(session, court, dispute, {PAYER, PAYEE, excluded})
            assert excluded not in panel
            drawn.append(panel[0])
            session.revert(start)
    assert drawn.count(target) < len(drawn)
    assert len(set(drawn)) >= 2
    assert set(drawn) <= set(ROSTER) - {excluded}


def _steering_roster_change(session, court: Court, change: str):
    """Prepare ``change`` so that one transaction makes it; return who sends that transaction,
    the transaction, and the roster after it."""
    roster = court.roster()
    if change == "accepts_appointment":  # Kairat's co-optation has its majority, not his consent
        motion = int(court.handle.transact("proposeAddition", "Kairat", b"\x07" * 32, sender="Madina")
                     .event("RosterMotionProposed").args["motionId"])
        for supporter in ("Nurlan", "Saule"):
            court.handle.transact("supportMotion", motion, sender=supporter)
        return "Kairat", lambda: court.handle.transact("acceptAppointment", motion, sender="Kairat"), \
            [*roster, "Kairat"]
    if change == "removes_by_motion":  # Saule's support is the one that removes Zhanna
        motion = int(court.handle.transact("proposeRemoval", "Zhanna", b"\x08" * 32, sender="Madina")
                     .event("RosterMotionProposed").args["motionId"])
        court.handle.transact("supportMotion", motion, sender="Nurlan")
        return "Saule", lambda: court.handle.transact("supportMotion", motion, sender="Saule"), \
            without(roster, "Zhanna")
    return None, None, None  # resigns: who resigns is chosen once the hash is known


@pytest.mark.parametrize("change", ["resigns", "accepts_appointment", "removes_by_motion"])
def test_attack_3_a_roster_change_timed_after_the_draw_block_cannot_steer_the_panel(
        session, court, open_dispute, change):
    """Once the draw block is mined, anyone can compute who `drawPanel` would seat. A roster
    member colluding with a party computes it, and also who would be seated if the roster
    changed first (they resign, accept an appointment, or give the deciding support to a
    removal); they act only when the change moves the seat, before anyone draws. The draw uses
    the pool fixed when the round was opened: the change moves nothing."""
    actor, act, changed = _steering_roster_change(session, court, change)
    roster = list(court.roster())
    for salt in range(12):
        start = session.snapshot()
        session.send_value("Erlan", "Dana", salt + 1)
        _, dispute = open_dispute(1, draw=False)
        session.mine()
        honest = predicted_panel(session, court, dispute, roster)
        if change == "resigns":  # any roster member not drawn whose leaving moves the seat
            movers = [m for m in roster if m not in honest
                      and predicted_panel(session, court, dispute, without(roster, m)) != honest]
            if movers:
                actor = movers[0]
                act, changed = (lambda m=actor: court.handle.transact("resign", sender=m)), \
                    without(roster, actor)
        if actor is not None and actor not in honest and \
                predicted_panel(session, court, dispute, changed) != honest:
            break
        session.revert(start)
    else:
        pytest.fail("no draw block found in which the roster change would move the seat")
    steered = predicted_panel(session, court, dispute, changed)

    act()  # the change itself is not refused: it just no longer reaches this draw
    assert court.roster() != tuple(roster)
    court.draw(dispute, by=actor)
    assert court.panel(dispute) == honest != steered, f"{actor} steered the draw by {change}"
    assert court.pool(dispute) == tuple(roster)


def test_attack_3_interested_people_are_never_drawn(session, artifacts, court):
    """Saule (on the roster) disputes against an organisation of which Nurlan is a member; it
    declares no parties but answers hasInterest. Neither is ever drawn."""
    organisation = _organisation(session, artifacts, court, members=("Nurlan",))
    drawn = set()
    for _ in range(8):
        dispute = _open_against(organisation, by="Saule")
        panel = court.seat_panel(dispute, by="Saule")
        assert panel == _expected_panel(session, court, dispute, {"Nurlan", "Saule"})
        drawn |= set(panel)
    assert drawn and drawn.isdisjoint({"Nurlan", "Saule"})


def test_attack_3_a_panelist_who_becomes_interested_cannot_rule(session, artifacts, court):
    organisation = _organisation(session, artifacts, court)
    dispute = _open_against(organisation, by=PAYER)
    (panelist,) = court.seat_panel(dispute, by=PAYER)
    organisation.transact("setMember", panelist, True, sender="Erlan")  # joins after the draw
    with pytest.raises(ArbitratorRefused) as refused:
        court.cast(dispute, PAY_PAYEE, by=panelist)
    assert refused.value.error == "PanelistInterested"
    assert f"{panelist} has an interest in dispute {dispute}" in str(refused.value)
    assert court.dispute(dispute).votes_cast == 0
    session.advance("8 days")
    court.escalate(dispute, by=PAYER)
    (replacement,) = court.panel(dispute)
    assert replacement != panelist
    court.cast(dispute, PAY_PAYEE, by=replacement)
    assert court.dispute(dispute).decided


def test_attack_3_starving_the_interest_check_never_seats_an_interested_member(session, artifacts):
    """Interest is asked when a round is opened (its pool is fixed then). Whatever gas the
    opener sends, a failed hasInterest never counts as 'not interested' because it ran out of
    gas: the opening reverts, or the pool holds only Madina and she is drawn."""
    court = _court(session, artifacts, "Madina", "Nurlan")
    organisation = _organisation(session, artifacts, court, members=("Nurlan",))
    refusals = []
    for gas in range(60_000, 600_001, 10_000):
        try:
            entry = organisation.transact("openDispute", sender=PAYER, value=FEE, gas=gas)
        except ContractReverted as exc:
            refusals.append(exc.error)
            assert court.handle.call("disputeCount") == 0
        else:
            break
    assert "InterestCheckUnderfunded" in refusals
    dispute = int(entry.event("DisputeCreation").args["_disputeID"])
    assert court.pool(dispute) == ("Madina",)
    assert court.seat_panel(dispute, by=PAYER) == ("Madina",)


def test_attack_3_escrow_data_source_cannot_judge_its_own_confirmation(session, artifacts):
    """Even when its extra data declares nobody, the escrow names payer, payee and carrier
    through hasInterest: a carrier on the roster never judges the delivery it confirmed."""
    court = _court(session, artifacts, "Madina", "Kairat")
    agreement = deploy_escrow(session, court, payer=PAYER, payee=PAYEE, data_source="Kairat",
                              amount=ETHER, deadline="14 days", terms_uri="ipfs://t",
                              exclude_parties=False, artifacts=artifacts)
    assert [agreement.handle.call("hasInterest", 0, session.address(n))
            for n in (PAYER, PAYEE, "Kairat", "Madina")] == [True, True, True, False]
    dispute = agreement.raise_dispute(by=PAYER)
    assert court.panel(dispute) == ("Madina",)


def test_a_draw_block_older_than_256_blocks_is_re_armed(session, court, open_dispute):
    _, dispute = open_dispute(1, draw=False)
    session.mine(300)
    entry = court.draw(dispute, by="Erlan")
    assert [e.name for e in entry.events] == ["PanelDrawScheduled"]
    assert court.panel(dispute) == ()
    assert court.draw_block(dispute) == entry.block + 1
    session.mine()
    assert [e.name for e in court.draw(dispute, by="Erlan").events] == ["PanelDrawn"]
    assert len(court.panel(dispute)) == 1


def test_attack_3_letting_the_draw_lapse_does_not_reopen_the_pool(session, court, open_dispute):
    """Nobody draws for 256 blocks; meanwhile Madina resigns. The re-armed draw is made from
    the pool fixed when the round was opened, her included."""
    roster = list(court.roster())
    _, dispute = open_dispute(1, draw=False)
    session.mine(300)
    court.handle.transact("resign", sender="Madina")
    assert [e.name for e in court.draw(dispute, by="Erlan").events] == ["PanelDrawScheduled"]
    assert court.pool(dispute) == tuple(roster)
    session.mine()
    court.draw(dispute, by="Erlan")
    assert court.panel(dispute) == predicted_panel(session, court, dispute, roster)


def test_a_pool_member_who_resigned_before_the_draw_may_be_drawn_but_cannot_rule(
        session, court, open_dispute):
    """Saule is the only member who may sit; she resigns before the draw. She is drawn all
    the same (the pool is fixed), and her seat stays empty, as if she abstained."""
    _, dispute = open_dispute(1, eligible=("Saule",), draw=False)
    court.handle.transact("resign", sender="Saule")
    assert court.seat_panel(dispute, by=PAYER) == ("Saule",)
    with pytest.raises(ContractReverted) as refused:
        court.cast(dispute, PAY_PAYEE, by="Saule")
    assert refused.value.error == "NotOnRoster"


def test_an_undrawn_round_cannot_be_escalated(session, court, open_dispute):
    _, dispute = open_dispute(1, draw=False)
    session.advance("30 days")
    with pytest.raises(ArbitratorRefused) as refused:
        court.escalate(dispute, by="Erlan", draw=False)
    assert refused.value.error == "PanelNotDrawn"
    assert "not drawn yet" in str(refused.value)


# -- attack 10: lock or skim fees --------------------------------------------------------------


def test_attack_10_dispute_from_non_contract_is_refused(session, court):
    held = session.balance(court.address)
    with pytest.raises(ContractReverted) as refused:
        court.handle.transact("createDispute", 2, extra_data(1), sender="Erlan", value=FEE)
    assert refused.value.error == "NotAnArbitrable"
    assert session.name_of(refused.value.error_args["caller"]) == "Erlan"
    assert session.balance(court.address) == held
    assert court.handle.call("disputeCount") == 0
    told = explain_refusal(refused.value, session.name_of, format_eth)
    assert str(told) == ("createDispute refused: Erlan is not a contract: only an arbitrable "
                         "contract may open a dispute, so that the ruling can be delivered and "
                         "the fee is not locked")


def test_attack_10_late_vote_after_deadline_gets_no_fee(session, court, open_dispute):
    """The third panelist waits until the deadline has passed (the appeal window, opened late,
    is still running) and tries to rule for a share of the fee."""
    _, dispute = open_dispute(3)
    first, second, third = court.panel(dispute)
    session.advance(court.deadline(dispute) - session.now() - 3_600)
    court.cast(dispute, PAY_PAYEE, by=first)
    court.cast(dispute, PAY_PAYEE, by=second)
    assert court.dispute(dispute).decided
    session.advance("2 hours")
    assert session.now() > court.deadline(dispute)
    assert session.now() < court.dispute(dispute).appeal_end
    with pytest.raises(ArbitratorRefused) as late:
        court.cast(dispute, PAY_PAYEE, by=third)
    assert late.value.error == "RulingDeadlinePassed"
    session.advance("3 days")
    court.execute_ruling(dispute, by="Erlan")
    assert [court.fees_of(p) for p in (first, second, third)] == [3 * FEE // 2, 3 * FEE // 2, 0]


def test_attack_10_late_vote_after_appeal_window_gets_no_fee(session, court, open_dispute):
    """The third panelist waits until the ruling is final (appeal window closed, deadline not
    yet passed) and tries to rule before anyone executes it."""
    _, dispute = open_dispute(3)
    first, second, third = court.panel(dispute)
    court.cast(dispute, REFUND_PAYER, by=first)
    court.cast(dispute, REFUND_PAYER, by=second)
    session.advance("4 days")
    assert session.now() < court.deadline(dispute)
    with pytest.raises(ArbitratorRefused) as late:
        court.cast(dispute, REFUND_PAYER, by=third)
    assert late.value.error == "AppealWindowClosed"
    court.execute_ruling(dispute, by="Erlan")
    assert [court.fees_of(p) for p in (first, second, third)] == [3 * FEE // 2, 3 * FEE // 2, 0]


def test_attack_4_a_refused_ruling_delivery_does_not_lock_fees(session, artifacts, court):
    refusing = session.deploy(artifacts["RefusingArbitrable"], court.address, sender="Erlan",
                              label="Refusing")
    dispute = int(refusing.transact("openDispute", sender="Erlan", value=FEE
                                    ).event("DisputeCreation").args["_disputeID"])
    (panelist,) = court.seat_panel(dispute, by="Erlan")
    court.cast(dispute, PAY_PAYEE, by=panelist)
    session.advance("3 days")
    entry = court.execute_ruling(dispute, by="Dana")
    assert "RulingDeliveryFailed" in [e.name for e in entry.events]
    assert court.fees_of(panelist) == FEE
    assert not court.ruling_delivered(dispute)
    court.withdraw_fees(by=panelist)
    with pytest.raises(ArbitratorRefused) as again:
        court.deliver_ruling(dispute, by="Dana")
    assert again.value.error == "RulingNotDelivered"
    with pytest.raises(ContractReverted) as twice:
        court.execute_ruling(dispute, by="Dana")
    assert twice.value.error == "DisputeSolved"

    refusing.transact("configure", False, True, sender="Erlan")  # accepts, and tries re-entry
    court.deliver_ruling(dispute, by="Dana")
    assert (refusing.call("rulingsReceived"), refusing.call("lastRuling")) == (1, PAY_PAYEE)
    assert refusing.call("reentrySucceeded") is False
    assert court.ruling_delivered(dispute)
    with pytest.raises(ArbitratorRefused) as delivered:
        court.deliver_ruling(dispute, by="Dana")
    assert delivered.value.error == "RulingAlreadyDelivered"


def test_a_ruling_not_yet_final_cannot_be_delivered(court, open_dispute):
    _, dispute = open_dispute(1)
    with pytest.raises(ArbitratorRefused) as refused:
        court.deliver_ruling(dispute, by="Erlan")
    assert refused.value.error == "RulingNotFinal"
    assert "(it is Waiting)" in str(refused.value)


# -- size ------------------------------------------------------------------------------------


def test_the_arbitrator_stays_well_below_the_contract_size_limit(session, artifacts, court):
    deployed = session.engine.code(court.address)
    assert len(deployed) == len(bytes.fromhex(artifacts["HumanArbitrator"].deployed_bytecode[2:]))
    assert len(deployed) < SIZE_BUDGET


def test_plain_erc792_arbitrables_without_has_interest_still_work(session, artifacts):
    court = deploy_arbitrator(session, [identified("Madina"), Arbitrator.identified(
        "Nurlan", "ID card", "Askar")], artifacts=artifacts)
    escrow = session.deploy(artifacts["StandardEscrow"], PAYEE, court.address, extra_data(1),
                            "ipfs://t", sender=PAYER, value=ETHER)
    dispute = int(escrow.transact("raiseDispute", sender=PAYER).event("DisputeCreation")
                  .args["_disputeID"])
    assert len(court.seat_panel(dispute, by=PAYER)) == 1
