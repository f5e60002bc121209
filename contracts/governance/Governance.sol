// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDAO} from "./IDAO.sol";

/// @title Governance: the core of a dao-sim DAO
/// @notice Members, proposals, votes and automatic execution (DC 20.4, 20.7). There is no
///         owner: every change of state traces to a member's own act, a passed vote, or a
///         human ruling. Parameters are fixed at deployment (DC 20.9).
/// @dev Modules must supply:
///      - `_memberPower` is derived here from `Member.shares`; modules change shares only
///        through `_setShares`, which keeps the voting-power checkpoints right;
///      - `_selfCallAllowed(selector)`: the functions a proposal may call on the DAO itself
///        (the DAO's capacity, DC 20.5); the core allows `offerMembership` only;
///      - `_executeAmendment(proposalId)`: what an amendment does when it executes;
///      - `_freeTreasury()`: the treasury a payment may spend (balance net of reservations).
abstract contract Governance is IDAO, ReentrancyGuardTransient {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice A member's standing and stake. `shares` measure the member's pro-rata claim on
    ///         the treasury; `contributed` is what they put in (their liability cap's base).
    struct Member {
        bool active;
        bool suspended;
        uint64 joinedAt;
        uint64 duesPaidUntil;
        uint256 shares;
        uint256 contributed;
        uint256 capitalCalled;
        uint256 capitalPaid;
        uint256 withdrawn;
    }

    struct Proposal {
        address proposer;
        ProposalKind kind;
        bool executed;
        bool voided;
        bool disputeOpen;
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

    uint256 internal constant BPS = 10_000;

    bytes32 public immutable charterHash;
    VotingRule public immutable votingRule;
    uint16 public immutable quorumBps;
    uint16 public immutable approvalBps;
    uint16 public immutable amendmentConsentBps;
    uint32 public immutable votingDelay;
    uint32 public immutable votingPeriod;
    uint32 public immutable gracePeriod;
    uint32 public immutable executionWindow;

    mapping(address account => Member) internal _members;
    address[] internal _memberList;
    uint256 public memberCount;
    uint256 public totalShares;

    mapping(address account => Checkpoints.Trace208) private _powerHistory;
    Checkpoints.Trace208 private _totalPowerHistory;

    Proposal[] internal _proposals;
    mapping(uint256 proposalId => Action[]) internal _actions;
    mapping(uint256 proposalId => mapping(address voter => Ballot)) internal _ballots;
    /// @dev Proposals a member voted For that were still undecided or unexecuted when they
    ///      voted: such a member may not exit until each is settled (no escaping one's own decision).
    mapping(address member => uint256[] proposalIds) internal _openYesVotes;
    mapping(address candidate => uint256 contribution) public membershipOffers;

    address public migratedTo;

    modifier onlyByVote() {
        if (msg.sender != address(this)) revert OnlyByVote(msg.sender);
        _;
    }

    modifier notMigrated() {
        if (migratedTo != address(0)) revert DAOMigrated(migratedTo);
        _;
    }

    constructor(Rules memory rules) {
        if (rules.quorumBps > BPS) revert InvalidRules("quorumBps");
        if (rules.approvalBps < BPS / 2 || rules.approvalBps > BPS) revert InvalidRules("approvalBps");
        if (rules.amendmentConsentBps <= BPS / 2 || rules.amendmentConsentBps > BPS) {
            revert InvalidRules("amendmentConsentBps");
        }
        if (rules.votingPeriod == 0) revert InvalidRules("votingPeriod");
        if (rules.executionWindow == 0) revert InvalidRules("executionWindow");
        charterHash = rules.charterHash;
        votingRule = rules.votingRule;
        quorumBps = rules.quorumBps;
        approvalBps = rules.approvalBps;
        amendmentConsentBps = rules.amendmentConsentBps;
        votingDelay = rules.votingDelay;
        votingPeriod = rules.votingPeriod;
        gracePeriod = rules.gracePeriod;
        executionWindow = rules.executionWindow;
        emit CharterPublished(rules.charterHash, rules.charterURI);
    }

    // ---- proposals ------------------------------------------------------------------------

    /// @notice Propose actions for the members to vote on.
    /// @dev DC 20.7: only members propose; DC 20.5: calls on the DAO itself must be within its
    ///      declared capacity (see `_selfCallAllowed`).
    /// @param actions The calls to make if the proposal passes.
    /// @param description Plain-language description, published in the event.
    /// @return proposalId The new proposal's id.
    function propose(Action[] calldata actions, string calldata description)
        external
        notMigrated
        returns (uint256 proposalId)
    {
        return _propose(ProposalKind.Ordinary, address(0), actions, description);
    }

    function _propose(ProposalKind kind, address successor, Action[] memory actions, string memory description)
        internal
        returns (uint256 proposalId)
    {
        _requireVotingMember(msg.sender);
        for (uint256 i = 0; i < actions.length; i++) {
            if (actions[i].target == address(this)) {
                bytes4 selector = bytes4(actions[i].data);
                if (!_selfCallAllowed(selector)) revert ActionOutsideCapacity(i, actions[i].target, selector);
            }
        }
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
        Action[] storage stored = _actions[proposalId];
        for (uint256 i = 0; i < actions.length; i++) {
            stored.push(actions[i]);
        }
        emit ProposalCreated(proposalId, msg.sender, kind, start, end, description);
    }

    /// @notice Cast a ballot on an active proposal.
    /// @dev Voting power is the member's power just before voting opened: joining later gives
    ///      no vote on this proposal. Only current members vote: one who has exited (or was
    ///      expelled) took their share and no longer decides the DAO's acts. Suspended members
    ///      cannot vote.
    /// @param proposalId The proposal.
    /// @param support Against, For or Abstain.
    function vote(uint256 proposalId, Support support) external notMigrated {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Active) revert ProposalNotActive(proposalId, current);
        _requireVotingMember(msg.sender);
        Ballot storage ballot = _ballots[proposalId][msg.sender];
        if (ballot.cast) revert AlreadyVoted(proposalId, msg.sender);
        Proposal storage p = _proposals[proposalId];
        uint256 weight = _powerHistory[msg.sender].upperLookupRecent(uint48(p.voteStart - 1));
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
    /// @dev DC 20.7: executes only what the members voted, exactly as voted; nothing else can
    ///      trigger these actions. Reserved claims are never spent (DC 20.8).
    /// @param proposalId The proposal.
    function execute(uint256 proposalId) external nonReentrant notMigrated {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Succeeded) revert ProposalNotExecutable(proposalId, current);
        Proposal storage p = _proposals[proposalId];
        p.executed = true;
        if (p.kind == ProposalKind.Amendment) {
            _executeAmendment(proposalId);
        } else {
            Action[] storage actions = _actions[proposalId];
            uint256 total = 0;
            for (uint256 i = 0; i < actions.length; i++) {
                total += actions[i].value;
            }
            uint256 available = _freeTreasury();
            if (total > available) revert TreasuryInsufficient(total, available);
            for (uint256 i = 0; i < actions.length; i++) {
                Action storage a = actions[i];
                // Again per action: an earlier one (a claim settled, a member expelled) may
                // have paid from the free treasury, and what is left of it may be reserved.
                available = _freeTreasury();
                if (a.value > available) revert TreasuryInsufficient(a.value, available);
                (bool ok, bytes memory reason) = a.target.call{value: a.value}(a.data);
                if (!ok) revert ActionFailed(proposalId, i, reason);
                emit ActionExecuted(proposalId, i, a.target, a.value);
            }
        }
        emit ProposalExecuted(proposalId, msg.sender);
    }

    /// @notice Offer membership to a candidate for a set contribution. Only by a passed proposal.
    /// @dev The candidate becomes a member when they `join` with exactly that contribution.
    /// @param candidate The person admitted.
    /// @param contribution The contribution (wei) they must bring.
    function offerMembership(address candidate, uint256 contribution) external onlyByVote {
        if (_members[candidate].active) revert AlreadyAMember(candidate);
        if (contribution == 0) revert ZeroContribution();
        membershipOffers[candidate] = contribution;
        emit MembershipOffered(candidate, contribution);
    }

    // ---- views ----------------------------------------------------------------------------

    /// @notice The state of a proposal, derived from the clock, the votes and any dispute.
    /// @param proposalId The proposal.
    /// @return The current state.
    function state(uint256 proposalId) public view returns (ProposalState) {
        if (proposalId >= _proposals.length) revert UnknownProposal(proposalId);
        Proposal storage p = _proposals[proposalId];
        if (p.executed) return ProposalState.Executed;
        if (p.voided) return ProposalState.Voided;
        if (p.disputeOpen) return ProposalState.Disputed;
        if (block.timestamp < p.voteStart) return ProposalState.Pending;
        if (block.timestamp < p.voteEnd) return ProposalState.Active;
        if (!_passed(p)) return ProposalState.Defeated;
        if (block.timestamp < p.graceEnd) return ProposalState.Grace;
        if (block.timestamp < p.executeBy) return ProposalState.Succeeded;
        return ProposalState.Expired;
    }

    /// @notice Whether the votes cast meet the quorum and approval rules.
    /// @dev Ordinary: (For+Against+Abstain) >= quorum of total power, and For > approvalBps of
    ///      (For+Against) (10000: no vote Against). Amendment: For >= amendmentConsentBps of total power.
    function _passed(Proposal storage p) internal view returns (bool) {
        uint256 total = _totalPowerHistory.upperLookupRecent(uint48(p.voteStart - 1));
        if (total == 0 || p.forVotes == 0) return false;
        if (p.kind == ProposalKind.Amendment) {
            return p.forVotes * BPS >= uint256(amendmentConsentBps) * total;
        }
        uint256 cast = p.forVotes + p.againstVotes + p.abstainVotes;
        if (cast * BPS < uint256(quorumBps) * total) return false;
        if (approvalBps == BPS) return p.againstVotes == 0;
        return p.forVotes * BPS > uint256(approvalBps) * (p.forVotes + p.againstVotes);
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
        if (proposalId >= _proposals.length) revert UnknownProposal(proposalId);
        return _proposals[proposalId];
    }

    /// @notice The actions a proposal carries.
    /// @param proposalId The proposal.
    /// @return The actions, in execution order.
    function actionsOf(uint256 proposalId) external view returns (Action[] memory) {
        return _actions[proposalId];
    }

    /// @notice A member's ballot on a proposal.
    /// @param proposalId The proposal.
    /// @param voter The member.
    /// @return The ballot (cast = false if none).
    function ballotOf(uint256 proposalId, address voter) external view returns (Ballot memory) {
        return _ballots[proposalId][voter];
    }

    /// @notice A member's record.
    /// @param account The account.
    /// @return The member record (active = false for non-members).
    function memberOf(address account) external view returns (Member memory) {
        return _members[account];
    }

    /// @notice Everyone who has ever been a member, in order of joining.
    /// @return The accounts.
    function memberList() external view returns (address[] memory) {
        return _memberList;
    }

    /// @notice Voting power of an account at a past timestamp.
    /// @param account The account.
    /// @param timepoint Unix time.
    /// @return The power (1 per member, or shares, as the voting rule says).
    function powerAt(address account, uint48 timepoint) external view returns (uint256) {
        return _powerHistory[account].upperLookupRecent(timepoint);
    }

    /// @notice Total voting power at a past timestamp.
    /// @param timepoint Unix time.
    /// @return The total.
    function totalPowerAt(uint48 timepoint) external view returns (uint256) {
        return _totalPowerHistory.upperLookupRecent(timepoint);
    }

    // ---- internals for modules --------------------------------------------------------------

    function _requireVotingMember(address account) internal view {
        Member storage m = _members[account];
        if (!m.active) revert NotAMember(account);
        if (m.suspended) revert MemberIsSuspended(account);
    }

    /// @dev Admit `account` as a member (idempotent on the list); power follows `_setShares`.
    function _addMember(address account) internal {
        Member storage m = _members[account];
        if (m.active) revert AlreadyAMember(account);
        if (m.joinedAt == 0) _memberList.push(account);
        m.active = true;
        m.joinedAt = uint64(block.timestamp);
        memberCount += 1;
    }

    function _removeMember(address account) internal {
        _members[account].active = false;
        memberCount -= 1;
        _setShares(account, 0);
    }

    /// @dev The only place shares change, so voting power always follows the stake.
    function _setShares(address account, uint256 shares) internal {
        Member storage m = _members[account];
        totalShares = totalShares - m.shares + shares;
        m.shares = shares;
        uint256 power = m.active ? (votingRule == VotingRule.OneMemberOneVote ? 1 : shares) : 0;
        uint48 now48 = uint48(block.timestamp);
        (uint256 oldPower,) = _powerHistory[account].push(now48, uint208(power));
        uint256 total = _totalPowerHistory.latest();
        _totalPowerHistory.push(now48, uint208(total - oldPower + power));
    }

    /// @dev True while a proposal the member voted For can still execute; prunes settled ones.
    function _firstOpenYesVote(address member) internal returns (bool blocked, uint256 proposalId) {
        uint256[] storage ids = _openYesVotes[member];
        uint256 i = 0;
        while (i < ids.length) {
            ProposalState s = state(ids[i]);
            if (s == ProposalState.Active || s == ProposalState.Grace || s == ProposalState.Succeeded
                || s == ProposalState.Disputed || s == ProposalState.Pending) {
                return (true, ids[i]);
            }
            ids[i] = ids[ids.length - 1];
            ids.pop();
        }
        return (false, 0);
    }

    function _selfCallAllowed(bytes4 selector) internal view virtual returns (bool) {
        return selector == this.offerMembership.selector;
    }

    function _executeAmendment(uint256 proposalId) internal virtual;

    function _freeTreasury() internal view virtual returns (uint256);
}
