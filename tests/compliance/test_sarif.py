"""SARIF output validates against the SARIF 2.1.0 JSON schema and carries what code scanning
needs: rules with the law's requirement, article and status; results with relative paths.

The schema is the SARIF 2.1.0 (rtm.5) JSON schema as Microsoft's SARIF SDK ships it in the npm
package @microsoft/jest-sarif, installed by `make setup` (package.json, devDependencies).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dao_sim.compiler.sources import toolchain_root
from dao_sim.compliance.registry import RULES
from dao_sim.compliance.sarif import sarif_log

SCHEMA = Path(toolchain_root() or ".") / "node_modules/@microsoft/jest-sarif/lib/schemas/" \
    "sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "2.1.0" in schema["title"]
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_corpus_sarif_is_valid_sarif_2_1_0(validator, corpus_findings):
    edition, findings = corpus_findings
    log = json.loads(json.dumps(sarif_log(findings, edition=edition)))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], errors[0].message if errors else ""
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["properties"]["edition"] == edition
    assert len(run["results"]) == len(findings)


def test_rules_carry_the_requirement_with_the_editions_article_and_status(corpus_findings):
    edition, findings = corpus_findings
    driver = sarif_log(findings, edition=edition)["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.ID for r in RULES]
    human = next(r for r in driver["rules"] if r["id"] == "human-dispute")
    assert human["shortDescription"]["text"] and human["fullDescription"]["text"]
    assert human["help"]["text"]
    assert human["properties"]["requirement"] == "human-dispute"
    if edition == "code-2026":
        assert (human["properties"]["article"], human["properties"]["status"]) == \
            ("Art. 67(3)", "law")
    else:
        assert (human["properties"]["article"], human["properties"]["status"]) == \
            ("DC 28.2", "draft")
    central = next(r for r in driver["rules"] if r["id"] == "central-management")
    assert central["properties"]["status"] == ("default" if edition == "code-2026" else "draft")


def test_results_point_at_relative_files_and_lines(corpus_findings):
    edition, findings = corpus_findings
    log = sarif_log(findings, edition=edition)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == Path.cwd().resolve().as_uri() + "/"
    escrow = next(r for r in run["results"] if r["ruleId"] == "human-dispute"
                  and "EscrowNoDispute" in json.dumps(r))
    physical = escrow["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "tests/compliance/corpus/EscrowNoDispute.sol", "uriBaseId": "SRCROOT"}
    assert physical["region"]["startLine"] == 6
    assert escrow["level"] == "error"
    assert run["tool"]["driver"]["rules"][escrow["ruleIndex"]]["id"] == "human-dispute"


def test_an_empty_check_is_valid_sarif_too(validator):
    assert list(validator.iter_errors(sarif_log([]))) == []
