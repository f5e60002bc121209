"""The DAO's joint bank account for settlements with third parties (joint-account), off-chain.

The draft said such an account *may* be opened at a bank for all or several participants; the
Code in force says nothing of it. Either way it is optional, so this is an optional dao-sim
module, not a legal requirement. The money sits
at a bank, outside the smart contract; this ledger is dao-sim's record of it. What it adds
is the link back to the DAO: the signatories are the ones an executed proposal named, and
every payment out cites an executed proposal, checked on the chain through a
:class:`DecisionSource`, because a DAO's decisions are all taken by its members' vote
(vote-only-decisions). The cap on what one proposal pays out, recorded with
:meth:`JointAccount.authorise`, is a dao-sim rule.

A "signature" here records which named signatory approved a payment. It is not a digital
signature in the sense of signature-not-handwritten, and a report must not present it as one.

Examples
--------
>>> class Chain:
...     def executed_proposal(self, proposal_id):
...         return ExecutedDecision(proposal_id, "open the account", 1_700_000_000, "0x01")
...     def proposal_state(self, proposal_id):
...         return "Executed"
>>> people = [Signatory("Aida", "0x" + "a1" * 20), Signatory("Bolat", "0x" + "b2" * 20)]
>>> account = JointAccount.open(":memory:", bank="Halyk Bank", iban="KZ86125KZT5004100100",
...     dao_address="0x" + "d0" * 20, signatories=people, required_signatures=2,
...     decision_id=1, decisions=Chain())
>>> _ = account.deposit(tenge("50000"), payer="Aida", reference="HB-0001")
>>> _ = account.authorise(2, "Printing LLP", tenge("12000.50"))
>>> _ = account.disburse(2, payee="Printing LLP", amount=tenge("12000.50"),
...     purpose="leaflets", signed_by=["Aida", "Bolat"])
>>> format_tenge(account.balance())
'37999.50'
"""

from .ledger import EXPORT_COLUMNS, JointAccount
from .money import MAX_AMOUNT, TIYN_PER_TENGE, format_tenge, tenge, validate_kz_iban
from .records import (
    AccountDetails,
    Authorisation,
    DecisionSource,
    Deposit,
    Disbursement,
    ExecutedDecision,
    Signatory,
    Statement,
    StatementLine,
)

__all__ = [
    "EXPORT_COLUMNS",
    "MAX_AMOUNT",
    "TIYN_PER_TENGE",
    "AccountDetails",
    "Authorisation",
    "DecisionSource",
    "Deposit",
    "Disbursement",
    "ExecutedDecision",
    "JointAccount",
    "Signatory",
    "Statement",
    "StatementLine",
    "format_tenge",
    "tenge",
    "validate_kz_iban",
]
