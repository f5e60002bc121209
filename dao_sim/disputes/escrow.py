"""Deploy and drive the escrow smart agreement (automatic-execution) with its human dispute
clause (human-dispute).

The agreement's terms are fixed at deployment: payer, payee, the data source whose delivery
confirmation releases the deposit, the delivery deadline after which the deposit may be
refunded, and the arbitrator (a :class:`~dao_sim.disputes.arbitrator.Court`) that decides
disputes. Ruling encoding: ``r`` in 1..101 gives the payee ``r - 1`` percent
(:func:`ruling_for_share`); ruling 0 (refused to arbitrate) leaves the deposit frozen until
the parties agree a division or raise a new dispute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum
from typing import Any

from dao_sim.disputes.arbitrator import Court, extra_data
from dao_sim.exceptions import DisputeError

__all__ = [
    "RULING_CHOICES",
    "AgreementState",
    "EscrowAgreement",
    "EscrowTerms",
    "deploy_escrow",
    "ruling_for_share",
    "share_of_ruling",
]

#: Ruling options of the escrow: r in 1..101 pays the payee (r - 1) percent.
RULING_CHOICES = 101


def ruling_for_share(payee_percent: int) -> int:
    """The ruling that gives the payee ``payee_percent`` (0..100) of the deposit.

    Examples
    --------
    >>> ruling_for_share(0), ruling_for_share(30), ruling_for_share(100)
    (1, 31, 101)
    """
    if not 0 <= payee_percent <= 100:
        raise DisputeError(f"the payee's share must be 0..100 percent, not {payee_percent}")
    return payee_percent + 1


def share_of_ruling(ruling: int) -> int | None:
    """The payee's percent a ruling gives; ``None`` for ruling 0 (refused: nothing divided).

    Examples
    --------
    >>> share_of_ruling(31), share_of_ruling(0)
    (30, None)
    """
    if ruling == 0:
        return None
    if not 1 <= ruling <= RULING_CHOICES:
        raise DisputeError(f"escrow rulings run 0..{RULING_CHOICES}, not {ruling}")
    return ruling - 1


class AgreementState(IntEnum):
    """The escrow's state, as in ``IEscrow.AgreementState``."""

    AWAITING_DEPOSIT = 0
    FUNDED = 1
    DISPUTED = 2
    CONTESTED = 3
    RELEASED = 4
    REFUNDED = 5
    DIVIDED = 6


@dataclass(frozen=True)
class EscrowTerms:
    """The terms fixed at deployment, names resolved."""

    payer: str
    payee: str
    data_source: str
    arbitrator: str
    delivery_deadline: int
    terms_uri: str


class EscrowAgreement:
    """A deployed Escrow, driven by the names of the session's accounts."""

    def __init__(self, session: Any, handle: Any, court: Court | None, terms: EscrowTerms
                 ) -> None:
        self.session = session
        self.handle = handle
        self.court = court
        self.terms = terms

    @property
    def address(self) -> str:
        """The agreement's address."""
        return str(self.handle.address)

    def state(self) -> AgreementState:
        """The agreement's state."""
        return AgreementState(self.handle.call("state"))

    def deposit_held(self) -> int:
        """The deposit still held, in wei."""
        return int(self.handle.call("amount"))

    def dispute_id(self) -> int:
        """The arbitrator's id of the open (or last) dispute."""
        return int(self.handle.call("disputeId"))

    def owed_to(self, name: str) -> int:
        """A payment that could not be pushed to ``name`` and waits for them to withdraw."""
        return int(self.handle.call("owedTo", self.session.address(name)))

    def deposit(self, value: int, *, by: str | None = None) -> Any:
        """The payer pays the deposit in (when not paid at deployment)."""
        return self.handle.transact("deposit", sender=by or self.terms.payer, value=value)

    def confirm_delivery(self, reference: bytes = b"\x00" * 32, *, by: str | None = None) -> Any:
        """The data source confirms delivery; the payee is paid in the same transaction."""
        return self.handle.transact("confirmDelivery", reference,
                                    sender=by or self.terms.data_source)

    def refund(self, *, by: str) -> Any:
        """After the deadline without confirmation, anyone returns the deposit to the payer."""
        return self.handle.transact("refund", sender=by)

    def raise_dispute(self, *, by: str, value: int | None = None) -> int:
        """A party puts the agreement before the arbitrator; returns the dispute id.

        ``value`` defaults to the arbitrator's cost for the agreement's panel. Before a
        :class:`Court` the panel is drawn one block later, by ``by``.
        """
        if value is None:
            if self.court is None:
                raise DisputeError("give the fee (value=) for an arbitrator other than a Court")
            value = int(self.court.handle.call("arbitrationCost",
                                               self.handle.call("arbitratorExtraData")))
        entry = self.handle.transact("raiseDispute", sender=by, value=value)
        dispute_id = int(entry.event("DisputeRaised").args["disputeId"])
        if self.court is not None:
            self.court.seat_panel(dispute_id, by=by)
        return dispute_id

    def submit_evidence(self, uri: str, *, by: str) -> Any:
        """A party submits evidence (ERC-1497) for the arbitrator."""
        return self.handle.transact("submitEvidence", uri, sender=by)

    def agree_settlement(self, payee_percent: int, *, by: str) -> Any:
        """A party names a division; when both name the same one, it is paid."""
        return self.handle.transact("agreeSettlement", payee_percent, sender=by)

    def withdraw(self, *, by: str) -> Any:
        """``by`` withdraws a payment that could not be pushed to them."""
        return self.handle.transact("withdraw", sender=by)


def deploy_escrow(session: Any, court: Court | str, *, payer: str, payee: str,
                  data_source: str, amount: int, deadline: str | int | timedelta,
                  terms_uri: str, panel_size: int = 1, exclude_parties: bool = True,
                  deployer: str | None = None, label: str = "Escrow",
                  artifacts: Any = None) -> EscrowAgreement:
    """Deploy an Escrow funded with ``amount`` wei by the payer.

    Parameters
    ----------
    court : Court or str
        The arbitrator (a name, label or address is accepted for another ERC-792 arbitrator).
    payer, payee, data_source : str
        Account names.
    amount : int
        The deposit, paid at deployment by ``deployer`` (the payer by default); 0 leaves
        the agreement awaiting a :meth:`EscrowAgreement.deposit`.
    deadline : duration
        Time from now by which delivery must be confirmed.
    terms_uri : str
        The agreement's text, published as ERC-1497 meta-evidence.
    panel_size : int
        Panel size asked of the arbitrator.
    exclude_parties : bool
        Declare payer, payee and data source to the arbitrator so none sits on the panel
        (the contract also names them through ``hasInterest``).

    Raises
    ------
    TransactionReverted
        ``DisputeClauseMissing`` for a zero arbitrator, and the other constructor checks.
    """
    from dao_sim.chain.timeutil import parse_duration

    if artifacts is None:
        from dao_sim.compiler import compile_project

        artifacts = compile_project()
    arbitrator = court.address if isinstance(court, Court) else session.address(court)
    parties = ([session.address(payer), session.address(payee), session.address(data_source)]
               if exclude_parties else [])
    due = session.now() + parse_duration(deadline)
    handle = session.deploy(artifacts["Escrow"], payer, payee, data_source, arbitrator,
                            extra_data(panel_size, parties), due, terms_uri,
                            sender=deployer or payer, value=amount, label=label)
    terms = EscrowTerms(payer, payee, data_source, session.name_of(arbitrator), due, terms_uri)
    return EscrowAgreement(session, handle, court if isinstance(court, Court) else None, terms)
