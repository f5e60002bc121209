"""``expect`` steps: read the chain now and compare with what the scenario says.

Every check is a frozen :class:`Check` with the line of its field, what was expected and what
was found, both written the way the scenario writes them (``Executed``, ``+2 ETH``), so a
failure reads ``x.yaml:40: steps[12].expect.balance_changes.Erlan: expected +2 ETH, found
+0 ETH``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from dao_sim.disputes import share_of_ruling
from dao_sim.governance.units import format_eth
from dao_sim.scenarios.acts_disputes import RULINGS
from dao_sim.scenarios.model import Step
from dao_sim.scenarios.play import EscrowCase, Play
from dao_sim.scenarios.values import read_amount, read_percent, read_signed_amount

__all__ = ["Check", "evaluate"]

_WORDS = {number: word for word, number in RULINGS.items()}


@dataclass(frozen=True)
class Check:
    """One expectation and how it turned out.

    Attributes
    ----------
    field : str
        Where it is written, below the step (``"balance_changes.Erlan"``).
    line : int
        Its line in the file.
    expected, found : str
        In the scenario's words.
    ok : bool
        Whether they agree.
    """

    field: str
    line: int
    expected: str
    found: str
    ok: bool


def _signed(wei: int) -> str:
    return ("+" if wei > 0 else "-" if wei < 0 else "+") + format_eth(abs(wei))


Found = Iterator[tuple[str, str, str, bool]]  # (field, expected, found, ok)


def _amounts(what: str, expected: dict[str, Any], read: Callable[[str], int]) -> Found:
    for name, text in expected.items():
        wanted, actual = read_amount(text), read(name)
        yield f"{what}.{name}", format_eth(wanted), format_eth(actual), wanted == actual


def _fields(what: str, expected: dict[str, Any], record: Any) -> Found:
    for key, wanted in expected.items():
        actual = getattr(record, key)
        if isinstance(actual, int) and not isinstance(actual, bool):
            yield f"{what}.{key}", format_eth(read_amount(wanted)), format_eth(actual), read_amount(wanted) == actual
        else:
            yield f"{what}.{key}", str(wanted), str(actual), str(wanted) == str(actual)


def _proposals(play: Play, expected: dict[str, Any]) -> Found:
    for name, state in expected.items():
        ref = play.proposal(name)
        actual = ref.dao.state(ref.number)
        yield f"proposals.{name}", state, actual, state == actual


def _balance_changes(play: Play, expected: dict[str, Any]) -> Found:
    for name, text in expected.items():
        wanted = read_signed_amount(text)
        actual = play.session.balance(name) - play.start_balances[name]
        yield f"balance_changes.{name}", _signed(wanted), _signed(actual), wanted == actual


def _members(play: Play, expected: list[str]) -> Found:
    actual = sorted(m.name for m in play.need_dao().members)
    yield "members", ", ".join(sorted(expected)) or "nobody", ", ".join(actual) or "nobody", sorted(expected) == actual


def _suspended(play: Play, expected: dict[str, bool]) -> Found:
    for name, wanted in expected.items():
        actual = play.need_dao().member(name).suspended
        yield f"suspended.{name}", str(wanted).lower(), str(actual).lower(), wanted == actual


def _nested(what: str, expected: dict[str, dict[str, Any]], record: Callable[[str], Any]) -> Found:
    for name, fields in expected.items():
        yield from _fields(f"{what}.{name}", fields, record(name))


def _disputes(play: Play, expected: dict[str, dict[str, Any]]) -> Found:
    for name, fields in expected.items():
        case = play.dispute(name)
        court, number = case.court, case.dispute_id
        for key, wanted in fields.items():
            at = f"disputes.{name}.{key}"
            if key == "ruling":
                actual = _WORDS.get(court.current_ruling(number), str(court.current_ruling(number)))
                yield at, wanted, actual, wanted == actual
            elif key == "payee_share":
                share = share_of_ruling(court.current_ruling(number)) if isinstance(case, EscrowCase) else None
                actual = "no division (refused)" if share is None else f"{share}%"
                yield at, wanted, actual, share is not None and share * 100 == read_percent(wanted)
            elif key == "status":
                actual = court.status(number).name.title()
                yield at, wanted, actual, wanted == actual
            else:
                panel = list(court.panel(number))
                yield at, ", ".join(wanted), ", ".join(panel), sorted(wanted) == sorted(panel)


def _escrows(play: Play, expected: dict[str, dict[str, Any]]) -> Found:
    for name, fields in expected.items():
        agreement = play.escrow(name)
        for key, wanted in fields.items():
            at = f"escrows.{name}.{key}"
            if key == "state":
                actual = agreement.state().name.title().replace("_", "")
                yield at, wanted, actual, wanted == actual
            else:
                held, actual_held = read_amount(wanted), agreement.deposit_held()
                yield at, format_eth(held), format_eth(actual_held), held == actual_held


def _claims(play: Play, expected: dict[str, dict[str, Any]]) -> Found:
    for name, fields in expected.items():
        dao, number = play.claim(name)
        yield from _fields(f"claims.{name}", fields, dao.claims[number])


def _decisions(play: Play, expected: dict[str, dict[str, Any]]) -> Found:
    for name, fields in expected.items():
        dao, number = play.decision(name)
        yield from _fields(f"decisions.{name}", fields, dao.decision(number))


def _findings(play: Play, expected: list[str]) -> Found:
    from dao_sim.compliance import Severity, preflight
    from dao_sim.compliance.monitors import monitor

    daos = [play.dao] if play.dao is not None else []
    found = [f for dao in daos for f in preflight(dao.spec)] + monitor(play.session.journal, daos)
    serious = sorted({f.rule for f in found if f.severity is not Severity.NOTE})
    yield ("findings", ", ".join(sorted(expected)) or "nothing wrong", ", ".join(serious) or "nothing wrong",
           sorted(expected) == serious)


_READERS: dict[str, Callable[[Play, Any], Found]] = {
    "proposals": _proposals,
    "balances": lambda play, e: _amounts("balances", e, play.session.balance),
    "balance_changes": _balance_changes,
    "treasury": lambda play, e: _fields("treasury", e, play.need_dao().treasury),
    "members": _members,
    "stakes": lambda play, e: _amounts("stakes", e, lambda n: play.need_dao().member(n).share_value),
    "suspended": _suspended,
    "liabilities": lambda play, e: _nested("liabilities", e, play.need_dao().liability),
    "claims": _claims,
    "credits": lambda play, e: _amounts("credits", e, play.need_dao().credit_of),
    "disputes": _disputes,
    "decisions": _decisions,
    "escrows": _escrows,
    "findings": _findings,
}


def evaluate(play: Play, step: Step) -> tuple[Check, ...]:
    """Every check of an ``expect`` step, in the order written.

    Parameters
    ----------
    play : Play
        The run, as it stands after the previous step.
    step : Step
        The ``expect`` step.

    Returns
    -------
    tuple of Check
    """
    checks = []
    for key, expected in step.fields.items():
        for at, wanted, actual, ok in _READERS[key](play, expected):
            line = step.lines.get(at, step.lines.get(key, step.line))
            checks.append(Check(at, line, wanted, actual, ok))
    return tuple(checks)
