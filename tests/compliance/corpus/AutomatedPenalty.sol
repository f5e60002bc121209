// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Corpus: anyone may trigger a slash of a member's stake when a heartbeat is late; the
///         code decides, nothing records why, and nobody can ask a person to look again.
contract AutomatedPenalty {
    mapping(address member => uint256 amount) public stake;
    mapping(address member => uint256 at) public lastHeartbeat;
    uint256 public constant GRACE = 1 days;

    function join() external payable {
        stake[msg.sender] += msg.value;
        lastHeartbeat[msg.sender] = block.timestamp;
    }

    function heartbeat() external {
        lastHeartbeat[msg.sender] = block.timestamp;
    }

    function slash(address member) external {
        require(block.timestamp > lastHeartbeat[member] + GRACE, "on time");
        stake[member] = stake[member] / 2;
    }

    function leave() external {
        uint256 amount = stake[msg.sender];
        stake[msg.sender] = 0;
        payable(msg.sender).transfer(amount);
    }
}
