// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ReentrantParty: a hostile contract that re-enters whoever pays it
/// @notice Test mock. It acts as a party, a payee or an arbitrator (through `act`), and when
///         it receives value it calls back a configured function of a configured contract,
///         once, recording whether the re-entry succeeded. A reentrancy-safe contract makes
///         that re-entry fail while the original payment is made exactly once.
/// @dev With `rejectPayments` it refuses every payment instead (a receiver that blocks).
contract ReentrantParty {
    address public reentryTarget;
    bytes public reentryCall;
    bool public rejectPayments;
    uint256 public reentryAttempts;
    bool public reentrySucceeded;
    bytes public reentryRevertData;
    uint256 public received;

    event ReentryAttempted(address indexed target, bool succeeded, bytes returnData);

    error PaymentRejected(uint256 value);

    /// @notice Configure the call made back when paid; resets the attempt counter.
    /// @param target The contract to re-enter.
    /// @param data The calldata of the re-entry.
    function setReentry(address target, bytes calldata data) external {
        reentryTarget = target;
        reentryCall = data;
        reentryAttempts = 0;
        reentrySucceeded = false;
        delete reentryRevertData;
    }

    /// @notice Make this contract refuse (or accept again) every payment.
    /// @param reject True to refuse.
    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
    }

    /// @notice Call another contract as this contract (to deposit, dispute, rule, withdraw).
    /// @param target The contract.
    /// @param data The calldata.
    /// @return result The call's return data.
    function act(address target, bytes calldata data) external payable returns (bytes memory result) {
        (bool ok, bytes memory ret) = target.call{value: msg.value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    receive() external payable {
        if (rejectPayments) revert PaymentRejected(msg.value);
        received += msg.value;
        if (reentryTarget != address(0) && reentryAttempts == 0) {
            reentryAttempts = 1;
            (bool ok, bytes memory ret) = reentryTarget.call(reentryCall);
            reentrySucceeded = ok;
            reentryRevertData = ret;
            emit ReentryAttempted(reentryTarget, ok, ret);
        }
    }
}
