"""Runtime monitors: rules read from a run's journal after (or while) it runs."""

from dao_sim.compliance.monitors.automated_review import AutomatedDecisionsExplainedAndReviewed
from dao_sim.compliance.monitors.base import JournalMonitor, Run
from dao_sim.compliance.monitors.human_dispute import DisputesEndWithAHuman
from dao_sim.compliance.monitors.liability import NoLossBeyondTheCap
from dao_sim.compliance.monitors.sandbox import SandboxJoinsAcknowledged
from dao_sim.compliance.monitors.vote_trace import DecisionsTraceToAuthority

__all__ = ["MONITORS", "AutomatedDecisionsExplainedAndReviewed", "DecisionsTraceToAuthority",
           "DisputesEndWithAHuman", "JournalMonitor", "NoLossBeyondTheCap", "Run",
           "SandboxJoinsAcknowledged", "monitor"]

#: The registry of runtime monitors, in the order a report lists them.
MONITORS: tuple[type[JournalMonitor], ...] = (
    DecisionsTraceToAuthority,
    NoLossBeyondTheCap,
    DisputesEndWithAHuman,
    AutomatedDecisionsExplainedAndReviewed,
    SandboxJoinsAcknowledged,
)


def monitor(journal, daos=(), edition=None) -> list:  # type: ignore[no-untyped-def]
    """Run every monitor over ``journal`` (and the live ``daos``) under ``edition``."""
    run = Run(tuple(journal), tuple(daos))
    return [f for rule in MONITORS for f in rule(edition).check(run)]
