"""The requirement catalogue as a lawyer reads it: ``dao-sim law``.

One row per requirement: its id (what dao-sim's code, findings and reports name), its title,
the citation with its status under the edition asked for, and what that text says (or, for a
default, what dao-sim does). The text opens with the edition and whether it is law.
"""

from __future__ import annotations

from dao_sim.law import Edition, Status, requirements, using
from dao_sim.report.markdown import markdown_table

__all__ = ["catalogue_markdown", "catalogue_text"]

_LEGEND = ("Status: law in force (the Code in force requires it); draft text, not law (only the "
           "draft said it); dao-sim default (dao-sim's own choice, which a charter may change "
           "within the law); no such rule in force (the text has no such regime).")


def _rows(under: Edition) -> list[tuple[str, str, str, str]]:
    return [(r.id, r.title, r.under(under).reference, r.under(under).statement) for r in requirements()]


def catalogue_text(edition: str | Edition | None = None) -> str:
    """The catalogue as plain text under ``edition`` (the one in use when ``None``).

    Examples
    --------
    >>> text = catalogue_text("code-2026")
    >>> text.splitlines()[0].startswith("Law applied: ")
    True
    >>> "human-dispute: A human makes the final decision in disputes" in text
    True
    """
    with using(edition) as under:
        lines = [under.header, _LEGEND, ""]
        for rid, title, cited, statement in _rows(under):
            lines += [f"{rid}: {title}", f"  {cited}", f"  {statement}", ""]
        return "\n".join(lines).rstrip() + "\n"


def catalogue_markdown(edition: str | Edition | None = None) -> str:
    """The catalogue as a Markdown document under ``edition`` (the one in use when ``None``)."""
    with using(edition) as under:
        counts = {s: sum(1 for r in requirements() if r.under(under).status is s) for s in Status}
        summary = "; ".join(f"{n} {s.label}" for s, n in counts.items() if n)
        return "\n".join([
            "# dao-sim's requirement catalogue", "",
            f"**{under.header}**", "",
            f"{len(requirements())} requirements: {summary}.", "",
            _LEGEND, "",
            markdown_table(("requirement", "title", "citation", "what the text says"), _rows(under)),
            "",
        ])
