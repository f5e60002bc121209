// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDAO} from "./IDAO.sol";
import {IDAOCore, IAutomatedDecisions} from "./IModules.sol";

/// @title AutomatedDecisions: periodic dues, automatic suspension, and human review
/// @notice The charter may require periodic dues. A member whose dues are overdue is suspended
///         automatically (no vote, no proposals) by a rule anyone can trigger: an automated
///         decision. Each decision is recorded with its inputs and the rule that produced it.
///         The DAO uses the decision, so when the affected member asks, the human reviewer the
///         charter names reviews it, and a reversal is applied on the chain.
/// @dev automated-decision-rights. Deployed by the DAO core only when the charter has dues: a
///      charter without dues carries no dues code. The member's dues standing lives in the core
///      (it moves with the member on an amendment); this module keeps the decisions.
contract AutomatedDecisions is IDAO, IAutomatedDecisions, ReentrancyGuardTransient {
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

    /// @notice The DAO core this module serves.
    IDAOCore public immutable dao;
    /// @notice Dues per period (wei).
    uint256 public immutable duesAmount;
    /// @notice The dues period (seconds).
    uint32 public immutable duesPeriod;
    /// @notice The natural person the charter names to review automated decisions.
    address public immutable reviewer;

    Decision[] internal _decisions;

    /// @param rules The charter's rules; the deployer (`msg.sender`) is the DAO core.
    constructor(Rules memory rules) {
        if (rules.duesAmount == 0) revert InvalidRules("duesAmount");
        if (rules.reviewer == address(0)) revert ReviewerMissing();
        dao = IDAOCore(msg.sender);
        duesAmount = rules.duesAmount;
        duesPeriod = rules.duesPeriod;
        reviewer = rules.reviewer;
    }

    /// @notice Pay one period's dues; it counts as a contribution (or, when no share can be
    ///         priced, as a fee into the treasury) and lifts a suspension for dues.
    function payDues() external payable nonReentrant {
        Member memory m = dao.memberOf(msg.sender);
        if (!m.active) revert NotAMember(msg.sender);
        if (msg.value != duesAmount) revert WrongContribution(duesAmount, msg.value);
        uint64 paidUntil = duesPaidUntil(msg.sender);
        uint64 from = paidUntil > block.timestamp ? paidUntil : uint64(block.timestamp);
        dao.recordDuesStanding(msg.sender, false, from + duesPeriod);
        emit DuesPaid(msg.sender, msg.value, from + duesPeriod);
        if (m.suspended) emit MemberReinstated(msg.sender);
        // Dues count as a contribution; where no share can be priced (the free treasury is
        // empty while shares exist) they are still paid, into the treasury, as a fee.
        try dao.contributeFor{value: msg.value}(msg.sender) {}
        catch {
            (bool ok, bytes memory reason) = address(dao).call{value: msg.value}("");
            if (!ok) revert TransferFailed(address(dao), msg.value, reason);
        }
    }

    /// @notice Apply the dues rule to a member: if their dues are overdue, suspend their voting
    ///         rights. Anyone may trigger it; the rule, not the caller, decides.
    /// @dev automated-decision-rights: the decision's inputs (paid-until, now) are in the event.
    /// @param member The member checked.
    /// @return decisionId The recorded decision.
    function enforceDues(address member) external returns (uint256 decisionId) {
        if (dao.migratedTo() != address(0)) revert DAOMigrated(dao.migratedTo());
        Member memory m = dao.memberOf(member);
        if (!m.active) revert NotAMember(member);
        uint64 paidUntil = duesPaidUntil(member);
        if (m.suspended || block.timestamp <= paidUntil) revert DuesNotOverdue(member, paidUntil);
        dao.recordDuesStanding(member, true, m.duesPaidUntil);
        decisionId = _record(member, paidUntil);
    }

    /// @notice Ask for human review of an automated decision that affects you.
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
    /// @dev automated-decision-rights: only the reviewer named at deployment, only on a request.
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
        Member memory m = dao.memberOf(d.subject);
        if (reverse && m.suspended) {
            dao.recordDuesStanding(d.subject, false, uint64(block.timestamp) + duesPeriod);
            emit MemberReinstated(d.subject);
        }
    }

    /// @inheritdoc IAutomatedDecisions
    function recordCarriedSuspension(address member, uint64 dueSince) external {
        if (msg.sender != address(dao)) revert OnlyModule(msg.sender);
        _record(member, dueSince);
    }

    /// @notice Until when a member's dues are paid: a new member's first period is free.
    /// @param member The member.
    /// @return Unix time.
    function duesPaidUntil(address member) public view returns (uint64) {
        Member memory m = dao.memberOf(member);
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

    function _record(address member, uint64 dueSince) private returns (uint256 decisionId) {
        decisionId = _decisions.length;
        _decisions.push(Decision(member, RULE_MISSED_DUES, dueSince, uint64(block.timestamp), ReviewStatus.None, 0));
        emit AutomatedDecisionMade(decisionId, member, RULE_MISSED_DUES, dueSince, block.timestamp);
        emit MemberSuspended(member, decisionId);
    }

    function _decision(uint256 decisionId) private view returns (Decision storage) {
        if (decisionId >= _decisions.length) revert UnknownDecision(decisionId);
        return _decisions[decisionId];
    }
}
