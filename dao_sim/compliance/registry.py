"""The rules ``dao-sim check`` runs: an explicit tuple, as Slither lists its detectors.

Adding a rule means writing its module under :mod:`dao_sim.compliance.rules` and naming its
class here; the parametrised test over :data:`RULES` then asks for a failing and a passing
fixture of it.
"""

from __future__ import annotations

from dao_sim.compliance.rule import Rule, Target
from dao_sim.compliance.rules.automated_decision import AutomatedDecision
from dao_sim.compliance.rules.bytecode_delegatecall import BytecodeDelegatecall
from dao_sim.compliance.rules.bytecode_selfdestruct import BytecodeSelfdestruct
from dao_sim.compliance.rules.central_management import CentralManagement
from dao_sim.compliance.rules.human_dispute import HumanDispute
from dao_sim.compliance.rules.kill_switch import KillSwitch
from dao_sim.compliance.rules.privileged_payment import PrivilegedPayment
from dao_sim.compliance.rules.readable_terms import ReadableTerms
from dao_sim.compliance.rules.rule_setter import RuleSetter
from dao_sim.compliance.rules.timelock_admin import TimelockAdmin
from dao_sim.compliance.rules.upgrade_path import UpgradePath
from dao_sim.exceptions import ComplianceError, suggest

__all__ = ["RULES", "rule_class", "rules_for"]

#: Every static rule, in the order reports list them.
RULES: tuple[type[Rule], ...] = (
    CentralManagement,
    TimelockAdmin,
    PrivilegedPayment,
    RuleSetter,
    UpgradePath,
    KillSwitch,
    HumanDispute,
    AutomatedDecision,
    ReadableTerms,
    BytecodeDelegatecall,
    BytecodeSelfdestruct,
)


def rules_for(target: Target) -> tuple[type[Rule], ...]:
    """The registered rules that read ``target`` (sources or bytecode)."""
    return tuple(r for r in RULES if r.TARGET is target)


def rule_class(rule_id: str) -> type[Rule]:
    """The registered rule with this id.

    Raises
    ------
    ComplianceError
        No registered rule has it (the nearest id is suggested).

    Examples
    --------
    >>> rule_class("human-dispute").REQUIREMENT
    'human-dispute'
    """
    for rule in RULES:
        if rule.ID == rule_id:
            return rule
    raise ComplianceError(f"no rule {rule_id!r}{suggest(rule_id, (r.ID for r in RULES))}")
