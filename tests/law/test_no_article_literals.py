"""No article number is written by hand outside the law catalogue.

The Code in force renumbered every article of the draft, so a citation typed into a sentence,
a docstring, a NatSpec comment or the README is wrong under one edition or the other. Citations
come from ``dao_sim.law`` (by requirement id); this test fails on any literal one elsewhere and
lists where it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAW = ROOT / "dao_sim" / "law"

#: What a hand-written citation looks like, in English, Russian or Kazakh.
LITERAL = re.compile(
    r"\bDC\s?\d"                        # DC 20.7, DC20
    r"|\bArt\.\s*\d"                    # Art. 67(3)
    r"|\bArticles?\s+\d"                # Article 20
    r"|\bdraft\s+Art\b"                 # draft Art. 20.7
    r"|[Сс]тать[яиеюй]"                 # Статья 67, статьи
    r"|\bст\.\s*\d"                     # ст. 67
    r"|\d+\s*-\s*бап"                   # 67-бап
)

SUFFIXES = {".py", ".j2", ".md", ".html", ".js", ".toml", ".txt", ".yaml", ".yml", ".json"}


def scanned() -> list[Path]:
    """Every file the rule covers: dao_sim (but its law package), contracts, scenarios, docs,
    README."""
    files = [p for p in (ROOT / "dao_sim").rglob("*")
             if p.is_file() and p.suffix in SUFFIXES and LAW not in p.parents
             and "__pycache__" not in p.parts]
    files += sorted((ROOT / "contracts").rglob("*.sol"))
    for folder in ("scenarios", "docs"):
        if (ROOT / folder).is_dir():
            files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    files.append(ROOT / "README.md")
    return sorted(files)


def literals(path: Path) -> list[str]:
    """``file:line: text`` for each line of ``path`` that cites an article by hand."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if LITERAL.search(line):
            found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_article_is_cited_by_hand_outside_the_law_catalogue():
    files = scanned()
    assert ROOT / "README.md" in files and ROOT / "dao_sim" / "cli.py" in files
    assert any(p.suffix == ".sol" for p in files)
    assert not any(LAW in p.parents for p in files)
    found = [hit for path in files for hit in literals(path)]
    assert not found, ("cite these through dao_sim.law (by requirement id), not by hand:\n"
                       + "\n".join(found))


@pytest.mark.parametrize("text", [
    "only a passed proposal can (DC 20.7)", "DC20.7", "Art. 67(3) requires", "under Article 20",
    "Articles 36 to 43", "dao-sim default (after draft Art. 20.7)", "Статья 67. Смарт-контракт",
    "согласно статье 67", "ст. 67 Кодекса", "67-бап", "the draft Art 20",
])
def test_the_pattern_catches_a_citation(text):
    assert LITERAL.search(text)


@pytest.mark.parametrize("text", [
    "(human-dispute)", "EIP-712 signature", "solc 0.8.37", "@dev vote-only-decisions: executes",
    "DC motor", "the Code's articles", "Article of association", "party to the DAO", "art. deco",
])
def test_the_pattern_leaves_ordinary_words_alone(text):
    assert not LITERAL.search(text)
