"""Compliance checks run once per session over each set of sources; tests read the findings."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
CORPUS = HERE / "corpus"
EDITIONS = ("code-2026", "draft-2025")


@pytest.fixture(scope="session")
def fixture_findings():
    """Every registered rule over every fixture (sources and bytecode), under the law in force."""
    from dao_sim.compliance import check_sources

    return check_sources([FIXTURES])


@pytest.fixture(scope="session")
def corpus_analysis():
    """The corpus of violating contracts, parsed and modelled once."""
    from dao_sim.compliance import analyse

    return analyse([CORPUS])


@pytest.fixture(scope="session", params=EDITIONS)
def corpus_findings(request, corpus_analysis):
    """``(edition, findings)`` of the corpus, sources and bytecode, under each edition."""
    return request.param, corpus_analysis.findings(request.param)
