// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice Exercises the ABI shapes the session must encode and decode: overloads, structs,
/// address arrays, fixed bytes, several outputs, and a counter that can overflow.
contract Registry {
    struct Entry {
        address holder;
        uint256 amount;
        bytes32 tag;
    }

    error EmptyList();
    error Overdrawn(address holder, uint256 requested, uint256 available);

    event Registered(address indexed holder, bytes32 indexed tag, uint256 amount);
    event Grouped(address[] members, string name);

    mapping(address holder => uint256) public amounts;
    Entry[] private entries;
    uint8 public small;

    function register(Entry calldata entry) external {
        amounts[entry.holder] += entry.amount;
        entries.push(entry);
        emit Registered(entry.holder, entry.tag, entry.amount);
    }

    function register(address holder, uint256 amount) external {
        amounts[holder] += amount;
        entries.push(Entry(holder, amount, bytes32(0)));
        emit Registered(holder, bytes32(0), amount);
    }

    function register(address holder, uint256 amount, bytes32 tag) external {
        amounts[holder] += amount;
        entries.push(Entry(holder, amount, tag));
        emit Registered(holder, tag, amount);
    }

    function group(address[] calldata members, string calldata name) external {
        if (members.length == 0) revert EmptyList();
        emit Grouped(members, name);
    }

    function withdraw(address holder, uint256 amount) external {
        uint256 available = amounts[holder];
        if (amount > available) revert Overdrawn(holder, amount, available);
        amounts[holder] = available - amount;
    }

    function entry(uint256 index) external view returns (Entry memory) {
        return entries[index];
    }

    function summary() external view returns (uint256 count, address last, bytes32 tag) {
        Entry storage e = entries[entries.length - 1];
        return (entries.length, e.holder, e.tag);
    }

    function bump(uint8 by) external {
        small += by;
    }
}
