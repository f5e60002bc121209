"""Findings as SARIF 2.1.0, the format code-scanning services read.

One run, its tool driver ``dao-sim`` listing every registered rule (id, short and full
description, help, default level, and as properties the requirement it serves with that
edition's article and status), and one result per finding: rule id and index, level,
message, and the file as a URI relative to ``%SRCROOT%`` (the folder the check ran from) with
its start line. The edition the check applied is a property of the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dao_sim import __version__
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.rule import Rule
from dao_sim.law import Edition, provision
from dao_sim.law import edition as find_edition

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "sarif_log"]

SARIF_VERSION = "2.1.0"
#: Where the schema is published (SchemaStore's copy of the OASIS schema).
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def _law(rule_id: str, requirement: str, which: Edition) -> dict[str, Any]:
    p = provision(requirement, which)
    return {
        "requirement": requirement,
        "edition": which.id,
        "article": which.article(p.article) if p.article else "",
        "status": p.status.value,
        "statusText": p.status.label,
        "citation": p.reference,
        "statement": p.statement,
        "tags": list(dict.fromkeys(["compliance", "digital-code", requirement, rule_id])),
    }


def _descriptor(rule: type[Rule], which: Edition) -> dict[str, Any]:
    law = _law(rule.ID, rule.REQUIREMENT, which)
    name = "".join(part.capitalize() for part in rule.ID.split("-"))
    return {
        "id": rule.ID,
        "name": name,
        "shortDescription": {"text": rule.TITLE},
        "fullDescription": {"text": rule.RATIONALE},
        "help": {
            "text": f"{rule.RATIONALE}\n\nFix: {rule.FIX}\n\nLaw: {rule.REQUIREMENT}, "
                    f"{law['citation']}",
            "markdown": f"{rule.RATIONALE}\n\n**Fix:** {rule.FIX}\n\n**Law:** "
                        f"`{rule.REQUIREMENT}`, {law['citation']}",
        },
        "defaultConfiguration": {"level": _LEVEL[rule.SEVERITY]},
        "properties": law,
    }


def _location(finding: Finding) -> dict[str, Any]:
    where = finding.location
    path = Path(where.file)
    if path.is_absolute():
        artifact: dict[str, Any] = {"uri": path.as_uri()}
    else:
        artifact = {"uri": path.as_posix(), "uriBaseId": "SRCROOT"}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if where.line > 0:
        physical["region"] = {"startLine": where.line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if where.contract:
        qualified = where.contract + (f".{where.function}" if where.function else "")
        location["logicalLocations"] = [{"fullyQualifiedName": qualified,
                                         "kind": "function" if where.function else "type"}]
    return location


def sarif_log(findings: Sequence[Finding], *, edition: str | Edition | None = None,
              root: Path | None = None, rules: Sequence[type[Rule]] | None = None) -> dict[str, Any]:
    """A SARIF 2.1.0 log (as a JSON-ready dict) of ``findings``.

    Parameters
    ----------
    findings : sequence of Finding
        What a check found; their files are relative to ``root`` (or absolute).
    edition : str or Edition, optional
        The edition the check applied (its articles go into the rules' properties).
    root : Path, optional
        The folder relative paths start from (``%SRCROOT%``); the working directory by default.
    rules : sequence of Rule classes, optional
        The rules to describe; every registered rule by default.

    Returns
    -------
    dict
        ``{"$schema": ..., "version": "2.1.0", "runs": [...]}``.

    Examples
    --------
    >>> log = sarif_log([])
    >>> log["version"], log["runs"][0]["tool"]["driver"]["name"]
    ('2.1.0', 'dao-sim')
    """
    from dao_sim.compliance.registry import RULES

    which = find_edition(edition)
    described = list(rules if rules is not None else RULES)
    index = {rule.ID: i for i, rule in enumerate(described)}
    base = (root or Path.cwd()).resolve()
    results = []
    for finding in findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _LEVEL[finding.severity],
            "message": {"text": f"{finding.message}. Fix: {finding.fix}" if finding.fix
                        else finding.message},
            "locations": [_location(finding)],
            "properties": {"requirement": finding.requirement, "citation": finding.citation,
                           "edition": finding.provision.edition.id},
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "dao-sim",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(rule, which) for rule in described],
            }},
            "originalUriBaseIds": {"SRCROOT": {"uri": base.as_uri() + "/"}},
            "results": results,
            "properties": {"edition": which.id, "law": which.header},
        }],
    }
