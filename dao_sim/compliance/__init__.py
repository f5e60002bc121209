"""Compliance checks: rules measured against the law catalogue, findings that cite it.

Rules read Solidity sources (through Slither), deployed bytecode, a spec before deployment,
or a run's journal afterwards; each names the requirement it serves, so a finding carries
the article and status of whichever edition the check ran under.

A deployed DAO's rules are published here too (:func:`publish`, into a content-addressed
:class:`PublicationStore`) and checked against the chain (:func:`verify`).
"""

from dao_sim.compliance.check import (
    Analysis,
    analyse,
    check_bytecode,
    check_sources,
    has_errors,
    solidity_files,
)
from dao_sim.compliance.codematch import CodeComparison, compare_code
from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.compliance.preflight import ComplianceRefused, checked_deploy, preflight
from dao_sim.compliance.publication import Publication, load_publication, publish
from dao_sim.compliance.record import DeploymentRecord, load_record, record_deployment, write_record
from dao_sim.compliance.rule import Rule, Target
from dao_sim.compliance.store import PublicationStore
from dao_sim.compliance.verify import StoredObject, Verification, find_publication, verify

__all__ = [
    "Analysis",
    "CodeComparison",
    "ComplianceRefused",
    "DeploymentRecord",
    "Finding",
    "Location",
    "Publication",
    "PublicationStore",
    "Rule",
    "Severity",
    "StoredObject",
    "Target",
    "Verification",
    "analyse",
    "check_bytecode",
    "check_sources",
    "checked_deploy",
    "compare_code",
    "find_publication",
    "has_errors",
    "load_publication",
    "load_record",
    "preflight",
    "publish",
    "record_deployment",
    "solidity_files",
    "verify",
    "write_record",
]
