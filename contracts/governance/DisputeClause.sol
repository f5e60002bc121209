// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrable} from "../disputes/IArbitrable.sol";
import {IArbitrator} from "../disputes/IArbitrator.sol";
import {IEvidence} from "../disputes/IEvidence.sol";
import {AutomatedDecisions} from "./AutomatedDecisions.sol";

/// @title DisputeClause: the DAO's dispute procedure under which a human decides (DC 28.2)
/// @notice During a passed proposal's grace window anyone with standing (a member or an
///         affected third party; the arbitrator judges standing) may open a dispute, paying the
///         arbitration fee. The proposal then cannot execute until the human arbitrator's final
///         ruling arrives: uphold (it may execute), void (it never executes), or remedy (void, and
///         the disputer's stated compensation becomes a claim paid from the treasury). A refusal
///         to arbitrate (ruling 0) leaves the members' vote standing (dao-sim default). There is
///         no deadline after which the DAO decides by itself.
abstract contract DisputeClause is AutomatedDecisions, IArbitrable, IEvidence {
    struct DisputeRecord {
        bool exists;
        bool ruled;
        uint256 proposalId;
        address openedBy;
        uint256 compensation;
    }

    uint256 public constant RULING_CHOICES = 3;
    uint256 internal constant META_EVIDENCE_ID = 0;

    /// @notice The arbitrator named in the charter; fixed for the DAO's life.
    IArbitrator public immutable arbitrator;
    bytes public arbitratorExtraData;

    mapping(uint256 disputeId => DisputeRecord) internal _disputes;
    mapping(uint256 proposalId => uint256 disputeId) public disputeOfProposal;

    constructor(Rules memory rules) AutomatedDecisions(rules) {
        if (rules.arbitrator == address(0)) revert DisputeClauseMissing();
        arbitrator = IArbitrator(rules.arbitrator);
        arbitratorExtraData = rules.arbitratorExtraData;
        emit MetaEvidence(META_EVIDENCE_ID, rules.charterURI);
    }

    /// @notice Open a dispute about a proposal in its grace window; it stops the proposal from
    ///         executing until a human rules.
    /// @dev DC 28.2. Pay exactly `arbitrator.arbitrationCost(arbitratorExtraData)`.
    /// @param proposalId The contested proposal.
    /// @param compensation The compensation asked for if the arbitrator grants a remedy (wei, may be 0).
    /// @param evidenceURI Where the disputer's first evidence is published (may be empty).
    /// @return disputeId The dispute's id at the arbitrator.
    function openDispute(uint256 proposalId, uint256 compensation, string calldata evidenceURI)
        external
        payable
        nonReentrant
        notMigrated
        returns (uint256 disputeId)
    {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Grace) revert ProposalNotInGrace(proposalId, current);
        uint256 cost = arbitrator.arbitrationCost(arbitratorExtraData);
        if (msg.value != cost) revert WrongArbitrationFee(cost, msg.value);
        _proposals[proposalId].disputeOpen = true;
        disputeId = arbitrator.createDispute{value: cost}(RULING_CHOICES, arbitratorExtraData);
        _disputes[disputeId] = DisputeRecord(true, false, proposalId, msg.sender, compensation);
        disputeOfProposal[proposalId] = disputeId;
        emit DisputeOpened(proposalId, disputeId, msg.sender, compensation);
        emit Dispute(arbitrator, disputeId, META_EVIDENCE_ID, proposalId);
        if (bytes(evidenceURI).length != 0) emit Evidence(arbitrator, proposalId, msg.sender, evidenceURI);
    }

    /// @notice Publish evidence for a proposal's dispute (ERC-1497).
    /// @param proposalId The proposal (its evidence group).
    /// @param evidenceURI Where the evidence is published.
    function submitEvidence(uint256 proposalId, string calldata evidenceURI) external {
        if (proposalId >= _proposals.length) revert UnknownProposal(proposalId);
        emit Evidence(arbitrator, proposalId, msg.sender, evidenceURI);
    }

    /// @inheritdoc IArbitrable
    /// @dev Only the charter's arbitrator; the ruling was made by a human there. Guarded like
    ///      every function that sends value: a remedy is paid from the free treasury, so it must
    ///      not run inside another execution that has already counted that treasury.
    function rule(uint256 _disputeID, uint256 _ruling) external override nonReentrant {
        if (msg.sender != address(arbitrator)) revert OnlyArbitrator(msg.sender);
        DisputeRecord storage d = _disputes[_disputeID];
        if (!d.exists || d.ruled) revert UnknownDispute(_disputeID);
        if (_ruling > RULING_CHOICES) revert InvalidRuling(_disputeID, _ruling);
        d.ruled = true;
        Proposal storage p = _proposals[d.proposalId];
        p.disputeOpen = false;
        DisputeRuling outcome = DisputeRuling(_ruling);
        if (outcome == DisputeRuling.Void || outcome == DisputeRuling.Remedy) {
            p.voided = true;
            emit ProposalVoided(d.proposalId, _disputeID);
        } else {
            uint64 earliest = block.timestamp > p.graceEnd ? uint64(block.timestamp) : p.graceEnd;
            p.executeBy = earliest + executionWindow;
        }
        emit Ruling(arbitrator, _disputeID, _ruling);
        emit RulingEnforced(_disputeID, d.proposalId, outcome);
        if (outcome == DisputeRuling.Remedy && d.compensation != 0) {
            uint256 claimId = _fileClaim(d.openedBy, d.compensation, "remedy awarded by human ruling");
            _settleClaim(claimId);
        }
    }

    /// @notice A dispute's record at this DAO.
    /// @param disputeId The dispute.
    /// @return The record.
    function disputeRecord(uint256 disputeId) external view returns (DisputeRecord memory) {
        return _disputes[disputeId];
    }
}
