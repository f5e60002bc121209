"""docs/scenarios.md is the schema's rendering, and it covers every step, action and check."""

from __future__ import annotations

from pathlib import Path

from dao_sim.scenarios import load_text, render_reference
from dao_sim.scenarios.docs import EXAMPLE, write_reference
from dao_sim.scenarios.schema import ACTIONS, EXPECTATIONS, STEP_GROUPS, STEPS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"


def test_the_committed_reference_is_the_rendering_of_the_schema():
    assert DOCS.read_text(encoding="utf-8") == render_reference(), (
        "docs/scenarios.md is stale: run `python -m dao_sim.scenarios docs/scenarios.md`")


def test_every_step_kind_is_documented_once_in_a_group():
    grouped = [kind for _, kinds in STEP_GROUPS for kind in kinds]
    assert sorted(grouped) == sorted(STEPS)
    page = render_reference()
    for kind in [*STEPS, *ACTIONS]:
        assert f"#### `{kind}`" in page
    for check in EXPECTATIONS:
        assert f"| `{check}` |" in page


def test_every_field_has_a_description():
    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") in ("object", ["object", "null"]) or "enum" in node or "format" in node:
                assert node.get("description"), where
            for key, value in node.items():
                if key in ("properties", "additionalProperties", "items"):
                    children = value.items() if key == "properties" else [(key, value)]
                    for name, child in children:
                        walk(child, f"{where}.{name}")

    from dao_sim.scenarios import SCHEMA

    walk(SCHEMA, "scenario")


def test_the_worked_example_is_a_valid_scenario():
    scenario = load_text(EXAMPLE, "example.yaml")
    assert scenario.steps[-1].kind == "expect"


def test_write_reference_replaces_the_file_whole(tmp_path):
    target = tmp_path / "scenarios.md"
    target.write_text("old", encoding="utf-8")
    write_reference(target)
    assert target.read_text(encoding="utf-8") == render_reference()
    assert [p.name for p in tmp_path.iterdir()] == ["scenarios.md"]
