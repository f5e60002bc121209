"""A scenario as a classroom lesson: a local web page that plays one step per click.

The run plays on a worker thread that owns the chain: after each step it builds the report
so far and the page's parts (timeline, balances, votes, pictures), then waits for the next
click. The web server only hands those parts out, so no request ever touches the chain. It
listens on the loopback address only and answers only requests addressed to it by that name
(a page elsewhere cannot drive it through a rebound DNS name).
"""

from __future__ import annotations

import json
import threading
import traceback
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from dao_sim.exceptions import DaoSimError
from dao_sim.law import edition as find_edition
from dao_sim.law import using
from dao_sim.report.html import lesson_page, lesson_parts
from dao_sim.scenarios.model import Scenario
from dao_sim.scenarios.runner import ScenarioResult, run_scenario
from dao_sim.scenarios.story import review, scenario_report

__all__ = ["LOOPBACK", "Lesson", "LessonServer", "serve_lesson"]

#: The only address a lesson listens on.
LOOPBACK = "127.0.0.1"
_WAIT = 600.0


@dataclass
class _View:
    """What the page shows now."""

    step: int = 0
    parts: dict[str, str] = field(default_factory=dict)
    done: bool = False
    failure: str = ""

    def payload(self, total: int) -> dict[str, Any]:
        return {"step": self.step, "total": total, "done": self.done, "failure": self.failure, **self.parts}


class Lesson:
    """A scenario played one step at a time, on demand.

    Parameters
    ----------
    scenario : Scenario
    edition : str
        The edition of the Code the lesson applies.
    artifacts : ArtifactSet, optional
        Compiled contracts (compiled, or read from the cache, when omitted).
    engine : str, optional
        The chain engine (``"eth-tester"`` by default, or ``"revm"``).

    Once the last step has played, the charter rules and the runtime monitors read the run
    (:func:`~dao_sim.scenarios.story.review`) and the page shows what they found.
    """

    def __init__(self, scenario: Scenario, edition: str, artifacts: Any = None, engine: str | None = None) -> None:
        self.scenario = scenario
        self._engine = engine
        self.edition = edition
        self.total = len(scenario.steps)
        self._artifacts = artifacts
        self._view = _View()
        self._lock = threading.Lock()
        self._shown = threading.Event()
        self._go = threading.Event()
        self._worker = threading.Thread(target=self._play, name="dao-sim lesson", daemon=True)

    # ---- the worker thread (owns the chain) --------------------------------------------------

    def _publish(self, result: ScenarioResult, *, done: bool = False, failure: str = "",
                 findings: Any = None) -> None:
        report = scenario_report(result, findings, in_progress=not done)
        parts = lesson_parts(report, len(result.outcomes), self.total)
        with self._lock:
            self._view = _View(len(result.outcomes), parts, done, failure)
        self._shown.set()

    def _after_step(self, result: ScenarioResult) -> None:
        if result.outcomes and (len(result.outcomes) == self.total or result.outcomes[-1].failure):
            return  # the end is shown once the monitors have run
        self._publish(result)
        self._go.wait()
        self._go.clear()

    def _play(self) -> None:
        try:
            self._play_through()
        except Exception as exc:  # noqa: BLE001  a bug must stop the page's wait, not leave it hanging
            traceback.print_exc()  # a bug keeps its traceback, on the terminal that serves
            with self._lock:
                self._view = _View(self._view.step, self._view.parts, True,
                                   f"dao-sim stopped with an internal error: {type(exc).__name__}: {exc}")
            self._shown.set()

    def _play_through(self) -> None:
        try:
            result = run_scenario(self.scenario, edition=self.edition, snapshots=True, on_result=self._after_step,
                                  artifacts=self._artifacts, engine=self._engine)
        except DaoSimError as exc:
            partial = getattr(exc, "result", None)
            if partial is None:
                with self._lock:
                    self._view = _View(self._view.step, self._view.parts, True, str(exc))
                self._shown.set()
                return
            self._publish(partial, done=True, failure=str(exc))
            return
        with using(self.edition):
            findings = review(result)
        self._publish(result, done=True, findings=findings)

    # ---- what the server calls ---------------------------------------------------------------

    def start(self, timeout: float = _WAIT) -> None:
        """Deploy and set up, and wait until the page's first state (before step 1) is ready."""
        self._worker.start()
        if not self._shown.wait(timeout):
            raise DaoSimError("the lesson's chain did not start in time")
        with self._lock:
            if self._view.done and self._view.failure and self._view.step == 0:
                raise DaoSimError(f"the lesson could not start: {self._view.failure}")

    def now(self) -> dict[str, Any]:
        """The page's current state."""
        with self._lock:
            return self._view.payload(self.total)

    def advance(self, timeout: float = _WAIT) -> dict[str, Any]:
        """Play the next step and return the page's new state (the same state once done)."""
        with self._lock:
            if self._view.done:
                return self._view.payload(self.total)
            self._shown.clear()
        self._go.set()
        if not self._shown.wait(timeout):
            raise DaoSimError("the step did not finish in time")
        return self.now()

    def page(self) -> str:
        """The lesson page (its parts arrive as JSON)."""
        return lesson_page(self.scenario.title, self.scenario.description, find_edition(self.edition), self.total)


class _Handler(BaseHTTPRequestHandler):
    server: LessonServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a classroom does not need an access log in the terminal."""

    def _addressed_here(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return host in (LOOPBACK, "localhost")

    def _send(self, status: HTTPStatus, body: str, kind: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                         "connect-src 'self'; img-src 'self' data:")
        self.end_headers()
        self.wfile.write(data)

    def _json(self, payload: dict[str, Any]) -> None:
        self._send(HTTPStatus.OK, json.dumps(payload), "application/json")

    def do_GET(self) -> None:
        if not self._addressed_here():
            self._send(HTTPStatus.FORBIDDEN, "a lesson answers only on the loopback address", "text/plain")
        elif self.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self.server.lesson.page(), "text/html")
        elif self.path == "/state":
            self._json(self.server.lesson.now())
        elif self.path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, "", "text/plain")
        else:
            self._send(HTTPStatus.NOT_FOUND, "no such page", "text/plain")

    def do_POST(self) -> None:
        if not self._addressed_here():
            self._send(HTTPStatus.FORBIDDEN, "a lesson answers only on the loopback address", "text/plain")
        elif self.path == "/next":
            self._json(self.server.lesson.advance())
        else:
            self._send(HTTPStatus.NOT_FOUND, "no such action", "text/plain")


class LessonServer(ThreadingHTTPServer):
    """The lesson's web server, on the loopback address only."""

    daemon_threads = True

    def __init__(self, lesson: Lesson, port: int = 0) -> None:
        super().__init__((LOOPBACK, port), _Handler)
        self.lesson = lesson

    @property
    def url(self) -> str:
        """Where the page is."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"


def serve_lesson(lesson: Lesson, port: int = 0) -> LessonServer:
    """Start ``lesson`` (deploys the arbitrator) and a server for it on the loopback address;
    the caller runs ``serve_forever()`` (or a thread does) and ``shutdown()`` at the end.

    Raises
    ------
    DaoSimError
        When the port is taken or cannot be used.
    """
    try:
        server = LessonServer(lesson, port)
    except OSError as exc:
        raise DaoSimError(f"cannot serve the lesson on {LOOPBACK}:{port}: {exc.strerror or exc}") from exc
    lesson.start()
    return server
