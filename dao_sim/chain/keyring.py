"""The keys of the accounts an in-process engine created, in order of creation.

Both in-process engines hold their accounts' private keys, derive them the same way (the n-th
account's key is n) and answer :meth:`~dao_sim.chain.base.Engine.accounts`,
:meth:`~dao_sim.chain.base.Engine.private_key` and
:meth:`~dao_sim.chain.base.Engine.add_account` alike; this is that part, once.
"""

from __future__ import annotations

from typing import Any

from eth_keys import keys

from dao_sim.chain.abi import checksum
from dao_sim.exceptions import ChainError

__all__ = ["KeyRing"]


class KeyRing:
    """Mixed into an engine before :class:`~dao_sim.chain.base.Engine`; the engine calls
    :meth:`_init_keys` in its constructor and :meth:`_remember` for each new account."""

    _keys: dict[str, Any]
    _accounts: list[str]

    def _init_keys(self) -> None:
        self._keys = {}
        self._accounts = []

    @staticmethod
    def _derive(index: int) -> Any:
        """The key of the ``index``-th account (from 1), the same on every engine."""
        return keys.PrivateKey(index.to_bytes(32, "big"))

    def _remember(self, key: Any) -> str:
        """Hold a new account's key; return its checksum address."""
        address = key.public_key.to_checksum_address()
        self._keys[address] = key
        self._accounts.append(address)
        return address

    def accounts(self) -> list[str]:
        return list(self._accounts)

    def private_key(self, address: str) -> bytes:
        key = self._keys.get(checksum(address))
        if key is None:
            raise ChainError(f"{type(self).__name__} holds no key for {address}")
        return bytes(key.to_bytes())

    def add_account(self, balance: int | None = None) -> str:
        return self.add_accounts(1, balance)[0]

    def add_accounts(self, count: int, balance: int | None = None) -> list[str]:  # pragma: no cover
        raise NotImplementedError
