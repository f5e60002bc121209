"""Compliance checks: rules measured against the law catalogue, findings that cite it.

Rules read Solidity sources (through Slither), deployed bytecode, a spec before deployment,
or a run's journal afterwards; each names the requirement it serves, so a finding carries
the article and status of whichever edition the check ran under.
"""

from dao_sim.compliance.check import (
    Analysis,
    analyse,
    check_bytecode,
    check_sources,
    has_errors,
    solidity_files,
)
from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.compliance.rule import Rule, Target

__all__ = [
    "Analysis",
    "Finding",
    "Location",
    "Rule",
    "Severity",
    "Target",
    "analyse",
    "check_bytecode",
    "check_sources",
    "has_errors",
    "solidity_files",
]
