"""Named accounts and labelled contracts: who an address is, for code and for people.

Scenarios, reports and error messages speak of "Aigerim" and "DAO", not of ``0x7E5F…``;
the :class:`AddressBook` translates both ways. Names are case-sensitive, like the names
in a charter; a near miss gets a suggestion rather than a silent guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dao_sim.chain.abi import checksum
from dao_sim.exceptions import ChainError, UnknownMemberError

__all__ = ["DEFAULT_NAMES", "Account", "AddressBook", "default_names", "short_address"]

#: The session's default members, in order: Kazakh names, easy to tell apart in reports.
DEFAULT_NAMES: tuple[str, ...] = (
    "Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan",
    "Saule", "Timur", "Zhanna", "Askar", "Botagoz", "Daniyar", "Aruzhan", "Yerlan",
)


def default_names(count: int) -> tuple[str, ...]:
    """Return ``count`` member names: the defaults, then ``"Member 17"``, ``"Member 18"``...

    Examples
    --------
    >>> default_names(3)
    ('Aigerim', 'Bolat', 'Dana')
    >>> default_names(17)[-1]
    'Member 17'
    """
    extra = tuple(f"Member {i}" for i in range(len(DEFAULT_NAMES) + 1, count + 1))
    return (DEFAULT_NAMES + extra)[:count]


def short_address(address: str) -> str:
    """Shorten an address for people: ``0x1234…abcd``."""
    return f"{address[:6]}…{address[-4:]}"


@dataclass(frozen=True)
class Account:
    """A named account of the session; it signs with a key the engine holds."""

    name: str
    address: str

    def __str__(self) -> str:
        return self.name


class AddressBook:
    """Names of accounts and labels of contracts, with their addresses, both ways."""

    def __init__(self) -> None:
        self._accounts: dict[str, str] = {}
        self._contracts: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._order: list[tuple[str, str]] = []

    def add_account(self, name: str, address: str) -> Account:
        """Name an account; the name must be new and non-empty."""
        self._claim(name)
        address = checksum(address)
        if address in self._names:
            raise ChainError(f"{address} is already named '{self._names[address]}'")
        self._accounts[name] = address
        self._names[address] = name
        self._order.append(("account", name))
        return Account(name, address)

    def add_contract(self, label: str, address: str, *, unique: bool = False) -> str:
        """Label a contract and return the label used.

        A label taken by an earlier contract gets a number (``"Ballot #2"``) unless
        ``unique`` is set, in which case reusing it is an error. A second label for an
        address already labelled is an alias: :meth:`name_of` keeps the first.
        """
        base, n = label, 1
        while label in self._accounts or label in self._contracts:
            if unique:
                raise ChainError(f"the label '{label}' is already in use")
            n += 1
            label = f"{base} #{n}"
        self._claim(label)
        address = checksum(address)
        self._contracts[label] = address
        self._names.setdefault(address, label)
        self._order.append(("contract", label))
        return label

    def _claim(self, name: str) -> None:
        if not isinstance(name, str) or not name.strip():
            raise ChainError(f"a name must be a non-empty string, not {name!r}")
        if name.startswith("0x"):
            raise ChainError(f"a name must not look like an address: '{name}'")
        if name in self._accounts or name in self._contracts:
            raise ChainError(f"the name '{name}' is already in use")

    def account(self, name: str) -> Account:
        """Return the account named ``name``.

        Raises
        ------
        UnknownMemberError
            When no account has that name (with the nearest name as a suggestion).
        """
        address = self._accounts.get(name)
        if address is None:
            raise UnknownMemberError(name, self._accounts)
        return Account(name, address)

    def resolve(self, who: Any) -> str:
        """Return the checksum address of a name, a label, an address or an object with one.

        Raises
        ------
        UnknownMemberError
            For a string that is neither a known name or label nor an address.
        ChainError
            For a mixed-case address whose checksum is wrong (a typo, most likely).
        """
        if isinstance(who, str):
            found = self._accounts.get(who) or self._contracts.get(who)
            if found is not None:
                return found
            if who[:2] in ("0x", "0X") and len(who) == 42:
                try:
                    address = checksum(who)
                except ValueError:
                    raise ChainError(f"'{who}' is not a valid address") from None
                body = who[2:]
                if body != body.lower() and body != body.upper() and who != address:
                    raise ChainError(f"'{who}' has a wrong checksum; did you mean '{address}'?")
                return address
            raise UnknownMemberError(who, self.known())
        attached = getattr(who, "address", None)
        if isinstance(attached, str):
            return attached
        raise ChainError(f"cannot tell which address {who!r} means")

    def name_of(self, address: str) -> str:
        """Return the name or label at ``address``, or its short hex form."""
        name = self._names.get(address)
        if name is None:
            address = checksum(address)
            name = self._names.get(address)
        return name if name is not None else short_address(address)

    def label_of(self, address: str) -> str | None:
        """Return the name or label at ``address``, or ``None`` when nobody is known there."""
        return self._names.get(checksum(address))

    def known(self) -> list[str]:
        """Every name and label, accounts first."""
        return [*self._accounts, *self._contracts]

    def accounts(self) -> list[Account]:
        """The named accounts, in the order they were named."""
        return [Account(n, a) for n, a in self._accounts.items()]

    @property
    def account_count(self) -> int:
        """How many accounts have a name."""
        return len(self._accounts)

    def contracts(self) -> dict[str, str]:
        """Contract labels and their addresses, in the order they were labelled."""
        return dict(self._contracts)

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[str]:
        return iter(self.known())

    def __contains__(self, name: object) -> bool:
        return name in self._accounts or name in self._contracts

    def rewind(self, length: int) -> None:
        """Forget every name given after the first ``length`` (a snapshot was restored)."""
        for kind, name in reversed(self._order[length:]):
            table = self._accounts if kind == "account" else self._contracts
            address = table.pop(name)
            # An alias is always younger than the first name, so it is popped first.
            if self._names.get(address) == name:
                del self._names[address]
        del self._order[length:]
