"""The runner: refusals expected and not, the step callback, editions, sessions, and the
steps the library does not exercise (admission, amendment, escrow, a ruling typed in)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from dao_sim.chain.session import ChainSession
from dao_sim.disputes import InteractivePrompt
from dao_sim.scenarios import (
    ScenarioExpectationFailed,
    ScenarioFileError,
    ScenarioStepFailed,
    load_text,
    run_scenario,
)

HEAD = """\
title: T
description: D
people: [Aigerim, Bolat, Dana, Erlan, Gulnara, Madina, Saule]
arbitrator:
  roster:
    - {name: Madina, identified: identity card checked, attested_by: Saule}
dao:
  name: Steppe Makers
  members: {Aigerim: 10 ETH, Bolat: 6 ETH, Dana: 4 ETH}
steps:
  - found:
"""


def _run(steps: str, artifacts, **kwargs):
    return run_scenario(load_text(HEAD + steps, "t.yaml"), artifacts=artifacts, **kwargs)


def test_an_unexpected_refusal_stops_the_run_at_its_line(artifacts):
    with pytest.raises(ScenarioStepFailed) as info:
        _run("  - exit: {by: Erlan}\n", artifacts)
    assert str(info.value) == "t.yaml:12: steps[2].exit: Erlan is not a member"
    assert info.value.cause.error == "NotAMember"
    assert info.value.result.outcomes[-1].failure == str(info.value)


def test_an_expected_refusal_that_does_not_come_fails(artifacts):
    with pytest.raises(ScenarioExpectationFailed) as info:
        _run("  - exit: {by: Dana, expect_refusal: NotAMember}\n", artifacts)
    assert str(info.value) == ("t.yaml:12: steps[2].exit.expect_refusal: expected a refusal with NotAMember, "
                               "found the step went through: Dana leaves the DAO with 4 ETH")


def test_a_refusal_for_another_reason_fails(artifacts):
    with pytest.raises(ScenarioExpectationFailed, match=r"expected a refusal with AlreadyAMember, found a refusal "
                                                        r"with NotAMember: Erlan is not a member"):
        _run("  - exit: {by: Erlan, expect_refusal: AlreadyAMember}\n", artifacts)


def test_an_unknown_error_name_is_refused_before_the_chain_is_touched(artifacts):
    with pytest.raises(ScenarioFileError) as info:
        _run("  - exit: {by: Erlan, expect_refusal: NotAMemeber}\n", artifacts)
    assert str(info.value) == ("t.yaml:12: steps[2].exit.expect_refusal: no contract or dao-sim error is called "
                               "'NotAMemeber'; did you mean 'NotAMember'?")


def test_on_step_sees_every_step_with_its_transactions(artifacts):
    seen = []
    result = _run("  - note: hello\n  - exit: {by: Dana}\n", artifacts,
                  on_step=lambda i, step, outcome: seen.append((i, step.kind, outcome)))
    assert [(i, kind) for i, kind, _ in seen] == [(1, "found"), (2, "note"), (3, "exit")]
    exit_outcome = seen[2][2]
    assert [e.function for e in exit_outcome.entries] == ["exit"]
    assert exit_outcome.description == "Dana leaves the DAO with 4 ETH"
    assert seen[1][2].description == "hello" and seen[1][2].entries == ()
    assert result.outcomes == tuple(o for _, _, o in seen)


def test_the_edition_is_the_scenarios_unless_the_caller_chooses(artifacts):
    assert _run("", artifacts).edition == "code-2026"
    assert _run("", artifacts, edition="draft-2025").edition == "draft-2025"
    text = HEAD.replace("description: D\n", "description: D\nedition: draft-2025\n")
    assert run_scenario(load_text(text, "t.yaml"), artifacts=artifacts).edition == "draft-2025"


def test_a_given_session_gains_the_people_it_lacks(artifacts):
    session = ChainSession(names=["Aigerim", "Bolat"])
    result = _run("  - expect: {balance_changes: {Dana: -4 ETH}}\n", artifacts, session=session)
    assert result.session is session
    assert {"Dana", "Madina", "Saule"} <= {a.name for a in session.accounts()}


def test_admission_then_an_amendment_moves_the_steps_to_the_successor(artifacts):
    steps = """\
  - propose:
      id: admit-erlan
      by: Aigerim
      actions: [{admit: {candidate: Erlan, contribution: 2 ETH}}]
  - vote: {by: Aigerim, proposal: admit-erlan, support: for}
  - vote: {by: Bolat, proposal: admit-erlan, support: for}
  - vote: {by: Dana, proposal: admit-erlan, support: abstain}
  - wait: 5 days
  - execute: {proposal: admit-erlan, by: Gulnara}
  - join: {by: Erlan}
  - expect:
      members: [Aigerim, Bolat, Dana, Erlan]
      treasury: {balance: 22 ETH}
  - propose: {id: stricter, by: Aigerim, amend: {name: Steppe Makers II, quorum: 75%}}
  - vote: {by: Aigerim, proposal: stricter, support: for}
  - vote: {by: Bolat, proposal: stricter, support: for}
  - vote: {by: Dana, proposal: stricter, support: for}
  - vote: {by: Erlan, proposal: stricter, support: for}
  - wait: 5 days
  - execute: {proposal: stricter, by: Gulnara}
  - expect:
      proposals: {stricter: Executed}
      members: [Aigerim, Bolat, Dana, Erlan]
      treasury: {balance: 22 ETH}
"""
    result = _run(steps, artifacts)
    assert result.dao is not None and result.dao.name == "Steppe Makers II"
    assert result.dao.spec.quorum == 7500
    assert result.outcomes[-2].description.endswith("from now on the DAO is Steppe Makers II")


def test_an_escrow_dispute_divides_the_deposit_as_the_arbitrator_rules(artifacts):
    steps = """\
  - escrow:
      id: printer
      payer: Aigerim
      payee: Erlan
      data_source: Gulnara
      amount: 10 ETH
      deadline: 14 days
      terms: ipfs://printer-order
  - dispute: {id: late, escrow: printer, by: Aigerim, evidence: ipfs://photos}
  - evidence: {dispute: late, by: Erlan, uri: ipfs://delivery-note}
  - rule: {dispute: late, by: Madina, payee_share: 30%, reasons: Delivered late and damaged.}
  - finalise: {dispute: late, by: Gulnara}
  - expect:
      escrows: {printer: {state: Divided, held: 0 ETH}}
      disputes: {late: {payee_share: 30%, status: Solved}}
      balance_changes: {Aigerim: -13 ETH, Erlan: +3 ETH}
"""
    result = _run(steps, artifacts)
    assert result.ok
    assert "30% of the deposit to the payee" in result.outcomes[4].description


def test_a_ruling_asked_of_the_person_at_the_keyboard(artifacts):
    steps = """\
  - propose:
      id: campaign
      by: Aigerim
      actions: [{pay: {to: Erlan, amount: 5 ETH}}]
  - vote: {by: Aigerim, proposal: campaign, support: for}
  - vote: {by: Bolat, proposal: campaign, support: for}
  - wait: 3 days
  - dispute: {id: objection, proposal: campaign, by: Dana}
  - rule: {dispute: objection, by: Madina, ask: true}
  - finalise: {dispute: objection, by: Gulnara}
  - expect:
      proposals: {campaign: Voided}
"""
    typed = io.StringIO("2\nThe campaign was never agreed.\ny\n")
    prompt = InteractivePrompt(stream=typed, console=Console(file=io.StringIO()))
    result = _run(steps, artifacts, prompt=prompt)
    assert result.ok
    assert "Madina rules at the keyboard in dispute 'objection'" in result.outcomes[6].description
    assert "The campaign was never agreed." in result.outcomes[6].description


def test_an_appeal_goes_to_a_larger_panel_whose_majority_rules(artifacts):
    text = """\
title: Appeal
description: A voided payment is appealed and upheld by a panel of three.
people: [Aigerim, Bolat, Dana, Erlan, Gulnara, Madina, Nurlan, Saule, Timur]
arbitrator:
  roster:
    - {name: Madina, identified: id card, attested_by: Saule}
    - {name: Nurlan, identified: id card, attested_by: Saule}
    - {name: Timur, identified: id card, attested_by: Saule}
dao:
  name: Steppe Makers
  members: {Aigerim: 10 ETH, Bolat: 6 ETH, Dana: 4 ETH}
steps:
  - found:
  - propose: {id: pay, by: Aigerim, actions: [{pay: {to: Erlan, amount: 1 ETH}}]}
  - vote: {by: Aigerim, proposal: pay, support: for}
  - vote: {by: Bolat, proposal: pay, support: for}
  - wait: 3 days
  - dispute: {id: d, proposal: pay, by: Dana}
  - rule: {dispute: d, ruling: void, reasons: first look}
  - appeal: {dispute: d, by: Aigerim}
  - rule: {dispute: d, by: Madina, ruling: uphold, reasons: on appeal}
  - rule: {dispute: d, by: Nurlan, ruling: uphold, reasons: on appeal}
  - finalise: {dispute: d, by: Gulnara}
  - enforce: {dispute: d, by: Gulnara}
  - expect:
      disputes: {d: {ruling: uphold, status: Solved, panel: [Madina, Nurlan, Timur]}}
      proposals: {pay: Executed}
      balance_changes: {Erlan: +1 ETH}
"""
    result = run_scenario(load_text(text, "appeal.yaml"), artifacts=artifacts)
    assert result.ok
    assert "the new panel: " in result.outcomes[7].description


def test_capital_calls_and_expulsion_by_vote(artifacts):
    text = HEAD.replace("  members: {Aigerim: 10 ETH, Bolat: 6 ETH, Dana: 4 ETH}\n",
                        "  members: {Aigerim: 10 ETH, Bolat: 6 ETH, Dana: 4 ETH}\n  liability_cap: 2x\n"
                        "  expulsion_allowed: true\n")
    steps = """\
  - propose: {id: call, by: Aigerim, actions: [{call_capital: {share: 50%}}]}
  - vote: {by: Aigerim, proposal: call, support: for}
  - vote: {by: Bolat, proposal: call, support: for}
  - wait: 5 days
  - execute: {proposal: call, by: Gulnara}
  - pay_capital: {by: Aigerim}
  - expect:
      treasury: {balance: 25 ETH}
      liabilities: {Aigerim: {contributed: 15 ETH, cap: 20 ETH}}
  - propose: {id: out, by: Aigerim, actions: [{expel: {member: Dana}}]}
  - vote: {by: Aigerim, proposal: out, support: for}
  - vote: {by: Bolat, proposal: out, support: for}
  - wait: 5 days
  - execute: {proposal: out, by: Gulnara}
  - expect:
      members: [Aigerim, Bolat]
"""
    result = run_scenario(load_text(text + steps, "calls.yaml"), artifacts=artifacts)
    assert result.ok
    assert result.outcomes[6].description == "Aigerim pays 5 ETH of a capital call"


def test_refusals_name_proposals_as_the_scenario_does(artifacts):
    steps = """\
  - propose: {id: website, by: Aigerim, actions: [{pay: {to: Erlan, amount: 1 ETH}}]}
  - vote: {by: Aigerim, proposal: website, support: for}
  - vote: {by: Bolat, proposal: website, support: for}
  - wait: 3 days
  - execute: {proposal: website, by: Gulnara}
"""
    with pytest.raises(ScenarioStepFailed) as info:
        _run(steps, artifacts)
    assert str(info.value) == ("t.yaml:16: steps[6].execute: proposal 'website' cannot be executed "
                               "(it is Grace)")


WHALE = """\
title: A whale
description: Aigerim holds most of the weight.
people: [Aigerim, Bolat, Dana, Erlan, Madina, Saule]
arbitrator:
  roster:
    - {name: Madina, identified: identity card checked, attested_by: Saule}
dao:
  name: Whale Makers
  members: {Aigerim: 90 ETH, Bolat: 6 ETH, Dana: 4 ETH}
  voting_rule: contribution-weighted
steps:
  - found:
  - expect:
      findings: [one-member-decides-alone]
  - expect:
      findings: []
"""


def test_findings_expectations_name_exactly_the_rules_that_find_something(artifacts):
    with pytest.raises(ScenarioExpectationFailed) as info:
        run_scenario(load_text(WHALE, "whale.yaml"), artifacts=artifacts)
    assert str(info.value) == ("whale.yaml:16: steps[3].expect.findings: expected nothing wrong, "
                               "found one-member-decides-alone")
    first = info.value.result.outcomes[1].checks[0]
    assert first.ok and first.found == "one-member-decides-alone"
