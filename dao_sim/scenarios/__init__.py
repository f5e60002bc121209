"""Scenarios: stories of a DAO written in YAML, checked, played on a chain, and checked again.

A lawyer writes what happens (people, a DAO, steps such as ``vote`` and ``dispute``) and what
must then be true (``expect``); :func:`load_scenario` reads the file and refuses a malformed
one with ``file:line: field`` and the fix; :func:`run_scenario` plays it on a fresh chain and
fails, naming the line, when an expectation does not hold. The format is defined once, in
:mod:`.schema`; :func:`render_reference` writes its reference page.
"""

from dao_sim.scenarios.docs import render_reference
from dao_sim.scenarios.errors import (
    Location,
    ScenarioExpectationFailed,
    ScenarioFileError,
    ScenarioStepFailed,
)
from dao_sim.scenarios.expectations import Check
from dao_sim.scenarios.loader import load_scenario, load_text
from dao_sim.scenarios.model import Scenario, Step
from dao_sim.scenarios.runner import ScenarioResult, StepOutcome, run_scenario
from dao_sim.scenarios.schema import SCHEMA

__all__ = [
    "SCHEMA",
    "Check",
    "Location",
    "Scenario",
    "ScenarioExpectationFailed",
    "ScenarioFileError",
    "ScenarioResult",
    "ScenarioStepFailed",
    "Step",
    "StepOutcome",
    "load_scenario",
    "load_text",
    "render_reference",
    "run_scenario",
]
