"""The two kinds of static rule: one reads Slither's model of the sources, one reads bytecode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from dao_sim.compliance.finding import Finding, Location, Severity
from dao_sim.compliance.rule import Rule, Target

if TYPE_CHECKING:
    from slither.core.declarations import Contract

    from dao_sim.compliance.bytecode import RuntimeCode
    from dao_sim.compliance.project import SourceModel

__all__ = ["BytecodeRule", "SourceRule"]


class SourceRule(Rule, abstract=True):
    """A rule over Solidity sources, reading Slither's model (:class:`SourceModel`)."""

    TARGET: ClassVar[Target] = Target.SOURCE

    def check(self, model: SourceModel) -> Iterator[Finding]:
        """Every finding of this rule in the contracts of ``model`` asked about."""
        raise NotImplementedError

    def at(self, model: SourceModel, contract: Contract, item: Any, message: str, *,
           function: str = "", severity: Severity | None = None) -> Finding:
        """A finding located at ``item`` (a function, node or variable) of ``contract``."""
        return self.finding(message, model.location(contract, item, function), severity)


class BytecodeRule(Rule, abstract=True):
    """A rule over deployed runtime code: what the EVM runs, whatever the source says."""

    TARGET: ClassVar[Target] = Target.BYTECODE
    #: The opcode whose presence the rule reports, and its name.
    OPCODE: ClassVar[int]
    MNEMONIC: ClassVar[str]
    #: What the opcode does, in words, for the finding's message.
    MEANING: ClassVar[str]

    def check(self, code: RuntimeCode) -> Iterator[Finding]:
        """One finding per instruction with :attr:`OPCODE` in ``code``."""
        for pc in code.find(self.OPCODE):
            line = code.lines.get(pc, code.line)
            where = Location(file=code.file, line=line, contract=code.name,
                             evidence=f"runtime code offset {pc:#x}")
            who = code.name or "the code"
            yield self.finding(f"{who} contains the {self.MNEMONIC} opcode at offset {pc:#x}: "
                               f"{self.MEANING}", where)
