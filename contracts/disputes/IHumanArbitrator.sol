// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IHumanArbitrator: the vocabulary of dao-sim's arbitrator of natural persons
/// @notice A roster of registered natural persons decides disputes in panels. Every ruling is
///         the act of a person: a transaction from their own key or a ruling they signed
///         (EIP-712) and anyone relayed. human-dispute: a human decides the dispute,
///         so a missed deadline only draws a new panel; it never produces a ruling.
/// @dev Shared by `ArbitratorRegistry` (the roster, co-optation) and `HumanArbitrator`
///      (disputes, rounds, appeals). Events and errors are ours, in the house style; the
///      ERC-792 events keep their standard names in `IArbitrator`.
interface IHumanArbitrator is IArbitrator {
    // ------------------------------------------------------------------ roster

    /// @notice A person on the initial roster: their key, the hash attesting their
    ///         identification, and who attested it.
    struct InitialArbitrator {
        address account;
        bytes32 attestation;
        address attestedBy;
    }

    /// @notice What the chain records about an arbitrator. The attestation is a salted hash of
    ///         an off-chain identification record: no personal data on-chain (personal-data-off-chain), and
    ///         deleting the salt off-chain makes the hash meaningless.
    struct ArbitratorRecord {
        bytes32 attestation;
        address attestedBy;
        uint64 registeredAt;
        bool active;
    }

    /// @notice A proposal to change the roster, decided by a majority of the roster it was
    ///         put to. An addition also needs the candidate's own acceptance.
    struct RosterMotion {
        address arbitrator;
        bytes32 attestation;
        address proposer;
        uint64 epoch;
        uint32 support;
        bool addition;
        bool accepted;
        bool executed;
    }

    /// @notice A natural person was put on the roster.
    event ArbitratorRegistered(address indexed arbitrator, bytes32 attestation, address indexed attestedBy);
    /// @notice A person left the roster (removed by a majority, or resigned; a resignation
    ///         carries motionId type(uint256).max).
    event ArbitratorRemoved(address indexed arbitrator, uint256 indexed motionId, bool resigned);
    /// @notice A roster member proposed to add or remove a person.
    event RosterMotionProposed(
        uint256 indexed motionId,
        address indexed arbitrator,
        bool addition,
        bytes32 attestation,
        address indexed proposer
    );
    /// @notice A roster member supported a motion.
    event RosterMotionSupported(uint256 indexed motionId, address indexed member, uint256 support);
    /// @notice A candidate accepted their appointment.
    event AppointmentAccepted(uint256 indexed motionId, address indexed candidate);

    error NotOnRoster(address account);
    error AlreadyOnRoster(address account);
    error AttestationMissing(address account);
    error ArbitratorAddressMissing();
    error RosterEmpty();
    error RosterWouldBeEmpty(address leaving);
    error MotionUnknown(uint256 motionId);
    error MotionLapsed(uint256 motionId, uint256 motionEpoch, uint256 rosterEpoch);
    error MotionAlreadyExecuted(uint256 motionId);
    error MotionAlreadySupported(uint256 motionId, address member);
    error NotTheCandidate(uint256 motionId, address caller);

    // ------------------------------------------------------------------ disputes

    /// @notice One dispute as Python and the report read it.
    struct DisputeView {
        address arbitrable;
        uint256 choices;
        uint256 round;
        uint256 ruling;
        DisputeStatus status;
        uint256 panelSize;
        uint256 rulingDeadline;
        uint256 appealStart;
        uint256 appealEnd;
        uint256 votesCast;
        bool decided;
        bool executed;
    }

    /// @notice One panelist's ruling in one round.
    struct Vote {
        bool cast;
        bool signed;
        uint256 ruling;
        bytes32 reasonHash;
    }

    /// @notice A round was opened without a panel; the hash of `drawBlock`, unknown until that
    ///         block is mined, will draw it (`drawPanel`). Emitted again when a draw is re-armed.
    event PanelDrawScheduled(uint256 indexed disputeId, uint256 indexed round, uint256 drawBlock);
    /// @notice A panel was drawn for a round of a dispute; its ruling deadline runs from now.
    event PanelDrawn(uint256 indexed disputeId, uint256 indexed round, address[] panel, uint256 rulingDeadline);
    /// @notice A panelist cast a ruling; `signed` says it came as an EIP-712 signature relayed
    ///         by `relayer`, not as the panelist's own transaction.
    event RulingCast(
        uint256 indexed disputeId,
        uint256 indexed round,
        address indexed arbitrator,
        uint256 ruling,
        bytes32 reasonHash,
        bool signed,
        address relayer
    );
    /// @notice A majority of the round's panel agreed; the ruling is current and appealable.
    event RulingGiven(uint256 indexed disputeId, uint256 indexed round, uint256 ruling, uint256 appealEnd);
    /// @notice The panel did not reach a majority by the deadline. Nothing was decided.
    event RulingDeadlineMissed(uint256 indexed disputeId, uint256 indexed round, uint256 deadline, address escalatedBy);
    /// @notice A new panel replaced one that missed its deadline (same size, new round).
    event PanelReplaced(uint256 indexed disputeId, uint256 indexed oldRound, uint256 indexed newRound);
    /// @notice The ruling became final and was passed to the arbitrable contract.
    event RulingExecuted(uint256 indexed disputeId, uint256 ruling, address executedBy);
    /// @notice The arbitrable contract refused the final ruling; the fees were credited all the
    ///         same, and anyone may retry with `deliverRuling`.
    event RulingDeliveryFailed(uint256 indexed disputeId, uint256 ruling);
    /// @notice An arbitrator earned a share of a round's fee.
    event FeeCredited(address indexed arbitrator, uint256 indexed disputeId, uint256 indexed round, uint256 amount);
    /// @notice An arbitrator withdrew the fees credited to them.
    event FeesWithdrawn(address indexed arbitrator, uint256 amount);

    error DisputeUnknown(uint256 disputeId);
    error NoChoices();
    error RulingPeriodZero();
    error PanelSizeInvalid(uint256 panelSize, uint256 eligible);
    error FeeTooLow(uint256 required, uint256 paid);
    error NotOnPanel(uint256 disputeId, uint256 round, address arbitrator);
    error AlreadyVoted(uint256 disputeId, uint256 round, address arbitrator);
    error RoundClosed(uint256 disputeId, uint256 round, uint256 currentRound);
    error RulingOutOfRange(uint256 disputeId, uint256 ruling, uint256 choices);
    error SignatureInvalid(uint256 disputeId, uint256 round);
    error RulingDeadlinePassed(uint256 disputeId, uint256 round, uint256 deadline);
    error RulingDeadlineNotPassed(uint256 disputeId, uint256 round, uint256 deadline);
    error NotAppealable(uint256 disputeId, DisputeStatus status);
    error AppealWindowClosed(uint256 disputeId, uint256 appealEnd);
    error AppealWindowOpen(uint256 disputeId, uint256 appealEnd);
    error NoLargerPanel(uint256 disputeId, uint256 panelSize, uint256 eligible);
    error AlreadyDecided(uint256 disputeId, uint256 round);
    error DisputeSolved(uint256 disputeId);
    error NothingToWithdraw(address arbitrator);
    error PaymentFailed(address to, uint256 amount);
    error NotAnArbitrable(address caller);
    error PanelistInterested(uint256 disputeId, address arbitrator);
    error PanelNotDrawn(uint256 disputeId, uint256 round, uint256 drawBlock);
    error PanelAlreadyDrawn(uint256 disputeId, uint256 round);
    error PanelDrawTooEarly(uint256 disputeId, uint256 round, uint256 drawBlock);
    error InterestCheckUnderfunded(uint256 gasLeft);
    error RulingNotFinal(uint256 disputeId, DisputeStatus status);
    error RulingAlreadyDelivered(uint256 disputeId);
    error RulingNotDelivered(uint256 disputeId);

    // ------------------------------------------------------------------ functions

    /// @notice Cast your ruling in the current round of a dispute, from your own key.
    /// @param disputeId The dispute.
    /// @param ruling 0 = refuse to arbitrate, else 1..choices.
    /// @param reasonHash Hash of the reasoned decision kept off-chain.
    function castRuling(uint256 disputeId, uint256 ruling, bytes32 reasonHash) external;

    /// @notice Relay a ruling a panelist signed offline (EIP-712 `Ruling`).
    /// @param disputeId The dispute.
    /// @param round The round the panelist signed for; must be the current round.
    /// @param ruling The signed ruling.
    /// @param reasonHash The signed hash of the reasons.
    /// @param signature The panelist's 65-byte signature.
    function submitSignedRuling(
        uint256 disputeId,
        uint256 round,
        uint256 ruling,
        bytes32 reasonHash,
        bytes calldata signature
    ) external;

    /// @notice Draw a new panel when the current one missed its deadline; decides nothing.
    /// @param disputeId The dispute.
    function escalate(uint256 disputeId) external;

    /// @notice Seat the panel of the current round from its draw block's hash; anyone may call
    ///         once that block is mined.
    /// @param disputeId The dispute.
    function drawPanel(uint256 disputeId) external;

    /// @notice Make a ruling whose appeal window has closed final, credit the fees, and pass it
    ///         to the arbitrable contract.
    /// @param disputeId The dispute.
    function executeRuling(uint256 disputeId) external;

    /// @notice Retry passing a final ruling the arbitrable contract refused.
    /// @param disputeId The dispute.
    function deliverRuling(uint256 disputeId) external;

    /// @notice Withdraw the fees credited to you.
    function withdrawFees() external;
}
