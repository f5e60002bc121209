"""Malformed scenario files: each is refused with one line naming file, line and field."""

from __future__ import annotations

import re

import pytest

from dao_sim.exceptions import ScenarioError
from dao_sim.scenarios import ScenarioFileError, load_scenario, load_text

BASE = """\
title: A payment
description: Members vote to pay a web designer.
people: [Aigerim, Bolat, Dana, Erlan, Madina, Saule]
arbitrator:
  roster:
    - {name: Madina, identified: identity card checked, attested_by: Saule}
dao:
  name: Steppe Makers
  members: {Aigerim: 10 ETH, Bolat: 6 ETH, Dana: 4 ETH}
  quorum: 50%
steps:
  - found:
  - propose:
      id: website
      by: Aigerim
      actions:
        - pay: {to: Erlan, amount: 2 ETH}
  - vote: {by: Bolat, proposal: website, support: against}
  - wait: 3 days
"""


def _refused(text: str) -> str:
    with pytest.raises(ScenarioFileError) as info:
        load_text(text, "x.yaml")
    message = str(info.value)
    assert "\n" not in message
    assert isinstance(info.value, ScenarioError)
    return message


def _edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def test_the_base_scenario_is_valid():
    scenario = load_text(BASE, "x.yaml")
    assert [s.kind for s in scenario.steps] == ["found", "propose", "vote", "wait"]
    assert scenario.steps[2].line == 18 and scenario.steps[2].lines["support"] == 18
    assert scenario.spec is not None and scenario.spec.quorum == 5000


CASES = {
    "yaml syntax error": (_edit("  quorum: 50%\n", "  quorum: [50%\n"),
                          r"x\.yaml:11: YAML syntax error: .*"),
    "top level not a mapping": ("- title\n- steps\n",
                                r"x\.yaml:1: the top level must be a mapping of title, .* \(got a list\)"),
    "unknown top-level key": (_edit("title:", "titel:"),
                              r"x\.yaml:1: unknown top-level key 'titel'; did you mean 'title'\? \(known: .*\)"),
    "unknown step kind": (_edit("  - wait: 3 days", "  - wiat: 3 days"),
                          r"x\.yaml:19: steps\[4\]: unknown step kind 'wiat'; did you mean 'wait'\? \(known: .*\)"),
    "unknown field in a step": (_edit("support: against", "suport: against"),
                                r"x\.yaml:18: steps\[3\]\.vote: unknown field 'suport'; did you mean 'support'\?.*"),
    "wrong type": (_edit("  quorum: 50%", "  expulsion_allowed: yes"),
                   r"x\.yaml:10: dao\.expulsion_allowed must be true or false \(got 'yes'\)"),
    "missing required field": (_edit("      by: Aigerim\n", ""),
                               r"x\.yaml:13: steps\[2\]\.propose: missing required field 'by'"),
    "bad enum value": (_edit("support: against", "support: yes"),
                       r"x\.yaml:18: steps\[3\]\.vote\.support must be one of for, against, abstain \(got 'yes'\)"),
    "amount without unit": (_edit("amount: 2 ETH", "amount: 2"),
                            (r"x\.yaml:17: steps\[2\]\.propose\.actions\[1\]\.pay\.amount: '2' has no unit: "
                            r"write '2 ETH' \(or gwei, wei\)")),
    "amount with a bad unit": (_edit("amount: 2 ETH", "amount: 2 EHT"),
                               r"x\.yaml:17: steps\[2\]\.propose\.actions\[1\]\.pay\.amount: unknown unit 'EHT'.*"),
    "contribution without unit": (_edit("Aigerim: 10 ETH", "Aigerim: 10"),
                                  r"x\.yaml:9: dao\.members\.Aigerim: '10' has no unit: write '10 ETH'.*"),
    "duration without unit": (_edit("wait: 3 days", "wait: 3600"),
                              r"x\.yaml:19: steps\[4\]\.wait: '3600' has no unit: write e\.g\. '3600 seconds' .*"),
    "bad duration": (_edit("wait: 3 days", "wait: 3 dayz"),
                     (r"x\.yaml:19: steps\[4\]\.wait: cannot read '3 dayz' as a duration: unknown unit 'dayz'"
                     r"; did you mean 'day'\?")),
    "vague duration": (_edit("wait: 3 days", "wait: 1 month"),
                       r"x\.yaml:19: steps\[4\]\.wait: '1 month': months and years have no fixed length.*"),
    "percentage without %": (_edit("quorum: 50%", "quorum: 50"),
                             r"x\.yaml:10: dao\.quorum: '50' has no '%': write '50%'"),
    "unknown person": (_edit("{by: Bolat, proposal", "{by: Bolta, proposal"),
                       (r"x\.yaml:18: steps\[3\]\.vote\.by: 'Bolta' is not one of the people; did you mean "
                       r"'Bolat'\? \(people: Aigerim, Bolat, Dana, Erlan, Madina, Saule\)")),
    "unknown founding member": (_edit("Dana: 4 ETH}", "Dina: 4 ETH}"),
                                (r"x\.yaml:9: dao\.members\.Dina: 'Dina' is not one of the people; "
                                r"did you mean 'Dana'\?.*")),
    "undefined proposal": (_edit("proposal: website", "proposal: websit"),
                           (r"x\.yaml:18: steps\[3\]\.vote\.proposal: no proposal named 'websit'; did you mean "
                           r"'website'\? \(proposals so far: website\)")),
    "proposal used before it is proposed": (
        _edit("  - found:\n", "  - found:\n  - vote: {by: Dana, proposal: website, support: for}\n"),
        (r"x\.yaml:13: steps\[2\]\.vote\.proposal: the proposal 'website' is only proposed at steps\[3\] "
        r"\(line 15\), after this step")),
    "duplicate proposal id": (
        BASE + "  - propose:\n      id: website\n      by: Dana\n      actions:\n"
               "        - pay: {to: Erlan, amount: 1 ETH}\n",
        (r"x\.yaml:21: steps\[5\]\.propose\.id: a proposal named 'website' is already proposed at steps\[2\] "
        r"\(line 14\); give each one its own name")),
    "step with two keys": (_edit("  - wait: 3 days", "  - {wait: 3 days, note: later}"),
                           (r"x\.yaml:19: steps\[4\] must be a mapping with exactly one key, such as .* "
                           r"\(its keys: wait, note\)")),
    "step that is bare text": (_edit("  - wait: 3 days", "  - found"),
                               (r"x\.yaml:19: steps\[4\] must be a one-key mapping such as `wait: 3 days` .*"
                               r"\(got 'found'\)")),
    "empty file": ("", r"x\.yaml:1: the file is empty: .*"),
    "comments only": ("# nothing yet\n", r"x\.yaml:1: the file is empty: .*"),
    "step before the DAO exists": (_edit("  - found:\n", ""),
                                   (r"x\.yaml:12: steps\[1\]\.propose: the DAO does not exist yet: add a `found:` "
                                   r"step before this one")),
    "rule a spec refuses": (_edit("quorum: 50%", "approval: 40%"),
                            r"x\.yaml:10: dao\.approval: 40% must be between 50% and 100%"),
    "proposal with both actions and amend": (
        _edit("      actions:\n", "      amend: {name: Steppe Makers II}\n      actions:\n"),
        r"x\.yaml:13: steps\[2\]\.propose: give either `actions` .* or `amend` .*, not both or neither"),
    "description over two lines": (_edit("description: Members vote to pay a web designer.",
                                         "description: |\n  two\n  lines"),
                                   r"x\.yaml:2: description must be one line \(got 'two\\nlines\\n'\)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_input_is_refused_with_file_line_and_field(case):
    text, pattern = CASES[case]
    message = _refused(text)
    assert re.fullmatch(pattern, message), message


def test_a_path_that_does_not_exist(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ScenarioFileError, match=r"nope\.yaml: no such scenario file$"):
        load_scenario(missing)


def test_a_directory(tmp_path):
    with pytest.raises(ScenarioFileError, match="is a directory, not a scenario file$"):
        load_scenario(tmp_path)


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(BASE.encode("utf-8").replace(b"Steppe Makers", b"Stepp\xe9 Makers"))
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert str(info.value) == f"{path}:8: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"


def test_a_file_is_named_as_the_caller_gave_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(_edit("support: against", "support: yes"), encoding="utf-8")
    with pytest.raises(ScenarioFileError) as info:
        load_scenario("bad.yaml")
    assert str(info.value).startswith("bad.yaml:18: steps[3].vote.support must be one of")
    assert info.value.location.line == 18


def test_a_sandbox_is_read_into_the_spec_and_acknowledged_by_a_step():
    text = _edit("  quorum: 50%\n", "  quorum: 50%\n  sandbox: {term: 2 years}\n").replace(
        "  - found:\n", "  - acknowledge: {by: Aigerim}\n  - found:\n")
    scenario = load_text(text, "x.yaml")
    assert scenario.spec is not None and scenario.spec.sandbox is not None and scenario.spec.sandbox.years == 2
    assert [s.kind for s in scenario.steps][:2] == ["acknowledge", "found"]
    assert scenario.steps[0].get("by") == "Aigerim"


def test_a_sandbox_term_outside_one_to_five_years_names_its_line():
    text = _edit("  quorum: 50%\n", "  quorum: 50%\n  sandbox: {term: 7 years}\n")
    assert re.fullmatch(r"x\.yaml:11: dao\.sandbox\.term: 7 years is outside the 1 to 5 years .*", _refused(text))


def test_acknowledging_a_charter_without_a_sandbox_is_refused():
    text = _edit("  - found:\n", "  - acknowledge: {by: Aigerim}\n  - found:\n")
    assert _refused(text) == "x.yaml:12: steps[1].acknowledge: the `dao` section declares no sandbox whose terms to acknowledge"
