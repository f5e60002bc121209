"""The one place that fixes how dao-sim compiles Solidity.

Everything that changes the bytes the compiler produces lives here: the compiler version, the
EVM version, the optimizer and the pipeline. The settings are part of the artifact cache key and
of the published rules (consent-to-change), so changing a constant recompiles everything and the change is
visible in every artifact's metadata.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = [
    "EVM_VERSION",
    "OPTIMIZER_ENABLED",
    "OPTIMIZER_RUNS",
    "OUTPUT_SELECTION",
    "SOLC_VERSION",
    "VIA_IR",
    "compiler_settings",
]

#: The compiler every contract is built with; a native ``solc`` of another version is ignored.
SOLC_VERSION = "0.8.37"

#: py-evm (inside eth-tester) stops at prague; solc 0.8.37 would default to osaka, whose opcodes
#: py-evm rejects.
EVM_VERSION = "prague"

OPTIMIZER_ENABLED = True
OPTIMIZER_RUNS = 200

#: The IR pipeline: the DAO contract is 25.1 KB through the legacy pipeline, over EIP-170's
#: 24,576-byte limit, and 22.8 KB through IR. A cold compile takes a few seconds longer; the
#: artifact cache makes that a one-off.
VIA_IR = True

#: What the compiler returns per contract. Immutable references are here because the deployed
#: code differs from ``deployedBytecode`` exactly at those offsets (constructor arguments), which a
#: verifier of deployed code has to know; NatSpec (userdoc/devdoc) feeds the reports.
OUTPUT_SELECTION: dict[str, dict[str, list[str]]] = {
    "*": {
        "*": [
            "abi",
            "metadata",
            "userdoc",
            "devdoc",
            "evm.bytecode.object",
            "evm.bytecode.sourceMap",
            "evm.bytecode.linkReferences",
            "evm.deployedBytecode.object",
            "evm.deployedBytecode.sourceMap",
            "evm.deployedBytecode.linkReferences",
            "evm.deployedBytecode.immutableReferences",
            "evm.methodIdentifiers",
        ],
    },
}


def compiler_settings() -> dict[str, Any]:
    """Return the standard-JSON ``settings`` object, built fresh from the constants above.

    A fresh copy, so a caller that adds to it cannot change what the next compile uses.

    Returns
    -------
    dict
        The ``settings`` member of a solc standard-JSON input.

    Examples
    --------
    >>> compiler_settings()["evmVersion"]
    'prague'
    >>> compiler_settings()["optimizer"]
    {'enabled': True, 'runs': 200}
    """
    return {
        "evmVersion": EVM_VERSION,
        "optimizer": {"enabled": OPTIMIZER_ENABLED, "runs": OPTIMIZER_RUNS},
        "viaIR": VIA_IR,
        "outputSelection": copy.deepcopy(OUTPUT_SELECTION),
    }
