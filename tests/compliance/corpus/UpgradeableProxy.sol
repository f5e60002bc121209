// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Corpus: a proxy whose admin points it at new code (the rules change without consent).
contract UpgradeableProxy {
    address public implementation;
    address public admin;

    constructor(address firstImplementation) {
        implementation = firstImplementation;
        admin = msg.sender;
    }

    function upgradeTo(address newImplementation) external {
        require(msg.sender == admin, "not admin");
        implementation = newImplementation;
    }

    fallback() external payable {
        address target = implementation;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }
}
