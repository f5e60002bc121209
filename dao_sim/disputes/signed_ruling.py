"""Signed-ruling files: a ruling a panelist signs offline, carried as JSON, relayed by anyone.

The flow has three steps and one file format:

1. :func:`request_ruling` builds the EIP-712 typed data of a ruling from the chain (the
   dispute, its current round, the arbitrator's domain) and :func:`write_ruling_file` writes
   it unsigned: the text a person reads and signs with their own key, offline.
2. :func:`sign_ruling` signs it (with a raw private key, or, in tests, a session account's
   key) and :func:`write_ruling_file` writes the signed file.
3. :func:`load_signed_ruling` reads a signed file and checks it locally: the reasons hash to
   the signed ``reasonHash``, and the signature recovers to the panelist the file names.
   :func:`verify_against_chain` checks it against the arbitrator (domain, round, panel, not
   yet voted, ruling within the choices); :func:`submit_signed_ruling` relays it.

Anything forged or stale raises :class:`~dao_sim.exceptions.ForgedRulingError`, saying why.
A wallet signature shows which key signed; it is not a qualified digital signature
(signature-not-handwritten: equality with a handwritten one needs a public key certified by an
accredited centre).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from eth_account import Account as EthAccount
from eth_account.messages import encode_typed_data
from eth_utils import is_address, to_checksum_address

from dao_sim.disputes.arbitrator import REFUSED, Court, reason_hash
from dao_sim.disputes.options import ruling_options
from dao_sim.exceptions import ForgedRulingError, RulingFileError
from dao_sim.files import write_file
from dao_sim.law import aside, current_edition

__all__ = [
    "DOMAIN_NAME",
    "DOMAIN_VERSION",
    "FILE_FORMAT",
    "RULING_TYPES",
    "RulingRequest",
    "SignedRuling",
    "load_signed_ruling",
    "prepare_signing",
    "read_ruling_request",
    "request_ruling",
    "sign_ruling",
    "sign_ruling_file",
    "signature_notice",
    "signed_path_for",
    "submit_signed_ruling",
    "verify_against_chain",
    "write_ruling_file",
]

FILE_FORMAT = "dao-sim/ruling/1"
DOMAIN_NAME = "dao-sim HumanArbitrator"
DOMAIN_VERSION = "1"
RULING_TYPES: dict[str, list[dict[str, str]]] = {
    "Ruling": [
        {"name": "disputeId", "type": "uint256"},
        {"name": "round", "type": "uint256"},
        {"name": "ruling", "type": "uint256"},
        {"name": "reasonHash", "type": "bytes32"},
    ],
}
_DOMAIN_TYPE = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
def signature_notice() -> str:
    """What a wallet signature on a ruling is not, citing the edition in use when it is written."""
    return ("This is a wallet signature: it shows which key signed this ruling. It is not by itself "
            "a qualified digital signature: only a signature whose public key is certified by an "
            "accredited certification centre equals a handwritten one "
            f"{aside('signature-not-handwritten')}.")


@dataclass(frozen=True)
class RulingRequest:
    """An unsigned ruling: what a panelist is asked to sign.

    Attributes
    ----------
    chain_id, arbitrator : int, str
        The EIP-712 domain: chain and the HumanArbitrator's address.
    dispute_id, round, ruling : int
        What is ruled, in which round.
    ruling_label : str
        The ruling in words ("void"), for the person signing.
    reason : str
        The written reasons; their keccak-256 hash is what is signed.
    panelist, panelist_name : str
        The key expected to sign and the name of its holder.
    """

    chain_id: int
    arbitrator: str
    dispute_id: int
    round: int
    ruling: int
    ruling_label: str
    reason: str
    panelist: str
    panelist_name: str

    @property
    def reason_hash(self) -> bytes:
        """keccak-256 of :attr:`reason`."""
        return reason_hash(self.reason)

    def domain(self) -> dict[str, Any]:
        """The EIP-712 domain."""
        return {"name": DOMAIN_NAME, "version": DOMAIN_VERSION, "chainId": self.chain_id,
                "verifyingContract": self.arbitrator}

    def message(self) -> dict[str, Any]:
        """The EIP-712 ``Ruling`` message."""
        return {"disputeId": self.dispute_id, "round": self.round, "ruling": self.ruling,
                "reasonHash": "0x" + self.reason_hash.hex()}

    def typed_data(self) -> dict[str, Any]:
        """The full EIP-712 document (``eth_signTypedData_v4`` shape)."""
        return {"types": {"EIP712Domain": _DOMAIN_TYPE, **RULING_TYPES},
                "primaryType": "Ruling", "domain": self.domain(), "message": self.message()}

    def recover(self, signature: bytes) -> str:
        """The address whose key made ``signature`` over this ruling.

        Raises
        ------
        ForgedRulingError
            When the signature is malformed.
        """
        try:
            signable = encode_typed_data(full_message=_signable(self.typed_data()))
            return str(EthAccount.recover_message(signable, signature=signature))
        except Exception as exc:  # noqa: BLE001  eth-keys raises several types for malformed signatures
            raise ForgedRulingError(f"the signature is malformed ({exc})",
                                    dispute_id=self.dispute_id) from None


@dataclass(frozen=True)
class SignedRuling:
    """A ruling with its signature, checked to come from :attr:`RulingRequest.panelist`."""

    request: RulingRequest
    signature: bytes

    @property
    def signer(self) -> str:
        """The key that signed (equal to the request's panelist once loaded)."""
        return self.request.recover(self.signature)


def _signable(typed: dict[str, Any]) -> dict[str, Any]:
    """eth-account wants ``bytes32`` values as bytes, not hex."""
    message = dict(typed["message"])
    message["reasonHash"] = bytes.fromhex(str(message["reasonHash"])[2:])
    return {**typed, "message": message}


def request_ruling(court: Court, dispute_id: int, ruling: int, *, by: str, reason: str,
                   label: str | None = None) -> RulingRequest:
    """Build the ruling ``by`` is to sign for the dispute's current round.

    ``label`` says what the ruling does, for the person signing; by default it is read from
    the contract that opened the dispute (:func:`~dao_sim.disputes.options.ruling_options`),
    and is the bare number only for a contract dao-sim does not know.

    Raises
    ------
    ForgedRulingError
        When ``by`` does not sit on the current panel or ``ruling`` exceeds the choices:
        nobody should be asked to sign what the arbitrator will refuse.
    """
    info = court.dispute(dispute_id)
    if by not in info.panel:
        raise ForgedRulingError(f"{by} does not sit on the panel of round {info.round} "
                                f"({', '.join(info.panel)})", dispute_id=dispute_id)
    if ruling > info.choices:
        raise ForgedRulingError(f"ruling {ruling} exceeds the {info.choices} choices",
                                dispute_id=dispute_id)
    if label is None:
        label = ruling_options(court, dispute_id).get(ruling) or (
            "refused to arbitrate" if ruling == REFUSED else str(ruling))
    domain = court.domain()
    return RulingRequest(domain["chainId"], domain["verifyingContract"], dispute_id, info.round,
                         ruling, label, reason, court.session.address(by), by)


def sign_ruling(request: RulingRequest, *, private_key: bytes | str | None = None,
                session: Any = None) -> SignedRuling:
    """Sign a ruling with a raw private key, or with the session account named in it.

    The key must be the panelist's own (keys-not-shared: keys are not handed to others); in tests
    the session holds every account's key.
    """
    if private_key is None:
        if session is None:
            raise ForgedRulingError("sign_ruling needs a private key or a session")
        typed = _signable(request.typed_data())
        types = {k: v for k, v in typed["types"].items() if k != "EIP712Domain"}
        signature = session.sign_typed_data(request.panelist_name, typed["domain"], types,
                                            "Ruling", typed["message"])
    else:
        signable = encode_typed_data(full_message=_signable(request.typed_data()))
        signature = bytes(EthAccount.sign_message(signable, private_key).signature)
    return SignedRuling(request, bytes(signature))


def prepare_signing(request_path: str | Path, key_path: str | Path) -> tuple[RulingRequest, str]:
    """Read an unsigned ruling file and the panelist's key, and check that they belong together.

    Nothing is signed: the caller shows the request to the person first (``dao-sim ruling
    sign`` asks them to confirm), then calls :func:`sign_ruling` with the key.

    Returns
    -------
    (RulingRequest, str)
        The request, and the private key in hex.

    Raises
    ------
    RulingFileError
        An unreadable request or key file, or a request that is already signed.
    ForgedRulingError
        A key that is not the panelist's.
    """
    request, signature = read_ruling_request(request_path)
    if signature is not None:
        raise RulingFileError(request_path, "is already signed")
    try:
        key = Path(key_path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise RulingFileError(key_path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        holder = EthAccount.from_key(key).address
    except ValueError as exc:
        raise RulingFileError(key_path, f"does not hold a private key in hex ({type(exc).__name__})") from None
    if holder != request.panelist:
        raise ForgedRulingError(f"the key in {key_path} is {holder}'s, but the ruling must be signed by "
                                f"the panelist {request.panelist_name} ({request.panelist})",
                                dispute_id=request.dispute_id)
    return request, key


def signed_path_for(request_path: str | Path) -> Path:
    """Where a signed ruling goes by default: ``ruling.json`` -> ``ruling.signed.json``.

    Examples
    --------
    >>> signed_path_for("rulings/ruling.json").as_posix()
    'rulings/ruling.signed.json'
    """
    source = Path(request_path)
    return source.with_name(f"{source.stem}.signed.json")


def sign_ruling_file(request_path: str | Path, key_path: str | Path,
                     out_path: str | Path | None = None) -> tuple[SignedRuling, Path]:
    """Sign an unsigned ruling file offline with the panelist's key, read from ``key_path``.

    The key stays in a file the person controls (never on a command line, where other users
    of the machine can read it; keys-not-shared). It must be the panelist's own: a key of anyone else
    is refused before anything is signed.

    Returns
    -------
    (SignedRuling, Path)
        The signed ruling and where it was written (:func:`signed_path_for` by default).

    Raises
    ------
    RulingFileError
        An unreadable request or key file, or a request that is already signed.
    ForgedRulingError
        A key that is not the panelist's.
    FileWriteError
        When the signed file cannot be written.
    """
    request, key = prepare_signing(request_path, key_path)
    signed = sign_ruling(request, private_key=key)
    target = Path(out_path) if out_path is not None else signed_path_for(request_path)
    return signed, write_ruling_file(signed, target)


def write_ruling_file(ruling: RulingRequest | SignedRuling, path: str | Path) -> Path:
    """Write an unsigned request or a signed ruling as JSON (whole or not at all); return the path.

    Raises
    ------
    FileWriteError
        When the file cannot be written; the message names the path and the reason.
    """
    if isinstance(ruling, SignedRuling):
        request, signature = ruling.request, "0x" + ruling.signature.hex()
    else:
        request, signature = ruling, None
    document = {
        "format": FILE_FORMAT,
        "notice": signature_notice(),
        "law": current_edition().header,
        "panelist": {"name": request.panelist_name, "address": request.panelist},
        "rulingLabel": request.ruling_label,
        "reason": request.reason,
        "typedData": request.typed_data(),
        "signature": signature,
    }
    what = "the signed ruling" if signature is not None else "the ruling file"
    return write_file(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n", what=what)


def read_ruling_request(path: str | Path) -> tuple[RulingRequest, bytes | None]:
    """Read a ruling file: the request, and its signature when it has one.

    Raises
    ------
    RulingFileError
        When the file is unreadable or not in :data:`FILE_FORMAT`.
    ForgedRulingError
        When its typed data is not a dao-sim ruling or the reasons do not hash to the
        signed ``reasonHash``.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RulingFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise RulingFileError(path, f"cannot be read as JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise RulingFileError(path, f"not a '{FILE_FORMAT}' file")
    try:
        typed = document["typedData"]
        domain, message = typed["domain"], typed["message"]
        panelist = document["panelist"]
        reason = str(document["reason"])
        request = RulingRequest(int(domain["chainId"]), str(domain["verifyingContract"]),
                                int(message["disputeId"]), int(message["round"]),
                                int(message["ruling"]), str(document.get("rulingLabel", "")),
                                reason, str(panelist["address"]), str(panelist["name"]))
        signed_hash = str(message["reasonHash"]).lower()
        signature_hex = document.get("signature")
    except (KeyError, TypeError, ValueError) as exc:
        raise RulingFileError(path, f"missing or malformed field {exc}") from None
    dispute_id = request.dispute_id
    if typed.get("primaryType") != "Ruling" or typed.get("types", {}).get("Ruling") != \
            RULING_TYPES["Ruling"]:
        raise ForgedRulingError("the signed data is not a dao-sim Ruling", dispute_id=dispute_id)
    if (domain.get("name"), domain.get("version")) != (DOMAIN_NAME, DOMAIN_VERSION):
        raise ForgedRulingError(f"the signing domain is {domain.get('name')!r} "
                                f"v{domain.get('version')}, not {DOMAIN_NAME!r} "
                                f"v{DOMAIN_VERSION}", dispute_id=dispute_id)
    if not is_address(request.panelist) or not is_address(request.arbitrator):
        raise RulingFileError(path, "panelist or verifyingContract is not an address")
    if signed_hash != "0x" + request.reason_hash.hex():
        raise ForgedRulingError("the reasons in the file are not the reasons that were signed "
                                "(their hash differs from reasonHash)", dispute_id=dispute_id)
    request = replace(request, panelist=to_checksum_address(request.panelist),
                      arbitrator=to_checksum_address(request.arbitrator))
    if signature_hex is None:
        return request, None
    try:
        signature = bytes.fromhex(str(signature_hex).removeprefix("0x"))
    except ValueError:
        raise ForgedRulingError("the signature is not hex", dispute_id=dispute_id) from None
    return request, signature


def load_signed_ruling(path: str | Path) -> SignedRuling:
    """Read a signed ruling file and check, without the chain, that the panelist it names
    signed exactly this ruling.

    Raises
    ------
    RulingFileError
        Unreadable file, or a file that is not signed.
    ForgedRulingError
        Altered content, a malformed signature, or one made by another key.
    """
    request, signature = read_ruling_request(path)
    if signature is None:
        raise RulingFileError(path, "the ruling is not signed")
    signer = request.recover(signature)
    if signer != request.panelist:
        raise ForgedRulingError(
            f"signed by key {signer}, not by the panelist {request.panelist_name} "
            f"({request.panelist}): the key is wrong or the content was altered after signing",
            dispute_id=request.dispute_id)
    return SignedRuling(request, signature)


def verify_against_chain(signed: SignedRuling, court: Court) -> None:
    """Check a signed ruling against the arbitrator before relaying it.

    Raises
    ------
    ForgedRulingError
        Another arbitrator or chain, a closed round (an old signature), a signer off the
        panel, a panelist who already ruled in the round (a replay), a ruling beyond the
        choices, or a dispute already solved.
    """
    request = signed.request
    dispute_id = request.dispute_id
    domain = court.domain()
    if (request.chain_id, request.arbitrator) != (domain["chainId"],
                                                  domain["verifyingContract"]):
        raise ForgedRulingError(f"signed for arbitrator {request.arbitrator} on chain "
                                f"{request.chain_id}, not {domain['verifyingContract']} on "
                                f"chain {domain['chainId']}", dispute_id=dispute_id)
    info = court.dispute(dispute_id)
    if info.executed:
        raise ForgedRulingError("the dispute is already solved", dispute_id=dispute_id)
    if request.round != info.round:
        raise ForgedRulingError(f"signed for round {request.round}, but the dispute is in "
                                f"round {info.round}: an old round's signature does not count",
                                dispute_id=dispute_id)
    signer_name = court.session.name_of(signed.signer)
    if signer_name not in info.panel:
        raise ForgedRulingError(f"the signer {signer_name} does not sit on the panel of round "
                                f"{info.round}", dispute_id=dispute_id)
    if any(v.arbitrator == signer_name for v in court.votes(dispute_id, info.round)):
        raise ForgedRulingError(f"{signer_name} already ruled in round {info.round}: the "
                                "signature is replayed", dispute_id=dispute_id)
    if request.ruling > info.choices:
        raise ForgedRulingError(f"ruling {request.ruling} exceeds the {info.choices} choices",
                                dispute_id=dispute_id)


def submit_signed_ruling(signed: SignedRuling, court: Court, *, relayer: str) -> Any:
    """Verify a signed ruling against the chain, then relay it from ``relayer``'s account.

    Returns the journal entry of ``submitSignedRuling``.
    """
    verify_against_chain(signed, court)
    request = signed.request
    return court.submit_signed(request.dispute_id, request.round, request.ruling,
                               request.reason_hash, signed.signature, relayer=relayer)
