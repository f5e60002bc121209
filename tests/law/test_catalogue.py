"""The law catalogue: two editions, every requirement under both, statuses that never overclaim."""

from __future__ import annotations

import pytest

from dao_sim.exceptions import LawError
from dao_sim.law import (
    DEFAULT_EDITION,
    EDITIONS,
    Status,
    aside,
    cite,
    current_edition,
    edition,
    provision,
    reference,
    requirement,
    requirements,
    using,
    with_citations,
)
from dao_sim.law.catalogue import _provision

IDS = [r.id for r in requirements()]


def test_the_catalogue_knows_the_requirements_the_code_cites():
    assert {"human-dispute", "readable-terms", "automatic-execution", "automated-decision-rights",
            "automated-decisions-listed", "condominium", "voluntary-formation",
            "no-central-management", "vote-only-decisions", "liability-cap", "consent-to-change",
            "capacity", "joint-account", "no-confiscation", "signature-not-handwritten",
            "digital-confirmation", "keys-not-shared", "personal-data-off-chain",
            "pseudonymous-participation", "public-identifiers", "digital-evidence",
            "rights-follow-records", "risk-register", "sandbox", "tokens-as-assets"} <= set(IDS)
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("rid", IDS)
def test_every_requirement_has_a_provision_under_both_editions(rid):
    found = requirement(rid)
    assert {p.edition.id for p in found.provisions} == set(EDITIONS) == {"code-2026", "draft-2025"}
    for which in EDITIONS:
        p = provision(rid, which)
        assert p.requirement == rid and p.statement.strip()
        assert p.citation and p.reference.startswith(p.citation)


@pytest.mark.parametrize("rid", IDS)
def test_nothing_under_the_draft_is_law_and_its_citations_say_draft(rid):
    p = provision(rid, "draft-2025")
    assert p.status is not Status.LAW
    assert "law in force" not in p.reference
    if p.article:
        assert p.citation == f"DC {p.article}" and p.status is Status.DRAFT


@pytest.mark.parametrize("rid", IDS)
def test_a_default_of_the_code_in_force_cites_no_article_of_it(rid):
    p = provision(rid, "code-2026")
    assert p.status is not Status.DRAFT
    if p.status is Status.DEFAULT:
        assert p.citation.startswith("dao-sim default") and "law" not in p.citation
        assert not p.article
        draft = provision(rid, "draft-2025")
        if draft.article:  # a default the draft had as a rule says where it came from
            assert p.citation == f"dao-sim default (after draft Art. {draft.article})"


def test_every_edition_header_says_which_text_and_whether_it_is_in_force():
    for ed in EDITIONS.values():
        assert ed.header.startswith("Law applied: ") and ed.id in ed.header
        assert ("law in force" in ed.header) is ed.in_force
        assert ("not law" in ed.header) is (not ed.in_force)
    assert edition("code-2026").in_force and not edition("draft-2025").in_force
    assert "255-VIII" in edition("code-2026").header


@pytest.mark.parametrize(("rid", "article"), [
    ("human-dispute", "Art. 67(3)"),
    ("readable-terms", "Art. 67(2)"),
    ("automated-decision-rights", "Art. 43(4)"),
    ("condominium", "Art. 35(5)"),
    ("signature-not-handwritten", "Art. 49(2)"),
    ("keys-not-shared", "Art. 51(3)"),
])
def test_the_code_in_force_cites_its_own_numbers_as_law(rid, article):
    assert cite(rid, "code-2026") == article
    assert reference(rid, "code-2026").startswith(f"{article}, law in force")


@pytest.mark.parametrize(("rid", "draft"), [
    ("human-dispute", "DC 28.2"), ("automatic-execution", "DC 28.1"),
    ("automated-decision-rights", "DC 29.2"), ("automated-decisions-listed", "DC 29.1"),
    ("voluntary-formation", "DC 20.1"), ("no-central-management", "DC 20.4"),
    ("capacity", "DC 20.5"), ("condominium", "DC 20.6"), ("vote-only-decisions", "DC 20.7"),
    ("liability-cap", "DC 20.8"), ("consent-to-change", "DC 20.9"), ("joint-account", "DC 20.11"),
    ("no-confiscation", "DC 9.6"), ("digital-confirmation", "DC 25.2"),
    ("signature-not-handwritten", "DC 25.3"), ("keys-not-shared", "DC 25.4"),
    ("personal-data-off-chain", "DC 21.3"), ("digital-evidence", "DC 26.3"),
    ("rights-follow-records", "DC 26.4"),
])
def test_the_draft_keeps_the_numbers_dao_sim_first_cited(rid, draft):
    assert cite(rid, "draft-2025") == draft
    assert aside(rid, "draft-2025") == f"({draft})"


def test_rules_the_code_in_force_dropped_are_dao_sim_defaults():
    for rid in ("vote-only-decisions", "liability-cap", "consent-to-change", "no-central-management",
                "capacity", "no-confiscation"):
        assert provision(rid, "code-2026").status is Status.DEFAULT
        assert "law" not in reference(rid, "code-2026").split(", related")[0]
    assert cite("vote-only-decisions") == "dao-sim default (after draft Art. 20.7)"
    assert aside("vote-only-decisions") == "(dao-sim default, after draft Art. 20.7)"
    assert provision("sandbox", "code-2026").status is Status.ABSENT


def test_the_default_edition_is_the_law_in_force_and_using_restores_it():
    assert DEFAULT_EDITION == "code-2026" == current_edition().id
    with using("draft-2025") as chosen:
        assert chosen.id == current_edition().id == "draft-2025"
        assert cite("human-dispute") == "DC 28.2"
        with using(None):
            assert current_edition().id == "draft-2025"
    assert cite("human-dispute") == "Art. 67(3)"


def test_messages_are_filled_with_citations_under_the_edition_asked_for():
    template = "{who}: {cite[human-dispute]}; {aside[liability-cap]}; {reference[human-dispute]}"
    assert with_citations(template, "draft-2025", who="x") == "x: DC 28.2; (DC 20.8); DC 28.2, draft text, not law"
    assert with_citations(template, who="x") == ("x: Art. 67(3); (dao-sim default, after draft Art. 20.8); "
                                                 "Art. 67(3), law in force")


@pytest.mark.parametrize(("ask", "nearest"), [
    (lambda: cite("human-disputes"), "human-dispute"),
    (lambda: requirement("liability-caps"), "liability-cap"),
    (lambda: with_citations("{cite[vote-only-decision]}"), "vote-only-decisions"),
    (lambda: edition("code-2025"), "code-2026"),
])
def test_an_unknown_id_is_a_law_error_naming_the_nearest(ask, nearest):
    with pytest.raises(LawError, match=f"did you mean '{nearest}'"):
        ask()


def test_an_unknown_edition_names_the_ones_dao_sim_knows():
    with pytest.raises(LawError, match="dao-sim knows code-2026, draft-2025"):
        using("code-1999").__enter__()


@pytest.mark.parametrize(("which", "row", "complaint"), [
    ("draft-2025", {"article": "28.2", "status": "law", "statement": "x"}, "not in force"),
    ("code-2026", {"article": "67(3)", "status": "draft", "statement": "x"}, "is in force"),
    ("code-2026", {"article": "67(3)", "status": "default", "statement": "x"}, "cannot cite an article"),
    ("code-2026", {"article": "", "status": "law", "statement": "x"}, "needs an article"),
    ("code-2026", {"article": "67(3)", "status": "law", "statement": " "}, "statement is empty"),
    ("code-2026", {"article": "67(3)", "status": "binding", "statement": "x"}, "is not one of"),
    ("code-2026", {"status": "law", "statement": "x"}, "missing 'article'"),
])
def test_the_loader_refuses_a_row_that_would_overclaim(which, row, complaint):
    with pytest.raises(LawError, match=complaint):
        _provision("example", edition(which), row, "")


def test_the_law_package_imports_nothing_of_dao_sim_but_its_exceptions():
    import ast
    from pathlib import Path

    import dao_sim.law

    imported = set()
    for path in Path(dao_sim.law.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {m for m in imported if m == "dao_sim" or m.startswith("dao_sim.")}
    assert ours - {m for m in ours if m.startswith("dao_sim.law")} == {"dao_sim.exceptions"}
