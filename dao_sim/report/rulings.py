"""A signed-ruling file, told to the person about to sign it or to whoever checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dao_sim.law import Edition, using

if TYPE_CHECKING:
    from dao_sim.disputes.signed_ruling import RulingRequest, SignedRuling

__all__ = ["ruling_request_text", "ruling_words", "signed_ruling_text"]


def ruling_words(ruling: int, label: str) -> str:
    """A ruling with the name of its option; a file that names none says so.

    Examples
    --------
    >>> ruling_words(2, "void: the proposal never executes")
    'ruling 2: void: the proposal never executes'
    >>> ruling_words(2, "2")
    'ruling 2 (the file does not say what this option does)'
    """
    named = label.strip()
    if named and named != str(ruling):
        return f"ruling {ruling}: {named}"
    return f"ruling {ruling} (the file does not say what this option does)"


def ruling_request_text(request: RulingRequest) -> str:
    """What the typed data says, in words: the ruling, the reasons, the key, the contract."""
    return "\n".join([
        (f"Dispute {request.dispute_id}, round {request.round}: "
         f"{ruling_words(request.ruling, request.ruling_label)}"),
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
