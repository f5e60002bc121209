"""``dao-sim``: the command line.

Thin by design: each command parses typed options, calls the library, and prints through
:mod:`dao_sim.report`. A :class:`~dao_sim.exceptions.DaoSimError` (a refused spec, an unknown
name, a compiler that is missing) is printed as one line on stderr and exits 1; anything else
is a bug and keeps its traceback. Heavy modules (py-evm, the compiler) load inside the
commands, so ``--help`` and ``--version`` answer at once. Every command that cites the law
takes ``--edition`` (the Code in force by default, or the draft) and applies it throughout.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from dao_sim import __version__
from dao_sim.demos import DEFAULT_STORY, story_names
from dao_sim.exceptions import DaoSimError, ScenarioError
from dao_sim.law import DEFAULT_EDITION, EDITIONS, Edition, edition

__all__ = ["app", "main"]

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="dao-sim",
    help="Design, test, simulate and explain DAOs under Kazakhstan's Digital Code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def one_line(message: str) -> str:
    """A possibly multi-line message as one line (compiler errors list several).

    Examples
    --------
    >>> one_line("2 errors:\\n  a.sol:3: x\\n  a.sol:9: y")
    '2 errors: a.sol:3: x; a.sol:9: y'
    """
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    if not lines:
        return "failed (no message)"
    head, rest = lines[0], lines[1:]
    if rest:
        return head + (" " if head.endswith(":") else "; ") + "; ".join(rest)
    return head


def fail(message: str) -> NoReturn:
    """Print ``error: <message>`` as one line on stderr and exit with status 1."""
    typer.echo(f"error: {one_line(message)}", err=True)
    raise typer.Exit(1)


def friendly(command: F) -> F:
    """Turn a :class:`DaoSimError` escaping ``command`` into one line and exit status 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DaoSimError as exc:
            fail(str(exc))

    return run  # type: ignore[return-value]


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A handler that writes to ``sys.stderr`` as it is when a record arrives.

    rich's spinner swaps ``sys.stderr`` for a proxy that prints above the spinner; a handler
    holding the original stream would write into the spinner's line instead.
    """

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        """Ignored: the stream is always the current ``sys.stderr``."""


@contextmanager
def info_logging(enabled: bool) -> Iterator[None]:
    """While active and ``enabled``, dao-sim's INFO log goes to stderr (``--verbose``).

    The handler sits on the ``dao_sim`` logger, not the root, and is removed afterwards, so
    an application embedding the CLI keeps its own logging.
    """
    if not enabled:
        yield
        return
    logger = logging.getLogger("dao_sim")
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


#: ``--edition``, shared by every command that cites the law.
EditionOption = Annotated[str, typer.Option(
    "--edition", metavar="|".join(EDITIONS),
    help=f"Which text of the Digital Code to cite: {DEFAULT_EDITION} (the law in force, the "
         "default) or draft-2025 (the draft dao-sim started from; not law).")]


def chosen_edition(name: str) -> Edition:
    """The edition ``--edition`` names; an unknown one is a one-line error naming the valid ones."""
    return edition(name)  # LawError (a DaoSimError) says which editions exist


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dao-sim {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print dao-sim's version and exit.")] = False,
) -> None:
    """Design, test, simulate and explain DAOs under Kazakhstan's Digital Code.

    Solidity contracts run on an embedded EVM (eth-tester with py-evm); every transaction is
    journalled and told in plain language, with the requirement of the law it belongs to, cited
    under the edition chosen with --edition (the Code in force by default).
    """


_STORY_HELP = ("Which story: " + ", ".join(story_names()) + f". Default: {DEFAULT_STORY}, a "
               "payment voted by the members that executes itself (vote-only-decisions); "
               "dispute: a passed payment is disputed and you, at the keyboard, are the human "
               "arbitrator (human-dispute); liability: a claim bigger than the treasury meets the "
               "members' caps (liability-cap). Each is a scenario of the library.")


def _parse_ruling(text: str) -> int:
    """``"void"`` or ``"2"`` -> 2; one line naming the choices for anything else."""
    from dao_sim.scenarios.acts_disputes import RULINGS

    key = text.strip().lower()
    if key in RULINGS:
        return RULINGS[key]
    if key.isdigit() and int(key) in RULINGS.values():
        return int(key)
    fail(f"--ruling {text!r}: choose one of {', '.join(RULINGS)} (or 0-3)")


def _demo_paths(out: Path | None, default: Path) -> tuple[Path, Path]:
    """The Markdown report and the HTML page: ``--out`` names either; the other goes beside it."""
    path = out or default
    if path.suffix.lower() in (".html", ".htm"):
        return path.with_suffix(".md"), path
    return path, path.with_suffix(".html")


@app.command()
@friendly
def demo(
    story: Annotated[str, typer.Argument(help=_STORY_HELP, show_default=False)] = DEFAULT_STORY,
    out: Annotated[Path | None, typer.Option(
        "--out",
        help="Where to write the report (default: out/demo-report.md for the governance story, "
             "out/demo-<story>-report.md for others); the HTML page goes beside it (.html), and "
             "the files that go with it are named after it: out/my-run.md brings "
             "out/my-run-deployment.json and, for a story with a dispute, "
             "out/my-run-evidence.json and .md.")] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Log what dao-sim does (which compiler ran, cache hits).")] = False,
    ruling: Annotated[str | None, typer.Option(
        "--ruling", help="dispute story: the arbitrator's ruling (uphold, void, remedy, refuse) "
                         "for runs without a person at the keyboard; recorded as the "
                         "arbitrator's decision.")] = None,
    store: Annotated[Path | None, typer.Option(
        "--store",
        help="Where to publish the DAO's rules (default: a 'published' folder beside the "
             "report); the deployment record goes beside the report.")] = None,
    edition: EditionOption = DEFAULT_EDITION,
) -> None:
    """Play a demo story (a library scenario) and write its report, in Markdown and HTML.

    It plays on a fresh embedded chain. The outcome is checked on the chain: exit status 0 only if every step ran and every check
    held. The charter, the timeline and the report cite the edition of the Code chosen with
    --edition, which the report names at the top. The story's DAO is published (charter,
    sources, settings, ABIs) and its deployment record written, so `dao-sim verify <record>`
    can check it after the chain is gone. Every file's path is checked before the story
    starts: one that cannot be written is one line, and nothing is played.
    """
    from dataclasses import replace

    from rich.console import Console

    from dao_sim.compiler import compile_project
    from dao_sim.demos import get_demo
    from dao_sim.demos.publishing import beside_report, publish_for_story, record_path_for
    from dao_sim.disputes import ProposalDispute, ScriptedDecision
    from dao_sim.disputes.evidence import build_evidence
    from dao_sim.files import check_writable, check_writable_folder, write_file
    from dao_sim.law import aside, using
    from dao_sim.report import (
        load_with_progress,
        report_markdown,
        scenario_header,
        scenario_summary,
    )
    from dao_sim.report.html import report_html
    from dao_sim.report.progress import compiles_shown
    from dao_sim.scenarios import load_scenario
    from dao_sim.scenarios.story import review, scenario_report

    console = Console()
    under = chosen_edition(edition)
    with info_logging(verbose):
        chosen = get_demo(story)
        loaded = load_scenario(_library() / chosen.scenario)
        asks = any(step.kind == "rule" and step.get("ask") for step in loaded.steps)
        if ruling is not None and not asks:
            fail(f"--ruling applies to the dispute story, not to '{chosen.name}'")
        prompt = (ScriptedDecision(_parse_ruling(ruling), "given on the command line with --ruling")
                  if ruling is not None else None)
        markdown, page = _demo_paths(out, chosen.default_report)
        evidence, record = beside_report(markdown, "evidence"), record_path_for(markdown)
        store_dir = store or markdown.parent / "published"
        disputes = any(step.kind == "dispute" for step in loaded.steps)
        check_writable(markdown, "the report")  # fail before the story, not after it
        check_writable(page, "the report's page")
        check_writable(record, "the deployment record")
        check_writable_folder(store_dir, "the publication store")
        if disputes:
            for suffix in (".json", ".md"):
                check_writable(evidence.with_name(evidence.name + suffix), "the evidence package")

        def write_both(told: Any) -> None:
            texts = report_markdown(told), report_html(told)  # both made before either is written
            write_file(markdown, texts[0], what="the report")
            write_file(page, texts[1], what="the report's page")

        artifacts = load_with_progress(console, compile_project)
        for line in scenario_header(loaded, under.id):
            typer.echo(line)
        try:
            result = _play(loaded, under.id, artifacts=artifacts, prompt=prompt, snapshots=True)
        except ScenarioError as exc:
            partial = getattr(exc, "result", None)
            if asks and ruling is None and partial is not None and partial.outcomes[-1].kind == "rule":
                fail(f"{exc}; with nobody at the keyboard, give the ruling with --ruling "
                     "(uphold, void, remedy, refuse)")
            if partial is not None:  # nothing lost: the report says how far the story got
                write_both(scenario_report(partial))
                typer.echo(f"Report of the failed run written to {markdown} and {page}")
            raise
        with using(under), compiles_shown(console):  # publishing rebuilds the sources to verify them
            findings = review(result)
            report = scenario_report(result, findings)
            if result.dao is not None:
                published = publish_for_story(result.dao, store_dir, record)
                report = replace(report, checks=(*report.checks, published.check),
                                 facts=(*report.facts, published.fact),
                                 sections=(*report.sections, published.section))
            written = []
            for name, case in result.play.disputes.items():
                if isinstance(case, ProposalDispute):
                    stem = evidence.name if len(result.play.disputes) == 1 else f"{evidence.name}-{name}"
                    package = build_evidence(case.dao, case.court, case.proposal_id, case.dispute_id,
                                             rulings=[r for n, r in result.play.rulings if n == name],
                                             artifacts=artifacts, edition=under.id)
                    written += [str(p) for p in package.write(evidence.parent, stem)]
            if written:
                report = replace(report, facts=(*report.facts, (f"Evidence package {aside('digital-evidence')}",
                                                                ", ".join(written))))
    for line in scenario_summary(result, findings):
        typer.echo(line)
    for d in report.disputes:
        typer.echo(f"Dispute '{d.name}': {d.outcome}")
    write_both(report)
    typer.echo(f"Report written to {markdown} and {page} (open it in a browser)")
    if not report.ok:
        fail("the story's checks failed: " + "; ".join(c.label for c in report.failed_checks))


ruling_app = typer.Typer(
    help="Signed-ruling files: an arbitrator signs a ruling offline; anyone checks it.",
    no_args_is_help=True,
)
app.add_typer(ruling_app, name="ruling")


@ruling_app.command("sign")
@friendly
def ruling_sign(
    request: Annotated[Path, typer.Argument(help="The unsigned ruling file (JSON).")],
    key_file: Annotated[Path, typer.Option(
        "--key-file", help="A file holding your private key in hex; keep it yours (keys-not-shared).")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="Where to write the signed file (default: <request>.signed.json).")] = None,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Sign without asking (for scripts): you have read what you sign.")] = False,
    edition: EditionOption = DEFAULT_EDITION,
) -> None:
    """Sign a ruling offline with your own key, after reading what you sign.

    The ruling is shown (dispute, round, the ruling and what it does, the reasons, the key)
    and you are asked to confirm; answering no writes nothing and exits 1.
    """
    from dao_sim.disputes.signed_ruling import (
        prepare_signing,
        sign_ruling,
        signature_notice,
        signed_path_for,
        write_ruling_file,
    )
    from dao_sim.files import check_writable
    from dao_sim.law import using
    from dao_sim.report.rulings import ruling_request_text

    with using(chosen_edition(edition)) as under:
        unsigned, key = prepare_signing(request, key_file)
        target = check_writable(out or signed_path_for(request), "the signed ruling")
        typer.echo("You are asked to sign:")
        typer.echo(ruling_request_text(unsigned))
        typer.echo(signature_notice())
        typer.echo(under.header)
        if not yes and not _confirmed(f"Sign this ruling as {unsigned.panelist_name}, with the key "
                                      f"in {key_file}?"):
            typer.echo("Not signed; no file written.")
            raise typer.Exit(1)
        signed = sign_ruling(unsigned, private_key=key)
        path = write_ruling_file(signed, target)
    typer.echo(f"Signed by key {signed.signer}, the panelist's.")
    typer.echo(f"Signed ruling written to {path}")


def _confirmed(question: str) -> bool:
    """Ask a yes/no question (no by default); no answer at all is a one-line error."""
    try:
        return bool(typer.confirm(question, default=False))
    except typer.Abort:
        fail("not signed: nobody answered the confirmation (give --yes to sign without being "
             "asked); no file written")


@ruling_app.command("check")
@friendly
def ruling_check(
    signed: Annotated[Path, typer.Argument(help="A signed ruling file (JSON).")],
    edition: EditionOption = DEFAULT_EDITION,
) -> None:
    """Check, without any chain, that the panelist a ruling file names signed exactly it."""
    from dao_sim.disputes.signed_ruling import load_signed_ruling
    from dao_sim.report.rulings import signed_ruling_text

    under = chosen_edition(edition)
    typer.echo(signed_ruling_text(load_signed_ruling(signed), under))


@app.command()
@friendly
def verify(
    record: Annotated[Path, typer.Argument(
        help="A deployment record a run wrote (e.g. out/demo-deployment.json).",
        show_default=False)],
    store: Annotated[Path | None, typer.Option(
        "--store",
        help="The publication store (default: the one the record names, relative to the "
             "record's folder).")] = None,
) -> None:
    """Prove a recorded DAO is its published rules: rebuild the published sources with the
    published settings, compare the core's and every module's runtime code with the record
    (immutables masked, metadata hash compared), and the charter hash with the published text.

    Exit status 0 only if everything matched; 1 on any mismatch or bad input.
    """
    from dao_sim.compliance import verify as verify_record
    from dao_sim.report import verification_lines

    result = verify_record(record, store)
    for line in verification_lines(result):
        typer.echo(line)
    if not result.ok:
        raise typer.Exit(1)


class LawFormat(str, Enum):
    """How ``dao-sim law`` prints the catalogue."""

    TEXT = "text"
    MARKDOWN = "markdown"


@app.command("law")
@friendly
def law(
    edition: EditionOption = DEFAULT_EDITION,
    layout: Annotated[LawFormat, typer.Option(
        "--format", help="text (for a terminal) or markdown (a table for a document).")] = LawFormat.TEXT,
) -> None:
    """Print the requirement catalogue: each requirement's id, title, citation with its status
    under the chosen edition, and what that text says.

    The ids are what dao-sim's code, messages and reports name; the citation shows whether the
    edition makes it law, only the draft said it, or it is a dao-sim default.
    """
    from dao_sim.report.law import catalogue_markdown, catalogue_text

    under = chosen_edition(edition)
    render = catalogue_markdown if layout is LawFormat.MARKDOWN else catalogue_text
    typer.echo(render(under), nl=False)


_FORMATS = ("text", "json", "sarif")


def refuse(message: str) -> NoReturn:
    """Print ``error: <message>`` as one line on stderr and exit with status 2: the check
    could not run (a missing path, a file that does not compile, an unwritable output)."""
    typer.echo(f"error: {one_line(message)}", err=True)
    raise typer.Exit(2)


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Solidity files, or folders searched for them (node_modules skipped).",
        show_default=False)] = None,
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="text (for people), json, or sarif (for code scanning).")]
        = "text",
    edition: Annotated[str, typer.Option(
        "--edition", help="Which text of the Digital Code findings cite: code-2026 (the law "
                          "in force) or draft-2025.")] = DEFAULT_EDITION,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o",
        help="Write the report to this file instead of standard output (its folder is "
             "created if missing).")] = None,
    bytecode: Annotated[bool, typer.Option(
        "--bytecode/--no-bytecode",
        help="Also compile the contracts as deployed and check their runtime code.")] = True,
) -> None:
    """Check Solidity contracts against the Digital Code's requirements, statically.

    Exit status: 0 when no finding is an error, 1 when one is,
    2 when the check could not run (a missing path, a file that
    does not compile, an unknown edition or format, an output
    that cannot be written).
    """
    import json

    from dao_sim.compliance import check_sources, has_errors
    from dao_sim.compliance.sarif import sarif_log
    from dao_sim.files import check_writable, write_file
    from dao_sim.law import edition as find_edition
    from dao_sim.report import findings_json, findings_summary, findings_text, steps_on_stderr

    if not paths:
        refuse("name at least one .sol file or folder to check")
    if output_format not in _FORMATS:
        refuse(f"unknown format {output_format!r}: use one of {', '.join(_FORMATS)}")
    try:
        if output is not None:  # before the check, which may take a while
            check_writable(output, "the report")
        which = find_edition(edition)
        with steps_on_stderr("Checking") as step:
            findings = check_sources(paths, edition=which, bytecode=bytecode, progress=step)
    except DaoSimError as exc:
        refuse(str(exc))
    if output_format == "text":
        rendered = findings_text(findings, which)
    else:
        data = findings_json(findings, which) if output_format == "json" \
            else sarif_log(findings, edition=which)
        rendered = json.dumps(data, indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(rendered)
    else:
        try:
            write_file(output, rendered + "\n", what="the report")
        except DaoSimError as exc:
            refuse(str(exc))
        typer.echo(f"{output_format} report written to {output}. {findings_summary(findings)}")
    if has_errors(findings):
        raise typer.Exit(1)


def _library() -> Path:
    from dao_sim.compiler.build import project_root

    return project_root(None) / "scenarios"


@app.command("scenarios")
@friendly
def scenarios() -> None:
    """List the scenario library: each file with its one-line description."""
    from dao_sim.scenarios import load_scenario

    folder = _library()
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        fail(f"no scenarios in {folder}")
    for path in files:
        scenario = load_scenario(path)
        typer.echo(f"{path.name}: {scenario.description}")


def _scenario_path(scenario: Path) -> Path:
    """A scenario file as given, or the library's scenario of that name."""
    if not scenario.exists() and (_library() / scenario.with_suffix(".yaml").name).is_file():
        return _library() / scenario.with_suffix(".yaml").name
    return scenario


def _play(loaded: Any, applied: str, *, step: bool = False, snapshots: bool = False, **options: Any) -> Any:
    """Play a scenario, printing each step as it is played (and with ``step``, what it did on
    the chain and why, pausing when the terminal is interactive); a run that fails prints its
    summary so far and raises its :class:`ScenarioError`."""
    from dao_sim.report import scenario_summary, step_lines
    from dao_sim.report.scenario_text import step_explanation
    from dao_sim.scenarios import run_scenario

    pause = step and sys.stdin.isatty()

    def show(result: Any) -> None:
        outcome = result.outcomes[-1] if result.outcomes else result.setup
        for line in step_lines(outcome):
            typer.echo(line)
        if step:
            for line in step_explanation(outcome, result.session.name_of, applied):
                typer.echo(line)
        if pause and outcome is not result.setup:
            input("      (Enter for the next step) ")

    try:
        return run_scenario(loaded, edition=applied, on_result=show, snapshots=snapshots, **options)
    except ScenarioError as exc:
        partial = getattr(exc, "result", None)
        if partial is not None:
            for line in scenario_summary(partial, None):
                typer.echo(line)
        raise


def _report_target(path: Path | None) -> Path | None:
    """Check a report path before the run, so a bad one costs no run and leaves nothing."""
    if path is None:
        return None
    if path.suffix.lower() not in (".html", ".htm", ".md"):
        fail(f"--report {path}: name the file .html (a page with pictures) or .md (Markdown)")
    if path.is_dir():
        fail(f"--report {path}: that is a folder; name the report's file")
    from dao_sim.files import check_writable

    check_writable(path, "the report")
    return path


def _write_scenario_report(report: Any, path: Path) -> None:
    from dao_sim.files import write_file
    from dao_sim.report import report_markdown
    from dao_sim.report.html import report_html

    text = report_html(report) if path.suffix.lower() in (".html", ".htm") else report_markdown(report)
    write_file(path, text, what="the report")
    typer.echo(f"Report written to {path}")


def _serve(loaded: Any, applied: str, port: int, open_page: bool, engine: str) -> None:
    import os
    import webbrowser

    from dao_sim.scenarios.lesson import Lesson, serve_lesson

    typer.echo("Setting up the lesson's chain...")
    server = serve_lesson(Lesson(loaded, applied, engine=engine), port)
    typer.echo(f"Lesson ready at {server.url} (only this computer can open it). Ctrl+C ends it.")
    if open_page and (os.environ.get("DISPLAY") or sys.platform in ("darwin", "win32")):
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("Lesson ended.")
    finally:
        server.server_close()


@app.command("run")
@friendly
def run(
    scenario: Annotated[Path, typer.Argument(
        help="A scenario file (YAML), or the name of one in the library (see `dao-sim scenarios`).",
        show_default=False)],
    edition: Annotated[str | None, typer.Option(
        "--edition", help="Which text of the Digital Code to apply: code-2026 (the law in force) "
                          "or draft-2025; the scenario's own, else code-2026, when omitted.")] = None,
    step: Annotated[bool, typer.Option(
        "--step", help="After each step, explain what it did on the chain and the rule it rests "
                       "on, and pause (press Enter to go on).")] = False,
    interactive: Annotated[bool, typer.Option(
        "--interactive", help="You make every ruling at the keyboard, with your reasons (the "
                              "scenario's scripted rulings are set aside; its expectations then "
                              "check what you decided).")] = False,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Write the run's report: PATH.html for a page with pictures (opens "
                         "offline), PATH.md for Markdown.", show_default=False)] = None,
    serve: Annotated[bool, typer.Option(
        "--serve", help="Teach it: a local web page (loopback only) that plays one step per click.")] = False,
    port: Annotated[int, typer.Option("--port", min=0, max=65535,
                                      help="The lesson's port (--serve); any free one when 0.")] = 0,
    open_page: Annotated[bool, typer.Option(
        "--open/--no-open", help="Open the lesson in the browser (--serve), where there is a screen.")] = True,
    engine: Annotated[str, typer.Option(
        "--engine", help="The chain engine: eth-tester (the default, every capability) or revm "
                         "(pyrevm: much faster; no historical state, block hashes or signed "
                         "transactions: a scenario that needs them is told so).")] = "eth-tester",
) -> None:
    """Play a scenario on a fresh embedded chain, step by step, with its checks.

    Then say what the charter rules and the runtime monitors found. Exit status 0 only if every
    step ran and every expectation held."""
    from dao_sim.law import using
    from dao_sim.report import scenario_header, scenario_summary
    from dao_sim.scenarios import load_scenario
    from dao_sim.scenarios.story import review, scenario_report

    target = _report_target(report)
    loaded = load_scenario(_scenario_path(scenario))
    applied = chosen_edition(edition).id if edition else (loaded.edition or DEFAULT_EDITION)
    if serve:
        if step or interactive or target is not None:
            fail("--serve plays the lesson in the browser: it takes no --step, --interactive or --report")
        _serve(loaded, applied, port, open_page, engine)
        return
    for line in scenario_header(loaded, applied):
        typer.echo(line)
    if engine != "eth-tester":
        from dao_sim.chain.session import ENGINES

        typer.echo(f"Engine: {engine} ({ENGINES.get(engine, 'unknown')})\n")
    try:
        result = _play(loaded, applied, step=step, ask_rulings=interactive, snapshots=target is not None,
                       engine=engine)
    except ScenarioError as exc:
        partial = getattr(exc, "result", None)
        if partial is not None and target is not None:
            _write_scenario_report(scenario_report(partial), target)
        fail(str(exc))
    with using(applied):
        findings = review(result)
    for line in scenario_summary(result, findings):
        typer.echo(line)
    if target is not None:
        with using(applied):
            _write_scenario_report(scenario_report(result, findings), target)
    if not result.ok:
        raise typer.Exit(1)


new_app = typer.Typer(help="Start something new from a commented example.", no_args_is_help=True)
app.add_typer(new_app, name="new")


@new_app.command("scenario")
@friendly
def new_scenario(
    name: Annotated[str, typer.Argument(help="The scenario's file name (NAME.yaml is written).",
                                        show_default=False)],
    folder: Annotated[Path, typer.Option(
        "--dir", file_okay=False, help="Where to write it (the current folder by default).")] = Path("."),
) -> None:
    """Write a commented scenario that runs green as written, to change step by step."""
    from dao_sim.scenarios.starter import write_starter

    path = write_starter(name, folder)
    typer.echo(f"Scenario written to {path}; run it with: dao-sim run {path}")
# `dao-sim sweep` lives with the simulations; its module imports nothing heavy until it runs.
from dao_sim.simulation.command import sweep as _sweep

app.command("sweep")(friendly(_sweep))
