"""The HTML report opens offline in Chromium with no console error and shows the story, the
pictures, the rulings' reasons and the evidence."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from dao_sim.report.html import write_html
from dao_sim.scenarios import run_scenario
from dao_sim.scenarios.story import review, scenario_report

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = run_scenario(LIBRARY / "appeal-overturns.yaml", snapshots=True)
    findings = review(result)
    path = tmp_path_factory.mktemp("report") / "appeal.html"
    return write_html(scenario_report(result, findings), path)


def _drawn(page: Any, selector: str) -> dict[str, float]:
    return page.execute_script(
        "const e = document.querySelector(arguments[0]); if (!e) return null;"
        "const r = e.getBoundingClientRect(); return {width: r.width, height: r.height};", selector)


def test_the_report_opens_offline_and_shows_timeline_pictures_and_graph(page: Any, report_file: Path,
                                                                        screenshot: Any) -> None:
    page.get(report_file.as_uri())
    assert page.title == "An upheld payment is overturned on appeal by a panel of three"
    steps = page.find_elements("css selector", "#timeline ol.timeline > li")
    assert len(steps) == 24  # the set-up and 23 steps
    for chart in ("treasury", "tallies", "stakes", "graph"):
        size = _drawn(page, f"#chart-{chart} svg")
        assert size and size["width"] > 200 and size["height"] > 100, f"{chart} is not drawn: {size}"
    graph = page.find_element("css selector", "#chart-graph svg").get_attribute("textContent")
    assert all(name in graph for name in ("Aigerim", "Bolat", "Dana"))
    # Nothing was fetched: the page, its styles and pictures are all in the one file.
    fetched = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert fetched == []
    # Nothing runs off the page's right edge (long hashes and the charter's lines wrap).
    assert page.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot("report-top")
    page.execute_script("document.getElementById('charts').scrollIntoView()")
    screenshot("report-charts")


def test_the_report_gives_the_law_applied_the_rulings_with_reasons_and_evidence_in_eth(
        page: Any, report_file: Path) -> None:
    page.get(report_file.as_uri())
    law = page.find_element("id", "law-applied").text
    assert "code-2026" in law and "law in force" in law
    disputes = page.find_element("id", "disputes").text
    assert "Erlan never agreed the campaign's price; the minutes record a draft." in disputes
    assert "Madina" in disputes and "void" in disputes
    calls_and_events = page.execute_script(
        "return [...document.querySelectorAll('#evidence tbody tr')]"
        ".map(r => r.cells[5].textContent + ' ' + r.cells[8].textContent).join('\\n')")
    assert "VoteCast(" in calls_and_events and "support=For" in calls_and_events
    assert "appealEnd=2026-01-0" in calls_and_events  # times as dates
    assert "ruling=void" in calls_and_events  # rulings in words
    raw = re.search(r"\d wei\b|support=\d|(?<![0-9a-fA-Fx])\d{10,}(?![0-9a-fA-F])", calls_and_events)
    assert raw is None, f"raw wei, enum or time left: {raw}"
