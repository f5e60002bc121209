// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDAO} from "./IDAO.sol";

/// @title The calls a dao-sim DAO's core and its modules make on one another
/// @notice Each module is deployed by the core at construction and accepts these calls only
///         from the sibling that is wired to make them; none of them can be reached by a person.
/// @dev Kept apart from `IDAO` (the vocabulary) so that each contract imports only what it calls.

/// @notice The core as its modules see it: the treasury and the members' positions.
interface IDAOCore {
    /// @notice The governor module (proposals and votes).
    /// @return The module.
    function governor() external view returns (IGovernor);
    /// @notice The claims module.
    /// @return The module.
    function claims() external view returns (IClaims);
    /// @notice The dispute clause module (the human dispute procedure).
    /// @return The module.
    function disputeClause() external view returns (IDisputeClause);
    /// @notice The automated-decisions module, or the zero address when the charter has no dues.
    /// @return The module.
    function automatedDecisions() external view returns (IAutomatedDecisions);
    /// @notice The contract this DAO succeeded by amendment, if any.
    /// @return The predecessor.
    function predecessor() external view returns (address);
    /// @notice False in a successor until the last migration batch has arrived.
    /// @return Whether the DAO accepts acts.
    function operational() external view returns (bool);
    /// @notice The successor after an amendment executed, else the zero address.
    /// @return The successor.
    function migratedTo() external view returns (address);
    /// @notice Current members.
    /// @return The count.
    function memberCount() external view returns (uint256);
    /// @notice The charter's cap multiple, in basis points of the contribution.
    /// @return Basis points.
    function liabilityCapBps() external view returns (uint32);
    /// @notice Whether the charter lets a vote expel a member (always paying their share).
    /// @return True when allowed.
    function expulsionAllowed() external view returns (bool);
    /// @notice Whether `account` is a current member.
    /// @param account The account.
    /// @return True for a current member.
    function isMember(address account) external view returns (bool);
    /// @notice A member's record.
    /// @param account The account.
    /// @return The record.
    function memberOf(address account) external view returns (IDAO.Member memory);
    /// @notice Voting power of an account just after `timepoint`.
    /// @param account The account.
    /// @param timepoint Unix time.
    /// @return The power.
    function powerAt(address account, uint48 timepoint) external view returns (uint256);
    /// @notice Total voting power just after `timepoint`.
    /// @param timepoint Unix time.
    /// @return The total.
    function totalPowerAt(uint48 timepoint) external view returns (uint256);
    /// @notice When the latest claim was filed, when the last claim was filed or decided, and
    ///         how many claims are open: what a proposal's grace window depends on.
    /// @return latestFiledAt Unix time of the latest filing.
    /// @return lastEventAt Unix time of the latest filing or decision.
    /// @return openCount Claims still undecided.
    function claimClock() external view returns (uint64 latestFiledAt, uint64 lastEventAt, uint256 openCount);
    /// @notice The current claim epoch: it ends when its last open claim is decided.
    /// @return The epoch.
    function claimEpoch() external view returns (uint32);
    /// @notice Whether a claim epoch is still open, and when it closed.
    /// @param epoch The epoch.
    /// @return open True while its claims are not all decided.
    /// @return closedAt When its last claim was decided (0 while open).
    function claimEpochStatus(uint256 epoch) external view returns (bool open, uint64 closedAt);
    /// @notice Reverts unless `successor` runs this DAO's own code, names this DAO as its
    ///         predecessor and has not started.
    /// @param successor The proposed successor.
    function checkSuccessor(address successor) external view;

    /// @notice Carry out a passed proposal's actions (governor only).
    /// @param proposalId The proposal.
    /// @param actions Its actions.
    function executeActions(uint256 proposalId, IDAO.Action[] calldata actions) external;
    /// @notice Begin migrating to `successor` after an amendment passed (governor only).
    /// @param successor The successor.
    function beginMigration(address successor) external;
    /// @notice A claim was filed (claims module only).
    /// @param amount The amount claimed.
    /// @return reserved What the treasury now holds back for all open claims.
    function claimOpened(uint256 amount) external returns (uint256 reserved);
    /// @notice A claim was decided (claims module only); when `pay`, it is paid from the
    ///         treasury as far as the treasury goes.
    /// @param amount The amount claimed.
    /// @param claimant Who is paid.
    /// @param pay True to settle, false to reject.
    /// @return paid What was credited to the claimant.
    /// @return shortfall What stays the DAO's outstanding liability.
    function claimClosed(uint256 amount, address claimant, bool pay) external returns (uint256 paid, uint256 shortfall);
    /// @notice Pay a remedy a human ruling awarded (claims module only).
    /// @param to The beneficiary.
    /// @param amount The compensation.
    /// @return paid What was credited.
    /// @return shortfall What stays the DAO's outstanding liability.
    function payRemedy(address to, uint256 amount) external returns (uint256 paid, uint256 shortfall);
    /// @notice Credit the value sent to `to`, for them to withdraw (claims module only: bonds).
    /// @param to The recipient.
    function credit(address to) external payable;
    /// @notice Set a member's dues standing (automated-decisions module only).
    /// @param member The member.
    /// @param suspended Whether their voting rights are suspended.
    /// @param paidUntil Until when their dues are paid.
    function recordDuesStanding(address member, bool suspended, uint64 paidUntil) external;
    /// @notice Dues paid count as a contribution of `member` (automated-decisions module only).
    /// @param member The member.
    /// @return shares Shares minted now (0 while claims are undecided).
    function contributeFor(address member) external payable returns (uint256 shares);
}

/// @notice The acts of the core a passed proposal may call (the DAO's capacity).
interface IDAOCoreActs {
    /// @notice Offer membership.
    /// @param candidate The candidate.
    /// @param contribution The contribution asked.
    function offerMembership(address candidate, uint256 contribution) external;
    /// @notice Expel a member, paying their share.
    /// @param member The member.
    function expel(address member) external;
    /// @notice Call capital within the cap.
    /// @param bpsOfContribution The call.
    function callCapital(uint256 bpsOfContribution) external;
}

/// @notice The governor as the core and the dispute clause see it.
interface IGovernor {
    /// @notice Whether `member` voted For a proposal that can still execute; prunes settled ones
    ///         (core only).
    /// @param member The member.
    /// @return blocked True when such a proposal exists.
    /// @return proposalId The first such proposal.
    function releaseExit(address member) external returns (bool blocked, uint256 proposalId);
    /// @notice Mark a proposal in grace as disputed (dispute clause only).
    /// @param proposalId The proposal.
    function markDisputed(uint256 proposalId) external;
    /// @notice Apply a human ruling (dispute clause only).
    /// @param proposalId The proposal.
    /// @param voidIt True to void it; false lets it execute.
    function applyRuling(uint256 proposalId, bool voidIt) external;
    /// @notice A proposal's proposer.
    /// @param proposalId The proposal.
    /// @return The proposer.
    function proposerOf(uint256 proposalId) external view returns (address);
    /// @notice The actions a proposal carries.
    /// @param proposalId The proposal.
    /// @return The actions.
    function actionsOf(uint256 proposalId) external view returns (IDAO.Action[] memory);
}

/// @notice The claims module as the core and the dispute clause see it.
interface IClaims {
    /// @notice Recognise a claim (by vote only).
    /// @param claimId The claim.
    function settleClaim(uint256 claimId) external;
    /// @notice Reject a claim (by vote only).
    /// @param claimId The claim.
    function rejectClaim(uint256 claimId) external;
    /// @notice Record and pay a remedy a human ruling awarded (dispute clause only).
    /// @param to The beneficiary.
    /// @param amount The compensation.
    /// @return claimId The record.
    function awardRemedy(address to, uint256 amount) external returns (uint256 claimId);
    /// @notice Hand an open claim and its bond to the successor's claims module.
    /// @param claimId The claim here.
    /// @return claimant The claimant.
    /// @return amount The amount claimed.
    /// @return filedAt When it was filed.
    function releaseClaim(uint256 claimId) external returns (address claimant, uint128 amount, uint64 filedAt);
    /// @notice The claimant of a claim.
    /// @param claimId The claim.
    /// @return The claimant.
    function claimantOf(uint256 claimId) external view returns (address);
}

/// @notice The dispute clause as the core and the governor see it.
interface IDisputeClause {
    /// @notice Disputes opened here and not yet ruled on.
    /// @return The count.
    function openDisputes() external view returns (uint256);
}

/// @notice The automated-decisions module as the core sees it.
interface IAutomatedDecisions {
    /// @notice Record a suspension carried over from the predecessor, so it can be reviewed here
    ///         (core only).
    /// @param member The member.
    /// @param dueSince Until when their dues were paid.
    function recordCarriedSuspension(address member, uint64 dueSince) external;
}
