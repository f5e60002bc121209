"""What every report about a DAO says of it the same way: its facts, its charter, and the
rules of the law the charter itself shows.

Facts are read from the chain (the charter hash the contract stores, the arbitrator's
address), never copied from the spec, so a report cannot say what the chain does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dao_sim.governance import VotingRule, charter_hash
from dao_sim.law import aside
from dao_sim.report.arguments import duration_text
from dao_sim.report.model import Check, LawNote, Section

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.governance import DAO

__all__ = ["charter_check", "charter_law", "charter_section", "dao_facts", "dispute_clause_law", "rules_text"]


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
