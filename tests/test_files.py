"""Writing files: whole or not at all, and a path that cannot be written is one clear error."""

from __future__ import annotations

import doctest
import errno

import pytest

import dao_sim.files
from dao_sim.exceptions import DaoSimError
from dao_sim.files import FileWriteError, check_writable, check_writable_folder, write_file


def test_the_examples_run():
    assert doctest.testmod(dao_sim.files, optionflags=doctest.ELLIPSIS).failed == 0


def test_a_file_where_a_folder_should_be_is_named(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    with pytest.raises(FileWriteError) as caught:
        write_file(blocker / "deeper" / "report.md", "text", what="the report")
    assert isinstance(caught.value, DaoSimError)
    assert str(caught.value) == (f"cannot write the report to {blocker}/deeper/report.md: "
                                 f"{blocker} is a file, not a folder")
    with pytest.raises(FileWriteError, match="is a file, not a folder"):
        check_writable(blocker / "report.md", "the report")
    with pytest.raises(FileWriteError, match="is a file, not a folder"):
        check_writable_folder(blocker, "the publication store")


def test_a_folder_where_the_file_should_be_is_refused(tmp_path):
    with pytest.raises(FileWriteError, match="that is a folder, not a file"):
        check_writable(tmp_path, "the report")


def test_a_read_only_folder_is_refused_before_any_work(tmp_path, read_only):
    folder = tmp_path / "locked"
    folder.mkdir()
    read_only(folder)
    with pytest.raises(FileWriteError, match="read-only"):
        check_writable(folder / "new" / "report.md", "the report")
    with pytest.raises(FileWriteError, match="read-only"):
        check_writable_folder(folder / "store", "the publication store")


def test_a_missing_folder_is_fine_and_created_on_writing(tmp_path):
    target = tmp_path / "new" / "deeper" / "report.md"
    assert check_writable(target, "the report") == target
    assert not target.parent.exists()  # the check creates nothing
    assert write_file(target, "whole", what="the report").read_text() == "whole"


def test_a_failed_write_leaves_the_old_file_whole_and_says_why(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old")

    def refused(*_args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(dao_sim.files.os, "replace", refused)
    with pytest.raises(FileWriteError, match="permission denied"):
        write_file(target, "new", what="the report")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
