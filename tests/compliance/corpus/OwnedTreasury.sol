// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Corpus: a members' treasury whose owner alone moves the money (central management,
///         a payment that bypasses the vote, a fee the owner sets).
contract OwnedTreasury is Ownable {
    uint256 public entryFee;
    mapping(address member => uint256 amount) public contributed;

    constructor() Ownable(msg.sender) {}

    function contribute() external payable {
        require(msg.value > entryFee, "too little");
        contributed[msg.sender] += msg.value - entryFee;
    }

    function setEntryFee(uint256 fee) external onlyOwner {
        entryFee = fee;
    }

    function withdraw(address payable to, uint256 amount) external onlyOwner {
        (bool ok,) = to.call{value: amount}("");
        require(ok, "payment failed");
    }
}
