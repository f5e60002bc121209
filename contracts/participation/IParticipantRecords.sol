// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IParticipantRecords: what a participant puts on chain about themselves
/// @notice Only salted hashes and the participant's own address: the name, the IIN or BIN and
///         the salt stay in an off-chain registry, where they can be erased; once the salt is
///         gone, nobody can link the hash to a person (personal-data-off-chain).
interface IParticipantRecords {
    /// @notice A participant recorded the salted hash of their identification.
    event IdentityRecorded(address indexed participant, bytes32 identityHash);

    /// @notice A participant acknowledged the sandbox terms of the charter with hash `charterHash`.
    event SandboxAcknowledged(bytes32 indexed charterHash, address indexed participant, bytes32 termsHash);

    /// @notice A hash of zero records nothing.
    error EmptyHash();

    /// @notice The participant already acknowledged this charter's sandbox terms.
    error AlreadyAcknowledged(bytes32 charterHash, address participant, bytes32 termsHash);

    /// @notice Record the salted hash of one's own identification (replacing an earlier one).
    /// @param identityHash keccak-256 over a secret salt and the identification record.
    function recordIdentity(bytes32 identityHash) external;

    /// @notice Acknowledge, with one's own key, the experimental legal regime (sandbox) a
    ///         charter declares, before joining its DAO.
    /// @param charterHash keccak-256 of the charter text (what the DAO core stores).
    /// @param termsHash keccak-256 of the sandbox terms text acknowledged.
    function acknowledgeSandbox(bytes32 charterHash, bytes32 termsHash) external;

    /// @notice The identification hash a participant recorded (zero if none).
    /// @param participant The participant's address.
    /// @return identityHash The hash.
    function identityOf(address participant) external view returns (bytes32 identityHash);

    /// @notice The sandbox terms hash a participant acknowledged for a charter (zero if none).
    /// @param charterHash keccak-256 of the charter text.
    /// @param participant The participant's address.
    /// @return termsHash The hash.
    function acknowledgmentOf(bytes32 charterHash, address participant) external view returns (bytes32 termsHash);
}
