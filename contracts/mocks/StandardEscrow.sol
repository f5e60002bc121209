// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrator} from "../disputes/IArbitrator.sol";
import {IArbitrable} from "../disputes/IArbitrable.sol";
import {IEvidence} from "../disputes/IEvidence.sol";

/// @title StandardEscrow: an escrow written only against ERC-792 and ERC-1497
/// @notice Test mock and interoperability proof: it knows nothing of dao-sim, only the
///         standard interfaces, and must work with dao-sim's HumanArbitrator (and any other
///         ERC-792 arbitrator). The payer pays the payee, or either party asks the arbitrator.
/// @dev Rulings: 1 = refund the payer, 2 = pay the payee, 0 (refused) = each gets half back,
///      the usual convention of ERC-792 example escrows (dao-sim's own `Escrow` chooses
///      differently). Payments are checked calls after the state change; a failed payment
///      reverts.
contract StandardEscrow is IArbitrable, IEvidence {
    uint256 public constant CHOICES = 2;
    uint256 public constant REFUND_PAYER = 1;
    uint256 public constant PAY_PAYEE = 2;

    enum Status {
        Open,
        Disputed,
        Closed
    }

    address public immutable payer;
    address public immutable payee;
    IArbitrator public immutable arbitrator;
    bytes public arbitratorExtraData;
    uint256 public amount;
    uint256 public disputeID;
    Status public status;

    event Paid(address indexed to, uint256 value);

    error NotAParty(address caller);
    error NotThePayer(address caller);
    error NotTheArbitrator(address caller);
    error NotOpen(Status status);
    error WrongDispute(uint256 disputeID);
    error InvalidRuling(uint256 ruling);
    error TransferFailed(address to, uint256 value);

    /// @notice The deployer is the payer and deposits the value sent.
    /// @param payee_ Who is paid.
    /// @param arbitrator_ The ERC-792 arbitrator.
    /// @param extraData_ The arbitrator's extra data.
    /// @param metaEvidence URI of the agreement (ERC-1497 meta-evidence 0).
    constructor(address payee_, IArbitrator arbitrator_, bytes memory extraData_, string memory metaEvidence)
        payable
    {
        payer = msg.sender;
        payee = payee_;
        arbitrator = arbitrator_;
        arbitratorExtraData = extraData_;
        amount = msg.value;
        emit MetaEvidence(0, metaEvidence);
    }

    /// @notice The payer releases the deposit to the payee.
    /// @dev Only the payer, only while open.
    function release() external {
        if (msg.sender != payer) revert NotThePayer(msg.sender);
        if (status != Status.Open) revert NotOpen(status);
        status = Status.Closed;
        uint256 value = amount;
        amount = 0;
        _send(payee, value);
    }

    /// @notice A party asks the arbitrator; pays the arbitration cost.
    /// @dev Forwards the whole payment to `createDispute`.
    function raiseDispute() external payable {
        if (msg.sender != payer && msg.sender != payee) revert NotAParty(msg.sender);
        if (status != Status.Open) revert NotOpen(status);
        status = Status.Disputed;
        disputeID = arbitrator.createDispute{value: msg.value}(CHOICES, arbitratorExtraData);
        emit Dispute(arbitrator, disputeID, 0, 0);
    }

    /// @notice A party submits evidence.
    /// @param evidence URI of the evidence.
    function submitEvidence(string calldata evidence) external {
        if (msg.sender != payer && msg.sender != payee) revert NotAParty(msg.sender);
        emit Evidence(arbitrator, 0, msg.sender, evidence);
    }

    /// @inheritdoc IArbitrable
    function rule(uint256 _disputeID, uint256 _ruling) external {
        if (msg.sender != address(arbitrator)) revert NotTheArbitrator(msg.sender);
        if (status != Status.Disputed || _disputeID != disputeID) revert WrongDispute(_disputeID);
        if (_ruling > CHOICES) revert InvalidRuling(_ruling);
        status = Status.Closed;
        uint256 value = amount;
        amount = 0;
        emit Ruling(arbitrator, _disputeID, _ruling);
        if (_ruling == REFUND_PAYER) {
            _send(payer, value);
        } else if (_ruling == PAY_PAYEE) {
            _send(payee, value);
        } else {
            uint256 half = value / 2;
            _send(payee, half);
            _send(payer, value - half);
        }
    }

    function _send(address to, uint256 value) private {
        if (value == 0) return;
        (bool ok,) = payable(to).call{value: value}("");
        if (!ok) revert TransferFailed(to, value);
        emit Paid(to, value);
    }
}
