"""dao-sim's pytest plugin, as a project outside this repository meets it.

The README's example test file is copied into a folder outside the repository (no
``conftest.py``, no ``pyproject.toml``) and run there by pytest in a child process, as a DAO
developer would run it: it must pass, and with one expectation made wrong it must fail.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
#: Variables that would make the child run differ from a plain run in someone's project.
FOREIGN = ("PYTHONPATH", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")


def readme_example() -> tuple[str, str]:
    """The file name and text of the example in the README's section on testing a design."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Testing your own DAO design"):text.index("## Tests\n")]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    name = re.match(r"# (test_\w+\.py):", code).group(1)
    return name, code


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pytest`` in ``folder``, with this environment's Python (dao-sim installed)."""
    assert REPO not in folder.resolve().parents, "the run must happen outside the repository"
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=600,
                          check=False)


def tally(run: subprocess.CompletedProcess[str]) -> dict[str, int]:
    """pytest's closing line as counts: ``{"passed": 3, "failed": 1}``."""
    return {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|errors?)", run.stdout)}


def courts_deployed(session) -> int:
    return sum(1 for e in session.journal if e.function == "deploy" and e.to_label == "HumanArbitrator")


def test_the_readme_example_passes_in_a_folder_outside_the_repository(tmp_path):
    name, code = readme_example()
    (tmp_path / name).write_text(code, encoding="utf-8")
    run = run_pytest(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert tally(run) == {"passed": 4}


def test_the_readme_example_fails_there_when_an_expectation_is_wrong(tmp_path):
    name, code = readme_example()
    wrong = "assert session.balance(\"Erlan\") - before == 2 * ETH"
    assert code.count(wrong) == 1
    (tmp_path / name).write_text(code.replace(wrong, wrong.replace("2 * ETH", "3 * ETH")),
                                 encoding="utf-8")
    run = run_pytest(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert tally(run) == {"failed": 1, "passed": 3}
    assert f"FAILED {name}::test_a_passed_payment_pays_exactly_what_was_voted" in run.stdout


def test_a_projects_own_session_fixture_leaves_make_dao_on_the_chain(tmp_path):
    (tmp_path / "conftest.py").write_text(
        "import pytest\n\n\n@pytest.fixture\ndef session():\n    return 'a database session'\n",
        encoding="utf-8")
    (tmp_path / "test_clash.py").write_text(
        "def test_both(session, dao_sim_session, make_dao):\n"
        "    dao = make_dao()\n"
        "    assert session == 'a database session'\n"
        "    assert dao.session is dao_sim_session\n"
        "    assert dao_sim_session.balance('Aigerim') < 1000 * 10**18\n", encoding="utf-8")
    run = run_pytest(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert tally(run) == {"passed": 1}


# -- the fixtures in this process (the repository's tests get them from the plugin too) ------------


def test_the_short_names_are_the_plugins_objects(artifacts, dao_sim_artifacts, session,
                                                 dao_sim_session):
    assert artifacts is dao_sim_artifacts
    assert session is dao_sim_session
    assert "DAO" in artifacts and "HumanArbitrator" in artifacts


def test_make_dao_names_the_court_the_test_asked_for(make_dao, court, session):
    dao = make_dao(members={"Aigerim": "3 ETH", "Erlan": "1 ETH"}, quorum="60%")
    assert dao.spec.arbitrator == "HumanArbitrator"
    assert dao.arbitrator.address == court.address
    assert court.roster() == ("Madina",)
    assert court.person("Madina").attestation.attested_by == "Saule"
    assert [m.name for m in dao.members] == ["Aigerim", "Erlan"]
    assert dao.treasury.balance == 4 * 10**18
    assert courts_deployed(session) == 1


def test_make_dao_deploys_a_court_only_when_none_is_there(make_dao, session):
    first = make_dao()
    second = make_dao(first.spec, name="Second Makers", quorum="100%")
    assert second.spec.name == "Second Makers" and second.spec.quorum == 10_000
    assert second.spec.members == first.spec.members
    assert first.arbitrator.address == second.arbitrator.address
    assert courts_deployed(session) == 1


def test_make_dao_takes_a_spec_naming_another_arbitrator(make_dao, session, artifacts):
    from dao_sim.governance import DAOSpec
    from dao_sim.testing.factories import human_court

    other = human_court(session, ("Nurlan", "Timur"), label="Almaty Court", artifacts=artifacts)
    dao = make_dao(DAOSpec(name="Elsewhere", members={"Bolat": "2 ETH"},
                           arbitrator="Almaty Court"))
    assert dao.arbitrator.address == other.address
    assert "HumanArbitrator" not in session.address_book.contracts()


def test_a_wrong_keyword_is_refused_before_anything_is_sent(make_dao, session):
    from dao_sim.exceptions import SpecError

    with pytest.raises(SpecError, match="quorum"):
        make_dao(quorum="120%")
    with pytest.raises(TypeError):
        make_dao(quorom="60%")
    assert len(session.journal) == 0


def test_the_factories_docstring_examples_run():
    from dao_sim.testing import factories

    assert doctest.testmod(factories, optionflags=doctest.ELLIPSIS).failed == 0
