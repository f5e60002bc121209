"""`make setup` stays short: pip's warnings from a machine's configuration are not printed,
its errors are."""

from __future__ import annotations

import base64
import hashlib
import os
import shlex
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]



def pip_install() -> list[str]:
    """The pip command ``make setup`` runs to install dao-sim, as ``make -n`` prints it, less
    its ``-e .[browser]``."""
    shown = subprocess.run(["make", "-n", "-B", "--no-print-directory", ".venv/.installed"],
                           cwd=ROOT, capture_output=True, text=True, check=True)
    line = next(line for line in shown.stdout.splitlines() if " -m pip install " in line)
    command = shlex.split(line)
    assert command[-2:] == ["-e", ".[browser]"], line
    return [str(ROOT / command[0]), *command[1:-2]]


def tiny_wheel(folder: Path) -> None:
    """A wheel of a package named ``tiny``, made by hand: nothing to build, nothing fetched."""
    files = {"tiny.py": b"", "tiny-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: tiny\nVersion: 1.0\n",
             "tiny-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    record = "".join(f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
                     f"{len(data)}\n" for name, data in files.items()) + "tiny-1.0.dist-info/RECORD,,\n"
    with zipfile.ZipFile(folder / "tiny-1.0-py3-none-any.whl", "w") as wheel:
        for name, data in files.items():
            wheel.writestr(name, data)
        wheel.writestr("tiny-1.0.dist-info/RECORD", record)


def run_pip(tmp_path: Path, requirement: str) -> subprocess.CompletedProcess[str]:
    """The Makefile's pip, configured as the machine that printed 82 warnings was: an index of
    local folders that lack the package (pip warns once per package and location)."""
    wheels, index = tmp_path / "wheels", tmp_path / "simple"
    wheels.mkdir()
    index.mkdir()
    tiny_wheel(wheels)
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": str(wheels),
           "PIP_INDEX_URL": index.as_uri(), "PIP_EXTRA_INDEX_URL": (tmp_path / "more").as_uri()}
    return subprocess.run([*pip_install(), "--target", str(tmp_path / "site"), requirement],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_set_up_prints_no_warning_from_the_machines_pip_configuration(tmp_path):
    done = run_pip(tmp_path, "tiny")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "tiny.py").exists()
    assert done.stdout == "" and done.stderr == ""


def test_set_up_still_prints_pips_errors(tmp_path):
    done = run_pip(tmp_path, "not-there-at-all")
    assert done.returncode != 0
    assert "ERROR: No matching distribution found for not-there-at-all" in done.stderr
    assert "WARNING" not in done.stderr
