"""Every error dao-sim raises on purpose descends from :class:`DaoSimError`.

One base per package lets a caller catch "anything the chain refused" or "anything the
governance layer refused" without knowing every specific error; the CLI prints any
``DaoSimError`` as one message and exits 1.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "DaoSimError",
    "CompilerError",
    "ChainError",
    "ContractReverted",
    "GovernanceError",
    "SpecError",
    "UnknownMemberError",
    "DisputeError",
    "LedgerError",
    "ComplianceError",
    "ScenarioError",
    "suggest",
]


def suggest(name: str, known: Iterable[str]) -> str:
    """Return ``"; did you mean 'X'?"`` for the nearest known name, or ``""``."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class DaoSimError(Exception):
    """Root of every error dao-sim raises deliberately."""


class CompilerError(DaoSimError):
    """The Solidity compiler could not be found, failed, or rejected a source."""


class ChainError(DaoSimError):
    """The chain engine refused a request or a transaction failed."""


class ContractReverted(ChainError):
    """A transaction or call reverted; carries the decoded custom error when there is one.

    Attributes
    ----------
    error : str or None
        Name of the custom error (``"NotAMember"``), ``None`` when the revert was not decodable.
    args : dict
        The error's arguments by name, already decoded from the ABI.
    function : str
        The contract function that reverted.
    """

    def __init__(self, function: str, error: str | None, args: dict[str, object], raw: bytes,
                 message: str | None = None) -> None:
        self.function = function
        self.error = error
        self.error_args = args
        self.raw = raw
        if message is None:
            if error is None:
                message = f"{function} reverted (undecoded revert data 0x{raw.hex()})"
            else:
                shown = ", ".join(f"{k}={v}" for k, v in args.items())
                message = f"{function} reverted: {error}({shown})"
        super().__init__(message)


class GovernanceError(DaoSimError):
    """The DAO refused an action, or a DAO was described wrongly."""


class SpecError(GovernanceError):
    """A ``DAOSpec`` (or charter) holds a value the Code or the contract cannot accept."""


class UnknownMemberError(GovernanceError):
    """A name that is not an account of this session."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = list(known)
        self.name = name
        super().__init__(f"no member or account named '{name}'{suggest(name, known)}")


class DisputeError(DaoSimError):
    """A dispute, ruling, appeal or review was refused or malformed."""


class LedgerError(DaoSimError):
    """The off-chain joint bank account ledger (DC 20.11) refused an entry."""


class ComplianceError(DaoSimError):
    """A check of the Digital Code failed and the run was not marked as a demonstration."""


class ScenarioError(DaoSimError):
    """A scenario file is malformed or its expectations failed."""


__all__ += ["UnknownContractError", "CompilationFailed"]


class UnknownContractError(CompilerError, KeyError):
    """A contract name that is not in a build, or that several sources define.

    Also a ``KeyError``, so ``name in artifacts`` and ``artifacts.get(name)`` work as for a dict.
    """

    def __init__(self, name: str, known: Iterable[str], candidates: Iterable[str] = ()) -> None:
        self.name = name
        self.candidates = list(candidates)
        if self.candidates:
            listed = ", ".join(f"'{c}'" for c in self.candidates)
            message = f"contract name '{name}' is ambiguous; ask for one of {listed}"
        else:
            message = f"no contract named '{name}' in this build{suggest(name, known)}"
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0])


class CompilationFailed(CompilerError):
    """The compiler rejected the sources; one line per error, ``file:line: Type: message``."""

    def __init__(self, errors: Iterable[object]) -> None:
        self.errors = tuple(errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"Solidity compilation failed with {len(self.errors)} error(s):\n{lines}")
