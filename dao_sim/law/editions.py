"""The two texts of the Digital Code dao-sim knows, and which of them is law.

The project began from the 48-article draft; the Code adopted on 9 January 2026 is a
different text with different numbers. Every citation names its edition, so the same
requirement reads "Art. 67(3)" under the Code in force and "DC 28.2" under the draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from dao_sim.exceptions import LawError, suggest

__all__ = ["DEFAULT_EDITION", "EDITIONS", "Edition", "edition"]


@dataclass(frozen=True)
class Edition:
    """One text of the Digital Code.

    Attributes
    ----------
    id : str
        ``"code-2026"`` or ``"draft-2025"``: what ``--edition`` and ``edition=`` take.
    title : str
        The text's full name, as a report's header gives it.
    in_force : bool
        Whether this text is law today; a citation from a text not in force never says "law".
    prefix : str
        How this edition's own articles are written (``"Art. "`` or ``"DC "``).
    foreign_prefix : str
        How another edition's report refers to this text's articles (``"draft Art. "``).
    """

    id: str
    title: str
    in_force: bool
    prefix: str
    foreign_prefix: str

    @property
    def standing(self) -> str:
        """``"law in force"`` or ``"a draft, not law"``."""
        return "law in force" if self.in_force else "a draft, not law"

    @property
    def header(self) -> str:
        """The line every report opens with: which text it applies, and whether it is law."""
        return f"Law applied: {self.title} ({self.standing}; edition {self.id})"

    def article(self, number: str) -> str:
        """Write one of this edition's articles: ``Art. 67(3)`` or ``DC 28.2``."""
        return f"{self.prefix}{number}"


EDITIONS: dict[str, Edition] = {
    "code-2026": Edition(
        id="code-2026",
        title="Digital Code of the Republic of Kazakhstan No. 255-VIII of 9 January 2026, "
              "in force since July 2026",
        in_force=True, prefix="Art. ", foreign_prefix="Art. "),
    "draft-2025": Edition(
        id="draft-2025",
        title="draft Digital Code of the Republic of Kazakhstan (48 articles, Mazhilis first "
              "reading, November 2025)",
        in_force=False, prefix="DC ", foreign_prefix="draft Art. "),
}

#: A lawyer needs the law in force: it is what every run applies unless told otherwise.
DEFAULT_EDITION = "code-2026"


def edition(which: str | Edition | None = None) -> Edition:
    """The edition named ``which`` (an id or an ``Edition``); ``None`` is the one in use.

    Raises
    ------
    LawError
        When no edition has that id (with the nearest one suggested).

    Examples
    --------
    >>> edition("draft-2025").in_force
    False
    """
    if isinstance(which, Edition):
        return which
    if which is None:
        from dao_sim.law.citing import current_edition

        return current_edition()
    try:
        return EDITIONS[which]
    except (KeyError, TypeError):
        raise LawError(f"no edition of the Digital Code called {which!r}{suggest(str(which), EDITIONS)}; "
                       f"dao-sim knows {', '.join(EDITIONS)}") from None
