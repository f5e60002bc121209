"""Chain sessions behind one abstract engine.

:class:`ChainSession` is what the rest of dao-sim uses: named accounts, deployment,
transactions that land in a :class:`Journal`, time, snapshots and signatures. Underneath,
an :class:`Engine` runs raw transactions; :class:`EthTesterEngine` (py-evm in-process) is
the default, :class:`RevmEngine` (pyrevm) the fast one for simulations.

Importing this package is cheap: the engines, web3 and py-evm load when first used. It
also selects the ``pysha3`` keccak backend when safe-pysha3 is installed and the user has
not chosen one, because hashing is a large share of py-evm's time per transaction; this
must happen before ``eth_hash`` hashes anything, which is why it lives here.
"""

from __future__ import annotations

import importlib.util
import os

from dao_sim.lazy import lazy_getattr

if "ETH_HASH_BACKEND" not in os.environ and importlib.util.find_spec("sha3") is not None:
    os.environ["ETH_HASH_BACKEND"] = "pysha3"

__all__ = [
    "DEFAULT_NAMES",
    "AbiRegistry",
    "Account",
    "AddressBook",
    "BlockInfo",
    "ChainSession",
    "ContractHandle",
    "DecodedError",
    "DecodedEvent",
    "Engine",
    "EngineCapabilityError",
    "EthTesterEngine",
    "Journal",
    "JournalEntry",
    "RawLog",
    "RawReceipt",
    "RawTransaction",
    "RevmEngine",
    "Snapshot",
    "default_names",
    "parse_duration",
]

_HOME = {
    "Engine": "base",
    "RawTransaction": "base",
    "RawReceipt": "base",
    "RawLog": "base",
    "BlockInfo": "base",
    "EngineCapabilityError": "base",
    "EthTesterEngine": "eth_tester_engine",
    "RevmEngine": "revm_engine",
    "ChainSession": "session",
    "Snapshot": "session",
    "ContractHandle": "contract",
    "Account": "accounts",
    "AddressBook": "accounts",
    "DEFAULT_NAMES": "accounts",
    "default_names": "accounts",
    "Journal": "journal",
    "JournalEntry": "journal",
    "DecodedEvent": "journal",
    "DecodedError": "reverts",
    "AbiRegistry": "reverts",
    "parse_duration": "timeutil",
}


__getattr__ = lazy_getattr(__name__, _HOME)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
