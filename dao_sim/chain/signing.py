"""Signatures made with a session account's key: EIP-712 typed data and EIP-191 messages.

A human arbitrator's ruling and a member's off-chain consent are signed this way and
checked on-chain with ``ecrecover``. What such a signature proves is limited
(signature-not-handwritten): a bare wallet signature is not a qualified digital signature
(that needs a certified key from an accredited centre), so reports say what was signed and by which key, never that it
equals a handwritten signature.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["sign_message", "sign_typed_data"]


def sign_typed_data(private_key: bytes, domain: Mapping[str, Any], types: Mapping[str, Any],
                    primary_type: str, message: Mapping[str, Any]) -> bytes:
    """Sign EIP-712 typed data; return the 65-byte signature ``r || s || v``.

    Parameters
    ----------
    private_key : bytes
        The signer's 32-byte key.
    domain : dict
        The EIP-712 domain (``name``, ``version``, ``chainId``, ``verifyingContract``...).
    types : dict
        The struct types; ``EIP712Domain`` may be left out, it is derived from ``domain``.
    primary_type : str
        The type of ``message``.
    message : dict
        The values signed.
    """
    from eth_account import Account
    from eth_account.messages import encode_typed_data

    full = {"types": dict(types), "primaryType": primary_type, "domain": dict(domain),
            "message": dict(message)}
    return bytes(Account.sign_message(encode_typed_data(full_message=full),
                                      private_key).signature)


def sign_message(private_key: bytes, message: str | bytes) -> bytes:
    """Sign an EIP-191 personal message (text, or raw bytes); return ``r || s || v``."""
    from eth_account import Account
    from eth_account.messages import encode_defunct

    signable = (encode_defunct(text=message) if isinstance(message, str)
                else encode_defunct(primitive=message))
    return bytes(Account.sign_message(signable, private_key).signature)
