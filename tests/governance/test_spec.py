"""DAOSpec: a design the Code or the contract cannot accept is refused before anything is deployed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.exceptions import DaoSimError, SpecError
from dao_sim.governance import DAOSpec, Dues, MemberSpec, VotingRule, deploy
from dao_sim.governance.units import Wei
from dao_sim.law import using

ETHER = 10**18
DAY = 86_400
VALID: dict[str, Any] = {"name": "Steppe Makers", "members": {"Aigerim": "10 ETH", "Bolat": "6 ETH"},
                         "arbitrator": "HumanArbitrator"}


def refused(**changes: Any) -> str:
    """The message of the SpecError that ``VALID`` with ``changes`` raises."""
    with pytest.raises(SpecError) as info:
        DAOSpec(**{**VALID, **changes})
    return str(info.value)


# ---- a valid spec, normalised ------------------------------------------------------------------


def test_valid_spec_is_normalised_to_what_the_contract_takes():
    spec = DAOSpec(**VALID, voting_rule="contribution-weighted", quorum="33.33%", approval=6_000,
                   voting_delay="1 day", voting_period="1 week", liability_cap="1.5x")
    assert spec.members == {"Aigerim": 10 * ETHER, "Bolat": 6 * ETHER}
    assert spec.founders == (MemberSpec("Aigerim", Wei(10 * ETHER)), MemberSpec("Bolat", Wei(6 * ETHER)))
    assert spec.voting_rule is VotingRule.CONTRIBUTION_WEIGHTED
    assert (spec.quorum, spec.approval, spec.amendment_consent) == (3_333, 6_000, 10_000)
    assert (spec.voting_delay, spec.voting_period, spec.grace_period, spec.execution_window) == (
        DAY, 7 * DAY, 2 * DAY, 7 * DAY)
    assert spec.liability_cap == 15_000
    assert spec.total_contribution == 16 * ETHER


def test_members_may_be_a_sequence_of_member_specs_or_pairs():
    from_specs = DAOSpec(**{**VALID, "members": [MemberSpec("Aigerim", "10 ETH"), MemberSpec("Bolat", "6 ETH")]})
    from_pairs = DAOSpec(**{**VALID, "members": [("Aigerim", "10 ETH"), ("Bolat", Wei(6 * ETHER))]})
    assert from_specs.founders == from_pairs.founders == DAOSpec(**VALID).founders


# ---- refusals, field by field -------------------------------------------------------------------


@pytest.mark.parametrize(("quorum", "message"), [
    ("120%", "quorum: 120% is over 100%"),
    (10_001, "quorum: 100.01% is over 100%"),
    (-1, "quorum: -0.01% is negative"),
])
def test_quorum_outside_0_to_100_percent_is_refused(quorum, message):
    assert refused(quorum=quorum) == message


@pytest.mark.parametrize(("approval", "message"), [
    ("49.99%", "approval: 49.99% must be between 50% and 100%"),
    (4_999, "approval: 49.99% must be between 50% and 100%"),
    ("101%", "approval: 101% must be between 50% and 100%"),
])
def test_approval_under_half_or_over_all_is_refused(approval, message):
    assert refused(approval=approval) == message


def test_amendment_consent_of_half_or_less_is_refused():
    assert refused(amendment_consent="50%") == "amendment_consent: 50% must be over 50% and at most 100%"


@pytest.mark.parametrize("period", [0, "0 days", "0s"])
def test_zero_voting_period_is_refused(period):
    assert refused(voting_period=period) == "voting_period: must be longer than zero, or nobody can vote"


def test_zero_execution_window_is_refused():
    assert refused(execution_window=0) == "execution_window: must be longer than zero, or nothing can execute"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("voting_period", "3 dayz", "voting_period: cannot read '3 dayz' as a duration: unknown unit 'dayz'; did you mean 'day'?"),
    ("voting_delay", -1, "voting_delay: a duration cannot be negative: -1"),
    ("grace_period", 2**32, "grace_period: 4294967296 seconds is out of range"),
])
def test_unreadable_or_out_of_range_durations_are_refused(field, value, message):
    assert refused(**{field: value}) == message


def test_member_listed_twice_is_refused():
    members = [MemberSpec("Aigerim", "10 ETH"), MemberSpec("Bolat", "6 ETH"), MemberSpec("Aigerim", "1 ETH")]
    assert refused(members=members) == "members: Aigerim is listed twice"


@pytest.mark.parametrize("amount", [0, "0 ETH", "0 wei"])
def test_zero_contribution_is_refused(amount):
    assert refused(members={"Aigerim": amount}) == "members.Aigerim.contribution: must be more than 0"


def test_dao_without_founders_is_refused():
    assert refused(members={}) == "members: a DAO needs at least one founding member"


@pytest.mark.parametrize(("amount", "reason"), [
    ("1 ETHH", "unknown unit 'ETHH' in '1 ETHH' (use ETH, gwei or wei)"),
    ("ten ETH", "cannot read 'ten ETH' as an amount (write e.g. '10 ETH')"),
    ("-1 ETH", "cannot read '-1 ETH' as an amount (write e.g. '10 ETH')"),
    ("1e18", "cannot read '1e18' as an amount (write e.g. '10 ETH')"),
    ("0.5 wei", "'0.5 wei' is not a whole number of wei"),
    (-5, "-5 is negative"),
    (1.5, "expected wei (int) or a string like '10 ETH', got 1.5"),
    (True, "expected wei (int) or a string like '10 ETH', got True"),
])
def test_bad_amounts_are_refused_with_the_field_named(amount, reason):
    assert refused(members={"Aigerim": amount}) == f"members.Aigerim.contribution: {reason}"


@pytest.mark.parametrize(("rule", "shown"), [("quadratic", "'quadratic'"), (2, "2"), ("", "''")])
def test_unknown_voting_rule_is_refused_with_the_choices(rule, shown):
    assert refused(voting_rule=rule) == (
        f"voting_rule: unknown rule {shown} (choose one of: one-member-one-vote, contribution-weighted)")


@pytest.mark.parametrize("arbitrator", [None, ""])
def test_dao_without_an_arbitrator_is_refused_under_human_dispute(arbitrator):
    message = refused(arbitrator=arbitrator)
    assert message.startswith("arbitrator: Art. 67(3) requires a dispute procedure under which a human decides")
    with using("draft-2025"):
        assert refused(arbitrator=arbitrator).startswith("arbitrator: DC 28.2 requires a dispute procedure")


def test_dues_without_a_reviewer_are_refused_under_automated_decision_rights():
    message = refused(dues=Dues("0.1 ETH", "30 days"))
    assert message == ("reviewer: dues are enforced by an automated decision, whose review by a human "
                       "the member may demand (Art. 43(4)): name the reviewer")
    with using("draft-2025"):
        assert "may demand (DC 29.2)" in refused(dues=Dues("0.1 ETH", "30 days"))
    assert DAOSpec(**VALID, dues=Dues("0.1 ETH", "30 days"), reviewer="Saule").dues == Dues(Wei(10**17), 30 * DAY)


@pytest.mark.parametrize(("dues", "message"), [
    (("0 ETH", "30 days"), "dues.amount: must be more than 0 when dues are set"),
    (("0.1 ETH", 0), "dues.period: must be longer than 0 seconds"),
    (("0.1 ETH", "30 dayz"), "dues.period: cannot read '30 dayz' as a duration: unknown unit 'dayz'; did you mean 'day'?"),
    (("0.1 ETH", 2**32), "dues.period: 4294967296 seconds is out of range"),
])
def test_bad_dues_are_refused_as_a_spec_error(dues, message):
    with pytest.raises(SpecError) as info:
        Dues(*dues)
    assert str(info.value) == message


@pytest.mark.parametrize(("cap", "message"), [
    ("0.5x", "liability_cap: 0.5x is below the contribution (1x) (dao-sim default, after draft Art. 20.8)"),
    ("500000x", "liability_cap: 500000x is out of range (at most 429496.7295x)"),
])
def test_liability_cap_below_the_contribution_or_out_of_range_is_refused(cap, message):
    assert refused(liability_cap=cap) == message


def test_under_the_draft_the_cap_cites_its_article():
    with using("draft-2025"):
        assert refused(liability_cap="0.5x") == "liability_cap: 0.5x is below the contribution (1x) (DC 20.8)"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("quorum", "50", "quorum: '50' needs a '%' sign (or give basis points as an int)"),
    ("quorum", "50.005%", "quorum: '50.005%' is finer than a basis point"),
    ("approval", True, "approval: expected basis points (int) or a percentage like '50%', got True"),
    ("arbitrator_panel_size", 2, "arbitrator_panel_size: panels have 1 or 3 arbitrators, not 2"),
    ("expulsion_allowed", "yes", "expulsion_allowed: expected true or false, got 'yes'"),
    ("name", " ", "name: the DAO needs a name"),
])
def test_other_malformed_values_are_refused(field, value, message):
    assert refused(**{field: value}) == message


@given(quorum=st.integers(-20_000, 20_000), approval=st.integers(-20_000, 20_000))
def test_thresholds_are_accepted_exactly_in_the_contracts_ranges(quorum, approval):
    # A bare share from 1 to 99 is refused as a likely mistake (60 meant as 60%): such small
    # shares are written as percentages ("0.6%").
    valid = (0 <= quorum <= 10_000 and 5_000 <= approval <= 10_000 and not 0 < quorum < 100)
    try:
        spec = DAOSpec(**VALID, quorum=quorum, approval=approval)
    except SpecError:
        assert not valid
    else:
        assert valid
        assert (spec.quorum, spec.approval) == (quorum, approval)


# ---- names resolved at deployment; nothing left behind -----------------------------------------


def chain_state(session: Any) -> tuple[Any, ...]:
    return (len(session.journal), dict(session.address_book.contracts()),
            [session.balance(n) for n in ("Aigerim", "Bolat", "Dana")])


@pytest.mark.parametrize(("changes", "message"), [
    ({"members": {"Aigerim": "1 ETH", "Dina": "1 ETH"}},
     "members.Dina: no member or account named 'Dina'; did you mean 'Dana'?"),
    ({"arbitrator": "HumanArbitrater"},
     "arbitrator: no member or account named 'HumanArbitrater'; did you mean 'HumanArbitrator'?"),
    ({"dues": Dues("0.1 ETH", "30 days"), "reviewer": "Saulee"},
     "reviewer: no member or account named 'Saulee'; did you mean 'Saule'?"),
])
def test_unknown_name_at_deployment_is_refused_with_a_suggestion(session, make_dao, changes, message):
    make_dao(name="First DAO")
    before = chain_state(session)
    with pytest.raises(SpecError) as info:
        make_dao(**changes)
    assert str(info.value) == message
    assert chain_state(session) == before


def test_arbitrator_that_is_not_a_contract_is_refused_under_human_dispute(session, make_dao):
    before = chain_state(session)
    with pytest.raises(SpecError, match=r"^arbitrator: Madina is not a contract; Art\. 67\(3\) needs"):
        make_dao(arbitrator="Madina")
    assert chain_state(session) == before


def test_founder_who_cannot_pay_is_refused_before_any_transaction(session, make_dao):
    session.add_account("Yerzhan", funding_eth=1)
    make_dao(name="First DAO")
    before = chain_state(session)
    with pytest.raises(SpecError, match=r"^members.Yerzhan: holds 1 ETH, cannot contribute 2 ETH$"):
        make_dao(members={"Aigerim": "1 ETH", "Yerzhan": "2 ETH"})
    assert chain_state(session) == before


def test_the_same_founder_under_their_name_and_address_is_refused_before_any_transaction(session, make_dao):
    # The founding list is a Merkle tree built before deployment, so a founder listed twice is
    # refused there (the contract no longer sees the list, only its root).
    make_dao(name="First DAO")
    before = chain_state(session)
    with pytest.raises(SpecError, match=r"^members: .* is listed twice$"):
        make_dao(members={"Aigerim": "1 ETH", session.address("Aigerim"): "1 ETH"})
    assert chain_state(session) == before


def test_deployment_refused_by_the_contract_leaves_the_journal_as_it_was(session, make_dao, monkeypatch):
    # The core and its modules deploy, then the contract refuses the first founder's join (here
    # its Merkle proof is withheld): everything sent, the DAO included, is undone.
    from dao_sim.governance.founders import FoundingList

    make_dao(name="First DAO")
    before = chain_state(session)
    monkeypatch.setattr(FoundingList, "proof", lambda self, address: [])
    with pytest.raises(DaoSimError) as info:
        make_dao(name="Second DAO", members={"Aigerim": "1 ETH", "Bolat": "2 ETH"})
    assert info.value.error == "NotAFounder"
    assert str(info.value).startswith("Aigerim is not on the founding list with a contribution of 1 ETH")
    assert chain_state(session) == before
    assert "Second DAO" not in session.address_book.contracts()


def test_deployment_failing_after_some_founders_paid_in_leaves_the_journal_as_it_was(session, make_dao):
    first = make_dao(name="First DAO")
    before = chain_state(session)
    treasury = first.treasury.balance
    with pytest.raises(DaoSimError):  # a contract cannot pay in a founder's contribution itself
        make_dao(name="Second DAO", members={"Aigerim": "1 ETH", "Bolat": "1 ETH", "First DAO": "1 ETH"})
    assert chain_state(session) == before
    assert first.treasury.balance == treasury
    assert "Second DAO" not in session.address_book.contracts()


def test_failed_deployment_can_be_retried_with_the_same_name(session, make_dao):
    with pytest.raises(DaoSimError):
        make_dao(members={"Aigerim": "1 ETH", session.address("Aigerim"): "1 ETH"})
    dao = make_dao(members={"Aigerim": "1 ETH"})
    assert [m.name for m in dao.members] == ["Aigerim"]


def test_deploy_takes_a_spec_and_a_session(session, artifacts, make_dao):
    make_dao(name="First DAO")  # deploys the arbitrator
    dao = deploy(DAOSpec(**VALID), session, artifacts=artifacts, deployer="Erlan")
    assert [m.name for m in dao.members] == ["Aigerim", "Bolat"]
    assert session.journal.by_function("deploy")[-1].sender_name == "Erlan"
    assert dao.member("Erlan").active is False


def test_member_entries_and_panel_size_of_the_wrong_shape_are_refused_clearly():
    from dao_sim.exceptions import SpecError
    from dao_sim.governance import DAOSpec

    with pytest.raises(SpecError, match=r"expected \(name, contribution\)"):
        DAOSpec(name="x", members=[("Aigerim", "1 ETH", "extra")], arbitrator="a")
    with pytest.raises(SpecError, match="expected the number 1 or 3, got '1'"):
        DAOSpec(name="x", members={"Aigerim": "1 ETH"}, arbitrator="a", arbitrator_panel_size="1")


@pytest.mark.parametrize("field", ["quorum", "approval", "amendment_consent", "claim_bond"])
def test_a_small_bare_number_for_a_share_is_refused_not_read_as_basis_points(field):
    with pytest.raises(SpecError, match=rf"{field}: 60 would be read as 60 basis points \(0.6%\); write '60%'"):
        DAOSpec(name="x", members={"Aigerim": "1 ETH"}, arbitrator="HumanArbitrator", **{field: 60})
