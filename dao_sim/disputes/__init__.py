"""Human dispute resolution (human-dispute): arbitrators, rulings, decision channels, agreements.

- :mod:`.arbitrator`: deploy a HumanArbitrator with a roster of identified people and drive
  it through a :class:`Court`.
- :mod:`.signed_ruling`: EIP-712 rulings signed offline, carried as JSON files.
- :mod:`.channels`: how a person's decision reaches the chain (keyboard, script, signed
  file), each returning a :class:`Ruling` record.
- :mod:`.escrow`: the escrow smart agreement (automatic-execution) with its dispute clause.
- :mod:`.errors`: the arbitrator's refusals told in words.
- :mod:`.options`: what each ruling does, in words, for the arbitrable contracts dao-sim knows.
"""

from dao_sim.disputes.arbitrator import (
    REFUSED,
    Arbitrator,
    ArbitratorRecord,
    Court,
    DisputeInfo,
    DisputeStatus,
    IdentityAttestation,
    Vote,
    deploy_arbitrator,
    extra_data,
    reason_hash,
)
from dao_sim.disputes.channels import (
    DecisionChannel,
    InteractivePrompt,
    Ruling,
    ScriptedDecision,
    SignedRulingFile,
    ruling_label,
)
from dao_sim.disputes.errors import explain_refusal
from dao_sim.disputes.escrow import (
    AgreementState,
    EscrowAgreement,
    EscrowTerms,
    deploy_escrow,
    ruling_for_share,
    share_of_ruling,
)
from dao_sim.disputes.evidence import EvidencePackage, build_evidence, deployed_code_matches
from dao_sim.disputes.lifecycle import DAO_RULINGS, DisputeOutcome, ProposalDispute
from dao_sim.disputes.options import ruling_options
from dao_sim.disputes.signed_ruling import (
    RulingRequest,
    SignedRuling,
    load_signed_ruling,
    request_ruling,
    sign_ruling,
    submit_signed_ruling,
    verify_against_chain,
    write_ruling_file,
)

__all__ = [
    "DAO_RULINGS",
    "REFUSED",
    "AgreementState",
    "Arbitrator",
    "ArbitratorRecord",
    "Court",
    "DecisionChannel",
    "DisputeInfo",
    "DisputeOutcome",
    "DisputeStatus",
    "EscrowAgreement",
    "EscrowTerms",
    "EvidencePackage",
    "IdentityAttestation",
    "InteractivePrompt",
    "ProposalDispute",
    "Ruling",
    "RulingRequest",
    "ScriptedDecision",
    "SignedRuling",
    "SignedRulingFile",
    "Vote",
    "build_evidence",
    "deploy_arbitrator",
    "deploy_escrow",
    "deployed_code_matches",
    "explain_refusal",
    "extra_data",
    "load_signed_ruling",
    "reason_hash",
    "request_ruling",
    "ruling_for_share",
    "ruling_label",
    "ruling_options",
    "share_of_ruling",
    "sign_ruling",
    "submit_signed_ruling",
    "verify_against_chain",
    "write_ruling_file",
]
