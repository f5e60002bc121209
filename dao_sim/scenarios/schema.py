"""The scenario format, defined once: a JSON Schema written as Python data.

Why JSON Schema as data rather than dataclasses: a scenario step is a one-key mapping whose
key picks the step's shape, values carry units and references that only make sense in the
file's own terms, and the same definition must both validate (with :mod:`jsonschema`) and
write the reference page (:mod:`dao_sim.scenarios.docs`). Plain data serves all three with no
generator in between. Every node carries a ``description``; dao-sim adds three keywords that
JSON Schema ignores as annotations:

- ``format``: ``amount``, ``signed-amount``, ``duration``, ``percent``, ``multiple`` (checked by
  the loader's format checker, with the reader's own message);
- ``x-ref``: the value (or, under ``propertyNames``, the key) names a ``person`` of the scenario,
  or a ``proposal``, ``claim``, ``dispute``, ``decision`` or ``escrow`` an earlier step named;
- ``x-defines``: the value is the name a step gives the thing it creates.

No ``oneOf``/``anyOf``: their errors cannot say which alternative the writer meant, so choices
between fields are checked by the loader with a sentence instead.
"""

from __future__ import annotations

from typing import Any

from dao_sim.governance.errors import PROPOSAL_STATES
from dao_sim.law import EDITIONS

__all__ = ["ACTIONS", "EXPECTATIONS", "SCHEMA", "STEPS", "STEP_GROUPS"]

Schema = dict[str, Any]

_NAME = r"^[A-Za-z0-9][A-Za-z0-9 ._'-]*$"
_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"


def _text(description: str, *, one_line: bool = False) -> Schema:
    node: Schema = {"type": "string", "description": description}
    if one_line:
        node["pattern"] = r"^[^\n]*$"
    return node


def _fmt(fmt: str, description: str) -> Schema:
    return {"type": "string", "format": fmt, "description": description}


def _ref(kind: str, description: str) -> Schema:
    return {"type": "string", "x-ref": kind, "description": description}


def _defines(kind: str, description: str) -> Schema:
    return {"type": "string", "pattern": _ID, "x-defines": kind, "description": description}


def _enum(values: list[Any], description: str) -> Schema:
    return {"enum": values, "description": description}


def _obj(properties: dict[str, Schema], required: tuple[str, ...] = (), description: str = "",
         *, nullable: bool = False) -> Schema:
    return {"type": ["object", "null"] if nullable else "object", "properties": properties,
            "required": list(required), "additionalProperties": False, "description": description}


def _by_name(kind: str, value: Schema, description: str) -> Schema:
    return {"type": "object", "propertyNames": {"x-ref": kind}, "additionalProperties": value,
            "description": description}


def _person(description: str) -> Schema:
    return _ref("person", description)


_REFUSAL = {"type": "string", "pattern": r"^[A-Z][A-Za-z0-9]*$", "description": (
    "The step must be refused with this error (the contract's error name, such as NotAMember, "
    "or a dao-sim error class such as DisputeError); the run fails if it is not.")}

_RULES: dict[str, Schema] = {
    "voting_rule": _enum(["one-member-one-vote", "contribution-weighted"],
                         "How votes count (default one-member-one-vote)."),
    "quorum": _fmt("percent", "Share of all voting power that must vote (default 50%)."),
    "approval": _fmt("percent", "For must be more than this share of For + Against (default 50%)."),
    "amendment_consent": _fmt("percent", "Share of all voting power that must vote For an amendment "
                              "(default 100%: unanimity)."),
    "voting_delay": _fmt("duration", "Time between a proposal and the opening of its vote (default 0 seconds)."),
    "voting_period": _fmt("duration", "How long a vote stays open (default 3 days)."),
    "grace_period": _fmt("duration", "Window after a vote passes, for dissenters to exit and for "
                         "disputes (default 2 days)."),
    "execution_window": _fmt("duration", "Time after the grace window in which anyone may execute "
                             "(default 7 days)."),
    "liability_cap": _fmt("multiple", "Each member's cap as a multiple of their contribution (default 1x)."),
    "expulsion_allowed": {"type": "boolean", "description": "Whether members may vote to expel a "
                          "member, who is always paid their share (default false)."},
    "claim_bond": _fmt("percent", "Bond a claimant pays, as a share of the amount claimed (default 5%)."),
    "min_claim_bond": _fmt("amount", "The least bond a claim costs (default 0.01 ETH)."),
    "dues": _obj({"amount": _fmt("amount", "Dues per period."),
                  "period": _fmt("duration", "How often dues fall due.")}, ("amount", "period"),
                 "Periodic dues; missing them suspends voting by an automated decision, which the "
                 "reviewer reviews on request."),
    "reviewer": _person("The natural person who reviews automated decisions (required with dues)."),
    "arbitrator_panel_size": _enum([1, 3], "Arbitrators drawn for each dispute (default 1)."),
    "charter": _text("The charter's text; generated from these rules when omitted."),
    "charter_uri": _text("Where the charter is published (default empty).", one_line=True),
}

DAO: Schema = _obj({
    "name": _text("The DAO's name.", one_line=True),
    "members": _by_name("person", _fmt("amount", "Their contribution."),
                        "Founding members and their contributions, e.g. `Aigerim: 10 ETH`."),
    **_RULES,
    "sandbox": _obj({"term": {"type": "string", "pattern": r"^\s*\d+\s*years?\s*$",
                              "description": "The term, 1 to 5 whole years, e.g. `2 years`."}}, ("term",),
                    "An experimental legal regime, as only the draft edition provides (requirement "
                    "sandbox): participants `acknowledge` its terms before joining, and after the term "
                    "the DAO only winds down."),
}, ("name", "members"), "The DAO's charter, as `DAOSpec` takes it.")

ARBITRATOR: Schema = _obj({
    "label": _text("What the chain calls the arbitrator contract (default HumanArbitrator).", one_line=True),
    "roster": {"type": "array", "minItems": 1, "description": "The natural persons who decide disputes.",
               "items": _obj({
                   "name": _person("The arbitrator, one of `people`."),
                   "identified": _text("How their identity was checked; kept off-chain, only its "
                                       "salted hash is recorded.", one_line=True),
                   "attested_by": _person("Who attests that identification."),
               }, ("name", "identified", "attested_by"), "One person on the roster.")},
    "fee": _fmt("amount", "Fee per panelist to open a dispute (default 0 ETH)."),
    "appeal_fee": _fmt("amount", "Fee per panelist of an appeal panel (default 0 ETH)."),
    "ruling_period": _fmt("duration", "Time a panel has to rule (default 7 days)."),
    "appeal_window": _fmt("duration", "Time a ruling stays open to appeal (default 3 days)."),
}, ("roster",), "The human arbitrator every DAO and agreement names (requirement human-dispute).")

_WORDS = ["uphold", "void", "remedy", "refuse"]

ACTIONS: dict[str, Schema] = {
    "pay": _obj({"to": _person("Who is paid."), "amount": _fmt("amount", "How much.")},
                ("to", "amount"), "Pay from the free treasury."),
    "admit": _obj({"candidate": _person("Who may join."),
                   "contribution": _fmt("amount", "What they pay when they join.")},
                  ("candidate", "contribution"), "Offer membership; the candidate then joins with a `join` step."),
    "call_capital": _obj({"share": _fmt("percent", "Share of each member's contribution called.")},
                         ("share",), "Call capital from every member, never beyond their liability cap."),
    "expel": _obj({"member": _person("Who is expelled.")}, ("member",),
                  "Expel a member (if the charter allows), crediting them their share."),
    "settle_claim": _obj({"claim": _ref("claim", "The claim, by the name its `claim` step gave it.")},
                         ("claim",), "Recognise a claim and pay it from the treasury."),
    "reject_claim": _obj({"claim": _ref("claim", "The claim, by name.")}, ("claim",),
                         "Reject a claim; its bond goes to the treasury."),
}

_AMEND = _obj({"name": _text("The successor DAO's name.", one_line=True), **_RULES}, ("name",),
              "An amendment: a successor DAO with these rules changed is deployed and published, "
              "and the proposal migrates to it; once executed, later steps act on the successor.")

_ACTION_ITEM: Schema = {"type": "object", "minProperties": 1, "maxProperties": 1,
                        "propertyNames": {"enum": list(ACTIONS)}, "properties": ACTIONS,
                        "description": "One action, a one-key mapping such as `pay: {to: Erlan, amount: 2 ETH}`."}


def _step(properties: dict[str, Schema], required: tuple[str, ...], description: str, *,
          refusable: bool = True, nullable: bool = False) -> Schema:
    fields = {**properties, **({"expect_refusal": _REFUSAL} if refusable else {})}
    return _obj(fields, required, description, nullable=nullable)


_BY = _person("Who acts (sends the transaction from their own key).")
_IF_POSSIBLE = {"type": "boolean", "description": (
    "Try, and if the contract refuses, tell why and go on: for a story whose outcome a person at "
    "the keyboard decides (after an `ask` ruling, the payment may or may not be executable).")}

STEPS: dict[str, Schema] = {
    "found": _step({"by": _person("Who sends the deployment (default: the first member); it grants no power.")},
                   (), "Deploy the DAO of the `dao` section; each founder pays in their contribution.",
                   nullable=True),
    "acknowledge": _step({"by": _BY}, ("by",), "A participant acknowledges the sandbox terms of the "
                         "`dao` section's charter, on chain, from their own key (before founding or joining)."),
    "join": _step({"by": _BY}, ("by",), "A founder, or a candidate a passed proposal admitted, joins and pays in."),
    "contribute": _step({"by": _BY, "amount": _fmt("amount", "How much more they put in.")}, ("by", "amount"),
                        "A member adds to their contribution (and so to their cap)."),
    "propose": _step({
        "id": _defines("proposal", "The name later steps use for this proposal."),
        "by": _BY,
        "description": _text("What the proposal is for.", one_line=True),
        "actions": {"type": "array", "minItems": 1, "items": _ACTION_ITEM,
                    "description": "What it does when executed (give this or `amend`)."},
        "amend": _AMEND,
    }, ("id", "by"), "A member proposes actions, or an amendment."),
    "vote": _step({"by": _BY, "proposal": _ref("proposal", "The proposal, by name."),
                   "support": _enum(["for", "against", "abstain"], "The ballot.")},
                  ("by", "proposal", "support"), "A member votes."),
    "wait": {**_fmt("duration", "How much time passes."),
             "description": "Time passes, e.g. `wait: 3 days` (one block is mined that much later)."},
    "execute": _step({"proposal": _ref("proposal", "The proposal, by name."), "by": _BY, "if_possible": _IF_POSSIBLE},
                     ("proposal", "by"), "Anyone triggers the execution of a proposal whose grace window is over."),
    "exit": _step({"by": _BY}, ("by",), "A member leaves with their share, net of reserved claims."),
    "claim": _step({"id": _defines("claim", "The name later steps use for this claim."), "by": _BY,
                    "amount": _fmt("amount", "How much is claimed."),
                    "description": _text("What the claim is for.", one_line=True)},
                   ("id", "by", "amount"), "A third party files a claim against the DAO, paying its bond."),
    "withdraw": _step({"by": _BY, "if_possible": _IF_POSSIBLE}, ("by",),
                      "Someone withdraws what the DAO credited them."),
    "pay_capital": _step({"by": _BY, "amount": _fmt("amount", "How much (default: all that is owed).")},
                         ("by",), "A member pays a capital call."),
    "pay_dues": _step({"by": _BY}, ("by",), "A member pays one period of dues."),
    "enforce_dues": _step({"id": _defines("decision", "The name later steps use for the automated decision."),
                           "member": _person("Whose dues are enforced."), "by": _BY},
                          ("id", "member", "by"), "Anyone applies the dues rule: an automated decision."),
    "request_review": _step({"decision": _ref("decision", "The automated decision, by name."), "by": _BY},
                            ("decision", "by"), "The affected member asks for human review "
                            "(requirement automated-decision-rights)."),
    "review": _step({"decision": _ref("decision", "The automated decision, by name."),
                     "by": _person("The reviewer the charter names."),
                     "outcome": _enum(["confirm", "reverse"], "The human reviewer's decision."),
                     "reasons": _text("The reviewer's reasons (hashed on-chain).")},
                    ("decision", "by", "outcome", "reasons"), "The human reviewer decides a review."),
    "dispute": _step({
        "id": _defines("dispute", "The name later steps use for this dispute."), "by": _BY,
        "proposal": _ref("proposal", "A proposal in its grace window (give this or `escrow`)."),
        "escrow": _ref("escrow", "An escrow agreement (give this or `proposal`)."),
        "compensation": _fmt("amount", "Compensation asked if the ruling is a remedy (proposals only)."),
        "evidence": _text("Where the disputer's evidence is published.", one_line=True),
    }, ("id", "by"), "Open a dispute before the human arbitrator; a panel is drawn."),
    "evidence": _step({"dispute": _ref("dispute", "The dispute, by name."), "by": _BY,
                       "uri": _text("Where the evidence is published.", one_line=True)},
                      ("dispute", "by", "uri"), "Publish evidence for a dispute."),
    "rule": _step({
        "dispute": _ref("dispute", "The dispute, by name."),
        "by": _person("The panelist who rules (default: the first of the panel)."),
        "ruling": _enum(_WORDS, "For a proposal: uphold, void, remedy, or refuse to arbitrate; "
                        "for an escrow only refuse."),
        "payee_share": _fmt("percent", "For an escrow: the payee's share of the deposit."),
        "reasons": _text("The written reasons (hashed on-chain)."),
        "ask": {"type": "boolean", "description": "Ask the person at the keyboard instead of a scripted ruling."},
    }, ("dispute",), "A human arbitrator rules, with reasons."),
    "appeal": _step({"dispute": _ref("dispute", "The dispute, by name."), "by": _BY}, ("dispute", "by"),
                    "Appeal the ruling to a larger panel during the appeal window."),
    "finalise": _step({"dispute": _ref("dispute", "The dispute, by name."), "by": _BY}, ("dispute", "by"),
                      "Once the appeal window is over (waiting for it if needed), the ruling becomes final."),
    "enforce": _step({"dispute": _ref("dispute", "The dispute, by name."), "by": _BY}, ("dispute", "by"),
                     "Execute a proposal the final ruling upheld."),
    "escrow": _step({
        "id": _defines("escrow", "The name later steps use for this agreement."),
        "payer": _person("Who deposits."), "payee": _person("Who is paid on delivery."),
        "data_source": _person("Who confirms delivery."),
        "amount": _fmt("amount", "The deposit, paid by the payer at once."),
        "deadline": _fmt("duration", "Time from now by which delivery must be confirmed."),
        "terms": _text("Where the agreement's text is published.", one_line=True),
        "panel_size": _enum([1, 3], "Arbitrators drawn for a dispute (default 1)."),
    }, ("id", "payer", "payee", "data_source", "amount", "deadline", "terms"),
        "Deploy an escrow smart agreement with the scenario's arbitrator."),
    "confirm_delivery": _step({"escrow": _ref("escrow", "The agreement, by name."),
                               "by": _person("The data source (default: the agreement's).")},
                              ("escrow",), "The data source confirms delivery; the payee is paid."),
    "refund": _step({"escrow": _ref("escrow", "The agreement, by name."), "by": _BY}, ("escrow", "by"),
                    "After the deadline without delivery, the deposit returns to the payer."),
    "agree_division": _step({"escrow": _ref("escrow", "The agreement, by name."), "by": _BY,
                             "payee_share": _fmt("percent", "The division this party agrees to.")},
                            ("escrow", "by", "payee_share"),
                            "A party agrees a division; when both agree the same one, it is paid."),
    "note": _text("Narration shown in the timeline, e.g. `note: Dana thinks the price is too high.`"),
}

_TREASURY = _obj({f: _fmt("amount", d) for f, d in (
    ("balance", "All the DAO holds."), ("free", "What may be spent or shared."),
    ("reserved_for_claims", "What open claims reserve."),
    ("outstanding_liability", "What recognised claims could not be paid."))}, (), "The DAO's treasury.")

def _finding_rules() -> list[str]:
    from dao_sim.compliance.charter import CHARTER_RULES
    from dao_sim.compliance.monitors import MONITORS

    return sorted(rule.ID for rule in (*CHARTER_RULES, *MONITORS))


EXPECTATIONS: dict[str, Schema] = {
    "proposals": _by_name("proposal", _enum(list(PROPOSAL_STATES), "Its state."), "Proposals' states."),
    "balances": _by_name("person", _fmt("amount", "Their balance now."), "People's balances."),
    "balance_changes": _by_name("person", _fmt("signed-amount", "e.g. `+2 ETH` or `-4 ETH`."),
                                "How people's balances changed since the scenario began."),
    "treasury": _TREASURY,
    "members": {"type": "array", "items": _person("A member."),
                "description": "Exactly the current members, in any order."},
    "stakes": _by_name("person", _fmt("amount", "Their share of the treasury."),
                       "What each member would take out on leaving now."),
    "suspended": _by_name("person", {"type": "boolean", "description": "Whether suspended."},
                          "Whether members are suspended from voting."),
    "liabilities": _by_name("person", _obj({f: _fmt("amount", d) for f, d in (
        ("contributed", "What they put in."), ("lost", "What they lost to the DAO's debts."),
        ("cap", "Their cap."), ("remaining", "How much more they could lose."))}, (), "One member's liability."),
        "Members' liability."),
    "claims": _by_name("claim", _obj({
        "status": _enum(["Filed", "Settled", "Rejected", "Carried"], "The claim's status."),
        "amount": _fmt("amount", "Amount claimed."), "paid": _fmt("amount", "Amount paid.")}, (), "One claim."),
        "Claims, by name."),
    "credits": _by_name("person", _fmt("amount", "Credited and not yet withdrawn."),
                        "What the DAO owes people, waiting to be withdrawn."),
    "disputes": _by_name("dispute", _obj({
        "ruling": _enum(_WORDS, "The ruling in force (a proposal's dispute)."),
        "payee_share": _fmt("percent", "The ruling in force (an escrow's dispute)."),
        "status": _enum(["Waiting", "Appealable", "Solved"], "The arbitrator's status of the dispute."),
        "panel": {"type": "array", "items": _person("A panelist."), "description": "Who sits on the panel."},
    }, (), "One dispute."), "Disputes, by name."),
    "decisions": _by_name("decision", _obj({
        "review": _enum(["None", "Requested", "Confirmed", "Reversed"], "Where its review stands.")}, (),
        "One automated decision."), "Automated decisions, by name."),
    "findings": {"type": "array", "uniqueItems": True, "items": _enum(_finding_rules(), "A rule's id."),
                 "description": ("Exactly the rules that find something wrong (an error or a warning) now, "
                                 "reading the DAO's spec (charter rules) and every transaction so far "
                                 "(runtime monitors): `[]` for nothing wrong.")},
    "escrows": _by_name("escrow", _obj({
        "state": _enum(["AwaitingDeposit", "Funded", "Disputed", "Contested", "Released", "Refunded",
                        "Divided"], "The agreement's state."),
        "held": _fmt("amount", "The deposit still held.")}, (), "One agreement."), "Escrow agreements, by name."),
}

STEPS["expect"] = _step(EXPECTATIONS, (), "Check the state of things now; the run fails, naming "
                        "this line, if any check does not hold.", refusable=False)

#: Step kinds in the order the reference page lists them, with a heading for each group.
STEP_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Membership and money", ("found", "acknowledge", "join", "contribute", "exit", "withdraw", "pay_capital", "pay_dues")),
    ("Decisions", ("propose", "vote", "wait", "execute")),
    ("Claims", ("claim",)),
    ("Automated decisions and their review", ("enforce_dues", "request_review", "review")),
    ("Disputes", ("dispute", "evidence", "rule", "appeal", "finalise", "enforce")),
    ("Escrow agreements", ("escrow", "confirm_delivery", "refund", "agree_division")),
    ("Narration and checks", ("note", "expect")),
)

SCHEMA: Schema = _obj({
    "title": _text("The story's title.", one_line=True),
    "description": _text("What happens, in one line.", one_line=True),
    "edition": _enum(list(EDITIONS), "The edition of the Code the run applies (default code-2026)."),
    "people": {"type": "array", "minItems": 1, "uniqueItems": True, "description": (
        "Everyone who appears, by name; each gets a funded account. Any other name is an error."),
        "items": {"type": "string", "pattern": _NAME, "description": "A person's name."}},
    "funding": _fmt("amount", "What each person's account holds at the start, in whole ETH (default 1000 ETH)."),
    "arbitrator": ARBITRATOR,
    "dao": DAO,
    "steps": {"type": "array", "minItems": 1, "description": "What happens, in order.", "items": {
        "type": "object", "minProperties": 1, "maxProperties": 1, "propertyNames": {"enum": list(STEPS)},
        "properties": STEPS, "description": "One step: a one-key mapping such as `vote: {...}`."}},
}, ("title", "description", "people", "arbitrator", "steps"), "A scenario file.")
SCHEMA["$schema"] = "https://json-schema.org/draft/2020-12/schema"
