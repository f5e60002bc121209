"""The vote count in plain Python, independent of the contract.

It mirrors the charter's words, not the contract's code, so a property test can compare the
two: if they ever disagree, one of them does not do what the charter says.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Support", "Tally", "tally"]

BPS = 10_000


class Support(enum.IntEnum):
    """A ballot's choice; values match the contract's enum."""

    AGAINST = 0
    FOR = 1
    ABSTAIN = 2

    @classmethod
    def parse(cls, value: Support | str | int) -> Support:
        """Accept the enum, its value, or ``"for"``/``"against"``/``"abstain"``."""
        if isinstance(value, Support):
            return value
        if isinstance(value, str):
            found = _BY_WORD.get(value) or _BY_WORD.get(value.strip().upper())
            if found is not None:
                return found
        if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1, 2):
            return cls(value)
        from dao_sim.exceptions import GovernanceError

        raise GovernanceError(f"unknown ballot {value!r}: vote 'for', 'against' or 'abstain'")


_BY_WORD = {**{s.name: s for s in Support}, **{s.name.lower(): s for s in Support}}


@dataclass(frozen=True)
class Tally:
    """Votes counted, and whether the quorum and the approval rule were met."""

    for_votes: int
    against_votes: int
    abstain_votes: int
    total_power: int
    quorum_reached: bool
    approved: bool

    @property
    def passed(self) -> bool:
        """Both the quorum and the approval rule were met."""
        return self.quorum_reached and self.approved


def tally(power: Mapping[str, int], ballots: Mapping[str, Support], *, quorum_bps: int,
          approval_bps: int, consent_bps: int | None = None) -> Tally:
    """Count ballots as the charter says.

    Parameters
    ----------
    power : mapping of voter to voting power when voting opened
        Every member eligible at the snapshot (their power is 1 each, or their shares).
    ballots : mapping of voter to Support
        The ballots cast; voters absent from ``power`` are ignored (they had no vote).
    quorum_bps, approval_bps : int
        Quorum over all power; approval: For must be more than this share of For + Against
        (10000: no vote Against).
    consent_bps : int, optional
        For an amendment: For must reach this share of all power; quorum and approval are then
        not used.

    Examples
    --------
    >>> t = tally({"A": 1, "B": 1, "C": 1}, {"A": Support.FOR, "B": Support.AGAINST},
    ...           quorum_bps=5000, approval_bps=5000)
    >>> t.passed
    False
    """
    sums = {s: 0 for s in Support}
    for voter, support in ballots.items():
        sums[Support(support)] += power.get(voter, 0)
    total = sum(power.values())
    f, a, ab = sums[Support.FOR], sums[Support.AGAINST], sums[Support.ABSTAIN]
    if consent_bps is not None:
        ok = total > 0 and f > 0 and f * BPS >= consent_bps * total
        return Tally(f, a, ab, total, ok, ok)
    quorum = total > 0 and (f + a + ab) * BPS >= quorum_bps * total
    if approval_bps == BPS:
        approved = f > 0 and a == 0
    else:
        approved = f > 0 and f * BPS > approval_bps * (f + a)
    return Tally(f, a, ab, total, quorum, approved)
