// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Corpus: an escrow whose code alone decides: paid on confirmation, refunded after a
///         deadline, and no way to bring a disagreement before a person.
contract EscrowNoDispute {
    address public immutable buyer;
    address public immutable seller;
    uint256 public immutable deadline;
    bool public settled;

    constructor(address seller_, uint256 deadline_) payable {
        buyer = msg.sender;
        seller = seller_;
        deadline = deadline_;
    }

    /// @notice The buyer confirms delivery; the seller is paid.
    function confirmReceived() external {
        require(msg.sender == buyer && !settled, "not now");
        settled = true;
        payable(seller).transfer(address(this).balance);
    }

    /// @notice After the deadline, the buyer takes the money back.
    function refundAfterDeadline() external {
        require(block.timestamp > deadline && !settled, "not yet");
        settled = true;
        payable(buyer).transfer(address(this).balance);
    }
}
