"""The Python side of a DAO: describe it (:class:`DAOSpec`), deploy it, drive it by name."""

from dao_sim.governance.actions import Action
from dao_sim.governance.dao import (
    DAO,
    ClaimInfo,
    DecisionInfo,
    Liability,
    MemberInfo,
    ProposalInfo,
    Treasury,
)
from dao_sim.governance.deploy import charter_hash, deploy
from dao_sim.governance.errors import DAORefused
from dao_sim.governance.records import ParticipantRecords
from dao_sim.governance.registry import MemberRegistry
from dao_sim.governance.sandbox import Sandbox, acknowledge_sandbox
from dao_sim.governance.spec import DAOSpec, Dues, MemberSpec, VotingRule
from dao_sim.governance.tally import Support, Tally, tally

__all__ = [
    "DAO",
    "Action",
    "ClaimInfo",
    "DAORefused",
    "DAOSpec",
    "DecisionInfo",
    "Dues",
    "Liability",
    "MemberInfo",
    "MemberRegistry",
    "MemberSpec",
    "ParticipantRecords",
    "ProposalInfo",
    "Sandbox",
    "Support",
    "Tally",
    "Treasury",
    "VotingRule",
    "acknowledge_sandbox",
    "charter_hash",
    "deploy",
    "tally",
]
