// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;


/// @title DAOAttacker: a member, payee or claimant that re-enters the DAO when paid
/// @notice Test mock. It acts as itself through `act` (join, exit, file a claim, open a
///         dispute), so a passed proposal can admit it as a member or pay it. Whenever it
///         receives value through `receive`, it makes every call of its re-entry list, each once, and records
///         whether it succeeded and what it returned. A DAO safe against reentrancy makes each
///         such call fail while the payment that triggered it is made exactly once.
/// @dev With `rejectPayments` it refuses every plain payment instead (a member who cannot be
///      paid). `predecessor` lets it pose as a successor published for an amendment.
contract DAOAttacker {
    struct Reentry {
        address target;
        uint256 value;
        bytes data;
    }

    /// @notice The DAO this contract claims to succeed, when it poses as an amendment's successor.
    address public immutable predecessor;
    /// @notice Whether plain payments are refused.
    bool public rejectPayments;
    /// @notice Wei received through `receive`.
    uint256 public received;
    /// @notice Re-entry calls made so far.
    uint256 public attempts;
    /// @notice Re-entry calls that succeeded.
    uint256 public successes;

    Reentry[] private _reentries;
    bool[] private _succeeded;
    bytes[] private _returns;
    bool private _attacking;

    /// @notice One re-entry call was made.
    event ReentryAttempted(address indexed target, bytes4 selector, bool succeeded, bytes returnData);

    /// @notice A payment was refused because `rejectPayments` is set.
    error PaymentRejected(uint256 value);

    /// @param predecessor_ The DAO to name as predecessor (the zero address when not a successor).
    constructor(address predecessor_) {
        predecessor = predecessor_;
    }

    /// @notice Call another contract as this contract, forwarding any value; reverts as it reverts.
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

    /// @notice Add a call to make when paid.
    /// @param target The contract to re-enter.
    /// @param value Wei to send with the call (from what this contract holds).
    /// @param data The calldata.
    function addReentry(address target, uint256 value, bytes calldata data) external {
        _reentries.push(Reentry(target, value, data));
    }

    /// @notice Forget the re-entry list and the outcomes recorded so far.
    function clearReentries() external {
        delete _reentries;
        delete _succeeded;
        delete _returns;
        attempts = 0;
        successes = 0;
    }

    /// @notice Refuse (or accept again) every plain payment.
    /// @param reject True to refuse.
    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
    }

    /// @notice How re-entry call number `attempt` ended.
    /// @param attempt Index of the attempt, from 0.
    /// @return succeeded Whether the call succeeded.
    /// @return data What it returned (the revert data when it failed).
    function outcomeOf(uint256 attempt) external view returns (bool succeeded, bytes memory data) {
        return (_succeeded[attempt], _returns[attempt]);
    }

    receive() external payable {
        if (rejectPayments) revert PaymentRejected(msg.value);
        received += msg.value;
        _reenter();
    }

    function _reenter() private {
        if (_attacking) return;
        _attacking = true;
        for (uint256 i = 0; i < _reentries.length; i++) {
            Reentry storage r = _reentries[i];
            (bool ok, bytes memory ret) = r.target.call{value: r.value}(r.data);
            attempts += 1;
            if (ok) successes += 1;
            _succeeded.push(ok);
            _returns.push(ret);
            emit ReentryAttempted(r.target, bytes4(r.data), ok, ret);
        }
        _attacking = false;
    }
}
