// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IParticipantRecords} from "./IParticipantRecords.sol";

/// @title ParticipantRecords: participants' salted identity hashes and sandbox acknowledgments
/// @notice Each participant writes only their own record, from their own key; nobody else can.
///         It holds hashes, never a name or a number, so erasing the off-chain registry's entry
///         (its salt above all) leaves nothing on chain that points to a person.
/// @dev Standalone and ownerless, one per chain; keyed by charter hash so a founder can
///      acknowledge a sandbox before the DAO it founds exists. The DAO core does not read it:
///      dao-sim's orchestrator refuses a sandbox join without an acknowledgment recorded here.
contract ParticipantRecords is IParticipantRecords {
    /// @inheritdoc IParticipantRecords
    mapping(address participant => bytes32 identityHash) public identityOf;
    /// @inheritdoc IParticipantRecords
    mapping(bytes32 charterHash => mapping(address participant => bytes32 termsHash)) public acknowledgmentOf;

    /// @inheritdoc IParticipantRecords
    /// @dev personal-data-off-chain: a hash only; the participant is `msg.sender`.
    function recordIdentity(bytes32 identityHash) external {
        if (identityHash == bytes32(0)) revert EmptyHash();
        identityOf[msg.sender] = identityHash;
        emit IdentityRecorded(msg.sender, identityHash);
    }

    /// @inheritdoc IParticipantRecords
    /// @dev sandbox: given once per charter; an acknowledgment is never withdrawn (leaving the
    ///      DAO is how a participant ends their part in it).
    function acknowledgeSandbox(bytes32 charterHash, bytes32 termsHash) external {
        if (charterHash == bytes32(0) || termsHash == bytes32(0)) revert EmptyHash();
        bytes32 earlier = acknowledgmentOf[charterHash][msg.sender];
        if (earlier != bytes32(0)) revert AlreadyAcknowledged(charterHash, msg.sender, earlier);
        acknowledgmentOf[charterHash][msg.sender] = termsHash;
        emit SandboxAcknowledged(charterHash, msg.sender, termsHash);
    }
}
