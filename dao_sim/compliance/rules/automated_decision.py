"""automated-decision-rights: a penalty the code decides, with no information and no review."""

from __future__ import annotations

from collections.abc import Iterator

from slither.core.declarations import Contract, Function
from slither.core.variables.state_variable import StateVariable
from slither.slithir.operations import Assignment
from slither.slithir.variables import Constant, ReferenceVariable

from dao_sim.compliance.access import Access, GateKind, words
from dao_sim.compliance.effects import events
from dao_sim.compliance.finding import Finding, Severity
from dao_sim.compliance.project import SourceModel
from dao_sim.compliance.rules.base import SourceRule

__all__ = ["AutomatedDecision"]

#: Word stems of a decision against a person: penalise, suspend, slash, ban, freeze...
_PENALTY_STEMS = ("slash", "penal", "suspend", "blacklist", "blocklist", "freez", "frozen",
                  "jail", "expel", "forfeit", "disqualif", "confiscat", "seiz")
_PENALTY_WORDS = frozenset({"ban", "banned", "fine", "fined", "kick", "kicked"})
#: Word stems of a function where a person asks for, or a human gives, a review.
_REVIEW_STEMS = ("review", "appeal", "contest", "reconsider", "object")


def _says(name: str, stems: tuple[str, ...], exact: frozenset[str] = frozenset()) -> bool:
    return any(w.startswith(stems) or w in exact for w in words(name))


def _flags_raised(entry: Function) -> list[str]:
    """State variables (or their mapping entries) that ``entry`` sets to ``true``."""
    raised = []
    for node in entry.all_nodes():
        for op in node.irs:
            if isinstance(op, Assignment) and isinstance(op.rvalue, Constant) \
                    and op.rvalue.value is True:
                target = op.lvalue
                if isinstance(target, ReferenceVariable):
                    target = target.points_to_origin
                if isinstance(target, StateVariable):
                    raised.append(target.name)
    return raised


def _penalty_names(entry: Function) -> list[str]:
    """The names by which ``entry`` shows it acts against someone: its own, its callees',
    the events it emits, the flags it raises (``suspended[member] = true``)."""
    names = [entry.name, *(e.name for e in events(entry)), *_flags_raised(entry),
             *(op.function.name for op in entry.all_internal_calls()
               if isinstance(op.function, Function)),
             *(str(op.function_name) for _, op in entry.all_high_level_calls())]
    return [n for n in names if _says(n, _PENALTY_STEMS, _PENALTY_WORDS)]


def _human_review(access: Access, contract: Contract) -> bool:
    """Some function of the contract is a review, and a human (a stored account, a role, an
    arbitrator contract) is the one who may decide it."""
    reviews = [f for f in contract.functions_entry_points if _says(f.name, _REVIEW_STEMS)]
    return any(g.kind is not GateKind.SELF and (g.variable is not None or g.central
                                                or g.kind is GateKind.LINK)
               for f in reviews for g in access.gates(f))


class AutomatedDecision(SourceRule):
    """A function anyone may trigger (no vote, no person's decision) that penalises,
    suspends, slashes, bans or freezes an account on a condition, in a contract that does not
    give the person both an event carrying the decision's inputs (that an algorithm decided,
    and on what) and a review function decided by a human reviewer."""

    ID = "automated-decision-rights"
    REQUIREMENT = "automated-decision-rights"
    SEVERITY = Severity.ERROR
    TITLE = "An automated decision without information, explanation and human review"
    RATIONALE = ("A person subject to a decision made by an algorithm may learn that it was "
                 "automated, have the key factors explained, and have a decision that affects "
                 "their rights reviewed by an authorised person. A penalty the code applies by "
                 "itself must record why and let a human reconsider it.")
    FIX = ("Emit an event with the decision's inputs and the rule applied when the code "
           "decides, and add a review: the affected person requests it, a reviewer named in "
           "the charter confirms or reverses the decision on the chain.")

    def check(self, model: SourceModel) -> Iterator[Finding]:
        for contract in model.contracts:
            access = model.access(contract)
            reviewed = _human_review(access, contract)
            for entry in access.entry_points:
                if any(g.kind is not GateKind.PARTY for g in access.gates(entry)):
                    continue  # a vote, a module or a person decides, not the code alone
                penalty = _penalty_names(entry)
                if not penalty:
                    continue
                told = any(len(e.arguments) >= 2 for e in events(entry))
                missing = [what for what, ok in (
                    ("no event carries the decision's inputs", told),
                    ("no human reviews it", reviewed)) if not ok]
                if missing:
                    yield self.at(model, contract, entry,
                                  f"{contract.name}.{entry.name} decides by itself against an "
                                  f"account ({penalty[0]}): {' and '.join(missing)}",
                                  function=entry.name)
