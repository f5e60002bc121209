// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IArbitrableParties: an arbitrable contract names who has an interest in its disputes
/// @notice Nobody may judge a case in which they have an interest. An arbitrable contract that
///         implements this lets the arbitrator ask, for each person it might draw, whether they
///         are a party, a member of the arbitrable organisation, or paid by the outcome; the
///         arbitrator never seats such a person. Parties known when the dispute is created are
///         also declared in the dispute's extra data, so a contract that does not implement this
///         interface is still heard impartially as far as its declaration goes.
interface IArbitrableParties {
    /// @notice Whether `account` has an interest in dispute `disputeID` (the arbitrator's id)
    ///         and so may not sit on its panel.
    /// @dev Called by the arbitrator with a static call when it creates the dispute (to count
    ///      the eligible roster), when it draws a panel and when a panelist rules. It must not
    ///      depend on the dispute's record existing yet: at creation the arbitrable has not
    ///      learnt the id. A revert or a malformed answer counts as "no interest declared".
    /// @param disputeID The dispute, in the arbitrator's numbering.
    /// @param account The person the arbitrator might seat.
    /// @return interested True if the person must not judge this dispute.
    function hasInterest(uint256 disputeID, address account) external view returns (bool interested);
}
