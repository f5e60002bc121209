// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Participation} from "../participation/Participation.sol";

/// @title AutomatedDecisions: periodic dues, automatic suspension, and human review (DC 29)
/// @notice The charter may require periodic dues. A member whose dues are overdue is suspended
///         automatically (no vote, no proposals) by a rule anyone can trigger: an automated
///         decision in the sense of DC 29.1. Each decision is recorded with its inputs and the
///         rule that produced it. The DAO uses the decision, so the DAO must review it with a
///         human taking part when the affected member asks (DC 29.2): the charter names the
///         human reviewer, whose answer is applied on the chain.
abstract contract AutomatedDecisions is Participation {
    /// @notice Rule id of the only automated decision: "dues overdue -> voting rights suspended".
    bytes32 public constant RULE_MISSED_DUES = keccak256("dao-sim/missed-dues-suspension/v1");

    struct Decision {
        address subject;
        bytes32 rule;
        uint64 dueSince;
        uint64 decidedAt;
        ReviewStatus review;
        bytes32 reasonHash;
    }

    uint256 public immutable duesAmount;
    uint32 public immutable duesPeriod;
    /// @notice The natural person the charter names to review automated decisions (DC 29.2).
    address public immutable reviewer;

    Decision[] internal _decisions;

    constructor(Rules memory rules) Participation(rules) {
        if (rules.duesPeriod != 0 && rules.duesAmount == 0) revert InvalidRules("duesAmount");
        if (rules.duesPeriod != 0 && rules.reviewer == address(0)) revert ReviewerMissing();
        duesAmount = rules.duesAmount;
        duesPeriod = rules.duesPeriod;
        reviewer = rules.reviewer;
    }

    /// @notice Pay one period's dues; counts as a contribution and lifts a suspension for dues.
    function payDues() external payable nonReentrant notMigrated {
        Member storage m = _members[msg.sender];
        if (!m.active) revert NotAMember(msg.sender);
        if (duesPeriod == 0 || msg.value != duesAmount) revert WrongContribution(duesAmount, msg.value);
        uint64 paidUntil = duesPaidUntil(msg.sender);
        uint64 from = paidUntil > block.timestamp ? paidUntil : uint64(block.timestamp);
        m.duesPaidUntil = from + duesPeriod;
        uint256 shares = _credit(msg.sender, msg.value);
        emit ContributionMade(msg.sender, msg.value, shares);
        if (m.suspended) {
            m.suspended = false;
            emit MemberReinstated(msg.sender);
        }
    }

    /// @notice Apply the dues rule to a member: if their dues are overdue, suspend their voting
    ///         rights. Anyone may trigger it; the rule, not the caller, decides.
    /// @dev DC 29.1: an automated decision. Its inputs (paid-until, now) are in the event.
    /// @param member The member checked.
    /// @return decisionId The recorded decision.
    function enforceDues(address member) external notMigrated returns (uint256 decisionId) {
        Member storage m = _members[member];
        if (!m.active) revert NotAMember(member);
        uint64 paidUntil = duesPaidUntil(member);
        if (duesPeriod == 0 || m.suspended || block.timestamp <= paidUntil) {
            revert DuesNotOverdue(member, paidUntil);
        }
        m.suspended = true;
        decisionId = _decisions.length;
        _decisions.push(Decision(member, RULE_MISSED_DUES, paidUntil, uint64(block.timestamp), ReviewStatus.None, 0));
        emit AutomatedDecisionMade(decisionId, member, RULE_MISSED_DUES, paidUntil, block.timestamp);
        emit MemberSuspended(member, decisionId);
    }

    /// @notice Ask for human review of an automated decision that affects you (DC 29.2).
    /// @param decisionId The decision.
    function requestReview(uint256 decisionId) external {
        Decision storage d = _decision(decisionId);
        if (msg.sender != d.subject) revert NotTheAffectedPerson(decisionId, msg.sender);
        if (d.review != ReviewStatus.None) revert ReviewAlreadyRequested(decisionId, d.review);
        d.review = ReviewStatus.Requested;
        emit ReviewRequested(decisionId, msg.sender);
    }

    /// @notice The human reviewer's answer: confirm, or reverse (the suspension is lifted on the
    ///         chain and the member gets a fresh dues period).
    /// @dev DC 29.2: only the reviewer named at deployment, and only on a requested review.
    /// @param decisionId The decision.
    /// @param reverse True to reverse the decision.
    /// @param reasonHash Hash of the reviewer's written reasons (kept off-chain).
    function decideReview(uint256 decisionId, bool reverse, bytes32 reasonHash) external {
        if (msg.sender != reviewer) revert OnlyReviewer(msg.sender);
        Decision storage d = _decision(decisionId);
        if (d.review != ReviewStatus.Requested) revert ReviewNotRequested(decisionId, d.review);
        d.review = reverse ? ReviewStatus.Reversed : ReviewStatus.Confirmed;
        d.reasonHash = reasonHash;
        emit ReviewDecided(decisionId, msg.sender, reverse, reasonHash);
        Member storage m = _members[d.subject];
        if (reverse && m.suspended) {
            m.suspended = false;
            m.duesPaidUntil = uint64(block.timestamp) + duesPeriod;
            emit MemberReinstated(d.subject);
        }
    }

    /// @notice Until when a member's dues are paid: a new member's first period is free.
    /// @param member The member.
    /// @return Unix time.
    function duesPaidUntil(address member) public view returns (uint64) {
        Member storage m = _members[member];
        uint64 firstPeriod = m.joinedAt + duesPeriod;
        return m.duesPaidUntil > firstPeriod ? m.duesPaidUntil : firstPeriod;
    }

    /// @notice An automated decision's record.
    /// @param decisionId The decision.
    /// @return The decision.
    function decision(uint256 decisionId) external view returns (Decision memory) {
        return _decision(decisionId);
    }

    /// @notice Number of automated decisions taken.
    /// @return The count.
    function decisionCount() external view returns (uint256) {
        return _decisions.length;
    }

    function _decision(uint256 decisionId) internal view returns (Decision storage) {
        if (decisionId >= _decisions.length) revert UnknownDecision(decisionId);
        return _decisions[decisionId];
    }
}
