"""Every contract dao-sim deploys stays under 75% of the EIP-170 limit, read from the chain.

The limit is 24,576 bytes of runtime code; 75% leaves room to grow. The DAO is measured with
every module a charter can have (dues included), next to the arbitrator and the escrow.
"""

from __future__ import annotations

from dao_sim.disputes import deploy_escrow
from dao_sim.governance import Dues

EIP_170 = 24_576
BUDGET = EIP_170 * 3 // 4


def test_every_deployed_contract_is_below_three_quarters_of_the_size_limit(make_dao, artifacts, session):
    dao = make_dao(dues=Dues("0.1 ETH", "30 days"), reviewer="Saule", liability_cap="2x")
    escrow = deploy_escrow(session, "HumanArbitrator", payer="Aigerim", payee="Erlan",
                           data_source="Gulnara", amount=10**18, deadline="10 days",
                           terms_uri="ipfs://terms", artifacts=artifacts)
    deployed = {label: session.address(label) for label in session.address_book.contracts()}
    assert {*dao.addresses, escrow.address} <= set(deployed.values())
    sizes = {label: len(session.engine.code(address)) for label, address in deployed.items()}
    assert len(sizes) >= 7
    too_big = {label: size for label, size in sizes.items() if size >= BUDGET}
    assert not too_big, f"over {BUDGET} bytes: {too_big}"
