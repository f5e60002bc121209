"""The requirement catalogue, read from ``catalogue.toml`` and checked as it loads.

A requirement (``human-dispute``, ``liability-cap``) has a stable id; under each edition it
has a provision: the article (if that text has one), a plain sentence, and a status that keeps
apart what the law in force requires, what only the draft said, and what dao-sim does by
default. The TOML is the data; this module refuses a catalogue that would let a report call
a default "law" or cite a draft article as the law in force.
"""

from __future__ import annotations

import enum
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dao_sim.exceptions import LawError, suggest
from dao_sim.law.editions import EDITIONS, Edition, edition

__all__ = ["Provision", "Requirement", "Status", "provision", "requirement", "requirements"]


class Status(enum.Enum):
    """What a provision is under its edition."""

    LAW = "law"
    DRAFT = "draft"
    DEFAULT = "default"
    ABSENT = "absent"

    @property
    def label(self) -> str:
        """The words a report uses for it."""
        return {"law": "law in force", "draft": "draft text, not law", "default": "dao-sim default",
                "absent": "no such rule in force"}[self.value]


@dataclass(frozen=True)
class Provision:
    """What one edition says about one requirement."""

    requirement: str
    edition: Edition
    article: str
    status: Status
    statement: str
    related: str = ""
    #: A default's origin: the draft article it follows, written for this edition's readers.
    follows: str = ""

    @property
    def citation(self) -> str:
        """The short citation a report prints beside an act: ``Art. 67(3)``, ``DC 20.7``, or
        ``dao-sim default (after draft Art. 20.7)``."""
        if self.article:
            return self.edition.article(self.article)
        if self.status is Status.DEFAULT:
            return f"dao-sim default (after {self.follows})" if self.follows else "dao-sim default"
        return f"not in the {self.edition.id} text"

    @property
    def inline(self) -> str:
        """The citation as words inside a sentence: ``Art. 67(3)``, ``DC 20.7``, or
        ``dao-sim default, after draft Art. 20.7`` (no parenthesis inside, so it can stand in one)."""
        if self.status is Status.DEFAULT:
            return f"dao-sim default, after {self.follows}" if self.follows else "dao-sim default"
        return self.citation

    @property
    def aside(self) -> str:
        """:attr:`inline` in brackets, for the end of a sentence: ``(Art. 67(3))``."""
        return f"({self.inline})"

    @property
    def reference(self) -> str:
        """The citation with its status and any related article, for findings and footnotes."""
        parts = [self.citation]
        if self.article:
            parts.append(self.status.label)
        if self.related:
            parts.append(f"related: {self.edition.article(self.related)}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Requirement:
    """A requirement with a stable id and its provision in every edition."""

    id: str
    title: str
    provisions: tuple[Provision, ...]

    def under(self, which: str | Edition | None = None) -> Provision:
        """The provision under ``which`` edition (the one in use when ``None``)."""
        wanted = edition(which)
        for p in self.provisions:
            if p.edition.id == wanted.id:
                return p
        raise LawError(f"requirement {self.id!r} has no provision under {wanted.id}")


def _provision(rid: str, ed: Edition, row: dict, follows: str) -> Provision:
    where = f"law catalogue, requirements.{rid}.{ed.id}"
    try:
        status = Status(row["status"])
        article, statement = str(row["article"]), str(row["statement"]).strip()
    except KeyError as exc:
        raise LawError(f"{where}: missing {exc.args[0]!r}") from None
    except ValueError:
        raise LawError(f"{where}: status {row['status']!r} is not one of "
                       f"{', '.join(s.value for s in Status)}") from None
    if not statement:
        raise LawError(f"{where}: the statement is empty")
    if status is Status.LAW and not ed.in_force:
        raise LawError(f"{where}: {ed.id} is not in force, so nothing in it is 'law'")
    if status is Status.DRAFT and ed.in_force:
        raise LawError(f"{where}: {ed.id} is in force; 'draft' is for a text that is not")
    if bool(article) != (status in (Status.LAW, Status.DRAFT)):
        raise LawError(f"{where}: status {status.value!r} "
                       f"{'needs an article' if not article else 'cannot cite an article'}")
    return Provision(rid, ed, article, status, statement, str(row.get("related", "")),
                     follows if status is Status.DEFAULT else "")


@cache
def _load() -> dict[str, Requirement]:
    text = resources.files("dao_sim.law").joinpath("catalogue.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LawError(f"law catalogue: {exc}") from None
    out: dict[str, Requirement] = {}
    for rid, table in data.get("requirements", {}).items():
        missing = [e for e in EDITIONS if e not in table]
        if missing:
            raise LawError(f"law catalogue, requirements.{rid}: no provision for {', '.join(missing)}")
        origins = {e.id: e.foreign_prefix + str(table[e.id]["article"])
                   for e in EDITIONS.values() if not e.in_force and table[e.id].get("article")}
        follows = next(iter(origins.values()), "")
        provisions = tuple(_provision(rid, e, table[e.id], follows) for e in EDITIONS.values())
        out[rid] = Requirement(rid, str(table.get("title", rid)), provisions)
    return out


def requirements() -> tuple[Requirement, ...]:
    """Every requirement in the catalogue, in its order."""
    return tuple(_load().values())


def requirement(rid: str) -> Requirement:
    """The requirement with id ``rid``.

    Raises
    ------
    LawError
        When the catalogue has no such requirement (the nearest id is suggested).

    Examples
    --------
    >>> requirement("human-dispute").under("code-2026").citation
    'Art. 67(3)'
    >>> requirement("human-dispute").under("draft-2025").citation
    'DC 28.2'
    """
    known = _load()
    if rid not in known:
        raise LawError(f"no requirement {rid!r} in the law catalogue{suggest(rid, known)}")
    return known[rid]


def provision(rid: str, which: str | Edition | None = None) -> Provision:
    """What edition ``which`` (the one in use when ``None``) says about requirement ``rid``."""
    return requirement(rid).under(which)
