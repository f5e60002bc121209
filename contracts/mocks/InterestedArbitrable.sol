// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrator} from "../disputes/IArbitrator.sol";
import {IArbitrable} from "../disputes/IArbitrable.sol";
import {IArbitrableParties} from "../disputes/IArbitrableParties.sol";

/// @title InterestedArbitrable: an organisation that declares no parties but answers who is interested
/// @notice Test mock of a DAO-like arbitrable: anyone may open a dispute against it (paying the
///         fee), and its extra data names no parties. It answers `hasInterest` for its members
///         and for whoever opened the dispute, so the arbitrator can still keep them off the
///         panel. The admin (its deployer) may add members, also while a dispute is pending.
contract InterestedArbitrable is IArbitrable, IArbitrableParties {
    IArbitrator public immutable arbitrator;
    address public immutable admin;
    bytes public arbitratorExtraData;
    mapping(address account => bool member) public isMember;
    mapping(uint256 disputeID => address opener) public openerOf;
    mapping(uint256 disputeID => uint256 ruling) public rulingOf;
    address private _opening;

    error NotTheAdmin(address caller);
    error NotTheArbitrator(address caller);

    /// @param arbitrator_ The ERC-792 arbitrator.
    /// @param extraData_ Its extra data (a panel size, no parties).
    /// @param members The organisation's members.
    constructor(IArbitrator arbitrator_, bytes memory extraData_, address[] memory members) {
        arbitrator = arbitrator_;
        admin = msg.sender;
        arbitratorExtraData = extraData_;
        for (uint256 i = 0; i < members.length; ++i) {
            isMember[members[i]] = true;
        }
    }

    /// @notice Anyone opens a dispute against the organisation, paying the arbitration fee.
    /// @return disputeID The arbitrator's id.
    function openDispute() external payable returns (uint256 disputeID) {
        _opening = msg.sender;
        disputeID = arbitrator.createDispute{value: msg.value}(2, arbitratorExtraData);
        _opening = address(0);
        openerOf[disputeID] = msg.sender;
    }

    /// @notice The admin makes `account` a member (or not).
    /// @param account The account.
    /// @param member Whether it is a member.
    function setMember(address account, bool member) external {
        if (msg.sender != admin) revert NotTheAdmin(msg.sender);
        isMember[account] = member;
    }

    /// @inheritdoc IArbitrableParties
    /// @dev Members, the opener of this dispute, and the opener of a dispute being created
    ///      (whose id is not recorded yet).
    function hasInterest(uint256 disputeID, address account) external view returns (bool interested) {
        return isMember[account] || account == openerOf[disputeID] || (account == _opening && _opening != address(0));
    }

    /// @inheritdoc IArbitrable
    function rule(uint256 _disputeID, uint256 _ruling) external {
        if (msg.sender != address(arbitrator)) revert NotTheArbitrator(msg.sender);
        rulingOf[_disputeID] = _ruling;
        emit Ruling(arbitrator, _disputeID, _ruling);
    }
}
