"""The static compliance rules, one module each (as Slither keeps its detectors).

Source rules read Slither's model of the contracts (:mod:`dao_sim.compliance.project`);
bytecode rules read deployed runtime code (:mod:`dao_sim.compliance.bytecode`). Which rules
run is decided by the explicit tuple in :mod:`dao_sim.compliance.registry`.
"""

from dao_sim.compliance.rules.base import BytecodeRule, SourceRule

__all__ = ["BytecodeRule", "SourceRule"]
