"""bytecode-selfdestruct: a SELFDESTRUCT instruction in deployed runtime code."""

from __future__ import annotations

from dao_sim.compliance.bytecode import SELFDESTRUCT
from dao_sim.compliance.finding import Severity
from dao_sim.compliance.rules.base import BytecodeRule

__all__ = ["BytecodeSelfdestruct"]


class BytecodeSelfdestruct(BytecodeRule):
    """The runtime code holds a ``SELFDESTRUCT`` (0xff): executed, it sends the contract's
    whole balance to one address. Read from the code as deployed (push data and solc's
    metadata skipped)."""

    ID = "bytecode-selfdestruct"
    REQUIREMENT = "no-confiscation"
    SEVERITY = Severity.ERROR
    OPCODE = SELFDESTRUCT
    MNEMONIC = "SELFDESTRUCT"
    MEANING = "executed, it sends the whole balance to one address"
    TITLE = "Deployed code that can send the whole treasury away at once"
    RATIONALE = ("Whatever the source says, code with SELFDESTRUCT can empty the contract into "
                 "one address in one step, taking every member's share with it.")
    FIX = "Remove selfdestruct; members leave with their share through exit or withdrawal."
