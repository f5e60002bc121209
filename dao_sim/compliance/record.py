"""A deployment record: what a DAO's contracts were on the chain, written down at one block.

dao-sim's default chain runs inside the process, so a DAO does not outlive the run that
deployed it. To check a DAO afterwards, the run writes a record beside its report: the chain and
block it read, the charter hash the core stores, and each contract's address and runtime code
exactly as the chain returned it. ``dao-sim verify RECORD`` then proves, with no chain at all,
that what was recorded is the build of the published sources. The record is a witness of what
the chain held at that block; it is not itself a proof that the chain held it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dao_sim.exceptions import DeploymentRecordError
from dao_sim.files import write_atomically

if TYPE_CHECKING:
    from dao_sim.compliance.publication import Publication
    from dao_sim.governance import DAO

__all__ = ["RECORD_FORMAT", "DeployedContract", "DeploymentRecord", "deployed_contracts",
           "load_record", "record_deployment", "write_record"]

#: The record's format tag.
RECORD_FORMAT = "dao-sim-deployment-record/1"


@dataclass(frozen=True)
class DeployedContract:
    """One contract of a DAO as the chain holds it: which part it is, where, and its code."""

    name: str
    address: str
    code: bytes


@dataclass(frozen=True)
class DeploymentRecord:
    """A DAO's contracts and charter hash as read from the chain at one block.

    Attributes
    ----------
    dao : str
        The DAO's name.
    publication : str
        The id of the publication the DAO's rules were published as.
    charter_hash : str
        ``0x`` keccak-256 the core stores (``charterHash``).
    chain : dict
        ``engine``, ``chain_id``, ``block``, ``block_hash``, ``timestamp`` of the reading.
    contracts : tuple of DeployedContract
        The core first, then each module the core created.
    store : str
        Where the publication was stored, as written (relative to the record's folder when
        it was beside it); a hint for ``dao-sim verify``, which ``--store`` overrides.
    """

    dao: str
    publication: str
    charter_hash: str
    chain: dict[str, Any]
    contracts: tuple[DeployedContract, ...]
    store: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (code as ``0x`` hex)."""
        return {
            "format": RECORD_FORMAT, "dao": self.dao, "publication": self.publication,
            "charter_hash": self.charter_hash, "chain": self.chain, "store": self.store,
            "contracts": [{"name": c.name, "address": c.address, "code": "0x" + c.code.hex()}
                          for c in self.contracts],
        }


def deployed_contracts(dao: DAO) -> tuple[DeployedContract, ...]:
    """The core and every module it created, with the runtime code read from the chain now.

    The modules' addresses are the ones the core stores (``governor()``, ``claims()``...),
    so a module is checked where the core will call it.
    """
    engine = dao.session.engine
    handles = (("DAO", dao.contract), ("Governor", dao.governor), ("Claims", dao.claims_module),
               ("DisputeClause", dao.dispute_clause), ("AutomatedDecisions", dao.automated_decisions))
    return tuple(DeployedContract(name, h.address, engine.code(h.address))
                 for name, h in handles if h is not None)


def record_deployment(dao: DAO, publication: Publication | str, *, store: str = "") -> DeploymentRecord:
    """Read ``dao``'s contracts and charter hash from its chain, now, into a record."""
    session = dao.session
    block = session.latest_block()
    return DeploymentRecord(
        dao=dao.name,
        publication=publication if isinstance(publication, str) else publication.id,
        charter_hash="0x" + bytes(dao.contract.call("charterHash")).hex(),
        chain={"engine": session.engine.describe(), "chain_id": session.engine.chain_id,
               "block": block.number, "block_hash": block.hash, "timestamp": block.timestamp},
        contracts=deployed_contracts(dao),
        store=store,
    )


def write_record(record: DeploymentRecord, path: Path | str, *, store_dir: Path | str | None = None
                 ) -> Path:
    """Write ``record`` as JSON to ``path`` (folders created), atomically; return the path.

    ``store_dir``, when given, is written as the record's store hint, relative to the
    record's folder when it lies below it.

    Raises
    ------
    DeploymentRecordError
        When the file cannot be written; no partial file is left.
    """
    target = Path(path)
    data = record.to_dict()
    if store_dir is not None:
        data["store"] = _relative_hint(Path(store_dir), target.parent)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomically(target, text)
    except OSError as exc:
        raise DeploymentRecordError(target, f"cannot write it: {exc.strerror or exc}") from None
    return target


def _relative_hint(store: Path, folder: Path) -> str:
    try:
        return store.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(store.resolve())


def _hex(value: object, what: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("0x"):
        raise ValueError(f"{what} is not 0x-prefixed hex")
    return bytes.fromhex(value[2:])


def load_record(path: Path | str) -> DeploymentRecord:
    """Read a deployment record written by :func:`write_record`.

    Raises
    ------
    DeploymentRecordError
        One line saying what is wrong: no such file, not JSON, a field missing or malformed.
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DeploymentRecordError(source, "no such file") from None
    except IsADirectoryError:
        raise DeploymentRecordError(source, "is a folder, not a record file") from None
    except OSError as exc:
        raise DeploymentRecordError(source, f"cannot read it: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DeploymentRecordError(source, f"not JSON ({exc})") from None
    try:
        if not isinstance(data, Mapping):
            raise TypeError("the top level is not an object")
        if data.get("format") != RECORD_FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, expected {RECORD_FORMAT!r}")
        contracts = data["contracts"]
        if not isinstance(contracts, list) or not contracts:
            raise ValueError("'contracts' lists no contract")
        chain = data["chain"]
        if not isinstance(chain, Mapping):
            raise TypeError("'chain' is not an object")
        _hex(data["charter_hash"], "'charter_hash'")
        return DeploymentRecord(
            dao=str(data["dao"]), publication=str(data["publication"]),
            charter_hash=str(data["charter_hash"]), chain=dict(chain),
            contracts=tuple(DeployedContract(str(c["name"]), str(c["address"]),
                                             _hex(c["code"], f"the code of {c.get('name')!r}"))
                            for c in contracts),
            store=str(data.get("store", "")),
        )
    except KeyError as exc:
        raise DeploymentRecordError(source, f"missing field {exc.args[0]!r}") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise DeploymentRecordError(source, str(exc)) from None
