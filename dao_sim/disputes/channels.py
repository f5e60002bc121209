"""Human decision channels: how a person's ruling reaches the HumanArbitrator.

Every channel ends in the same place, a ruling cast on-chain for a named panelist, and
returns the same frozen :class:`Ruling` record, which says who decided, through which
channel, what exactly was signed or sent, from which key, and how the holder of that key was
identified. The record never presents a wallet signature as the legal equal of a handwritten
one (signature-not-handwritten): that needs a public key certified by an accredited
certification centre.

- :class:`InteractivePrompt`: the person at the keyboard reads the dispute and the evidence
  and types the ruling and the reasons (rich prompts; input can be injected for tests).
- :class:`ScriptedDecision`: a decision written in a scenario script, recorded as made by
  the named person; sent from their key, or signed with it and relayed.
- :class:`SignedRulingFile`: an EIP-712 ruling the person signed offline (see
  :mod:`dao_sim.disputes.signed_ruling`), checked and relayed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, TextIO

from dao_sim.disputes.arbitrator import REFUSED, Court
from dao_sim.disputes.signed_ruling import (
    load_signed_ruling,
    request_ruling,
    sign_ruling,
    submit_signed_ruling,
)
from dao_sim.exceptions import ForgedRulingError, RulingRefusedError
from dao_sim.law import aside

__all__ = [
    "DecisionChannel",
    "InteractivePrompt",
    "Ruling",
    "ScriptedDecision",
    "SignedRulingFile",
    "ruling_label",
]

def key_notice() -> str:
    """What a ruling's key proves and does not, citing the edition in use when it is written."""
    return ("The chain proves which key acted, not who held it; the holder was identified off-chain "
            "as the attestation records. A wallet key is not a certified signature key, so this is "
            f"not the legal equal of a handwritten signature {aside('signature-not-handwritten')}.")


def ruling_label(ruling: int, labels: Mapping[int, str] | None = None) -> str:
    """The ruling in words: ``labels[ruling]``, "refused to arbitrate" for 0, else the number.

    Examples
    --------
    >>> ruling_label(0), ruling_label(2, {2: "void"}), ruling_label(7)
    ('refused to arbitrate', 'void', '7')
    """
    if labels and ruling in labels:
        return labels[ruling]
    return "refused to arbitrate" if ruling == REFUSED else str(ruling)


@dataclass(frozen=True)
class Ruling:
    """A human ruling as cast on-chain, with the record of how it was made.

    Attributes
    ----------
    dispute_id, round, ruling : int
        What was ruled, in which round.
    ruling_label : str
        The ruling in words.
    decided_by : str
        The natural person who decided (their session name).
    channel : str
        ``"interactive"``, ``"script"`` or ``"signed-file"``.
    reason : str
        The written reasons; ``reason_hash`` is their keccak-256, as recorded on-chain.
    key : str
        The address of the key that sent the transaction or made the signature.
    act : str
        What the key did: sent ``castRuling`` itself, or signed an EIP-712 ``Ruling`` that
        ``relayer`` relayed.
    relayer : str or None
        Who relayed a signed ruling (``None`` for a direct transaction).
    attestation, attested_by : str
        The on-chain identity attestation hash of the key's holder, and who attested it.
    tx_hash : str
        The transaction that put the ruling on-chain.
    """

    dispute_id: int
    round: int
    ruling: int
    ruling_label: str
    decided_by: str
    channel: str
    reason: str
    reason_hash: str
    key: str
    act: str
    relayer: str | None
    attestation: str
    attested_by: str
    tx_hash: str

    def record(self) -> str:
        """The ruling in plain words, for a report: who, what, through what, attested how."""
        how = (f"by a transaction sent from their own key {self.key}" if self.relayer is None
               else f"by an EIP-712 signature made with their key {self.key} and relayed by "
                    f"{self.relayer}")
        verdict = (f"refused to arbitrate (ruling {self.ruling}: '{self.ruling_label}')"
                   if self.ruling == REFUSED else f"ruled '{self.ruling_label}' (ruling {self.ruling})")
        return (f"{self.decided_by} {verdict} in "
                f"dispute {self.dispute_id}, round {self.round}, through the {self.channel} "
                f"channel, {how}; what was signed: {self.act}. The key's holder was identified "
                f"off-chain, attested by {self.attested_by} (hash {self.attestation}). "
                f"Reasons hash {self.reason_hash}; transaction {self.tx_hash}. {key_notice()}")


class DecisionChannel(ABC):
    """A way for a panelist's decision to reach the arbitrator.

    Subclasses set :attr:`CHANNEL` and implement :meth:`decide`.
    """

    CHANNEL: ClassVar[str]

    @abstractmethod
    def decide(self, court: Court, dispute_id: int, panelist: str | None = None, *,
               labels: Mapping[int, str] | None = None, evidence: Sequence[Any] = ()
               ) -> Ruling:
        """Obtain ``panelist``'s ruling on ``dispute_id``, cast it, and return the record.

        Raises
        ------
        RulingRefusedError
            When no valid ruling was obtained.
        ForgedRulingError
            When a signed ruling does not hold.
        TransactionReverted
            When the arbitrator refuses the ruling.
        """

    @staticmethod
    def _record(court: Court, entry: Any, channel: str, labels: Mapping[int, str] | None,
                reason: str, relayer: str | None) -> Ruling:
        cast = entry.event("RulingCast").args
        key = str(cast["arbitrator"])
        person = court.session.name_of(key)
        record = court.record(person)
        ruling = int(cast["ruling"])
        if relayer is None:
            act = (f"castRuling(disputeId={cast['disputeId']}, ruling={ruling}, "
                   f"reasonHash={cast['reasonHash']}) sent to {court.address}")
        else:
            act = (f"EIP-712 Ruling(disputeId={cast['disputeId']}, round={cast['round']}, "
                   f"ruling={ruling}, reasonHash={cast['reasonHash']}) in the domain "
                   f"'dao-sim HumanArbitrator' v1 of {court.address}")
        return Ruling(int(cast["disputeId"]), int(cast["round"]), ruling,
                      ruling_label(ruling, labels), person, channel, reason,
                      str(cast["reasonHash"]), key, act, relayer, record.attestation,
                      record.attested_by, str(entry.tx_hash))


class ScriptedDecision(DecisionChannel):
    """A decision written in a script, recorded as made by the named person.

    Parameters
    ----------
    ruling : int
        The ruling the person made.
    reason : str
        Their written reasons.
    by : str, optional
        The person; may also be given to :meth:`decide` as ``panelist``.
    relayer : str, optional
        When given, the ruling is signed with the person's key (EIP-712) and relayed by
        ``relayer``; otherwise sent from the person's key.
    """

    CHANNEL = "script"

    def __init__(self, ruling: int, reason: str, *, by: str | None = None,
                 relayer: str | None = None) -> None:
        self.ruling = ruling
        self.reason = reason
        self.by = by
        self.relayer = relayer

    def decide(self, court: Court, dispute_id: int, panelist: str | None = None, *,
               labels: Mapping[int, str] | None = None, evidence: Sequence[Any] = ()
               ) -> Ruling:
        person = panelist or self.by
        if person is None:
            raise RulingRefusedError("a scripted decision must name the person who made it")
        if self.by is not None and panelist is not None and panelist != self.by:
            raise RulingRefusedError(f"the script records {self.by}'s decision, not {panelist}'s")
        if self.relayer is None:
            entry = court.cast(dispute_id, self.ruling, by=person, reason=self.reason)
        else:
            request = request_ruling(court, dispute_id, self.ruling, by=person,
                                     reason=self.reason, label=ruling_label(self.ruling, labels))
            signed = sign_ruling(request, session=court.session)
            entry = submit_signed_ruling(signed, court, relayer=self.relayer)
        return self._record(court, entry, self.CHANNEL, labels, self.reason, self.relayer)


class SignedRulingFile(DecisionChannel):
    """A ruling signed offline, read from its file, checked, and relayed by ``relayer``."""

    CHANNEL = "signed-file"

    def __init__(self, path: str | Path, *, relayer: str) -> None:
        self.path = Path(path)
        self.relayer = relayer

    def decide(self, court: Court, dispute_id: int, panelist: str | None = None, *,
               labels: Mapping[int, str] | None = None, evidence: Sequence[Any] = ()
               ) -> Ruling:
        signed = load_signed_ruling(self.path)
        request = signed.request
        if request.dispute_id != dispute_id:
            raise ForgedRulingError(f"the file rules on dispute {request.dispute_id}",
                                    dispute_id=dispute_id)
        if panelist is not None and request.panelist_name != panelist:
            raise ForgedRulingError(f"the file is {request.panelist_name}'s ruling, not "
                                    f"{panelist}'s", dispute_id=dispute_id)
        entry = submit_signed_ruling(signed, court, relayer=self.relayer)
        return self._record(court, entry, self.CHANNEL, labels, request.reason, self.relayer)


class _EndOfInput:
    """Wraps an input stream so that rich's prompt loop stops at the end of input."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def readline(self) -> str:
        line = self._stream.readline()
        if line == "":
            raise RulingRefusedError("the input ended before a ruling was given")
        return line


class InteractivePrompt(DecisionChannel):
    """The person at the keyboard decides, after seeing the dispute and the evidence.

    Parameters
    ----------
    stream : text stream, optional
        Where answers are read from (stdin by default); tests pass ``io.StringIO``.
    console : rich.console.Console, optional
        Where the dispute is shown and questions asked.
    max_attempts : int
        Invalid rulings tolerated before giving up.
    """

    CHANNEL = "interactive"

    def __init__(self, *, stream: TextIO | None = None, console: Any = None,
                 max_attempts: int = 3) -> None:
        from rich.console import Console

        self.stream: Any = None if stream is None else _EndOfInput(stream)
        self.console = console or Console()
        self.max_attempts = max_attempts

    def decide(self, court: Court, dispute_id: int, panelist: str | None = None, *,
               labels: Mapping[int, str] | None = None, evidence: Sequence[Any] = ()
               ) -> Ruling:
        from rich.prompt import Confirm, Prompt

        info = court.dispute(dispute_id)
        if panelist is None:
            raise RulingRefusedError("the interactive channel needs the name of the panelist "
                                     "at the keyboard")
        if panelist not in info.panel:
            raise RulingRefusedError(f"{panelist} does not sit on the panel of dispute "
                                     f"{dispute_id}, round {info.round} ({', '.join(info.panel)})")
        self._show(court, info, panelist, labels, evidence)
        try:
            ruling = self._ask_ruling(Prompt, info.choices, labels)
            reason = Prompt.ask("Your reasons", console=self.console, stream=self.stream)
            label = ruling_label(ruling, labels)
            confirmed = Confirm.ask(
                f"I, {panelist}, give the ruling '{label}' as my own decision. Cast it with my "
                "key?", console=self.console, stream=self.stream)
        except EOFError:
            raise RulingRefusedError("the input ended before a ruling was given") from None
        if not confirmed:
            raise RulingRefusedError(f"{panelist} did not confirm the ruling; nothing was cast")
        entry = court.cast(dispute_id, ruling, by=panelist, reason=reason)
        self.console.print(f"Cast: transaction {entry.tx_hash}")
        return self._record(court, entry, self.CHANNEL, labels, reason, None)

    def _ask_ruling(self, prompt: Any, choices: int, labels: Mapping[int, str] | None) -> int:
        for _ in range(self.max_attempts):
            answer = prompt.ask(f"Your ruling (0-{choices})", console=self.console,
                                stream=self.stream).strip()
            if answer.isdigit() and int(answer) <= choices:
                return int(answer)
            self.console.print(f"'{answer}' is not a ruling between 0 and {choices}.")
        raise RulingRefusedError(f"no valid ruling after {self.max_attempts} attempts")

    def _show(self, court: Court, info: Any, panelist: str, labels: Mapping[int, str] | None,
              evidence: Sequence[Any]) -> None:
        from rich.table import Table

        table = Table(title=f"Dispute {info.dispute_id}: {info.arbitrable}", show_header=False)
        table.add_row("Round", f"{info.round} (panel: {', '.join(info.panel)})")
        table.add_row("You", f"{panelist}, key {court.session.address(panelist)}")
        deadline = datetime.fromtimestamp(info.ruling_deadline, tz=UTC)
        table.add_row("Ruling deadline", f"{deadline:%Y-%m-%d %H:%M} UTC")
        shown = sorted(labels) if labels else range(min(info.choices, 10) + 1)
        table.add_row("Rulings", "; ".join(f"{r} = {ruling_label(r, labels)}" for r in shown)
                      + ("" if labels or info.choices <= 10 else f"; ... up to {info.choices}"))
        for i, item in enumerate(evidence, 1):
            table.add_row(f"Evidence {i}", str(item))
        self.console.print(table)
        self.console.print(key_notice())
