"""The roster: natural persons with attestations, changed only by a majority of the roster."""

import pytest

from dao_sim.disputes import IdentityAttestation, deploy_arbitrator
from dao_sim.exceptions import ContractReverted, DisputeError
from tests.disputes.conftest import ATTESTER, PAY_PAYEE, ROSTER, identified


def test_the_founding_roster_is_recorded_with_attestations_and_no_personal_data(session, court):
    assert court.roster() == ROSTER
    record = court.record("Saule")
    person = court.person("Saule")
    assert record.active and record.attested_by == ATTESTER
    assert person.attestation.matches(record.attestation)
    registered = [e for e in court.handle.events("ArbitratorRegistered")]
    assert [session.name_of(e.args["arbitrator"]) for e in registered] == list(ROSTER)
    assert "identity card" not in str(session.journal.to_json())


def test_the_attestation_is_a_salted_hash():
    description = "identity card checked in person"
    one = IdentityAttestation.make(description, ATTESTER)
    other = IdentityAttestation.make(description, ATTESTER)
    assert one.digest != other.digest
    assert IdentityAttestation.make(description, ATTESTER, salt=one.salt).digest == one.digest
    with pytest.raises(DisputeError):
        IdentityAttestation.make(description, ATTESTER, salt=b"short")


def test_an_empty_roster_or_a_missing_attestation_is_refused(session, artifacts):
    with pytest.raises(DisputeError):
        deploy_arbitrator(session, [], artifacts=artifacts)
    founders = [(session.address("Madina"), b"\x00" * 32, session.address(ATTESTER))]
    with pytest.raises(ContractReverted) as missing:
        session.deploy(artifacts["HumanArbitrator"], founders, 0, 0, 86_400, 86_400,
                       sender="Madina")
    assert missing.value.error == "AttestationMissing"
    with pytest.raises(ContractReverted) as empty:
        session.deploy(artifacts["HumanArbitrator"], [], 0, 0, 86_400, 86_400, sender="Madina")
    assert empty.value.error == "RosterEmpty"


def test_co_optation_needs_a_majority_and_the_candidates_acceptance(court):
    candidate = identified("Kairat")
    entry = court.handle.transact("proposeAddition", "Kairat", candidate.attestation.digest,
                                  sender="Madina")
    motion = entry.event("RosterMotionProposed").args["motionId"]
    court.handle.transact("supportMotion", motion, sender="Nurlan")
    court.handle.transact("acceptAppointment", motion, sender="Kairat")
    assert "Kairat" not in court.roster()  # 2 of 5 is no majority
    with pytest.raises(ContractReverted) as outsider:
        court.handle.transact("supportMotion", motion, sender="Kairat")
    assert outsider.value.error == "NotOnRoster"
    entry = court.handle.transact("supportMotion", motion, sender="Saule")
    assert "ArbitratorRegistered" in [e.name for e in entry.events]
    assert court.roster()[-1] == "Kairat"
    assert court.record("Kairat").attested_by == "Madina"


def test_an_addition_without_acceptance_does_not_take_effect(court):
    digest = identified("Kairat").attestation.digest
    motion = court.handle.transact("proposeAddition", "Kairat", digest, sender="Madina"
                                   ).event("RosterMotionProposed").args["motionId"]
    for member in ("Nurlan", "Saule", "Timur"):
        court.handle.transact("supportMotion", motion, sender=member)
    assert "Kairat" not in court.roster()
    with pytest.raises(ContractReverted) as stranger:
        court.handle.transact("acceptAppointment", motion, sender="Bolat")
    assert stranger.value.error == "NotTheCandidate"


def test_removal_lapses_open_motions_and_bars_the_removed_from_ruling(court, open_dispute):
    _, dispute = open_dispute(1, eligible=("Madina",))
    assert court.panel(dispute) == ("Madina",)
    motion = court.handle.transact("proposeRemoval", "Madina", b"\x01" * 32, sender="Nurlan"
                                   ).event("RosterMotionProposed").args["motionId"]
    other = court.handle.transact("proposeAddition", "Kairat", b"\x02" * 32, sender="Timur"
                                  ).event("RosterMotionProposed").args["motionId"]
    court.handle.transact("supportMotion", motion, sender="Saule")
    court.handle.transact("supportMotion", motion, sender="Zhanna")
    assert "Madina" not in court.roster()
    assert not court.record("Madina").active
    with pytest.raises(ContractReverted) as barred:
        court.cast(dispute, PAY_PAYEE, by="Madina")
    assert barred.value.error == "NotOnRoster"
    with pytest.raises(ContractReverted) as lapsed:
        court.handle.transact("supportMotion", other, sender="Nurlan")
    assert lapsed.value.error == "MotionLapsed"


def test_a_member_may_resign_but_the_roster_never_empties(session, artifacts):
    court = deploy_arbitrator(session, [identified("Madina"), identified("Nurlan")],
                              artifacts=artifacts)
    court.handle.transact("resign", sender="Nurlan")
    assert court.roster() == ("Madina",)
    with pytest.raises(ContractReverted) as last:
        court.handle.transact("resign", sender="Madina")
    assert last.value.error == "RosterWouldBeEmpty"


def test_unknown_people_get_a_suggestion(court):
    with pytest.raises(DisputeError, match="did you mean 'Madina'"):
        court.person("Madian")

