// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrator} from "../disputes/IArbitrator.sol";
import {IArbitrable} from "../disputes/IArbitrable.sol";
import {IHumanArbitrator} from "../disputes/IHumanArbitrator.sol";

/// @title RefusingArbitrable: an arbitrable whose `rule` reverts while it chooses to
/// @notice Test mock: a ruling delivered to it fails while `refusing` is set, which must not
///         lock the panelists' fees. Once it accepts, a retried delivery reaches it exactly
///         once; when `reenter` is set, `rule` tries to have the ruling delivered again from
///         inside the delivery and records whether that worked.
contract RefusingArbitrable is IArbitrable {
    IArbitrator public immutable arbitrator;
    bool public refusing = true;
    bool public reenter;
    uint256 public rulingsReceived;
    uint256 public lastRuling;
    bool public reentrySucceeded;

    error RulingRefused(uint256 disputeID, uint256 ruling);

    /// @param arbitrator_ The ERC-792 arbitrator.
    constructor(IArbitrator arbitrator_) {
        arbitrator = arbitrator_;
    }

    /// @notice Open a dispute with a panel of one, paying the fee sent.
    /// @return disputeID The arbitrator's id.
    function openDispute() external payable returns (uint256 disputeID) {
        return arbitrator.createDispute{value: msg.value}(2, "");
    }

    /// @notice Refuse rulings (or accept them), and try a re-entrant delivery (or not).
    /// @param refusing_ Whether `rule` reverts.
    /// @param reenter_ Whether `rule` calls `deliverRuling` back.
    function configure(bool refusing_, bool reenter_) external {
        refusing = refusing_;
        reenter = reenter_;
    }

    /// @inheritdoc IArbitrable
    function rule(uint256 _disputeID, uint256 _ruling) external {
        if (refusing) revert RulingRefused(_disputeID, _ruling);
        rulingsReceived += 1;
        lastRuling = _ruling;
        if (reenter) {
            (reentrySucceeded,) =
                address(arbitrator).call(abi.encodeCall(IHumanArbitrator.deliverRuling, (_disputeID)));
        }
        emit Ruling(arbitrator, _disputeID, _ruling);
    }
}
