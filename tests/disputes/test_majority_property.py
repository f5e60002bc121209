"""Property: the ruling is the first one a majority of the panel gave; later votes never
change it, and without a majority nothing is decided."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from dao_sim.disputes import DisputeStatus


@given(size=st.sampled_from([1, 3, 5]),
       votes=st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=5))
def test_the_ruling_is_the_first_majority(session, court, open_dispute, size, votes):
    snapshot = session.snapshot()
    try:
        _, dispute = open_dispute(size)
        expected, tally = None, Counter()
        for name, ruling in zip(court.panel(dispute), votes):
            court.cast(dispute, ruling, by=name)
            tally[ruling] += 1
            if expected is None and tally[ruling] * 2 > size:
                expected = ruling
        info = court.dispute(dispute)
        assert info.decided == (expected is not None)
        assert info.ruling == (expected if expected is not None else 0)
        assert info.status == (DisputeStatus.APPEALABLE if expected is not None
                               else DisputeStatus.WAITING)
    finally:
        session.revert(snapshot)
