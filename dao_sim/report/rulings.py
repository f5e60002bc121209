"""A signed-ruling file, told to the person about to sign it or to whoever checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dao_sim.law import Edition, using

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


def signed_ruling_text(signed: SignedRuling, edition: str | Edition | None = None) -> str:
    """The request, then who signed it and what that signature is (and is not) in law, citing
    ``edition`` of the Code (the one in use when ``None``), which the last line names."""
    from dao_sim.disputes.signed_ruling import signature_notice

    with using(edition) as under:
        return "\n".join([
            ruling_request_text(signed.request),
            f"Signed by key {signed.signer}, the panelist's: the content is as signed.",
            signature_notice(),
            under.header,
        ])
