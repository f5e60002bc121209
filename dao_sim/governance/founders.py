"""The founding list, published on-chain as one Merkle root.

A DAO's constructor takes the root of a Merkle tree of (founder, contribution) pairs instead of
the list itself, so founding costs the same gas for three founders or a thousand; each founder
then joins with their own key, paying their contribution and showing their proof. The tree is
OpenZeppelin's ``MerkleProof`` convention: leaves are ``keccak(keccak(abi.encode(address,
uint256)))`` and each pair of nodes is hashed in sorted order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from eth_abi import encode
from eth_utils import keccak, to_checksum_address

from dao_sim.exceptions import SpecError

__all__ = ["FoundingList"]


def _leaf(address: str, contribution: int) -> bytes:
    return keccak(keccak(encode(["address", "uint256"], [address, contribution])))


def _pair(a: bytes, b: bytes) -> bytes:
    return keccak(a + b) if a <= b else keccak(b + a)


@dataclass(frozen=True)
class FoundingList:
    """Founders' addresses and contributions (wei), with the tree over them.

    Examples
    --------
    >>> founders = FoundingList.of([("0x" + "11" * 20, 10), ("0x" + "22" * 20, 5)])
    >>> len(founders.root), len(founders.proof("0x" + "11" * 20))
    (32, 1)
    """

    entries: tuple[tuple[str, int], ...]
    _layers: tuple[tuple[bytes, ...], ...] = field(repr=False, compare=False)

    @classmethod
    def of(cls, entries: Sequence[tuple[str, int]]) -> FoundingList:
        """Build the list; addresses are checksummed, each may appear once."""
        normalised = tuple((to_checksum_address(a), int(c)) for a, c in entries)
        seen: set[str] = set()
        for address, _ in normalised:
            if address in seen:
                raise SpecError(f"members: {address} is listed twice")
            seen.add(address)
        if not normalised:
            raise SpecError("members: a DAO needs at least one founding member")
        layer = tuple(_leaf(a, c) for a, c in normalised)
        layers = [layer]
        while len(layer) > 1:
            layer = tuple(_pair(layer[i], layer[i + 1]) if i + 1 < len(layer) else layer[i]
                          for i in range(0, len(layer), 2))
            layers.append(layer)
        return cls(normalised, tuple(layers))

    @property
    def root(self) -> bytes:
        """The Merkle root the contract stores."""
        return self._layers[-1][0]

    def contribution(self, address: str) -> int:
        """The contribution the list names for ``address``."""
        return self.entries[self._index(address)][1]

    def proof(self, address: str) -> list[bytes]:
        """The sibling hashes from ``address``'s leaf to the root."""
        index = self._index(address)
        proof = []
        for layer in self._layers[:-1]:
            sibling = index ^ 1
            if sibling < len(layer):
                proof.append(layer[sibling])
            index //= 2
        return proof

    def _index(self, address: str) -> int:
        wanted = to_checksum_address(address)
        for i, (a, _) in enumerate(self.entries):
            if a == wanted:
                return i
        raise SpecError(f"members: {address} is not on the founding list")

    def __len__(self) -> int:
        return len(self.entries)
