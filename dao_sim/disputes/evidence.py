"""Evidence packages for a dispute (digital-evidence): what happened, on which chain, proven how.

Digital records may prove the facts of a dispute (digital-evidence). A package gathers the
records a human arbitrator or a court needs: every related transaction with its block and
events, balances, the charter and the hashes of the published source, whether the deployed
code matches that source, and who signed each ruling with which key, attested how. It says
plainly what those signatures are not: a wallet signature is not the legal equal of a
handwritten one (signature-not-handwritten). A package names the edition of the Code its
citations come from, in its header.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eth_utils import keccak

from dao_sim.disputes.channels import Ruling
from dao_sim.files import check_writable, write_file
from dao_sim.law import aside, current_edition, using
from dao_sim.law import edition as law_edition

if TYPE_CHECKING:
    from dao_sim.disputes.arbitrator import Court
    from dao_sim.governance.dao import DAO

__all__ = ["EvidencePackage", "build_evidence", "deployed_code_matches", "signature_notice"]

_WHAT = "the evidence package"


def signature_notice() -> str:
    """What the package's signatures prove, citing the edition in use when it is written."""
    return ("Rulings and votes here are transactions or EIP-712 signatures made with wallet keys. The "
            "chain proves which key acted; who held the key rests on the off-chain identification "
            "whose salted hash is recorded. A wallet signature is not a signature with a public key "
            "certified by an accredited certification centre, so it is not the legal equal of a "
            f"handwritten signature {aside('signature-not-handwritten')}; whether a record of the "
            "chain may serve as a confirmation depends on the law and the parties' agreement "
            f"{aside('digital-confirmation')}.")


def deployed_code_matches(artifact: Any, code: bytes) -> bool:
    """Whether on-chain ``code`` is the artifact's compiled runtime code (consent-to-change).

    Immutable values are written into the code at deployment, so those byte ranges are
    masked before comparing; everything else must be identical.
    """
    expected = bytearray(bytes.fromhex(artifact.deployed_bytecode.removeprefix("0x")))
    actual = bytearray(code)
    if len(expected) != len(actual):
        return False
    for ranges in (artifact.immutable_references or {}).values():
        for ref in ranges:
            start, length = int(ref["start"]), int(ref["length"])
            actual[start:start + length] = bytes(length)
            expected[start:start + length] = bytes(length)
    return expected == actual


@dataclass(frozen=True)
class EvidencePackage:
    """Everything a dispute needs, ready to export as JSON and as readable Markdown.

    ``edition`` is the edition of the Code the package cites (the one in use when it is made);
    both exports name it, and whether it is law, at the top.
    """

    title: str
    chain: Mapping[str, Any]
    dispute: Mapping[str, Any]
    proposal: Mapping[str, Any]
    charter: Mapping[str, Any]
    sources: Mapping[str, Any]
    transactions: Sequence[Mapping[str, Any]]
    blocks: Sequence[Mapping[str, Any]]
    balances: Mapping[str, int]
    rulings: Sequence[Mapping[str, Any]]
    edition: str = field(default_factory=lambda: current_edition().id)
    notice: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "edition", law_edition(self.edition).id)
        if not self.notice:
            with using(self.edition):
                object.__setattr__(self, "notice", signature_notice())

    def to_dict(self) -> dict[str, Any]:
        """The package as plain data (integers exact, bytes as hex), the law it applies first."""
        law = {"law": law_edition(self.edition).header, "edition": self.edition}
        return law | {k: getattr(self, k) for k in ("title", "chain", "dispute", "proposal", "charter",
                                                    "sources", "transactions", "blocks", "balances",
                                                    "rulings", "notice")}

    def to_json(self) -> str:
        """The package as JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, default=_plain)

    def to_markdown(self) -> str:
        """The package for people: what happened, then the proofs."""
        d, p = self.dispute, self.proposal
        lines = [
            f"# {self.title}", "",
            f"**{law_edition(self.edition).header}**", "",
            (f"Chain: {self.chain['engine']} (chain id {self.chain['chain_id']}), exported at block "
            f"{self.chain['block']} (time {self.chain['timestamp']})."), "",
            "## The dispute", "",
            f"- Proposal {p['id']} of {p['dao']} ({p['dao_address']}): \"{p['description']}\", state {p['state']}.",
            f"- Votes: For {p['for_votes']}, Against {p['against_votes']}, Abstain {p['abstain_votes']}.",
            (f"- Dispute {d['dispute_id']} at the arbitrator {d['arbitrator']}, opened by {d['opened_by']}, "
            f"compensation asked {d['compensation']} wei; ruling now: {d['ruling']} ({d['ruling_label']}), "
            f"status {d['status']}."), "",
            "## Rulings (human acts)", "",
        ]
        lines += [f"- {r['record']}" for r in self.rulings] or ["- No ruling has been given yet."]
        lines += ["", f"## Charter and code {aside('consent-to-change', self.edition)}", "",
                  (f"- Charter keccak-256: `{self.charter['keccak']}`; stored on-chain: `{self.charter['on_chain']}`; "
                  f"match: {self.charter['matches']}."),
                  f"- Deployed DAO code matches the compiled published source: {self.sources['dao_code_matches']}.",
                  f"- Compiler: solc {self.sources['compiler']}, artifact cache key `{self.sources['cache_key']}`.",
                  "", "| source | sha-256 |", "|---|---|"]
        lines += [f"| {path} | `{digest}` |" for path, digest in self.sources["hashes"].items()]
        lines += ["", "## Balances at export (wei)", "", "| account | balance |", "|---|---|"]
        lines += [f"| {name} | {wei} |" for name, wei in self.balances.items()]
        lines += ["", "## Transactions", "", "| # | block | time | from | call | status | tx |", "|---|---|---|---|---|---|---|"]
        for t in self.transactions:
            lines.append(f"| {t['index']} | {t['block']} | {t['timestamp']} | {t['sender_name']} | "
                         f"{t['to_label']}.{t['function']} | {'ok' if t['status'] else 'reverted'} | `{t['tx_hash']}` |")
        lines += ["", "### Events", ""]
        for t in self.transactions:
            for e in t["events"]:
                lines.append(f"- tx {t['index']}: {e['contract_label']}.{e['name']}({_args(e['args'])})")
        lines += ["", "## Blocks", "", "| block | time | hash |", "|---|---|---|"]
        lines += [f"| {b['number']} | {b['timestamp']} | `{b['hash']}` |" for b in self.blocks]
        lines += ["", "## What the signatures prove", "", self.notice, ""]
        return "\n".join(lines)

    def write(self, directory: str | Path, stem: str = "evidence") -> tuple[Path, Path]:
        """Write ``<stem>.json`` and ``<stem>.md`` into ``directory`` (created if missing).

        Both paths are checked before either file is written, and each is written whole or
        not at all.

        Returns
        -------
        (Path, Path)
            The JSON file and the Markdown file.

        Raises
        ------
        FileWriteError
            When either cannot be written (a file where a folder should be, a read-only
            folder...); the message names the path and the reason.
        """
        folder = Path(directory)
        as_json, as_md = folder / f"{stem}.json", folder / f"{stem}.md"
        for path in (as_json, as_md):
            check_writable(path, _WHAT)
        write_file(as_json, self.to_json(), what=_WHAT)
        write_file(as_md, self.to_markdown(), what=_WHAT)
        return as_json, as_md


def _plain(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex()
    return str(value)


def _args(args: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={_plain(v) if isinstance(v, (bytes, bytearray)) else v}" for k, v in args.items())


def _ruling_dict(ruling: Ruling) -> dict[str, Any]:
    return {"dispute_id": ruling.dispute_id, "round": ruling.round, "ruling": ruling.ruling,
            "label": ruling.ruling_label, "decided_by": ruling.decided_by, "channel": ruling.channel,
            "key": ruling.key, "relayer": ruling.relayer, "what_was_signed": ruling.act,
            "attestation": ruling.attestation, "attested_by": ruling.attested_by,
            "reason_hash": ruling.reason_hash, "tx_hash": ruling.tx_hash, "record": ruling.record()}


def build_evidence(dao: DAO, court: Court, proposal_id: int, dispute_id: int, *,
                   rulings: Iterable[Ruling] = (), artifacts: Any = None,
                   people: Iterable[str] = (), edition: str | None = None) -> EvidencePackage:
    """Gather the evidence of one dispute over one DAO proposal, citing ``edition`` of the Code.

    Parameters
    ----------
    dao, court : DAO, Court
        The DAO and its arbitrator.
    proposal_id, dispute_id : int
        The contested proposal and its dispute.
    rulings : iterable of Ruling
        Records of the human rulings (from the decision channels).
    artifacts : ArtifactSet, optional
        The compiled sources, for their hashes and to verify the deployed code.
    people : iterable of str
        Extra names whose balances to include (members and the parties always are).
    edition : str, optional
        ``"code-2026"`` or ``"draft-2025"``; the one in use when ``None``.

    Raises
    ------
    LawError
        For an edition dao-sim does not know.
    """
    with using(edition):
        return _build(dao, court, proposal_id, dispute_id, rulings, artifacts, people)


def _build(dao: DAO, court: Court, proposal_id: int, dispute_id: int, rulings: Iterable[Ruling],
           artifacts: Any, people: Iterable[str]) -> EvidencePackage:
    from dao_sim.compiler import compile_project

    artifacts = artifacts or compile_project()
    session = dao.session
    proposal = dao.proposal(proposal_id)
    info = court.dispute(dispute_id)
    record = dao.dispute_clause.call("disputeRecord", dispute_id)
    opened_by = session.name_of(record[3] if isinstance(record, tuple) else record["openedBy"])
    compensation = int(record[4] if isinstance(record, tuple) else record["compensation"])
    description = next((str(e.args["description"]) for e in session.journal.events("ProposalCreated")
                        if e.address == dao.governor.address and e.args["proposalId"] == proposal_id), "")
    related = {*dao.addresses, court.address}
    entries = [e for e in session.journal
               if e.to in related or any(ev.address in related for ev in e.events)]
    blocks = sorted({e.block for e in entries})
    latest = session.latest_block()
    charter_keccak = "0x" + keccak(text=dao.charter).hex()
    on_chain = "0x" + bytes(dao.contract.call("charterHash")).hex()
    names = [m.name for m in dao.members] + [opened_by, *people]
    names += [name for name, _value, _data in proposal.actions if not name.startswith("0x")]
    balances = {name: session.balance(name) for name in dict.fromkeys(names)}
    balances[f"{dao.name} (treasury)"] = session.balance(dao.address)
    ruling = court.current_ruling(dispute_id)
    from dao_sim.disputes.lifecycle import DAO_RULINGS

    return EvidencePackage(
        title=f"Evidence package: dispute {dispute_id} over proposal {proposal_id} of {dao.name}",
        chain={"engine": session.engine.describe(), "chain_id": session.engine.chain_id,
               "block": latest.number, "timestamp": latest.timestamp},
        dispute={"dispute_id": dispute_id, "arbitrator": court.address, "opened_by": opened_by,
                 "compensation": compensation, "ruling": ruling, "ruling_label": DAO_RULINGS.get(ruling, str(ruling)),
                 "status": info.status.name, "round": info.round, "panel": list(info.panel)},
        proposal={"id": proposal_id, "dao": dao.name, "dao_address": dao.address, "description": description,
                  "state": proposal.state, "for_votes": proposal.for_votes,
                  "against_votes": proposal.against_votes, "abstain_votes": proposal.abstain_votes,
                  "actions": [{"target": t, "value": v, "data": "0x" + d.hex()} for t, v, d in proposal.actions]},
        charter={"text": dao.charter, "keccak": charter_keccak, "on_chain": on_chain,
                 "matches": charter_keccak == on_chain},
        sources={"hashes": dict(artifacts.source_hashes), "compiler": artifacts.compiler_version,
                 "cache_key": artifacts.cache_key,
                 "dao_code_matches": deployed_code_matches(artifacts["DAO"], session.engine.code(dao.address))},
        transactions=[e.to_record() for e in entries],
        blocks=[{"number": b.number, "timestamp": b.timestamp, "hash": b.hash}
                for b in (session.engine.block(n) for n in blocks)],
        balances=balances,
        rulings=[_ruling_dict(r) for r in rulings],
    )
