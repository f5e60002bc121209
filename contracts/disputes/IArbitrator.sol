// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrable} from "./IArbitrable.sol";

/// @title IArbitrator: the arbitrator side of ERC-792, unchanged
/// @notice The standard interface any ERC-792 arbitrable contract talks to. dao-sim's
///         HumanArbitrator implements it with registered natural persons as arbitrators.
/// @dev Function and event signatures are those of ERC-792 so that contracts written to the
///      standard interoperate; event names are the standard's, not our past-tense house style.
interface IArbitrator {
    /// @notice Waiting: no final ruling yet. Appealable: a ruling exists and can be appealed.
    ///         Solved: the ruling is final and has been (or can be) passed to the arbitrable.
    enum DisputeStatus {
        Waiting,
        Appealable,
        Solved
    }

    /// @notice A dispute was created.
    event DisputeCreation(uint256 indexed _disputeID, IArbitrable indexed _arbitrable);

    /// @notice A ruling was given and may be appealed.
    event AppealPossible(uint256 indexed _disputeID, IArbitrable indexed _arbitrable);

    /// @notice A ruling was appealed.
    event AppealDecision(uint256 indexed _disputeID, IArbitrable indexed _arbitrable);

    /// @notice Create a dispute; must be called by the arbitrable contract and paid with arbitrationCost.
    /// @param _choices Number of ruling options (ruling 0 is always "refused to arbitrate").
    /// @param _extraData Arbitrator-specific data (panel size for dao-sim).
    /// @return disputeID The new dispute's id.
    function createDispute(uint256 _choices, bytes calldata _extraData) external payable returns (uint256 disputeID);

    /// @notice Cost of creating a dispute.
    /// @param _extraData Arbitrator-specific data.
    /// @return cost In wei.
    function arbitrationCost(bytes calldata _extraData) external view returns (uint256 cost);

    /// @notice Appeal a ruling during the appeal period; paid with appealCost.
    /// @param _disputeID The dispute.
    /// @param _extraData Arbitrator-specific data.
    function appeal(uint256 _disputeID, bytes calldata _extraData) external payable;

    /// @notice Cost of appealing a ruling.
    /// @param _disputeID The dispute.
    /// @param _extraData Arbitrator-specific data.
    /// @return cost In wei.
    function appealCost(uint256 _disputeID, bytes calldata _extraData) external view returns (uint256 cost);

    /// @notice The window in which the current ruling may be appealed.
    /// @param _disputeID The dispute.
    /// @return start Start of the window (unix time), 0 when there is none.
    /// @return end End of the window (unix time), 0 when there is none.
    function appealPeriod(uint256 _disputeID) external view returns (uint256 start, uint256 end);

    /// @notice The status of a dispute.
    /// @param _disputeID The dispute.
    /// @return status Waiting, Appealable or Solved.
    function disputeStatus(uint256 _disputeID) external view returns (DisputeStatus status);

    /// @notice The current ruling (0 = refused to arbitrate, or none given yet).
    /// @param _disputeID The dispute.
    /// @return ruling The ruling.
    function currentRuling(uint256 _disputeID) external view returns (uint256 ruling);
}
