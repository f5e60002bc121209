"""The lesson view: a page on the loopback address that plays one step per click, and shows
after each the timeline so far, the balances, the votes and the member graph."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dao_sim.scenarios import load_scenario
from dao_sim.scenarios.lesson import LOOPBACK, Lesson, LessonServer, serve_lesson

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture
def lesson() -> Iterator[LessonServer]:
    scenario = load_scenario(LIBRARY / "dispute-voided.yaml")
    server = serve_lesson(Lesson(scenario, "code-2026"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _wait_for_step(page: Any, step: int) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(page, 120).until(lambda d: d.find_element("tag name", "body").get_attribute("data-step") == str(step))


def _steps_shown(page: Any) -> int:
    return len(page.find_elements("css selector", "#timeline ol.timeline > li.step"))


def test_the_lesson_advances_one_step_per_click_and_redraws_the_pictures(page: Any, lesson: LessonServer,
                                                                        screenshot: Any) -> None:
    page.get(lesson.url)
    _wait_for_step(page, 0)
    assert "Ready: 18 steps to play." in page.find_element("id", "status").text
    assert "edition code-2026" in page.find_element("css selector", "p.law.in-force").text
    assert _steps_shown(page) == 0
    graphs = []
    for step in range(1, 6):
        page.find_element("id", "next").click()
        _wait_for_step(page, step)
        assert _steps_shown(page) == step
        assert page.find_element("id", "status").text.startswith(f"Step {step} of 18.")
        for chart in ("treasury", "tallies", "stakes", "graph"):
            assert page.find_elements("css selector", f"#chart-{chart} svg"), f"no {chart} at step {step}"
        graphs.append(page.find_element("css selector", "#chart-graph svg").get_attribute("outerHTML"))
    money = page.find_element("id", "money").text
    assert "Members, contributions and liability" in money and "Proposals and votes" in money
    assert len(set(graphs)) > 1, "the member graph never changed as the DAO was founded and voted"
    screenshot("lesson-step-5")
    for step in range(6, 19):
        page.find_element("id", "next").click()
        _wait_for_step(page, step)
    body = page.find_element("tag name", "body")
    assert body.get_attribute("data-done") == "true"
    assert not page.find_element("id", "next").is_enabled()
    status = page.find_element("id", "status").text
    assert "Every step ran and all" in status
    assert "void" in page.find_element("id", "money").text  # the dispute, with the human's ruling
    screenshot("lesson-end")


def _request(url: str, method: str = "GET", host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_lesson_listens_on_the_loopback_address_only_and_refuses_other_hosts(lesson: LessonServer) -> None:
    assert lesson.server_address[0] == LOOPBACK == "127.0.0.1"
    assert _request(lesson.url + "state")[0] == 200
    status, body = _request(lesson.url + "next", "POST", host="lesson.example.com")
    assert status == 403 and "loopback" in body
    assert json.loads(_request(lesson.url + "state")[1])["step"] == 0  # the refused click played nothing


def test_dao_sim_run_serve_serves_the_lesson_until_interrupted(tmp_path: Path) -> None:
    command = [str(Path(sys.executable).with_name("dao-sim")), "run", "decision-executes", "--serve", "--no-open"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        try:
            url = ""
            assert proc.stdout is not None
            for line in proc.stdout:
                if "Lesson ready at " in line:
                    url = line.split("Lesson ready at ", 1)[1].split()[0]
                    break
            assert url.startswith("http://127.0.0.1:"), f"no lesson address printed: {url!r}"
            assert json.loads(_request(url + "state")[1])["step"] == 0
            advanced = json.loads(_request(url + "next", "POST")[1])
            assert advanced["step"] == 1 and "Step 1:" in advanced["timeline"]
        finally:
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Lesson ended." in out


def test_an_internal_error_stops_the_lesson_at_once_instead_of_leaving_the_page_waiting(monkeypatch) -> None:
    import dao_sim.scenarios.lesson as lesson_module
    from dao_sim.exceptions import DaoSimError

    def broken(*_args: Any, **_kwargs: Any) -> dict[str, str]:
        raise RuntimeError("a drawing bug")

    monkeypatch.setattr(lesson_module, "lesson_parts", broken)
    lesson = Lesson(load_scenario(LIBRARY / "decision-executes.yaml"), "code-2026")
    with pytest.raises(DaoSimError, match="internal error: RuntimeError: a drawing bug"):
        lesson.start(timeout=120)
