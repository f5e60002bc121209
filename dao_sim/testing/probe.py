"""The Solidity contracts that :class:`~dao_sim.testing.suite.EngineSuite` runs on an engine.

They live here as text, not as files under ``contracts/``, so that the suite works in any
checkout or installation that has the compiler: :func:`probe_artifacts` writes them to a
temporary folder and compiles them once per process (and once per machine, through the
compiler's cache).

``Probe`` exercises one engine duty per function: custom errors with arguments,
``Error(string)``, panics, a bare revert, events with indexed and dynamic arguments,
``block.timestamp``, payments in and out. ``Child`` is created by ``Probe`` (logs and
errors from an address nobody deployed directly); ``Refuser`` rejects every payment.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["PROBE_SOURCE", "probe_artifacts"]

PROBE_SOURCE = """\
// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice Created by Probe, so its logs and errors come from an address no one deployed.
contract Child {
    error Refused(address caller);
    event Pinged(address indexed caller);

    function ping() external { emit Pinged(msg.sender); }
    function refuse() external view { revert Refused(msg.sender); }
}

/// @notice Rejects every payment, so a transfer to it fails.
contract Refuser {
    receive() external payable { revert("no payments accepted"); }
}

/// @notice One function per duty of a chain engine.
contract Probe {
    error NotOwner(address caller, address owner);
    error TooEarly(uint256 time, uint256 opensAt);

    event Stored(address indexed by, uint256 indexed key, string note, uint256 value);
    event Paid(address indexed from, uint256 amount);
    event Spawned(address child);

    address public immutable owner;
    uint256 public immutable opensAt;
    mapping(uint256 key => uint256) public values;

    constructor(uint256 delay) payable {
        owner = msg.sender;
        opensAt = block.timestamp + delay;
    }

    receive() external payable { emit Paid(msg.sender, msg.value); }

    function store(uint256 key, uint256 value, string calldata note) external {
        values[key] = value;
        emit Stored(msg.sender, key, note, value);
    }

    function ownerOnly() external view returns (address) {
        if (msg.sender != owner) revert NotOwner(msg.sender, owner);
        return owner;
    }

    function open() external view returns (bool) {
        if (block.timestamp < opensAt) revert TooEarly(block.timestamp, opensAt);
        return true;
    }

    function fail(string calldata reason) external pure { revert(reason); }

    function divide(uint256 a, uint256 b) external pure returns (uint256) { return a / b; }

    function bare() external pure { revert(); }

    function whoAndWhen() external view returns (address caller, uint256 time, uint256 number) {
        return (msg.sender, block.timestamp, block.number);
    }

    function pay(address payable to, uint256 amount) external {
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "payment failed");
    }

    function spawn() external returns (address) {
        Child child = new Child();
        child.ping();
        emit Spawned(address(child));
        return address(child);
    }

    function poke(Child child) external view { child.refuse(); }
}
"""


@functools.cache
def probe_artifacts() -> Any:
    """Compile :data:`PROBE_SOURCE` and return its ``ArtifactSet`` (cached per process)."""
    from dao_sim.compiler import compile_sources

    with tempfile.TemporaryDirectory(prefix="dao-sim-probe-") as folder:
        path = Path(folder) / "Probe.sol"
        path.write_text(PROBE_SOURCE, encoding="utf-8")
        return compile_sources([path])
