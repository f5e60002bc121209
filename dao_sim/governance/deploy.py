"""From a :class:`DAOSpec` to a DAO on the chain, founders paid in.

Deployment resolves every name first and refuses a spec the Code does not allow before a
single transaction is sent, so a failed deployment leaves nothing behind on the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eth_utils import keccak

from dao_sim.exceptions import ContractReverted, SpecError, UnknownMemberError
from dao_sim.governance.blueprints import module_blueprints
from dao_sim.governance.dao import DAO
from dao_sim.governance.errors import explain_revert
from dao_sim.governance.founders import FoundingList
from dao_sim.governance.units import format_eth
from dao_sim.law import cite

if TYPE_CHECKING:
    from dao_sim.chain.session import ChainSession
    from dao_sim.compiler import ArtifactSet
    from dao_sim.governance.spec import DAOSpec

__all__ = ["charter_hash", "deploy", "rules_tuple"]

_ZERO = "0x" + "00" * 20


def charter_hash(text: str) -> bytes:
    """keccak-256 of the charter's UTF-8 text: what the contract stores (consent-to-change)."""
    return keccak(text=text)


def rules_tuple(spec: DAOSpec, session: ChainSession, *, predecessor: str = _ZERO,
                founders: FoundingList | None = None) -> tuple:
    """The contract's ``Rules`` struct for ``spec``, names resolved to addresses.

    ``founders`` is the founding list whose Merkle root the DAO stores (none for a successor,
    whose members arrive by migration).
    """
    text = spec.charter_text()
    dues_amount, dues_period = (spec.dues.amount, spec.dues.period) if spec.dues else (0, 0)
    reviewer = _resolve(session, spec.reviewer, "reviewer") if spec.reviewer else _ZERO
    root, count = (founders.root, len(founders)) if founders is not None else (bytes(32), 0)
    return (
        charter_hash(text), spec.charter_uri, int(spec.voting_rule), int(spec.quorum), int(spec.approval),
        int(spec.amendment_consent), int(spec.voting_delay), int(spec.voting_period),
        int(spec.grace_period), int(spec.execution_window), int(spec.liability_cap),
        spec.expulsion_allowed, int(spec.claim_bond), int(spec.min_claim_bond), dues_amount, dues_period,
        _resolve(session, spec.arbitrator, "arbitrator"), spec.arbitrator_panel_size,
        reviewer, predecessor, root, count,
    )


#: EIP-3860: the most creation code (code and constructor arguments) one deployment may carry.
MAX_INIT_CODE = 49_152


def _check_fits(artifact: object, rules: tuple) -> None:
    """Refuse, in words, a DAO whose deployment the chain would reject for its size.

    The founders are one Merkle root and the modules come from blueprints, so only the
    charter's URI can make the core's creation code grow.
    """
    from eth_abi import encode

    code = len(bytes.fromhex(str(getattr(artifact, "bytecode", "")).removeprefix("0x")))
    rules_type = "(bytes32,string,uint8,uint16,uint16,uint16,uint32,uint32,uint32,uint32,uint32,bool,uint16,"\
                 "uint128,uint256,uint32,address,uint256,address,address,bytes32,uint256)"
    size = code + len(encode([rules_type, "(address,address,address,address)"], [rules, (_ZERO,) * 4]))
    if size > MAX_INIT_CODE:
        raise SpecError(f"charter_uri: with this URI ({len(rules[1]):,} characters) the DAO's creation code "
                        f"would be {size:,} bytes, over the {MAX_INIT_CODE:,} bytes one deployment may carry "
                        "(EIP-3860); publish the charter elsewhere and give a shorter URI")


def _resolve(session: ChainSession, who: str | None, field: str) -> str:
    try:
        return session.address(who)
    except UnknownMemberError as exc:
        raise SpecError(f"{field}: {exc}") from exc


def deploy(spec: DAOSpec, session: ChainSession, *, artifacts: ArtifactSet | None = None,
           deployer: str | None = None, predecessor: DAO | None = None) -> DAO:
    """Deploy the DAO ``spec`` describes and have each founder pay in their contribution.

    Parameters
    ----------
    spec : DAOSpec
        The validated rules.
    session : ChainSession
        The chain; founders, arbitrator and reviewer are resolved by name through it.
    artifacts : ArtifactSet, optional
        Compiled contracts (compiled, or read from the cache, when omitted).
    deployer : str, optional
        Who sends the deployment (default: the first founder). Deploying grants no power.
    predecessor : DAO, optional
        For an amendment: the DAO this one succeeds; founders then arrive by migration.

    Returns
    -------
    DAO

    Raises
    ------
    SpecError
        When a name does not resolve, or the arbitrator address holds no contract (human-dispute).
    DAORefused
        When the contract refuses the rules.
    SandboxError
        When the charter declares a sandbox and a founder has not acknowledged its terms.
    """
    from dao_sim.compiler import compile_project

    artifacts = artifacts or compile_project()
    founders = [(_resolve(session, m.name, f"members.{m.name}"), m) for m in spec.founders]
    arbitrator_address = _resolve(session, spec.arbitrator, "arbitrator")
    if not session.engine.code(arbitrator_address):
        raise SpecError(f"arbitrator: {spec.arbitrator} is not a contract; {cite('human-dispute')} needs "
                        "a working dispute procedure (deploy a HumanArbitrator first)")
    signers = set(session.engine.accounts())
    for address, member in founders:
        if address not in signers:
            raise SpecError(f"members.{member.name}: {address} is not an account this session holds "
                            "a key for; founders pay in their own contributions")
        if session.balance(address) < member.contribution:
            raise SpecError(f"members.{member.name}: holds {format_eth(session.balance(address))}, "
                            f"cannot contribute {format_eth(member.contribution)}")
    if spec.sandbox is not None and predecessor is None:  # before anything is sent
        from dao_sim.governance.sandbox import require_acknowledged

        for address, _member in founders:
            require_acknowledged(session, spec, address)
    founding = None if predecessor is not None else FoundingList.of(
        [(address, member.contribution) for address, member in founders])
    rules = rules_tuple(spec, session, predecessor=predecessor.address if predecessor else _ZERO,
                        founders=founding)
    sender = deployer or spec.founders[0].name
    _check_fits(artifacts["DAO"], rules)
    before = session.snapshot()
    try:
        if predecessor is not None:
            blueprints = tuple(predecessor.contract.call("blueprints"))
        else:
            blueprints = module_blueprints(session, artifacts, sender=sender)
        contract = session.deploy(artifacts["DAO"], rules, blueprints, sender=sender, label=spec.name)
        arbitrator = session.at(artifacts["IArbitrator"], arbitrator_address)
        dao = DAO(session, contract, spec, spec.charter_text(), arbitrator, artifacts, founding,
                  founded_at=session.now())
        if predecessor is None:
            for member in spec.founders:
                dao.join(member.name)
    except ContractReverted as exc:
        session.revert(before)
        raise explain_revert(exc, session.name_of, format_eth) from exc
    except BaseException:
        session.revert(before)
        raise
    session.release(before)  # kept, the fast engine would log every later write's old value
    return dao
