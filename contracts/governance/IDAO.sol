// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IDAO: the shared vocabulary of a dao-sim DAO and its modules
/// @notice Enums, structs, events and errors of a DAO governed by its members' vote. Readable on
///         its own: a lawyer can see here every state a proposal can be in, every act the DAO
///         records and every refusal. The DAO is a small core (`DAO`: the treasury and the
///         members' positions) and sibling modules it deploys and wires at construction
///         (`Governor`: proposals and votes; `Claims`: claims against the DAO; `DisputeClause`:
///         the human dispute procedure; `AutomatedDecisions`: dues, only when the charter has
///         dues). Every module speaks this vocabulary.
/// @dev Requirements of the law catalogue are named, not numbered (numbers differ between the
///      draft and the Code in force): vote-only-decisions, liability-cap, consent-to-change,
///      human-dispute, automated-decision-rights, no-confiscation, capacity.
interface IDAO {
    /// @notice How voting power is counted. Chosen at deployment, never changed.
    /// @dev ContributionWeighted counts the wei a member has contributed, never treasury shares,
    ///      so no share price, however low, buys votes.
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

    /// @notice Ordinary proposals carry actions; an amendment migrates the DAO to a new contract
    ///         built from the same published code, with the participants' consent.
    enum ProposalKind {
        Ordinary,
        Amendment
    }

    /// @notice The life of a proposal. Pending: voting has not opened. Active: voting is open.
    ///         Defeated: quorum or approval not met. Grace: passed, waiting out the grace window
    ///         in which dissenters may exit and disputes may be opened (a proposal held while a
    ///         claim was open stays in grace until the claims are decided, and a grace period
    ///         after).
    ///         Disputed: a human arbitrator has been asked to rule; nothing executes meanwhile.
    ///         Succeeded: may be executed by anyone. Executed, Voided (by a human ruling),
    ///         Expired (not executed within the execution window).
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

    /// @notice A claim by a third party against the DAO (liability-cap: paid from the treasury only).
    enum ClaimStatus {
        None,
        Filed,
        Settled,
        Rejected,
        Carried
    }

    /// @notice Outcomes of a human ruling on a disputed proposal (ERC-792 choices 1..3; 0 = refused).
    enum DisputeRuling {
        Refused,
        Uphold,
        Void,
        Remedy
    }

    /// @notice What the human reviewer may still do with an automated decision.
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

    /// @notice The DAO's rules, fixed at deployment. Periods are in seconds, shares in basis
    ///         points (10000 = 100%).
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
        uint16 claimBondBps;
        uint128 minClaimBond;
        uint256 duesAmount;
        uint32 duesPeriod;
        address arbitrator;
        uint256 arbitratorPanelSize;
        address reviewer;
        address predecessor;
        bytes32 foundersRoot;
        uint256 founderCount;
    }

    /// @notice A member's standing and stake. `shares` measure the pro-rata claim on the free
    ///         treasury; `contributed` is what they put in (their liability cap's base);
    ///         `pending` is a contribution made while claims were undecided, kept out of the
    ///         shared treasury until they are (epoch `pendingEpoch`).
    struct Member {
        bool active;
        bool suspended;
        uint64 joinedAt;
        uint64 duesPaidUntil;
        uint32 pendingEpoch;
        uint128 shares;
        uint128 contributed;
        uint128 capitalCalled;
        uint128 capitalPaid;
        uint128 withdrawn;
        uint128 callBpsSeen;
        uint128 pending;
    }

    /// @notice Where the DAO core finds its modules' creation code: contracts whose code is the
    ///         byte 0xFE followed by a module's creation code (they cannot be called).
    struct Blueprints {
        address governor;
        address claims;
        address disputeClause;
        address automatedDecisions;
    }

    /// @notice A claim's record.
    struct Claim {
        address claimant;
        ClaimStatus status;
        uint64 filedAt;
        uint128 amount;
        uint128 bond;
        uint128 paid;
    }

    // ---- events: the core -------------------------------------------------------------------

    /// @notice The charter's hash and address were published at deployment (consent-to-change).
    event CharterPublished(bytes32 indexed charterHash, string charterURI);
    /// @notice The founding list was published as a Merkle root of (founder, contribution).
    event FoundersPublished(bytes32 indexed foundersRoot, uint256 founderCount);
    /// @notice The DAO's modules were deployed and wired; none can ever be replaced.
    event ModulesWired(address governor, address claims, address disputeClause, address automatedDecisions);
    /// @notice A person became a member with a contribution, receiving treasury shares.
    event MemberJoined(address indexed member, uint256 contribution, uint256 shares);
    /// @notice A passed proposal offered membership to a candidate for a set contribution.
    event MembershipOffered(address indexed candidate, uint256 contribution);
    /// @notice A member added to their contribution.
    event ContributionMade(address indexed member, uint256 amount, uint256 shares);
    /// @notice A contribution made while claims were undecided was kept apart until they are.
    event ContributionHeld(address indexed member, uint256 amount, uint256 epoch);
    /// @notice Contributions held during a claim epoch were priced once its claims were decided.
    event HeldContributionsPriced(uint256 indexed epoch, uint256 amount, uint256 shares);
    /// @notice A member left and was paid their share of the free treasury.
    event MemberExited(address indexed member, uint256 shares, uint256 payout);
    /// @notice A member was expelled under the charter and credited their share (no-confiscation).
    event MemberExpelled(address indexed member, uint256 shares, uint256 payout);
    /// @notice A capital call was made on every member, within the charter's liability cap.
    event CapitalCalled(uint256 bpsOfContribution, uint256 cumulativeBps);
    /// @notice A member paid (part of) a capital call.
    event CapitalPaid(address indexed member, uint256 amount);
    /// @notice A payment was credited for its recipient to withdraw (a payment nobody can block).
    event PaymentCredited(address indexed to, uint256 amount);
    /// @notice A recipient withdrew what was credited to them.
    event PaymentWithdrawn(address indexed to, uint256 amount);
    /// @notice One action of an executed proposal was carried out.
    event ActionExecuted(uint256 indexed proposalId, uint256 index, address target, uint256 value);
    /// @notice After an amendment, the treasury and the DAO-wide books moved to the successor;
    ///         this contract accepts no new acts, and members' positions are carried one by one.
    event TreasuryMigrated(address indexed successor, uint256 amount, uint256 members);
    /// @notice The successor received the predecessor's treasury and books and opened.
    event MigrationCompleted(address indexed predecessor, uint256 amount);

    // ---- events: governance -------------------------------------------------------------

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
    /// @notice A proposal in grace was held until the current claim epoch's claims are decided.
    event ProposalHeldForClaims(uint256 indexed proposalId, uint256 claimEpoch);
    /// @notice A passed proposal was executed, automatically and as voted (vote-only-decisions).
    event ProposalExecuted(uint256 indexed proposalId, address indexed executor);

    // ---- events: claims -------------------------------------------------------------------

    /// @notice A claim against the DAO was filed with its bond; `reserved` is what the treasury
    ///         now holds back for all open claims.
    event ClaimFiled(uint256 indexed claimId, address indexed claimant, uint256 amount, uint256 reserved, string description);
    /// @notice A claim was recognised and credited from the treasury; any shortfall stays the
    ///         DAO's liability. The bond was credited back to the claimant.
    event ClaimSettled(uint256 indexed claimId, uint256 paid, uint256 shortfall);
    /// @notice A claim was rejected; its bond went to the treasury.
    event ClaimRejected(uint256 indexed claimId, uint256 bondForfeited);
    /// @notice An open claim moved to the successor with its bond.
    event ClaimCarried(uint256 indexed claimId, address indexed successor, uint256 successorClaimId);

    // ---- events: disputes and automated decisions ----------------------------------------

    /// @notice A dispute about a proposal was opened; the proposal cannot execute (human-dispute).
    event DisputeOpened(uint256 indexed proposalId, uint256 indexed disputeId, address indexed by, uint256 compensation);
    /// @notice The human arbitrator's ruling was enforced.
    event RulingEnforced(uint256 indexed disputeId, uint256 indexed proposalId, DisputeRuling ruling);
    /// @notice A proposal was voided by a human ruling; it will never execute.
    event ProposalVoided(uint256 indexed proposalId, uint256 indexed disputeId);
    /// @notice An automated decision was taken, with the rule and inputs that produced it.
    event AutomatedDecisionMade(
        uint256 indexed decisionId,
        address indexed subject,
        bytes32 indexed rule,
        uint256 dueSince,
        uint256 decidedAt
    );
    /// @notice The affected person asked for human review of an automated decision.
    event ReviewRequested(uint256 indexed decisionId, address indexed by);
    /// @notice The human reviewer confirmed or reversed an automated decision.
    event ReviewDecided(uint256 indexed decisionId, address indexed reviewer, bool reversed, bytes32 reasonHash);
    /// @notice A member's voting rights were suspended by an automated decision.
    event MemberSuspended(address indexed member, uint256 indexed decisionId);
    /// @notice A member's voting rights were restored (dues paid, a review reversed the
    ///         suspension, or the successor's charter has no dues rule).
    event MemberReinstated(address indexed member);
    /// @notice Dues were paid into the treasury.
    event DuesPaid(address indexed member, uint256 amount, uint64 paidUntil);

    // ---- errors ---------------------------------------------------------------------------

    error NotAMember(address account);
    error AlreadyAMember(address account);
    error MemberIsSuspended(address member);
    error NoMembershipOffer(address candidate);
    error NotAFounder(address account, uint256 contribution);
    error WrongContribution(uint256 expected, uint256 sent);
    error ZeroContribution();
    error TreasuryEmpty(uint256 shares);
    error DAOHasNoMembers(uint256 amount);
    error SharesOverflow(uint256 shares);
    error OnlyByVote(address caller);
    error OnlyModule(address caller);
    error OnlyArbitrator(address caller);
    error OnlyReviewer(address caller);
    error OnlyPredecessor(address caller);
    error OnlySuccessor(address caller);
    error UnknownProposal(uint256 proposalId);
    error ProposalNotActive(uint256 proposalId, ProposalState state);
    error ProposalNotExecutable(uint256 proposalId, ProposalState state);
    error ProposalNotInGrace(uint256 proposalId, ProposalState state);
    error AlreadyVoted(uint256 proposalId, address voter);
    error NoVotingPower(uint256 proposalId, address voter);
    error TooManyActions(uint256 count, uint256 limit);
    error ActionOutsideCapacity(uint256 index, address target, bytes4 selector);
    error ActionFailed(uint256 proposalId, uint256 index, bytes reason);
    error TreasuryInsufficient(uint256 needed, uint256 available);
    error TransferFailed(address to, uint256 amount, bytes reason);
    error NoCredit(address account);
    error SuccessorNotPublished(address successor);
    error ExitBlockedByOwnVote(address member, uint256 proposalId);
    error CapitalCallExceedsCap(uint256 requestedBps, uint256 headroomBps);
    error NothingOwed(address member);
    error ExpulsionNotInCharter();
    error UnknownClaim(uint256 claimId);
    error ClaimNotOpen(uint256 claimId, ClaimStatus status);
    error WrongClaimBond(uint256 expected, uint256 sent);
    error ClaimTooLarge(uint256 amount);
    error NoOpenClaims(uint256 proposalId);
    error AlreadyHeld(uint256 proposalId);
    error ClaimsPending(uint256 openClaims);
    error DisputesPending(uint256 open);
    error DAOMigrated(address successor);
    error MigrationInProgress(address predecessor);
    error MigrationNotStarted();
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
    error BlueprintMissing(address blueprint);
}
