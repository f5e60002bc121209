// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The smallest vote that behaves like a DAO's: one vote per address, counted per
/// option, an event per vote. The chain layer's throughput benchmark and tests use it.
contract Ballot {
    error AlreadyVoted(address voter);
    error NoSuchOption(uint256 option, uint256 options);

    event VoteCast(address indexed voter, uint256 indexed option, uint256 weight);

    mapping(address voter => bool) public voted;
    uint256[] public tally;

    constructor(uint256 options) {
        tally = new uint256[](options);
    }

    /// @notice Cast the sender's single vote for `option`.
    function vote(uint256 option) external {
        if (voted[msg.sender]) revert AlreadyVoted(msg.sender);
        if (option >= tally.length) revert NoSuchOption(option, tally.length);
        voted[msg.sender] = true;
        tally[option] += 1;
        emit VoteCast(msg.sender, option, 1);
    }
}
