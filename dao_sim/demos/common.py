"""Parts every DAO story reports the same way: the DAO's facts, its charter, and its checks.

Facts are read from the chain (the charter hash the contract stores, the arbitrator's
address), never copied from the spec, so a report cannot say what the chain does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dao_sim.governance import VotingRule, charter_hash
from dao_sim.law import aside
from dao_sim.report import Check, LawNote, Section

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.governance import DAO

__all__ = [
    "charter_check",
    "charter_law",
    "charter_section",
    "compliance_review",
    "dao_facts",
    "dispute_clause_law",
    "duration_text",
    "rules_text",
    "wallets",
]


def wallets(session: ChainSession, names: Iterable[str]) -> dict[str, int]:
    """Balances in wei of named accounts or contracts, now."""
    return {name: session.balance(name) for name in names}


def duration_text(seconds: int) -> str:
    """``259200`` -> ``"3 days"``; hours or seconds when not whole days.

    Examples
    --------
    >>> duration_text(259_200), duration_text(3_600), duration_text(90)
    ('3 days', '1 hour', '90 seconds')
    """
    for unit, size in (("day", 86_400), ("hour", 3_600)):
        if seconds and seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} seconds"


def rules_text(dao: DAO) -> str:
    """The voting rules of ``dao``'s charter in one line."""
    spec = dao.spec
    return (f"{VotingRule.parse(spec.voting_rule).label}; quorum {int(spec.quorum) / 100:g}% of "
            f"all voting power; approval: more than {int(spec.approval) / 100:g}% of For + "
            f"Against; voting lasts {duration_text(int(spec.voting_period))}, then a grace window "
            f"of {duration_text(int(spec.grace_period))}, then anyone may execute "
            f"within {duration_text(int(spec.execution_window))}")


def _stored_hash(dao: DAO) -> str:
    return "0x" + bytes(dao.contract.call("charterHash")).hex()


def dao_facts(dao: DAO, session: ChainSession) -> tuple[tuple[str, str], ...]:
    """Name, address, charter hash, rules and dispute procedure, as the chain holds them."""
    roster = ", ".join(session.name_of(e.args["arbitrator"])
                       for e in session.journal.events("ArbitratorRegistered")
                       if e.address == dao.arbitrator.address)
    return (
        ("DAO", f"{dao.name} at {dao.address}"),
        (f"Charter hash {aside('consent-to-change')}", _stored_hash(dao)),
        ("Rules", rules_text(dao)),
        (f"Dispute procedure {aside('human-dispute')}",
         f"{session.name_of(dao.arbitrator.address)} at {dao.arbitrator.address}"
         + (f", roster: {roster}" if roster else "")),
        ("Chain", session.engine.describe()),
    )


def charter_check(dao: DAO) -> Check:
    """The hash the contract stores equals keccak-256 of the charter text (consent-to-change)."""
    stored = _stored_hash(dao)
    computed = "0x" + charter_hash(dao.charter).hex()
    return Check("the charter hash stored in the contract matches the charter text",
                 stored == computed, f"keccak-256 of the text is {computed[:18]}...")


def charter_section(dao: DAO) -> Section:
    """The charter's text, for the written report, with the hash to check it against."""
    return Section("The charter", f"Its keccak-256 hash, stored in the contract: "
                   f"`{_stored_hash(dao)}`.\n\n```markdown\n{dao.charter.rstrip()}\n```")


def charter_law(dao: DAO) -> LawNote:
    """consent-to-change, as far as a run shows it: the published rules and their hash."""
    return LawNote("consent-to-change", "",
                   f"The contract stores the hash of the charter text ({_stored_hash(dao)[:18]}"
                   "...); the text is in this report and hashes to the same value. The contract "
                   "has no upgrade path: a change would be a migration the members vote on.")


def dispute_clause_law(session: ChainSession, dao: DAO) -> LawNote:
    """human-dispute: the charter names a procedure under which a human decides disputes."""
    return LawNote("human-dispute", "",
                   f"The DAO names {session.name_of(dao.arbitrator.address)}, whose roster is "
                   "natural persons; dao-sim refuses to deploy a DAO without one.")


def compliance_review(session: ChainSession, daos: Sequence[DAO], specs: Sequence[object] = ()
                      ) -> tuple[Check, Section]:
    """The charter rules on ``specs`` and the runtime monitors on the session's journal, under
    the edition in use: a report check (no error or warning) and a section listing findings."""
    from dao_sim.compliance import preflight
    from dao_sim.compliance.monitors import MONITORS, monitor
    from dao_sim.report import findings_check, findings_section

    findings = [f for spec in specs for f in preflight(spec)] + monitor(session.journal, daos)
    checked = (f"The charter rules and {len(MONITORS)} runtime monitors read the spec and the "
               f"{len(session.journal)} transactions of this run")
    return (findings_check(findings, "the charter rules and runtime monitors"),
            findings_section(findings, checked))
