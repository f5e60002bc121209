"""The gas table benchmark (benchmarks/gas_table.py) on a tiny configuration: every row there,
every figure positive, and a missing "before" figure printed as n/a."""

from benchmarks.gas_table import OPERATIONS, TX_CAP, format_table, measure


def test_gas_table_has_every_operation_with_positive_gas(artifacts):
    table = measure(members=3, migrations=(3,), artifacts=artifacts)
    rows = table.rows()
    assert list(rows) == [*OPERATIONS, "migrate per member (3 members)"]
    assert all(gas > 0 for gas in rows.values()), rows
    (migration,) = table.migrations
    assert migration.transactions >= 1
    assert 0 < migration.largest <= migration.total
    assert migration.below_cap is (migration.largest < TX_CAP)

    text = format_table(table, {"gas": {"propose": rows["propose"]}})
    propose_line = next(line for line in text.splitlines() if line.startswith("propose"))
    assert propose_line.split()[-1] == "+0.0%"
    vote_line = next(line for line in text.splitlines() if line.startswith("vote"))
    assert vote_line.split()[1] == "n/a"
    assert "largest" in text.splitlines()[-1]
