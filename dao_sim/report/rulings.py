"""A signed-ruling file, told to the person about to sign it or to whoever checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dao_sim.disputes.signed_ruling import RulingRequest, SignedRuling

__all__ = ["ruling_request_text", "signed_ruling_text"]


def ruling_request_text(request: RulingRequest) -> str:
    """What the typed data says, in words: the ruling, the reasons, the key, the contract."""
    return "\n".join([
        f"Dispute {request.dispute_id}, round {request.round}: ruling {request.ruling}"
        + (f" ({request.ruling_label})" if request.ruling_label else ""),
        f"Reasons: {request.reason}",
        f"Panelist: {request.panelist_name} ({request.panelist})",
        f"Arbitrator contract: {request.arbitrator} on chain {request.chain_id}",
    ])


def signed_ruling_text(signed: SignedRuling) -> str:
    """The request, then who signed it and what that signature is (and is not) in law."""
    from dao_sim.disputes.signed_ruling import SIGNATURE_NOTICE

    return "\n".join([
        ruling_request_text(signed.request),
        f"Signed by key {signed.signer}, the panelist's: the content is as signed.",
        SIGNATURE_NOTICE,
    ])
