// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IArbitrable: the arbitrable side of ERC-792, unchanged
/// @notice A contract whose disputes an ERC-792 arbitrator decides.
interface IArbitrable {
    /// @notice The arbitrator's final ruling was received and enforced.
    event Ruling(IArbitrator indexed _arbitrator, uint256 indexed _disputeID, uint256 _ruling);

    /// @notice Receive the final ruling; only the contract's arbitrator may call it.
    /// @param _disputeID The dispute in the arbitrator's numbering.
    /// @param _ruling The ruling (0 = refused to arbitrate).
    function rule(uint256 _disputeID, uint256 _ruling) external;
}
