"""``dao-sim``: the command line.

Thin by design: each command parses typed options, calls the library, and prints through
:mod:`dao_sim.report`. A :class:`~dao_sim.exceptions.DaoSimError` (a refused spec, an unknown
name, a compiler that is missing) is printed as one line on stderr and exits 1; anything else
is a bug and keeps its traceback. Heavy modules (py-evm, the compiler) load inside the
commands, so ``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from dao_sim import __version__
from dao_sim.demos import DEFAULT_STORY, story_names
from dao_sim.exceptions import DaoSimError
from dao_sim.law.editions import DEFAULT_EDITION

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
    journalled and told in plain language, with the Code's articles it belongs to.
    """


_STORY_HELP = ("Which story: " + ", ".join(story_names()) + f". Default: {DEFAULT_STORY}, a "
               "payment voted by the members that executes itself (DC 20.7); liability: a claim "
               "bigger than the treasury meets the members' caps (DC 20.8); dispute: a passed "
               "payment is disputed and a human arbitrator rules on it (DC 28.2).")


@app.command()
@friendly
def demo(
    story: Annotated[str, typer.Argument(help=_STORY_HELP, show_default=False)] = DEFAULT_STORY,
    out: Annotated[Path | None, typer.Option(
        "--out", dir_okay=False,
        help="Where to write the Markdown report (default: out/demo-report.md for the "
             "governance story, out/demo-<story>-report.md for others).")] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Log what dao-sim does (which compiler ran, cache hits).")] = False,
    ruling: Annotated[str | None, typer.Option(
        "--ruling", help="dispute story: the arbitrator's ruling (uphold, void, remedy, refuse) "
                         "for runs without a person at the keyboard; recorded as the "
                         "arbitrator's decision.")] = None,
) -> None:
    """Play a demo story on a fresh embedded chain: print its timeline, write its report.

    The outcome is checked on the chain: exit status 0 only if every check held.
    """
    from rich.console import Console

    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import compile_project
    from dao_sim.demos import get_story
    from dao_sim.report import load_with_progress, print_report, write_report

    console = Console()
    with info_logging(verbose):
        chosen = get_story(story)
        if ruling is not None and "ruling" not in chosen.options:
            fail(f"--ruling applies to the dispute story, not to '{chosen.name}'")
        path = out or chosen.default_report
        offered = {"ruling": ruling, "evidence_dir": path.parent, "console": console}
        artifacts = load_with_progress(console, compile_project)
        report = chosen.tell(ChainSession(), artifacts,
                             **{k: v for k, v in offered.items() if k in chosen.options})
    print_report(console, report)
    try:
        write_report(report, path)
    except OSError as exc:
        fail(f"cannot write the report to {path}: {exc.strerror or exc}")
    console.print(f"Report written to {path}")
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
    request: Annotated[Path, typer.Argument(help="The unsigned ruling file (JSON).", exists=True,
                                            dir_okay=False)],
    key_file: Annotated[Path, typer.Option(
        "--key-file", exists=True, dir_okay=False,
        help="A file holding your private key in hex; keep it yours (DC 25.4).")],
    out: Annotated[Path | None, typer.Option(
        "--out", dir_okay=False, help="Where to write the signed file "
                                      "(default: <request>.signed.json).")] = None,
) -> None:
    """Sign a ruling offline with your own key, after reading what you sign."""
    from dao_sim.disputes.signed_ruling import sign_ruling_file
    from dao_sim.report.rulings import signed_ruling_text

    signed, path = sign_ruling_file(request, key_file, out)
    typer.echo(signed_ruling_text(signed))
    typer.echo(f"Signed ruling written to {path}")


@ruling_app.command("check")
@friendly
def ruling_check(
    signed: Annotated[Path, typer.Argument(help="A signed ruling file (JSON).", exists=True,
                                           dir_okay=False)],
) -> None:
    """Check, without any chain, that the panelist a ruling file names signed exactly it."""
    from dao_sim.disputes.signed_ruling import load_signed_ruling
    from dao_sim.report.rulings import signed_ruling_text

    typer.echo(signed_ruling_text(load_signed_ruling(signed)))


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
        "--output", "-o", dir_okay=False,
        help="Write the report to this file instead of standard output.")] = None,
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
    from dao_sim.law import edition as find_edition
    from dao_sim.report import findings_json, findings_summary, findings_text, steps_on_stderr

    if not paths:
        refuse("name at least one .sol file or folder to check")
    if output_format not in _FORMATS:
        refuse(f"unknown format {output_format!r}: use one of {', '.join(_FORMATS)}")
    try:
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
            output.write_text(rendered + "\n", encoding="utf-8")
        except OSError as exc:
            refuse(f"cannot write the report to {output}: {exc.strerror or exc}")
        typer.echo(f"{output_format} report written to {output}. {findings_summary(findings)}")
    if has_errors(findings):
        raise typer.Exit(1)
