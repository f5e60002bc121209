// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IDAO: the shared vocabulary of a dao-sim DAO
/// @notice Enums, structs, events and errors of a DAO governed by its members' vote under the
///         Digital Code of Kazakhstan (DC 20). Readable on its own: a lawyer can see here
///         every state a proposal can be in, every act the DAO records and every refusal.
interface IDAO {
    /// @notice How voting power is counted. Chosen at deployment, never changed.
    enum VotingRule {
        OneMemberOneVote,
        ContributionWeighted
    }

    /// @notice A member's ballot. Abstentions count towards the quorum only.
    enum Support {
        Against,
        For,
        Abstain
    }

    /// @notice Ordinary proposals carry actions; an amendment migrates the treasury to a new,
    ///         published contract with the participants' consent (DC 20.9).
    enum ProposalKind {
        Ordinary,
        Amendment
    }

    /// @notice The life of a proposal. Pending: voting has not opened. Active: voting is open.
    ///         Defeated: quorum or approval not met. Grace: passed, waiting out the grace window
    ///         in which dissenters may exit and disputes may be opened. Disputed: a human
    ///         arbitrator has been asked to rule; nothing executes meanwhile. Succeeded: may be
    ///         executed by anyone. Executed, Voided (by a human ruling), Expired (not executed
    ///         within the execution window set by the charter).
    enum ProposalState {
        Pending,
        Active,
        Defeated,
        Succeeded,
        Grace,
        Disputed,
        Executed,
        Voided,
        Expired
    }

    /// @notice A claim by a third party against the DAO (DC 20.8: paid from the treasury only).
    enum ClaimStatus {
        None,
        Filed,
        Settled,
        Rejected
    }

    /// @notice Outcomes of a human ruling on a disputed proposal (ERC-792 choices 1..3; 0 = refused).
    enum DisputeRuling {
        Refused,
        Uphold,
        Void,
        Remedy
    }

    /// @notice What the human reviewer may still do with an automated decision (DC 29.2).
    enum ReviewStatus {
        None,
        Requested,
        Confirmed,
        Reversed
    }

    /// @notice One call a proposal makes when executed.
    struct Action {
        address target;
        uint256 value;
        bytes data;
    }

    /// @notice The DAO's rules, fixed at deployment (DC 20.9). Periods are in seconds.
    /// @dev Basis points: 10000 = 100%.
    struct Rules {
        bytes32 charterHash;
        string charterURI;
        VotingRule votingRule;
        uint16 quorumBps;
        uint16 approvalBps;
        uint16 amendmentConsentBps;
        uint32 votingDelay;
        uint32 votingPeriod;
        uint32 gracePeriod;
        uint32 executionWindow;
        uint32 liabilityCapBps;
        bool expulsionAllowed;
        uint256 duesAmount;
        uint32 duesPeriod;
        address arbitrator;
        bytes arbitratorExtraData;
        address reviewer;
        address predecessor;
    }

    // ---- events: governance ------------------------------------------------------------

    /// @notice The charter's hash and address were published at deployment (DC 20.9).
    event CharterPublished(bytes32 indexed charterHash, string charterURI);
    /// @notice A person became a member with a contribution, receiving treasury shares.
    event MemberJoined(address indexed member, uint256 contribution, uint256 shares);
    /// @notice A passed proposal offered membership to a candidate for a set contribution.
    event MembershipOffered(address indexed candidate, uint256 contribution);
    /// @notice A proposal was created.
    event ProposalCreated(
        uint256 indexed proposalId,
        address indexed proposer,
        ProposalKind kind,
        uint64 voteStart,
        uint64 voteEnd,
        string description
    );
    /// @notice A member voted.
    event VoteCast(uint256 indexed proposalId, address indexed voter, Support support, uint256 weight);
    /// @notice One action of an executed proposal was carried out.
    event ActionExecuted(uint256 indexed proposalId, uint256 index, address target, uint256 value);
    /// @notice A passed proposal was executed, automatically and as voted (DC 20.7).
    event ProposalExecuted(uint256 indexed proposalId, address indexed executor);

    // ---- events: participation -----------------------------------------------------------

    /// @notice A member added to their contribution.
    event ContributionMade(address indexed member, uint256 amount, uint256 shares);
    /// @notice A member left and was paid their share of the treasury net of reserved claims.
    event MemberExited(address indexed member, uint256 shares, uint256 payout);
    /// @notice A member was expelled under the charter and paid their share (DC 9.6).
    event MemberExpelled(address indexed member, uint256 shares, uint256 payout);
    /// @notice A claim against the DAO was filed; `reserved` is held back from exits and payments.
    event ClaimFiled(uint256 indexed claimId, address indexed claimant, uint256 amount, uint256 reserved, string description);
    /// @notice A claim was recognised and paid from the treasury; any shortfall stays the DAO's liability.
    event ClaimSettled(uint256 indexed claimId, uint256 paid, uint256 shortfall);
    /// @notice A claim was rejected and its reservation released.
    event ClaimRejected(uint256 indexed claimId);
    /// @notice A capital call was made on a member, within the charter's liability cap.
    event CapitalCalled(address indexed member, uint256 amount);
    /// @notice A member paid (part of) a capital call.
    event CapitalPaid(address indexed member, uint256 amount);
    /// @notice The treasury moved to the successor contract after an amendment passed (DC 20.9).
    event TreasuryMigrated(address indexed successor, uint256 amount, uint256 members);

    // ---- events: disputes and automated decisions ----------------------------------------

    /// @notice A dispute about a proposal was opened; the proposal cannot execute (DC 28.2).
    event DisputeOpened(uint256 indexed proposalId, uint256 indexed disputeId, address indexed by, uint256 compensation);
    /// @notice The human arbitrator's ruling was enforced.
    event RulingEnforced(uint256 indexed disputeId, uint256 indexed proposalId, DisputeRuling ruling);
    /// @notice A proposal was voided by a human ruling; it will never execute.
    event ProposalVoided(uint256 indexed proposalId, uint256 indexed disputeId);
    /// @notice An automated decision was taken (DC 29.1), with the rule and inputs that produced it.
    event AutomatedDecisionMade(
        uint256 indexed decisionId,
        address indexed subject,
        bytes32 indexed rule,
        uint256 dueSince,
        uint256 decidedAt
    );
    /// @notice The affected person asked for human review of an automated decision (DC 29.2).
    event ReviewRequested(uint256 indexed decisionId, address indexed by);
    /// @notice The human reviewer confirmed or reversed an automated decision (DC 29.2).
    event ReviewDecided(uint256 indexed decisionId, address indexed reviewer, bool reversed, bytes32 reasonHash);
    /// @notice A member's voting rights were suspended by an automated decision.
    event MemberSuspended(address indexed member, uint256 indexed decisionId);
    /// @notice A member's voting rights were restored (dues paid, or a review reversed the suspension).
    event MemberReinstated(address indexed member);

    // ---- errors ---------------------------------------------------------------------------

    error NotAMember(address account);
    error AlreadyAMember(address account);
    error MemberIsSuspended(address member);
    error NoMembershipOffer(address candidate);
    error WrongContribution(uint256 expected, uint256 sent);
    error ZeroContribution();
    error OnlyByVote(address caller);
    error OnlyArbitrator(address caller);
    error OnlyReviewer(address caller);
    error OnlyPredecessor(address caller);
    error UnknownProposal(uint256 proposalId);
    error ProposalNotActive(uint256 proposalId, ProposalState state);
    error ProposalNotExecutable(uint256 proposalId, ProposalState state);
    error ProposalNotInGrace(uint256 proposalId, ProposalState state);
    error AlreadyVoted(uint256 proposalId, address voter);
    error NoVotingPower(uint256 proposalId, address voter);
    error ActionOutsideCapacity(uint256 index, address target, bytes4 selector);
    error ActionFailed(uint256 proposalId, uint256 index, bytes reason);
    error TreasuryInsufficient(uint256 needed, uint256 available);
    error TransferFailed(address to, uint256 amount, bytes reason);
    error SuccessorNotPublished(address successor);
    error ExitBlockedByOwnVote(address member, uint256 proposalId);
    error CapitalCallExceedsCap(address member, uint256 requested, uint256 headroom);
    error NothingOwed(address member);
    error ExpulsionNotInCharter();
    error UnknownClaim(uint256 claimId);
    error ClaimNotOpen(uint256 claimId, ClaimStatus status);
    error ClaimsPending(uint256 reserved);
    error DAOMigrated(address successor);
    error MigrationAlreadyDone();
    error WrongArbitrationFee(uint256 expected, uint256 sent);
    error UnknownDispute(uint256 disputeId);
    error InvalidRuling(uint256 disputeId, uint256 ruling);
    error UnknownDecision(uint256 decisionId);
    error DuesNotOverdue(address member, uint256 paidUntil);
    error NotTheAffectedPerson(uint256 decisionId, address caller);
    error ReviewNotRequested(uint256 decisionId, ReviewStatus status);
    error ReviewAlreadyRequested(uint256 decisionId, ReviewStatus status);
    error DisputeClauseMissing();
    error ReviewerMissing();
    error InvalidRules(string field);
    error NoFoundingMembers();
    error DuplicateMember(address member);
    error LengthMismatch(uint256 members, uint256 contributions);
}
