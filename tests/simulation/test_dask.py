"""A sweep on a Dask cluster: a scheduler and a worker started as separate processes on the
loopback address give the table of a sequential sweep."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dao_sim.simulation.sweep import sweep

from .conftest import tiny

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


@pytest.fixture
def dask_cluster(tmp_path):
    """``tcp://127.0.0.1:PORT``: a scheduler and one single-threaded worker, stopped afterwards."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = [open(tmp_path / f"{name}.log", "w") for name in ("scheduler", "worker")]  # noqa: SIM115
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], stdout=logs[0], stderr=subprocess.STDOUT)
    worker = None
    try:
        wait_for(port, 60)
        worker = subprocess.Popen([str(BIN / "dask"), "worker", address, "--host", "127.0.0.1",
                                   "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                   "--local-directory", str(tmp_path / "worker")],
                                  stdout=logs[1], stderr=subprocess.STDOUT)
        yield address
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for log in logs:
            log.close()


def test_a_dask_cluster_gives_the_table_of_a_sequential_sweep(dask_cluster, tiny_sequential):
    on_dask = sweep(tiny(), scheduler=dask_cluster, progress=None)
    assert on_dask.ran == 4 and on_dask.failed == 0
    assert on_dask.rows == tiny_sequential.rows
