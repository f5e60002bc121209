"""A story's DAO, published and recorded so that anyone can check it after the run.

The chain of a demo lives only as long as the process, so a story that is asked to publish
(``dao-sim demo`` always is) files the DAO's rules in a publication store, writes a deployment
record beside its report, verifies the live DAO against the publication at once, and tells the
reader the publication id and the command that repeats the check from the files alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dao_sim.compliance import PublicationStore, publish, record_deployment, verify, write_record
from dao_sim.law import reference
from dao_sim.report import Check, Section, verification_lines

if TYPE_CHECKING:
    from dao_sim.governance import DAO

__all__ = ["Published", "beside_report", "publish_for_story", "record_path_for"]


def beside_report(report: Path, role: str) -> Path:
    """A file that belongs to a report, named after it: its stem (less ``-report``), ``-``,
    then ``role``. Two reports of different names never share one.

    Examples
    --------
    >>> beside_report(Path("out/demo-dispute-report.md"), "evidence").as_posix()
    'out/demo-dispute-evidence'
    >>> beside_report(Path("runs/my-run.md"), "evidence").as_posix()
    'runs/my-run-evidence'
    """
    return report.with_name(f"{report.stem.removesuffix('-report')}-{role}")


def record_path_for(report: Path) -> Path:
    """Where a report's deployment record goes: ``out/demo-report.md`` ->
    ``out/demo-deployment.json``.

    Examples
    --------
    >>> record_path_for(Path("out/demo-liability-report.md")).as_posix()
    'out/demo-liability-deployment.json'
    """
    return beside_report(report, "deployment.json")


@dataclass(frozen=True)
class Published:
    """What a story adds to its report about its DAO's publication."""

    check: Check
    fact: tuple[str, str]
    section: Section


def publish_for_story(dao: DAO, store_dir: Path, record: Path) -> Published:
    """Publish ``dao`` in ``store_dir``, write its deployment record to ``record``, verify it.

    Raises
    ------
    PublicationError
        When the store or the record cannot be written.
    """
    store = PublicationStore(store_dir)
    publication = publish(dao, store)
    write_record(record_deployment(dao, publication), record, store_dir=store_dir)
    result = verify(dao, store, publication.id)
    command = f"dao-sim verify {record.as_posix()}"
    lines = "\n".join(f"    {line}" for line in verification_lines(result))
    section = Section("Published rules, and how to check them", (
        f"The DAO's rules are published as **publication `{publication.id}`** in "
        f"`{store.directory.as_posix()}`: the charter text, the {len(publication.sources)} Solidity "
        "files its core and modules were compiled from, the compiler's version and settings "
        f"(solc {publication.compiler_version}, {publication.settings.get('evmVersion')}, optimizer "
        f"{'on' if publication.settings.get('optimizer', {}).get('enabled') else 'off'}, "
        f"{'via IR' if publication.settings.get('viaIR') else 'legacy pipeline'}) and every ABI, each "
        "stored under its SHA-256; the publication id is the hash of the manifest listing them "
        f"(rules public and changed only by consent: {reference('consent-to-change')}; coded terms "
        f"a human can read: {reference('readable-terms')}).\n\n"
        f"The chain ran inside this run and is gone; `{record.as_posix()}` records what it held: "
        "each contract's address and runtime code and the charter hash the core stores. To check "
        f"that record against the publication, with no chain:\n\n    {command}\n\n"
        "It rebuilds the published sources with the published settings and compares the runtime "
        "code of the core and of every module the core created (immutable values masked, the "
        "metadata hash compared too), and the charter hash with the published text. The same "
        f"check, run on the live DAO during this run:\n\n{lines}"))
    return Published(
        Check("the deployed code and charter are the published ones", result.ok,
              f"publication {publication.id[:12]}...; {command}"),
        ("Published rules", (f"publication {publication.id} in {store.directory.as_posix()}; "
                             f"check with `{command}`")),
        section)
