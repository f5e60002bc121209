// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IHumanArbitrator} from "./IHumanArbitrator.sol";

/// @title ArbitratorRegistry: the roster of natural persons who may arbitrate
/// @notice Who may decide disputes. Each arbitrator acts through their own key and is recorded
///         with a salted hash of their off-chain identification and the key of whoever
///         attested it; no personal data is stored (personal-data-off-chain). There is no
///         owner: the founding roster is fixed at deployment; afterwards a majority of the
///         current roster adds or removes people (co-optation), and an addition needs the
///         candidate's acceptance.
/// @dev Module of `HumanArbitrator`. A motion is tied to the roster `epoch` it was put to;
///      any roster change starts a new epoch and lapses open motions, so a majority is always
///      counted against the roster that voted. Panels are drawn by `PanelDraw`.
abstract contract ArbitratorRegistry is IHumanArbitrator {
    address[] internal _roster;
    mapping(address arbitrator => uint256 indexPlusOne) internal _rosterIndex;
    mapping(address arbitrator => ArbitratorRecord) internal _records;
    mapping(uint256 motionId => RosterMotion) internal _motions;
    mapping(uint256 motionId => mapping(address member => bool supported)) internal _supported;

    /// @notice Increases at every roster change.
    uint256 public rosterEpoch;
    /// @notice Number of motions ever proposed (ids start at 0).
    uint256 public motionCount;

    modifier onlyRoster() {
        if (_rosterIndex[msg.sender] == 0) revert NotOnRoster(msg.sender);
        _;
    }

    constructor(InitialArbitrator[] memory founders) {
        if (founders.length == 0) revert RosterEmpty();
        for (uint256 i = 0; i < founders.length; ++i) {
            _register(founders[i].account, founders[i].attestation, founders[i].attestedBy);
        }
    }

    // ------------------------------------------------------------------ motions

    /// @notice Propose to add a person to the roster; you attest their identification.
    /// @dev Only roster members; the proposer counts as the first supporter and as `attestedBy`.
    /// @param candidate The candidate's own key.
    /// @param attestation Salted hash of the candidate's off-chain identification record.
    /// @return motionId The new motion.
    function proposeAddition(address candidate, bytes32 attestation) external onlyRoster returns (uint256 motionId) {
        if (candidate == address(0)) revert ArbitratorAddressMissing();
        if (attestation == bytes32(0)) revert AttestationMissing(candidate);
        if (_rosterIndex[candidate] != 0) revert AlreadyOnRoster(candidate);
        motionId = _openMotion(candidate, attestation, true);
    }

    /// @notice Propose to remove a person from the roster.
    /// @dev Only roster members; `reasonHash` is kept in the event (hash of the reasons off-chain).
    /// @param arbitrator The member to remove.
    /// @param reasonHash Hash of the written reasons.
    /// @return motionId The new motion.
    function proposeRemoval(address arbitrator, bytes32 reasonHash) external onlyRoster returns (uint256 motionId) {
        if (_rosterIndex[arbitrator] == 0) revert NotOnRoster(arbitrator);
        motionId = _openMotion(arbitrator, reasonHash, false);
    }

    /// @notice Support an open motion; it takes effect once a majority of the roster supports it.
    /// @param motionId The motion.
    function supportMotion(uint256 motionId) external onlyRoster {
        RosterMotion storage motion = _liveMotion(motionId);
        if (_supported[motionId][msg.sender]) revert MotionAlreadySupported(motionId, msg.sender);
        _supported[motionId][msg.sender] = true;
        motion.support += 1;
        emit RosterMotionSupported(motionId, msg.sender, motion.support);
        _tryExecute(motionId, motion);
    }

    /// @notice As the candidate of an addition motion, accept the appointment with your own key.
    /// @dev Proves the candidate controls the key and consents; the motion executes once it
    ///      also has majority support.
    /// @param motionId The addition motion naming you.
    function acceptAppointment(uint256 motionId) external {
        RosterMotion storage motion = _liveMotion(motionId);
        if (!motion.addition || motion.arbitrator != msg.sender) revert NotTheCandidate(motionId, msg.sender);
        motion.accepted = true;
        emit AppointmentAccepted(motionId, msg.sender);
        _tryExecute(motionId, motion);
    }

    /// @notice Leave the roster of your own will. Panels you sit on will need a replacement.
    function resign() external onlyRoster {
        _deregister(msg.sender);
        emit ArbitratorRemoved(msg.sender, type(uint256).max, true);
    }

    // ------------------------------------------------------------------ views

    /// @notice The current roster.
    /// @return arbitrators Their keys (a leaver's place is taken by the last member).
    function roster() external view returns (address[] memory arbitrators) {
        return _roster;
    }

    /// @notice Whether a key belongs to a current roster member.
    /// @param account The key.
    /// @return onRoster True when on the roster.
    function isArbitrator(address account) external view returns (bool onRoster) {
        return _rosterIndex[account] != 0;
    }

    /// @notice The attestation recorded for an arbitrator (kept after they leave).
    /// @param arbitrator The key.
    /// @return record Attestation hash, attester, registration time, whether still active.
    function attestationOf(address arbitrator) external view returns (ArbitratorRecord memory record) {
        return _records[arbitrator];
    }

    /// @notice A roster motion.
    /// @param motionId The motion.
    /// @return motion Its fields.
    function motionOf(uint256 motionId) external view returns (RosterMotion memory motion) {
        if (motionId >= motionCount) revert MotionUnknown(motionId);
        return _motions[motionId];
    }

    // ------------------------------------------------------------------ internals

    function _openMotion(address arbitrator, bytes32 attestation, bool addition) private returns (uint256 motionId) {
        motionId = motionCount++;
        RosterMotion storage motion = _motions[motionId];
        motion.arbitrator = arbitrator;
        motion.attestation = attestation;
        motion.proposer = msg.sender;
        motion.epoch = uint64(rosterEpoch);
        motion.addition = addition;
        motion.support = 1;
        _supported[motionId][msg.sender] = true;
        emit RosterMotionProposed(motionId, arbitrator, addition, attestation, msg.sender);
        emit RosterMotionSupported(motionId, msg.sender, 1);
        _tryExecute(motionId, motion);
    }

    function _liveMotion(uint256 motionId) private view returns (RosterMotion storage motion) {
        if (motionId >= motionCount) revert MotionUnknown(motionId);
        motion = _motions[motionId];
        if (motion.executed) revert MotionAlreadyExecuted(motionId);
        if (motion.epoch != rosterEpoch) revert MotionLapsed(motionId, motion.epoch, rosterEpoch);
    }

    function _tryExecute(uint256 motionId, RosterMotion storage motion) private {
        if (uint256(motion.support) * 2 <= _roster.length) return;
        if (motion.addition && !motion.accepted) return;
        motion.executed = true;
        if (motion.addition) {
            _register(motion.arbitrator, motion.attestation, motion.proposer);
        } else {
            _deregister(motion.arbitrator);
            emit ArbitratorRemoved(motion.arbitrator, motionId, false);
        }
    }

    function _register(address account, bytes32 attestation, address attestedBy) private {
        if (account == address(0)) revert ArbitratorAddressMissing();
        if (attestation == bytes32(0)) revert AttestationMissing(account);
        if (_rosterIndex[account] != 0) revert AlreadyOnRoster(account);
        _roster.push(account);
        _rosterIndex[account] = _roster.length;
        _records[account] = ArbitratorRecord(attestation, attestedBy, uint64(block.timestamp), true);
        rosterEpoch += 1;
        emit ArbitratorRegistered(account, attestation, attestedBy);
    }

    function _deregister(address account) private {
        uint256 count = _roster.length;
        if (count == 1) revert RosterWouldBeEmpty(account);
        uint256 index = _rosterIndex[account] - 1;
        address last = _roster[count - 1];
        _roster[index] = last;
        _rosterIndex[last] = index + 1;
        _roster.pop();
        delete _rosterIndex[account];
        _records[account].active = false;
        rosterEpoch += 1;
    }

    function _contains(address[] storage list, address who) internal view returns (bool) {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == who) return true;
        }
        return false;
    }
}
