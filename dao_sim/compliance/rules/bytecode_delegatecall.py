"""bytecode-delegatecall: a DELEGATECALL instruction in deployed runtime code."""

from __future__ import annotations

from dao_sim.compliance.bytecode import DELEGATECALL
from dao_sim.compliance.finding import Severity
from dao_sim.compliance.rules.base import BytecodeRule

__all__ = ["BytecodeDelegatecall"]


class BytecodeDelegatecall(BytecodeRule):
    """The runtime code holds a ``DELEGATECALL`` (0xf4): it can run another contract's code
    on its own storage and balance. Read from the code as deployed (push data and solc's
    metadata skipped), so a library, an inherited helper or inline assembly cannot hide it."""

    ID = "bytecode-delegatecall"
    REQUIREMENT = "consent-to-change"
    SEVERITY = Severity.ERROR
    OPCODE = DELEGATECALL
    MNEMONIC = "DELEGATECALL"
    MEANING = "it can run other code on its own storage and money, so its rules can change"
    TITLE = "Deployed code that can run other code as its own"
    RATIONALE = ("Whatever the source says, code with DELEGATECALL executes code from another "
                 "address with this contract's storage and balance: the rules the members agreed "
                 "to are then whatever that other code does.")
    FIX = ("Remove delegatecall (libraries as internal functions, no proxy); where code must "
           "change, migrate to a new published contract with the members' consent.")
