// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDAO} from "./IDAO.sol";
import {IDAOCore, IDAOCoreActs, IGovernor, IClaims} from "./IModules.sol";

/// @title Governor: proposals, votes and automatic execution for a dao-sim DAO
/// @notice Members propose; members vote with the power they had when voting opened; a passed
///         proposal waits out a grace window in which dissenters may exit and anyone may open a
///         dispute, then anyone may have it executed, exactly as voted. The treasury and the
///         members' positions live in the DAO core, which deployed this module and is the only
///         contract that carries out what it decides.
/// @dev vote-only-decisions: nothing but a passed proposal reaches `IDAOCore.executeActions`.
///      A proposal being voted or in grace can be held while a claim is open (see
///      `holdForClaims`). An amendment does not execute while a dispute is open: a ruling must
///      not reach a DAO that has moved away.
contract Governor is IDAO, IGovernor, ReentrancyGuardTransient {
    /// @notice The most actions one proposal may carry (bounds every loop over them).
    uint256 public constant MAX_ACTIONS = 16;
    uint256 internal constant BPS = 10_000;

    struct Proposal {
        address proposer;
        ProposalKind kind;
        bool executed;
        bool voided;
        bool disputeOpen;
        bool claimsOnly;
        uint32 heldForEpoch;
        uint64 heldUntil;
        uint64 voteStart;
        uint64 voteEnd;
        uint64 graceEnd;
        uint64 executeBy;
        address successor;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
    }

    struct Ballot {
        bool cast;
        Support support;
        uint256 weight;
    }

    /// @notice The DAO core this module serves.
    IDAOCore public immutable dao;
    /// @notice Share of all voting power that must vote, in basis points.
    uint16 public immutable quorumBps;
    /// @notice For must be more than this share of For + Against (10000: no vote Against).
    uint16 public immutable approvalBps;
    /// @notice Share of all voting power that must consent to an amendment.
    uint16 public immutable amendmentConsentBps;
    /// @notice Seconds between a proposal and the opening of its vote.
    uint32 public immutable votingDelay;
    /// @notice Seconds a vote stays open.
    uint32 public immutable votingPeriod;
    /// @notice Seconds between a passed vote and its execution.
    uint32 public immutable gracePeriod;
    /// @notice Seconds during which a proposal may be executed once its grace window is over.
    uint32 public immutable executionWindow;
    bool internal immutable _expulsionAllowed;
    bool internal immutable _capitalCalls;

    Proposal[] internal _proposals;
    mapping(uint256 proposalId => Action[]) internal _actions;
    mapping(uint256 proposalId => mapping(address voter => Ballot)) internal _ballots;
    mapping(address member => uint256[] proposalIds) internal _openYesVotes;

    /// @param rules The charter's rules; the deployer (`msg.sender`) is the DAO core.
    constructor(Rules memory rules) {
        if (rules.quorumBps > BPS) revert InvalidRules("quorumBps");
        if (rules.approvalBps < BPS / 2 || rules.approvalBps > BPS) revert InvalidRules("approvalBps");
        if (rules.amendmentConsentBps <= BPS / 2 || rules.amendmentConsentBps > BPS) {
            revert InvalidRules("amendmentConsentBps");
        }
        if (rules.votingPeriod == 0) revert InvalidRules("votingPeriod");
        if (rules.executionWindow == 0) revert InvalidRules("executionWindow");
        dao = IDAOCore(msg.sender);
        quorumBps = rules.quorumBps;
        approvalBps = rules.approvalBps;
        amendmentConsentBps = rules.amendmentConsentBps;
        votingDelay = rules.votingDelay;
        votingPeriod = rules.votingPeriod;
        gracePeriod = rules.gracePeriod;
        executionWindow = rules.executionWindow;
        _expulsionAllowed = rules.expulsionAllowed;
        _capitalCalls = rules.liabilityCapBps > BPS;
    }

    // ---- proposals ------------------------------------------------------------------------

    /// @notice Propose actions for the members to vote on.
    /// @dev vote-only-decisions: only voting members propose, and nothing once the DAO migrated. capacity: calls on the DAO's own
    ///      contracts are limited to admitting, expelling (if the charter allows), calling
    ///      capital (if the cap is above 1x) and deciding claims; nothing else of the DAO's can
    ///      be reached by a vote, so no vote can take or restrict a member's share.
    /// @param actions The calls to make if the proposal passes (at most MAX_ACTIONS).
    /// @param description Plain-language description, published in the event.
    /// @return proposalId The new proposal's id.
    function propose(Action[] calldata actions, string calldata description) external returns (uint256 proposalId) {
        if (actions.length > MAX_ACTIONS) revert TooManyActions(actions.length, MAX_ACTIONS);
        bool claimsOnly = actions.length != 0;
        address claims = address(dao.claims());
        for (uint256 i = 0; i < actions.length; i++) {
            bytes4 selector = bytes4(actions[i].data);
            address target = actions[i].target;
            if (!_withinCapacity(target, selector, claims)) revert ActionOutsideCapacity(i, target, selector);
            if (target != claims || actions[i].value != 0) {
                claimsOnly = false;
            } else if (actions[i].data.length >= 36) {
                IClaims(claims).claimantOf(uint256(bytes32(actions[i].data[4:36])));
            }
        }
        proposalId = _propose(ProposalKind.Ordinary, address(0), claimsOnly, description);
        Action[] storage stored = _actions[proposalId];
        for (uint256 i = 0; i < actions.length; i++) {
            stored.push(actions[i]);
        }
    }

    /// @notice Propose an amendment: migrate the DAO to a successor deployed from the same
    ///         published code with this DAO as its predecessor and its new charter published.
    /// @dev consent-to-change: passes only with the consent of `amendmentConsentBps` of all
    ///      voting power; members who do not consent may exit before it executes. The core
    ///      refuses a successor whose code hash differs from its own.
    /// @param successor The new DAO core.
    /// @param description What changes, in plain language.
    /// @return proposalId The proposal.
    function proposeAmendment(address successor, string calldata description) external returns (uint256 proposalId) {
        dao.checkSuccessor(successor);
        proposalId = _propose(ProposalKind.Amendment, successor, false, description);
    }

    function _propose(ProposalKind kind, address successor, bool claimsOnly, string calldata description)
        private
        returns (uint256 proposalId)
    {
        _requireVotingMember(msg.sender);
        proposalId = _proposals.length;
        uint64 start = uint64(block.timestamp) + votingDelay;
        uint64 end = start + votingPeriod;
        _proposals.push(
            Proposal({
                proposer: msg.sender,
                kind: kind,
                executed: false,
                voided: false,
                disputeOpen: false,
                claimsOnly: claimsOnly,
                heldForEpoch: 0,
                heldUntil: 0,
                voteStart: start,
                voteEnd: end,
                graceEnd: end + gracePeriod,
                executeBy: end + gracePeriod + executionWindow,
                successor: successor,
                forVotes: 0,
                againstVotes: 0,
                abstainVotes: 0
            })
        );
        emit ProposalCreated(proposalId, msg.sender, kind, start, end, description);
    }

    /// @notice Cast a ballot on an active proposal.
    /// @dev Voting power is the member's power just before voting opened: joining later gives no
    ///      vote on this proposal. Only current, unsuspended members vote.
    /// @param proposalId The proposal.
    /// @param support Against, For or Abstain.
    function vote(uint256 proposalId, Support support) external {
        _requireLive();
        ProposalState current = state(proposalId);
        if (current != ProposalState.Active) revert ProposalNotActive(proposalId, current);
        _requireVotingMember(msg.sender);
        Ballot storage ballot = _ballots[proposalId][msg.sender];
        if (ballot.cast) revert AlreadyVoted(proposalId, msg.sender);
        Proposal storage p = _proposals[proposalId];
        uint256 weight = dao.powerAt(msg.sender, uint48(p.voteStart - 1));
        if (weight == 0) revert NoVotingPower(proposalId, msg.sender);
        ballot.cast = true;
        ballot.support = support;
        ballot.weight = weight;
        if (support == Support.For) {
            p.forVotes += weight;
            _openYesVotes[msg.sender].push(proposalId);
        } else if (support == Support.Against) {
            p.againstVotes += weight;
        } else {
            p.abstainVotes += weight;
        }
        emit VoteCast(proposalId, msg.sender, support, weight);
    }

    /// @notice Execute a proposal that passed and whose grace window is over. Anyone may call.
    /// @dev vote-only-decisions: executes only what the members voted, exactly as voted.
    /// @param proposalId The proposal.
    function execute(uint256 proposalId) external nonReentrant {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Succeeded) revert ProposalNotExecutable(proposalId, current);
        Proposal storage p = _proposals[proposalId];
        p.executed = true;
        if (p.kind == ProposalKind.Amendment) {
            uint256 disputes = dao.disputeClause().openDisputes();
            if (disputes != 0) revert DisputesPending(disputes);
            dao.beginMigration(p.successor);
        } else {
            dao.executeActions(proposalId, _actions[proposalId]);
        }
        emit ProposalExecuted(proposalId, msg.sender);
    }

    /// @notice Hold a proposal because a claim against the DAO is open: it cannot execute until
    ///         every claim of the current claim epoch is decided, and then only after a fresh
    ///         grace period, in which members may leave with a share no longer cut by the claims'
    ///         reservation. Anyone may call it, while the proposal's vote is open or it waits in
    ///         grace.
    /// @dev An open claim reserves the treasury, so while it is undecided a dissenter could
    ///      leave only at the reserved value or stay for a payment they opposed. When the claim
    ///      was filed does not matter: a sham claim filed just before the vote opened cuts the
    ///      exit as much as one filed after, and its reserve returns to those who stayed once it
    ///      is rejected. Only a proposal being voted or in grace can be held (an expired or
    ///      executed one never comes back), only once, never one that only decides claims (that
    ///      would let a stream of claims freeze the DAO's answer to them), and for at most twice
    ///      the time a vote rejecting the claim takes (delay, vote, grace): a stream of new
    ///      claims cannot hold it, or lock in those who voted For it, any longer.
    /// @param proposalId The proposal.
    function holdForClaims(uint256 proposalId) external {
        Proposal storage p = _proposal(proposalId);
        ProposalState current = state(proposalId);
        bool open = current == ProposalState.Grace || current == ProposalState.Active;
        if (!open || p.claimsOnly) revert ProposalNotInGrace(proposalId, current);
        (,, uint256 openCount) = dao.claimClock();
        if (openCount == 0) revert NoOpenClaims(proposalId);
        if (p.heldForEpoch != 0) revert AlreadyHeld(proposalId);
        uint32 epoch = dao.claimEpoch();
        p.heldForEpoch = epoch + 1;
        p.heldUntil = uint64(block.timestamp) + 2 * (uint64(votingDelay) + votingPeriod + gracePeriod);
        emit ProposalHeldForClaims(proposalId, epoch);
    }

    // ---- calls from the core and the dispute clause -----------------------------------------

    /// @inheritdoc IGovernor
    function releaseExit(address member) external returns (bool blocked, uint256 proposalId) {
        if (msg.sender != address(dao)) revert OnlyModule(msg.sender);
        uint256[] storage ids = _openYesVotes[member];
        uint256 i = 0;
        while (i < ids.length) {
            ProposalState s = state(ids[i]);
            if (
                s == ProposalState.Active || s == ProposalState.Grace || s == ProposalState.Succeeded
                    || s == ProposalState.Disputed || s == ProposalState.Pending
            ) {
                return (true, ids[i]);
            }
            ids[i] = ids[ids.length - 1];
            ids.pop();
        }
        return (false, 0);
    }

    /// @inheritdoc IGovernor
    function markDisputed(uint256 proposalId) external {
        _onlyDisputeClause();
        ProposalState current = state(proposalId);
        if (current != ProposalState.Grace) revert ProposalNotInGrace(proposalId, current);
        _proposals[proposalId].disputeOpen = true;
    }

    /// @inheritdoc IGovernor
    function applyRuling(uint256 proposalId, bool voidIt) external {
        _onlyDisputeClause();
        Proposal storage p = _proposals[proposalId];
        p.disputeOpen = false;
        if (voidIt) {
            p.voided = true;
        } else {
            uint64 earliest = block.timestamp > p.graceEnd ? uint64(block.timestamp) : p.graceEnd;
            p.executeBy = earliest + executionWindow;
        }
    }

    // ---- views ----------------------------------------------------------------------------

    /// @notice The state of a proposal, derived from the clock, the votes, claims and disputes.
    /// @param proposalId The proposal.
    /// @return The current state.
    function state(uint256 proposalId) public view returns (ProposalState) {
        Proposal storage p = _proposal(proposalId);
        if (p.executed) return ProposalState.Executed;
        if (p.voided) return ProposalState.Voided;
        if (p.disputeOpen) return ProposalState.Disputed;
        if (block.timestamp < p.voteStart) return ProposalState.Pending;
        if (block.timestamp < p.voteEnd) return ProposalState.Active;
        if (!_passed(p)) return ProposalState.Defeated;
        (uint64 graceEnd, uint64 executeBy, bool held) = _windows(p);
        if (held || block.timestamp < graceEnd) return ProposalState.Grace;
        if (block.timestamp < executeBy) return ProposalState.Succeeded;
        return ProposalState.Expired;
    }

    /// @notice A proposal's grace window and execution deadline as they stand now (a hold for
    ///         open claims extends them) and whether it is held.
    /// @param proposalId The proposal.
    /// @return graceEnd End of the grace window (unix time).
    /// @return executeBy End of the execution window (unix time).
    /// @return held True while claims or disputes hold it in grace with no end yet.
    function windows(uint256 proposalId) external view returns (uint64 graceEnd, uint64 executeBy, bool held) {
        return _windows(_proposal(proposalId));
    }

    /// @notice Number of proposals ever made.
    /// @return The count; ids run from 0 to count - 1.
    function proposalCount() external view returns (uint256) {
        return _proposals.length;
    }

    /// @notice A proposal's record.
    /// @param proposalId The proposal.
    /// @return The stored proposal.
    function proposal(uint256 proposalId) external view returns (Proposal memory) {
        return _proposal(proposalId);
    }

    /// @inheritdoc IGovernor
    function proposerOf(uint256 proposalId) external view returns (address) {
        return _proposal(proposalId).proposer;
    }

    /// @inheritdoc IGovernor
    function actionsOf(uint256 proposalId) external view returns (Action[] memory) {
        _proposal(proposalId);
        return _actions[proposalId];
    }

    /// @notice A member's ballot on a proposal.
    /// @param proposalId The proposal.
    /// @param voter The member.
    /// @return The ballot (cast = false if none).
    function ballotOf(uint256 proposalId, address voter) external view returns (Ballot memory) {
        return _ballots[proposalId][voter];
    }

    // ---- internals --------------------------------------------------------------------------

    function _proposal(uint256 proposalId) private view returns (Proposal storage) {
        if (proposalId >= _proposals.length) revert UnknownProposal(proposalId);
        return _proposals[proposalId];
    }

    function _windows(Proposal storage p) private view returns (uint64 graceEnd, uint64 executeBy, bool held) {
        graceEnd = p.graceEnd;
        executeBy = p.executeBy;
        if (p.heldForEpoch != 0) {
            (bool open, uint64 closedAt) = dao.claimEpochStatus(p.heldForEpoch - 1);
            uint64 end = open || closedAt > p.heldUntil ? p.heldUntil : closedAt;
            if (end > block.timestamp) held = true;
            else if (end + gracePeriod > graceEnd) graceEnd = end + gracePeriod;
        }
        if (graceEnd + executionWindow > executeBy) executeBy = graceEnd + executionWindow;
    }

    /// @dev Ordinary: (For+Against+Abstain) >= quorum of total power, and For > approvalBps of
    ///      (For+Against) (10000: no vote Against). Amendment: For >= amendmentConsentBps of all power.
    function _passed(Proposal storage p) private view returns (bool) {
        uint256 total = dao.totalPowerAt(uint48(p.voteStart - 1));
        if (total == 0 || p.forVotes == 0) return false;
        if (p.kind == ProposalKind.Amendment) {
            return p.forVotes * BPS >= uint256(amendmentConsentBps) * total;
        }
        uint256 cast = p.forVotes + p.againstVotes + p.abstainVotes;
        if (cast * BPS < uint256(quorumBps) * total) return false;
        if (approvalBps == BPS) return p.againstVotes == 0;
        return p.forVotes * BPS > uint256(approvalBps) * (p.forVotes + p.againstVotes);
    }

    function _withinCapacity(address target, bytes4 selector, address claims) private view returns (bool) {
        if (target == address(dao)) {
            if (selector == IDAOCoreActs.offerMembership.selector) return true;
            if (selector == IDAOCoreActs.expel.selector) return _expulsionAllowed;
            if (selector == IDAOCoreActs.callCapital.selector) return _capitalCalls;
            return false;
        }
        if (target == claims) {
            return selector == IClaims.settleClaim.selector || selector == IClaims.rejectClaim.selector;
        }
        address predecessor = dao.predecessor();
        if (predecessor != address(0) && target == predecessor) return false;
        address dues = address(dao.automatedDecisions());
        return target != address(this) && target != address(dao.disputeClause()) && (dues == address(0) || target != dues);
    }

    function _requireLive() private view {
        address successor = dao.migratedTo();
        if (successor != address(0)) revert DAOMigrated(successor);
    }

    function _requireVotingMember(address account) private view {
        _requireLive();
        Member memory m = dao.memberOf(account);
        if (!m.active) revert NotAMember(account);
        if (m.suspended) revert MemberIsSuspended(account);
    }

    function _onlyDisputeClause() private view {
        if (msg.sender != address(dao.disputeClause())) revert OnlyModule(msg.sender);
    }
}

