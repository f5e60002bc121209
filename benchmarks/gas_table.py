"""Gas of a dao-sim DAO's operations, before and after: read from the session's journal.

Run it (``make gas`` does)::

    .venv/bin/python benchmarks/gas_table.py                # measure, compare with gas_before.json
    .venv/bin/python benchmarks/gas_table.py --members 10 --migrations 10 50
    .venv/bin/python benchmarks/gas_table.py --save-before  # write this code's figures as before

Only dao-sim's public Python API is used (``ChainSession``, ``compile_project``,
``deploy``, ``DAOSpec``, ``Action``, ``deploy_arbitrator``, ``ProposalDispute``,
``dao.propose_amendment``);
no contract function is called directly, so the same script measures any version of the
contracts that keeps that API. A step's gas is the sum of ``gas_used`` over every journal entry
the step added: if a version of the library sends several transactions for one step (a panel
drawn in a later block, a migration in batches), all of them count. Every entry must have
succeeded, or the measurement fails.

The scenario, on a fresh chain with a HumanArbitrator (one arbitrator, a fee per panelist):

- ``propose``: two payment proposals (``Action.pay``); the mean of the two.
- ``vote``: every member votes For the first, a bare majority For the second; the mean per vote.
- ``dispute``: after the voting period, a third party opens a dispute on the second proposal in
  its grace window (``ProposalDispute.open``, the fee paid); everything it sends, summed.
- ``execute``: after the grace window, the first (payment) proposal is executed.
- ``exit``: a member who did not vote on the disputed proposal exits with their share.
- ``claim``: a third party files a claim (``dao.file_claim``).
- ``migrate per member``: on a fresh chain per size, a DAO of that many members deploys a
  successor (``deploy(spec, session, predecessor=dao)``), every member consents to the
  amendment, and ``dao.execute(amendment)`` runs after the grace window: the gas of everything
  that execution sends, divided by the number of members. The largest single transaction is
  reported against 2**24, the per-transaction cap of EIP-7825 (Osaka); the migration chains give
  transactions a higher gas limit so that a larger one is measured rather than cut off.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

__all__ = [
    "OPERATIONS",
    "TX_CAP",
    "GasTable",
    "MigrationGas",
    "format_table",
    "load_before",
    "main",
    "measure",
    "measure_migration",
    "measure_operations",
]

#: The per-transaction gas cap of EIP-7825 (Osaka), which the migration is checked against.
TX_CAP = 2**24

#: The single operations of the table, in the order they are printed.
OPERATIONS = ("propose", "vote", "execute", "exit", "claim", "dispute")

BEFORE_PATH = Path(__file__).with_name("gas_before.json")

#: Gas limit of each transaction on the migration chains: above the cap (and under the
#: engine's 60,000,000 block gas limit), so a migration larger than the cap is still measured.
MIGRATION_TX_GAS = 50_000_000

ARBITRATION_FEE = 10**16  # 0.01 ETH per panelist
VOTING_PERIOD = "3 days"
GRACE_PERIOD = "2 days"
CONTRIBUTION = "1 ETH"
PAYMENT = "0.1 ETH"
ARBITER, ATTESTER = "Madina", "Saule"
PAYEE, DISPUTER, CLAIMANT, EXECUTOR = "Erlan", "Kairat", "Nurlan", "Gulnara"


@dataclass(frozen=True)
class MigrationGas:
    """The gas of one amendment by migration."""

    members: int
    total: int
    transactions: int
    largest: int

    @property
    def per_member(self) -> int:
        """Total gas over the number of members, rounded to the nearest unit."""
        return round(self.total / self.members)

    @property
    def below_cap(self) -> bool:
        """Whether the largest transaction used less than 2**24 gas."""
        return self.largest < TX_CAP

    @property
    def label(self) -> str:
        """The table's row name for this migration."""
        return f"migrate per member ({self.members} members)"


@dataclass(frozen=True)
class GasTable:
    """Gas figures of one code version: the single operations and the migrations."""

    members: int
    operations: Mapping[str, int]
    migrations: tuple[MigrationGas, ...]

    def rows(self) -> dict[str, int]:
        """Every figure of the table by row name, operations first, then migrations."""
        out = {name: self.operations[name] for name in OPERATIONS}
        out.update({m.label: m.per_member for m in self.migrations})
        return out


def _measured(session: Any, step: Callable[[], Any], what: str) -> tuple[Any, list[Any]]:
    """Run ``step``; return its result and the journal entries it added, all successful."""
    start = len(session.journal)
    result = step()
    entries = list(session.journal[start:])
    if not entries:
        raise RuntimeError(f"{what}: no transaction was journalled")
    failed = [e for e in entries if not e.status]
    if failed:
        raise RuntimeError(
            f"{what}: {len(failed)} transaction(s) failed, first: {failed[0].describe()}"
        )
    return result, entries


def _gas(entries: Iterable[Any]) -> int:
    return sum(e.gas_used for e in entries)


def _mean(values: Sequence[int]) -> int:
    return round(sum(values) / len(values))


def _chain(members: int, artifacts: Any, gas: int | None = None) -> tuple[Any, Any, Any, list[str]]:
    """A fresh chain, a HumanArbitrator and a DAO of ``members`` added accounts."""
    from dao_sim.chain.session import ChainSession
    from dao_sim.disputes import Arbitrator, deploy_arbitrator
    from dao_sim.governance import deploy

    session = ChainSession() if gas is None else ChainSession(gas=gas)
    court = deploy_arbitrator(
        session,
        [Arbitrator.identified(ARBITER, "identity card checked in person", attested_by=ATTESTER)],
        arbitration_fee=ARBITRATION_FEE,
        artifacts=artifacts,
    )
    names = [a.name for a in session.add_accounts(members, funding_eth=10)]
    dao = deploy(_spec(f"Gas DAO ({members})", names), session, artifacts=artifacts)
    return session, court, dao, names


def _spec(name: str, members: Sequence[str]) -> Any:
    from dao_sim.governance import DAOSpec

    return DAOSpec(
        name=name,
        members={n: CONTRIBUTION for n in members},
        quorum="50%",
        voting_period=VOTING_PERIOD,
        grace_period=GRACE_PERIOD,
        arbitrator="HumanArbitrator",
    )


def measure_operations(members: int, artifacts: Any) -> dict[str, int]:
    """Gas of propose, vote, execute, exit, claim and dispute in a DAO of ``members`` members."""
    from dao_sim.disputes import ProposalDispute
    from dao_sim.governance import Action

    if members < 3:
        raise ValueError(
            "the scenario needs at least 3 members (one stays out of the disputed vote)"
        )
    session, court, dao, names = _chain(members, artifacts)
    gas: dict[str, list[int]] = {name: [] for name in OPERATIONS}

    def step(operation: str, action: Callable[[], Any]) -> Any:
        result, entries = _measured(session, action, operation)
        gas[operation].append(_gas(entries))
        return result

    paid = step(
        "propose",
        lambda: dao.propose(names[0], [Action.pay(PAYEE, PAYMENT)], "a payment to execute"),
    )
    disputed = step(
        "propose",
        lambda: dao.propose(names[1], [Action.pay(PAYEE, PAYMENT)], "a payment to dispute"),
    )
    for name in names:
        step("vote", partial(dao.vote, name, paid, "for"))
    for name in names[: members // 2 + 1]:  # the last member stays out, so may exit later
        step("vote", partial(dao.vote, name, disputed, "for"))
    session.advance(VOTING_PERIOD)
    step("dispute", lambda: ProposalDispute.open(dao, court, disputed, by=DISPUTER))
    session.advance(GRACE_PERIOD)
    step("execute", lambda: dao.execute(paid, by=EXECUTOR))
    step("exit", lambda: dao.exit(names[-1]))
    step("claim", lambda: dao.file_claim(CLAIMANT, "1 ETH", "an unpaid invoice"))
    return {name: _mean(values) for name, values in gas.items()}


def measure_migration(members: int, artifacts: Any) -> MigrationGas:
    """Gas of executing a unanimous amendment that migrates a DAO of ``members`` members."""
    from dao_sim.governance import deploy

    session, _court, dao, names = _chain(members, artifacts, gas=MIGRATION_TX_GAS)
    successor = deploy(
        _spec(f"Gas DAO ({members}) II", names), session, artifacts=artifacts, predecessor=dao
    )
    amendment = dao.propose_amendment(names[0], successor, "move to the new charter")
    for name in names:
        dao.vote(name, amendment, "for")
    session.advance(VOTING_PERIOD)
    session.advance(GRACE_PERIOD)
    _result, entries = _measured(session, lambda: dao.execute(amendment, by=EXECUTOR), "migrate")
    moved = len(successor.members)
    if moved != members:
        raise RuntimeError(f"migrate: the successor holds {moved} members, expected {members}")
    return MigrationGas(members, _gas(entries), len(entries), max(e.gas_used for e in entries))


def measure(
    members: int = 10, migrations: Sequence[int] = (10, 50), artifacts: Any = None
) -> GasTable:
    """Measure the whole table against the contracts dao-sim compiles now.

    Parameters
    ----------
    members : int
        Members of the DAO in which the single operations are measured (at least 3).
    migrations : sequence of int
        Member counts of the migrations measured, one fresh chain each.
    artifacts : ArtifactSet, optional
        Compiled contracts; :func:`dao_sim.compiler.compile_project` when omitted.

    Returns
    -------
    GasTable
    """
    from dao_sim.compiler import compile_project

    artifacts = artifacts or compile_project()
    return GasTable(
        members,
        measure_operations(members, artifacts),
        tuple(measure_migration(n, artifacts) for n in migrations),
    )


def _git(*args: str) -> str:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def _record(table: GasTable, artifacts: Any) -> dict[str, Any]:
    """``table`` as saved in gas_before.json, with where and how it was measured."""
    from dao_sim.compiler import compiler_settings

    settings = compiler_settings()
    return {
        "commit": _git("rev-parse", "HEAD"),
        "contracts_modified": bool(_git("status", "--porcelain", "--", "contracts")),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "compiler": {
            "solc": artifacts.compiler_version,
            "evm_version": artifacts["DAO"].evm_version,
            "optimizer": settings["optimizer"],
            "via_ir": settings["viaIR"],
        },
        "scenario": {
            "members": table.members,
            "arbitration_fee_wei": ARBITRATION_FEE,
            "voting_period": VOTING_PERIOD,
            "grace_period": GRACE_PERIOD,
        },
        "gas": table.rows(),
        "migrations": [
            {
                "members": m.members,
                "total": m.total,
                "per_member": m.per_member,
                "transactions": m.transactions,
                "largest": m.largest,
                "below_2_24": m.below_cap,
            }
            for m in table.migrations
        ],
    }


def load_before(path: Path = BEFORE_PATH) -> dict[str, Any]:
    """The saved "before" record, or an empty one when the file does not exist."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _change(before: int | None, after: int) -> str:
    if not before:
        return "n/a"
    return f"{(after - before) / before * 100:+.1f}%"


def format_table(after: GasTable, before: Mapping[str, Any]) -> str:
    """The comparison table and the migrations' largest transactions, as plain text."""
    old = before.get("gas", {})
    rows = [("operation", "before", "after", "change (%)")]
    for name, gas in after.rows().items():
        previous = old.get(name)
        rows.append(
            (
                name,
                "n/a" if previous is None else f"{previous:,}",
                f"{gas:,}",
                _change(previous, gas),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    old_migrations = {m["members"]: m for m in before.get("migrations", [])}
    for m in after.migrations:
        was = old_migrations.get(m.members)
        was_text = f"before {was['largest']:,} in {was['transactions']} tx" if was else "before n/a"
        lines.append(
            f"migration of {m.members} members: {m.transactions} tx, largest {m.largest:,} gas, "
            f"below 2^24 = {TX_CAP:,}: {'yes' if m.below_cap else 'NO'} ({was_text})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the before/after table; with ``--save-before``, write gas_before.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--members", type=int, default=10, help="members of the DAO for the single operations"
    )
    parser.add_argument(
        "--migrations", type=int, nargs="+", default=[10, 50], help="member counts to migrate"
    )
    parser.add_argument(
        "--before", type=Path, default=BEFORE_PATH, help="the saved 'before' figures"
    )
    parser.add_argument(
        "--save-before", action="store_true", help="write this code's figures as 'before'"
    )
    options = parser.parse_args(argv)
    if options.members < 3 or min(options.migrations) < 1:
        parser.error("--members must be at least 3 and every --migrations count at least 1")
    from dao_sim.compiler import compile_project

    artifacts = compile_project()
    table = measure(options.members, options.migrations, artifacts)
    if options.save_before:
        options.before.write_text(
            json.dumps(_record(table, artifacts), indent=2) + "\n", encoding="utf-8"
        )
        print(f"saved to {options.before}")
    before = load_before(options.before)
    when = f"{before['commit'][:10]}, {before['date']}" if before else "none saved"
    print(
        f"gas per operation, DAO of {options.members} members; before: {when}; after: this checkout"
    )
    print(format_table(table, before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
