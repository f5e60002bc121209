"""A DAO proposal disputed through the Python lifecycle, with its evidence package (digital-evidence)."""

import json

import pytest

from dao_sim.disputes.arbitrator import Arbitrator, deploy_arbitrator
from dao_sim.disputes.channels import ScriptedDecision
from dao_sim.disputes.evidence import build_evidence
from dao_sim.disputes.lifecycle import ProposalDispute
from dao_sim.exceptions import DisputeError
from dao_sim.governance import Action
from dao_sim.law import edition


@pytest.fixture
def setup(session, artifacts, make_dao):
    court = deploy_arbitrator(session, [Arbitrator.identified("Madina", "ID card checked in person", "Saule")],
                              artifacts=artifacts)
    dao = make_dao()
    pid = dao.propose("Aigerim", [Action.pay("Erlan", "2 ETH")], "Pay Erlan for the website")
    for voter, ballot in (("Aigerim", "for"), ("Bolat", "for"), ("Dana", "against")):
        dao.vote(voter, pid, ballot)
    session.advance("3 days")
    return session, court, dao, pid


def test_void_ruling_through_the_lifecycle_stops_the_payment(setup):
    _session, court, dao, pid = setup
    dispute = ProposalDispute.open(dao, court, pid, by="Dana", evidence_uri="ipfs://objection")
    with pytest.raises(DisputeError, match="a human must decide"):
        dispute.finalise(by="Gulnara")
    (ruling,) = dispute.decide(ScriptedDecision(2, "the website was never delivered"))
    assert ruling.decided_by == "Madina"
    outcome = dispute.finalise(by="Gulnara")
    assert (outcome.final_ruling, outcome.proposal_state) == (2, "Voided")
    with pytest.raises(DisputeError, match="only an upheld proposal executes"):
        dispute.enforce(by="Gulnara")


def test_upheld_proposal_executes_and_the_evidence_says_what_was_signed(setup, artifacts, tmp_path):
    session, court, dao, pid = setup
    dispute = ProposalDispute.open(dao, court, pid, by="Dana")
    dispute.decide(ScriptedDecision(1, "the payment was agreed", relayer="Gulnara"))
    dispute.finalise(by="Gulnara")
    before = session.balance("Erlan")
    outcome = dispute.enforce(by="Gulnara")
    assert outcome.proposal_state == "Executed"
    assert session.balance("Erlan") - before == 2 * 10**18

    package = build_evidence(dao, court, pid, dispute.dispute_id, rulings=dispute.rulings, artifacts=artifacts)
    as_json, as_md = package.write(tmp_path)
    data = json.loads(as_json.read_text())
    assert data["charter"]["matches"] is True
    assert data["sources"]["dao_code_matches"] is True
    assert "contracts/governance/DAO.sol" in data["sources"]["hashes"]
    functions = [t["function"] for t in data["transactions"]]
    assert {"propose", "vote", "openDispute", "submitSignedRuling", "executeRuling", "execute"} <= set(functions)
    assert data["rulings"][0]["relayer"] == "Gulnara"
    assert "EIP-712" in data["rulings"][0]["what_was_signed"]
    text = as_md.read_text()
    assert "not the legal equal of a handwritten signature" in text
    assert "legally equivalent" not in text
    assert len(data["blocks"]) == len({t["block"] for t in data["transactions"]})
    assert text.splitlines()[2] == f"**{edition('code-2026').header}**"
    assert (data["law"], data["edition"]) == (edition("code-2026").header, "code-2026")
    assert "handwritten signature (Art. 49(2))" in data["notice"] and "DC " not in text


def test_the_evidence_cites_the_edition_it_is_built_under(setup, artifacts):
    _session, court, dao, pid = setup
    dispute = ProposalDispute.open(dao, court, pid, by="Dana")
    dispute.decide(ScriptedDecision(1, "the payment was agreed"))
    package = build_evidence(dao, court, pid, dispute.dispute_id, rulings=dispute.rulings,
                             artifacts=artifacts, edition="draft-2025")
    text = package.to_markdown()
    assert package.edition == "draft-2025" and edition("draft-2025").header in text
    assert "## Charter and code (DC 20.9)" in text
    assert "(DC 25.3)" in package.notice and "(DC 25.2)" in package.notice
    assert "Art. " not in text.replace("draft Art. ", "")


def test_tampered_code_does_not_match_the_published_source(setup, artifacts):
    from dao_sim.disputes.evidence import deployed_code_matches

    session, _court, dao, _pid = setup
    code = bytearray(session.engine.code(dao.address))
    assert deployed_code_matches(artifacts["DAO"], bytes(code))
    code[10] ^= 0xFF
    assert not deployed_code_matches(artifacts["DAO"], bytes(code))


def test_a_ruling_request_names_what_the_option_does_for_the_dao(setup):
    from dao_sim.disputes import request_ruling, ruling_options
    from dao_sim.disputes.options import DAO_RULINGS

    _session, court, dao, pid = setup
    dispute = ProposalDispute.open(dao, court, pid, by="Dana", evidence_uri="ipfs://objection")
    assert ruling_options(court, dispute.dispute_id) == DAO_RULINGS
    request = request_ruling(court, dispute.dispute_id, 2, by="Madina", reason="never delivered")
    assert request.ruling_label == "void: the proposal never executes"
