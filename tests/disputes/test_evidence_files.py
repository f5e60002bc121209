"""An evidence package written where it cannot be: one DaoSimError naming path and reason."""

from __future__ import annotations

import pytest

from dao_sim.disputes.evidence import EvidencePackage
from dao_sim.exceptions import DaoSimError
from dao_sim.files import FileWriteError


def package() -> EvidencePackage:
    return EvidencePackage(title="Evidence", chain={}, dispute={}, proposal={}, charter={},
                           sources={}, transactions=(), blocks=(), balances={}, rulings=())


@pytest.fixture
def unrendered(monkeypatch):
    """The package's Markdown needs a real dispute; these tests are about the files only."""
    monkeypatch.setattr(EvidencePackage, "to_markdown", lambda self: "# Evidence\n")


def test_a_file_blocking_the_folder_is_a_dao_sim_error_naming_it(tmp_path, unrendered):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    with pytest.raises(DaoSimError) as caught:
        package().write(blocker / "evidence")
    assert isinstance(caught.value, FileWriteError)
    message = str(caught.value)
    assert "\n" not in message
    assert message == (f"cannot write the evidence package to {blocker}/evidence/evidence.json: "
                       f"{blocker} is a file, not a folder")


def test_nothing_is_written_when_the_second_file_cannot_be(tmp_path, unrendered):
    (tmp_path / "run.md").mkdir()  # a folder where the Markdown file should go
    with pytest.raises(FileWriteError, match="that is a folder, not a file"):
        package().write(tmp_path, "run")
    assert not (tmp_path / "run.json").exists()


def test_a_missing_folder_is_created(tmp_path, unrendered):
    as_json, as_md = package().write(tmp_path / "new" / "folder", "run")
    assert as_json.name == "run.json" and as_md.read_text() == "# Evidence\n"
