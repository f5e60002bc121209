"""Who can decide alone: coalitions, shares and the Gini coefficient, with and without blocs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.compliance.decentralisation import (
    effective_power,
    gini,
    power_report,
    smallest_passing_coalition,
    voting_power_graph,
)
from dao_sim.exceptions import ComplianceError


def test_a_bloc_votes_as_one_and_can_decide_alone():
    powers = {"Aigerim": 1, "Bolat": 1, "Dana": 1, "Kairat": 1, "Erlan": 1}
    assert power_report(powers, 5_000, 5_000).nakamoto == 3
    colluding = power_report(powers, 5_000, 5_000, blocs={"family": ["Bolat", "Dana", "Kairat"]})
    assert colluding.coalition == ("family",)
    assert colluding.one_decides_alone and colluding.largest_share == pytest.approx(0.6)


def test_delegations_are_followed_to_whoever_casts_the_votes():
    graph = voting_power_graph({"A": 2, "B": 2, "C": 2, "D": 1}, delegations={"A": "B", "B": "C"})
    assert effective_power(graph) == {"C": 6, "D": 1}


def test_a_delegation_cycle_and_a_stranger_are_clear_errors():
    with pytest.raises(ComplianceError, match="cycle"):
        effective_power(voting_power_graph({"A": 1, "B": 1}, delegations={"A": "B", "B": "A"}))
    with pytest.raises(ComplianceError, match="Zed holds no voting power"):
        voting_power_graph({"A": 1}, blocs={"x": ["Zed"]})


def test_approval_above_the_largest_share_takes_a_second_member():
    powers = {"A": 60, "B": 30, "C": 10}
    assert smallest_passing_coalition(powers, 5_000, 5_000) == ("A",)
    assert smallest_passing_coalition(powers, 5_000, 6_500) == ("A", "B")


@given(st.dictionaries(st.sampled_from("ABCDEFGH"), st.integers(1, 1000), min_size=1),
       st.integers(0, 10_000), st.integers(5_000, 9_999))
def test_the_coalition_passes_alone_and_no_smaller_one_does(powers, quorum, approval):
    total = sum(powers.values())

    def passes(weight: int) -> bool:
        return weight * 10_000 >= quorum * total and weight * 10_000 > approval * total

    coalition = smallest_passing_coalition(powers, quorum, approval)
    assert passes(sum(powers[n] for n in coalition))
    biggest_smaller = sum(sorted(powers.values(), reverse=True)[:len(coalition) - 1])
    assert not passes(biggest_smaller)


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
def test_gini_is_between_zero_and_one_and_zero_when_equal(values):
    g = gini(values)
    assert 0.0 <= g < 1.0
    assert gini([values[0]] * len(values)) == 0.0


def test_a_live_dao_s_powers_come_from_the_chain(make_dao):
    from dao_sim.compliance.charter import member_powers

    dao = make_dao(voting_rule="contribution-weighted")
    assert member_powers(dao) == {"Aigerim": 10 * 10**18, "Bolat": 6 * 10**18, "Dana": 4 * 10**18}
    dao.contribute("Dana", "20 ETH")
    report = power_report(member_powers(dao), int(dao.spec.quorum), int(dao.spec.approval))
    assert report.coalition == ("Dana",) and report.one_decides_alone
