// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IArbitrable} from "../disputes/IArbitrable.sol";
import {IArbitrableParties} from "../disputes/IArbitrableParties.sol";
import {IArbitrator} from "../disputes/IArbitrator.sol";
import {IEvidence} from "../disputes/IEvidence.sol";
import {IDAO} from "./IDAO.sol";
import {IDAOCore, IGovernor, IClaims, IDisputeClause} from "./IModules.sol";

/// @title DisputeClause: a dao-sim DAO's dispute procedure, under which a human decides
/// @notice During a passed proposal's grace window anyone may open a dispute, paying the
///         arbitration fee. The proposal then cannot execute until the human arbitrator's final
///         ruling arrives: uphold (it may execute), void (it never executes), or remedy (void,
///         and the disputer's stated compensation is paid from the treasury as far as it goes).
///         A refusal to arbitrate (ruling 0) leaves the members' vote standing (dao-sim
///         default). There is no deadline after which the DAO decides by itself.
/// @dev human-dispute. Impartiality: the dispute declares its parties to the arbitrator (the
///      disputer, the proposer, everyone the proposal would pay, admit or expel, the claimant of
///      a claim it settles), and `hasInterest` answers true for them and for everyone who is or
///      ever was a member of the DAO, so none of them can sit on the panel.
contract DisputeClause is IDAO, IDisputeClause, IArbitrable, IArbitrableParties, IEvidence, ReentrancyGuardTransient {
    struct DisputeRecord {
        bool exists;
        bool ruled;
        uint256 proposalId;
        address openedBy;
        uint256 compensation;
    }

    /// @notice Rulings 1..3: uphold, void, remedy (0: refused to arbitrate).
    uint256 public constant RULING_CHOICES = 3;
    uint256 internal constant META_EVIDENCE_ID = 0;

    /// @notice The DAO core this module serves.
    IDAOCore public immutable dao;
    /// @notice The DAO's governor.
    IGovernor public immutable governor;
    /// @notice The DAO's claims module (remedies are recorded there).
    IClaims public immutable claims;
    /// @notice The arbitrator named in the charter; fixed for the DAO's life.
    IArbitrator public immutable arbitrator;
    /// @notice Panel size asked of the arbitrator.
    uint256 public immutable panelSize;

    mapping(uint256 disputeId => DisputeRecord) internal _disputes;
    mapping(uint256 disputeId => address[]) internal _parties;
    /// @notice The dispute last opened about a proposal.
    mapping(uint256 proposalId => uint256 disputeId) public disputeOfProposal;
    /// @inheritdoc IDisputeClause
    uint256 public openDisputes;

    /// @param rules The charter's rules; the deployer (`msg.sender`) is the DAO core.
    /// @param governor_ The DAO's governor.
    /// @param claims_ The DAO's claims module.
    constructor(Rules memory rules, IGovernor governor_, IClaims claims_) {
        if (rules.arbitrator == address(0)) revert DisputeClauseMissing();
        if (rules.arbitratorPanelSize == 0) revert InvalidRules("arbitratorPanelSize");
        dao = IDAOCore(msg.sender);
        governor = governor_;
        claims = claims_;
        arbitrator = IArbitrator(rules.arbitrator);
        panelSize = rules.arbitratorPanelSize;
        emit MetaEvidence(META_EVIDENCE_ID, rules.charterURI);
    }

    /// @notice Open a dispute about a proposal in its grace window; it stops the proposal from
    ///         executing until a human rules.
    /// @dev human-dispute. Pay exactly `disputeFee(proposalId)`.
    /// @param proposalId The contested proposal.
    /// @param compensation The compensation asked if the arbitrator grants a remedy (wei, may be 0).
    /// @param evidenceURI Where the disputer's first evidence is published (may be empty).
    /// @return disputeId The dispute's id at the arbitrator.
    function openDispute(uint256 proposalId, uint256 compensation, string calldata evidenceURI)
        external
        payable
        nonReentrant
        returns (uint256 disputeId)
    {
        if (dao.migratedTo() != address(0)) revert DAOMigrated(dao.migratedTo());
        if (compensation > type(uint128).max) revert ClaimTooLarge(compensation);
        governor.markDisputed(proposalId);
        address[] memory parties = partiesOf(proposalId, msg.sender);
        bytes memory extraData = abi.encode(panelSize, parties);
        uint256 cost = arbitrator.arbitrationCost(extraData);
        if (msg.value != cost) revert WrongArbitrationFee(cost, msg.value);
        disputeId = arbitrator.createDispute{value: cost}(RULING_CHOICES, extraData);
        _disputes[disputeId] = DisputeRecord(true, false, proposalId, msg.sender, compensation);
        _parties[disputeId] = parties;
        disputeOfProposal[proposalId] = disputeId;
        openDisputes += 1;
        emit DisputeOpened(proposalId, disputeId, msg.sender, compensation);
        emit Dispute(arbitrator, disputeId, META_EVIDENCE_ID, proposalId);
        if (bytes(evidenceURI).length != 0) emit Evidence(arbitrator, proposalId, msg.sender, evidenceURI);
    }

    /// @notice Publish evidence for a proposal's dispute (ERC-1497).
    /// @param proposalId The proposal (its evidence group).
    /// @param evidenceURI Where the evidence is published.
    function submitEvidence(uint256 proposalId, string calldata evidenceURI) external {
        governor.proposerOf(proposalId);
        emit Evidence(arbitrator, proposalId, msg.sender, evidenceURI);
    }

    /// @inheritdoc IArbitrable
    /// @dev Only the charter's arbitrator; the ruling was made by people there. A remedy is
    ///      credited to the disputer (pull), so a disputer who refuses ETH cannot block it.
    function rule(uint256 _disputeID, uint256 _ruling) external override nonReentrant {
        if (msg.sender != address(arbitrator)) revert OnlyArbitrator(msg.sender);
        DisputeRecord storage d = _disputes[_disputeID];
        if (!d.exists || d.ruled) revert UnknownDispute(_disputeID);
        if (_ruling > RULING_CHOICES) revert InvalidRuling(_disputeID, _ruling);
        d.ruled = true;
        openDisputes -= 1;
        DisputeRuling outcome = DisputeRuling(_ruling);
        bool voidIt = outcome == DisputeRuling.Void || outcome == DisputeRuling.Remedy;
        governor.applyRuling(d.proposalId, voidIt);
        if (voidIt) emit ProposalVoided(d.proposalId, _disputeID);
        emit Ruling(arbitrator, _disputeID, _ruling);
        emit RulingEnforced(_disputeID, d.proposalId, outcome);
        if (outcome == DisputeRuling.Remedy && d.compensation != 0) claims.awardRemedy(d.openedBy, d.compensation);
    }

    /// @inheritdoc IArbitrableParties
    /// @dev human-dispute: every party this dispute declared, and everyone who is or ever was a
    ///      member of the DAO (the core keeps `joinedAt` after an exit, an expulsion or a
    ///      migration). The interest outlives the membership: otherwise a member on the roster
    ///      could leave the DAO and be drawn for a dispute of the DAO they belonged to when it
    ///      arose (in its first round, if they left before it was opened; in an appeal or an
    ///      escalation, if they left after).
    function hasInterest(uint256 disputeID, address account) external view returns (bool interested) {
        if (dao.memberOf(account).joinedAt != 0) return true;
        address[] storage parties = _parties[disputeID];
        for (uint256 i = 0; i < parties.length; i++) {
            if (parties[i] == account) return true;
        }
        return false;
    }

    /// @notice The fee to open a dispute about a proposal now.
    /// @param proposalId The proposal.
    /// @return The fee (wei).
    function disputeFee(uint256 proposalId) external view returns (uint256) {
        return arbitrator.arbitrationCost(abi.encode(panelSize, partiesOf(proposalId, msg.sender)));
    }

    /// @notice Who has an interest in a dispute about a proposal opened by `disputer`: the
    ///         disputer, the proposer, and everyone its actions would pay, admit or expel, or the
    ///         claimant of a claim it settles.
    /// @param proposalId The proposal.
    /// @param disputer Who opens the dispute.
    /// @return parties The parties (possibly with repeats).
    function partiesOf(uint256 proposalId, address disputer) public view returns (address[] memory parties) {
        Action[] memory actions = governor.actionsOf(proposalId);
        parties = new address[](actions.length + 2);
        parties[0] = disputer;
        parties[1] = governor.proposerOf(proposalId);
        for (uint256 i = 0; i < actions.length; i++) {
            parties[i + 2] = _partyOf(actions[i]);
        }
    }

    /// @notice A dispute's record at this DAO.
    /// @param disputeId The dispute.
    /// @return The record.
    function disputeRecord(uint256 disputeId) external view returns (DisputeRecord memory) {
        return _disputes[disputeId];
    }

    /// @notice The extra data sent to the arbitrator, without parties (for fee quotes).
    /// @return The encoded panel size.
    function arbitratorExtraData() external view returns (bytes memory) {
        return abi.encode(panelSize);
    }

    /// @dev The person an action pays or names: the target of an outside call, the first
    ///      argument of a call on the core (candidate, expelled member), the claimant of a claim.
    function _partyOf(Action memory a) private view returns (address) {
        if (a.target != address(dao) && a.target != address(claims)) return a.target;
        if (a.data.length < 36) return address(0);
        bytes memory data = a.data;
        uint256 word;
        assembly ("memory-safe") {
            word := mload(add(data, 36))
        }
        if (a.target == address(claims)) {
            try claims.claimantOf(word) returns (address claimant) {
                return claimant;
            } catch {
                return address(0);
            }
        }
        return address(uint160(word));
    }
}
