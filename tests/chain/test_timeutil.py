"""Durations as scenarios write them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dao_sim.chain.timeutil import format_duration, parse_duration
from dao_sim.exceptions import DurationError


@pytest.mark.parametrize(("text", "seconds"), [
    ("3 days", 259_200),
    ("36h", 129_600),
    ("1 week 2 days", 777_600),
    ("90 minutes", 5_400),
    ("1d12h", 129_600),
    ("1 day, 2 hours and 30 min", 95_400),
    ("1.5 hours", 5_400),
    ("45 s", 45),
    ("2 Weeks", 1_209_600),
    ("3600", 3_600),
    ("0 seconds", 0),
    (7, 7),
    (timedelta(days=2, seconds=5), 172_805),
])
def test_reads_what_people_write(text: object, seconds: int) -> None:
    assert parse_duration(text) == seconds  # type: ignore[arg-type]


@pytest.mark.parametrize(("garbage", "hint"), [
    ("3 dayz", "did you mean 'days?'"),
    ("3 fortnights", "unknown unit"),
    ("soon", "expected a number and a unit"),
    ("", "empty"),
    ("3 days tomorrow", "at 'tomorrow'"),
    ("-2 hours", "negative"),
    (-5, "negative"),
    ("1 month", "30 days"),
    ("2 years", "no fixed length"),
    ("0.5 s", "whole number of seconds"),
    (timedelta(milliseconds=1500), "whole number"),
    (True, "not a duration"),
    (3.5, "not a duration"),
])
def test_refuses_garbage_clearly(garbage: object, hint: str) -> None:
    with pytest.raises(DurationError, match=hint):
        parse_duration(garbage)  # type: ignore[arg-type]


def test_duration_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_duration("3 dayz")


@given(st.integers(min_value=0, max_value=10**9))
def test_formatting_reads_back(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
