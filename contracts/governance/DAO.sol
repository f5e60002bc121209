// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDAO} from "./IDAO.sol";
import {
    IDAOCore, IGovernor, IClaims, IDisputeClause, IAutomatedDecisions
} from "./IModules.sol";

/// @title DAO: the core of a dao-sim DAO, its treasury and its members' positions
/// @notice Members found it with contributions; its rules are fixed at deployment and published
///         as the charter's hash; decisions are the members' vote, executed automatically; each
///         member's liability is capped at their contribution; disputes go to a human
///         arbitrator; automated decisions can be put to a human reviewer. There is no owner and
///         no upgrade path: an amendment migrates everything to a new contract running this same
///         code, with the participants' consent, and those who do not consent may exit first.
/// @dev The core deploys its modules in its constructor (`Governor`, `Claims`, `DisputeClause`,
///      and `AutomatedDecisions` only when the charter has dues) and accepts from each only the
///      calls it is wired to make. Rules and wiring live in storage written once, in the
///      constructor, never in immutables: every DAO core then runs byte-identical runtime code,
///      so a successor's code hash proves it is a dao-sim DAO (consent-to-change).
///      Money: the treasury is this contract's balance, less payments credited to recipients
///      (`totalCredited`), less contributions held while claims are undecided (`heldContributions`),
///      less what open claims reserve; the rest, the free treasury, belongs to the members in
///      proportion to their shares.
contract DAO is IDAO, IDAOCore, ReentrancyGuardTransient {
    using Checkpoints for Checkpoints.Trace208;

    /// @dev Held contributions of one claim epoch, priced when its claims were all decided.
    struct Pricing {
        uint128 remainingWei;
        uint128 remainingShares;
        bool refunded;
    }

    uint256 internal constant BPS = 10_000;
    uint256 internal constant BOOKS = 11;
    uint256 internal constant MEMBER_WORDS = 5;
    /// @notice Gas a plain payment may use before it is credited for withdrawal instead.
    uint256 public constant PAYMENT_GAS = 100_000;

    // ---- rules and wiring, written once by the constructor ----------------------------------

    /// @notice keccak-256 of the charter text.
    bytes32 public charterHash;
    /// @notice Merkle root of the founding list, leaves (founder, contribution).
    bytes32 public foundersRoot;
    /// @inheritdoc IDAOCore
    address public predecessor;
    /// @inheritdoc IDAOCore
    IGovernor public governor;
    /// @inheritdoc IDAOCore
    IClaims public claims;
    /// @inheritdoc IDAOCore
    IDisputeClause public disputeClause;
    /// @inheritdoc IDAOCore
    IAutomatedDecisions public automatedDecisions;
    /// @notice How voting power is counted.
    VotingRule public votingRule;
    /// @inheritdoc IDAOCore
    uint32 public liabilityCapBps;
    /// @inheritdoc IDAOCore
    bool public expulsionAllowed;
    /// @inheritdoc IDAOCore
    bool public operational;
    /// @notice The blueprints this DAO's modules were created from.
    Blueprints public blueprints;

    // ---- members ------------------------------------------------------------------------------

    mapping(address account => Member) internal _members;
    address[] internal _memberList;
    /// @inheritdoc IDAOCore
    uint256 public memberCount;
    /// @notice Shares outstanding (including shares priced for held contributions not yet handed out).
    uint256 public totalShares;
    /// @notice Sum of current members' contributions (the total weight under ContributionWeighted).
    uint256 public activeContributed;
    mapping(address account => Checkpoints.Trace208) private _powerHistory;
    Checkpoints.Trace208 private _totalPowerHistory;
    /// @notice Contribution a passed proposal offered a candidate (0: no offer).
    mapping(address candidate => uint256 contribution) public membershipOffers;

    // ---- money --------------------------------------------------------------------------------

    /// @notice Payments credited to a recipient and not yet withdrawn.
    mapping(address account => uint256 amount) public creditOf;
    address[] internal _payees;
    mapping(address account => bool listed) internal _isPayee;
    /// @notice Sum of all credits not yet withdrawn.
    uint256 public totalCredited;
    /// @notice Sum of the amounts of all undecided claims.
    uint256 public openClaims;
    /// @notice Number of undecided claims.
    uint256 public openClaimCount;
    uint64 internal _latestClaimFiledAt;
    uint64 internal _lastClaimEventAt;
    /// @notice Recognised claims and remedies the treasury could not pay: the DAO's debt, never the members'.
    uint256 public outstandingLiability;
    /// @notice Capital called so far, in basis points of each member's contribution.
    uint256 public cumulativeCallBps;
    /// @notice The current claim epoch: it ends when the last open claim is decided.
    uint32 public claimEpoch;
    /// @notice Contributions held out of the treasury until the current epoch's claims are decided.
    uint256 public heldContributions;
    mapping(uint256 epoch => Pricing) internal _pricing;
    mapping(uint256 epoch => uint64 closedAt) internal _epochClosedAt;

    // ---- migration ------------------------------------------------------------------------------

    /// @inheritdoc IDAOCore
    address public migratedTo;
    /// @notice Members of the predecessor whose positions have not been carried here yet.
    uint256 public uncarriedMembers;

    modifier onlyByVote() {
        if (msg.sender != address(this)) revert OnlyByVote(msg.sender);
        _;
    }

    modifier onlyFrom(address module) {
        if (msg.sender != module) revert OnlyModule(msg.sender);
        _;
    }

    modifier live() {
        _requireLive();
        _;
    }

    /// @param rules The charter's rules (see IDAO.Rules). A founding DAO names its founders by
    ///        the Merkle root of (founder, contribution); a successor (rules.predecessor set)
    ///        receives its members by migration.
    /// @param modules The blueprints the modules are created from (a successor must use its
    ///        predecessor's).
    constructor(Rules memory rules, Blueprints memory modules) {
        if (rules.arbitrator == address(0)) revert DisputeClauseMissing();
        if (rules.gracePeriod == 0) revert InvalidRules("gracePeriod");
        if (rules.liabilityCapBps < BPS) revert InvalidRules("liabilityCapBps");
        if (rules.predecessor == address(0) && (rules.foundersRoot == bytes32(0) || rules.founderCount == 0)) {
            revert NoFoundingMembers();
        }
        // A successor's members are the predecessor's, carried: it may name no founders of its own.
        if (rules.predecessor != address(0) && rules.foundersRoot != bytes32(0)) revert InvalidRules("foundersRoot");
        charterHash = rules.charterHash;
        foundersRoot = rules.foundersRoot;
        predecessor = rules.predecessor;
        votingRule = rules.votingRule;
        liabilityCapBps = rules.liabilityCapBps;
        expulsionAllowed = rules.expulsionAllowed;
        operational = rules.predecessor == address(0);
        blueprints = modules;
        address governor_ = _fromBlueprint(modules.governor, abi.encode(rules));
        address claims_ = _fromBlueprint(modules.claims, abi.encode(rules));
        address disputes_ = _fromBlueprint(modules.disputeClause, abi.encode(rules, governor_, claims_));
        governor = IGovernor(governor_);
        claims = IClaims(claims_);
        disputeClause = IDisputeClause(disputes_);
        if (rules.duesPeriod != 0) {
            automatedDecisions = IAutomatedDecisions(_fromBlueprint(modules.automatedDecisions, abi.encode(rules)));
        }
        emit CharterPublished(rules.charterHash, rules.charterURI);
        emit ModulesWired(address(governor_), address(claims_), address(disputes_), address(automatedDecisions));
        if (rules.foundersRoot != bytes32(0)) emit FoundersPublished(rules.foundersRoot, rules.founderCount);
    }

    // ---- joining, contributing, leaving ----------------------------------------------------------

    /// @notice Become a member, paying in one's contribution: as a founder on the published
    ///         founding list (with its Merkle proof), or as a candidate a passed proposal admitted.
    /// @dev Nobody pays for another: the member's own key sends the contribution. A founder's
    ///      seat is used once. While claims are undecided the contribution is held apart and
    ///      priced when they are (see `contribute`).
    /// @param foundingProof The Merkle proof of (sender, msg.value) in the founding list; empty
    ///        for an admitted candidate.
    function join(bytes32[] calldata foundingProof) external payable nonReentrant live {
        uint256 offered = membershipOffers[msg.sender];
        if (offered != 0) {
            if (msg.value != offered) revert WrongContribution(offered, msg.value);
            delete membershipOffers[msg.sender];
        } else {
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender, msg.value))));
            if (_members[msg.sender].joinedAt != 0 || !MerkleProof.verifyCalldata(foundingProof, foundersRoot, leaf)) {
                revert NotAFounder(msg.sender, msg.value);
            }
        }
        if (msg.value == 0) revert ZeroContribution();
        _addMember(msg.sender);
        uint256 shares = _contribute(msg.sender, msg.value);
        emit MemberJoined(msg.sender, msg.value, shares);
    }

    /// @notice Add to one's own contribution: it raises one's stake and, equally, one's cap.
    /// @dev Sound pricing: shares are minted at the free treasury's value only when no claim is
    ///      undecided. While one is, the free treasury's value is uncertain (a rejection would
    ///      give the reserve back to the members, a settlement would spend it), so the money is
    ///      held apart, counted in the member's contribution and voting weight but not in the
    ///      treasury, and priced in one batch when the epoch's last claim is decided. A
    ///      contribution thus neither dilutes nor enriches anyone.
    function contribute() external payable nonReentrant live {
        if (!_members[msg.sender].active) revert NotAMember(msg.sender);
        if (msg.value == 0) revert ZeroContribution();
        uint256 shares = _contribute(msg.sender, msg.value);
        emit ContributionMade(msg.sender, msg.value, shares);
    }

    /// @notice Leave the DAO with one's share of the free treasury (net of what open claims
    ///         reserve), plus any contribution still held, less unpaid capital calls.
    /// @dev A member whose For vote is on a proposal that can still execute must wait until it
    ///      is settled (no escaping one's own decision). The payout is sent with bounded gas;
    ///      if the member's account refuses it, it is credited for `withdraw`.
    /// @return payout What the member is paid (wei).
    function exit() external nonReentrant live returns (uint256 payout) {
        if (!_members[msg.sender].active) revert NotAMember(msg.sender);
        (bool blocked, uint256 proposalId) = governor.releaseExit(msg.sender);
        if (blocked) revert ExitBlockedByOwnVote(msg.sender, proposalId);
        uint256 shares;
        (shares, payout) = _payOut(msg.sender);
        emit MemberExited(msg.sender, shares, payout);
        _pay(msg.sender, payout);
    }

    /// @notice Withdraw payments credited to you (claims settled, remedies, expulsion payouts,
    ///         bonds returned, payments your account refused).
    function withdraw() external nonReentrant {
        _sync(msg.sender);
        uint256 amount = creditOf[msg.sender];
        if (amount == 0) revert NoCredit(msg.sender);
        creditOf[msg.sender] = 0;
        totalCredited -= amount;
        emit PaymentWithdrawn(msg.sender, amount);
        (bool ok, bytes memory reason) = msg.sender.call{value: amount}("");
        if (!ok) revert TransferFailed(msg.sender, amount, reason);
    }

    /// @notice Pay what capital calls asked of you (any part of it).
    function payCapitalCall() external payable nonReentrant live {
        _sync(msg.sender);
        Member storage m = _members[msg.sender];
        uint256 owed = m.capitalCalled - m.capitalPaid;
        if (owed == 0) revert NothingOwed(msg.sender);
        if (msg.value == 0 || msg.value > owed) revert WrongContribution(owed, msg.value);
        m.capitalPaid += uint128(msg.value);
        emit CapitalPaid(msg.sender, msg.value);
    }

    // ---- acts only a passed proposal can do (the DAO's capacity) ----------------------------------

    /// @notice Offer membership to a candidate for a set contribution. Only by a passed proposal.
    /// @param candidate The person admitted.
    /// @param contribution The contribution (wei) they must bring.
    function offerMembership(address candidate, uint256 contribution) external onlyByVote {
        if (_members[candidate].active || (predecessor != address(0) && DAO(payable(predecessor)).isMember(candidate))) {
            revert AlreadyAMember(candidate);
        }
        if (contribution == 0) revert ZeroContribution();
        membershipOffers[candidate] = contribution;
        emit MembershipOffered(candidate, contribution);
    }

    /// @notice Expel a member, crediting them their whole share. Only by a passed proposal, and
    ///         only if the charter allows expulsion.
    /// @dev no-confiscation: a vote may end membership but never take the member's share. Not
    ///      while a claim is undecided: its reservation would cut the share credited, and a
    ///      rejection would hand the cut to those who stayed.
    /// @param member The member expelled.
    function expel(address member) external onlyByVote {
        if (!expulsionAllowed) revert ExpulsionNotInCharter();
        if (openClaimCount != 0) revert ClaimsPending(openClaims);
        if (!_members[member].active) revert NotAMember(member);
        (uint256 shares, uint256 payout) = _payOut(member);
        emit MemberExpelled(member, shares, payout);
        _credit(member, payout);
    }

    /// @notice Call further capital from every member, in basis points of their contribution,
    ///         never beyond the charter's liability cap. Only by a passed proposal.
    /// @dev liability-cap: calls add up; their sum may not pass the cap multiple minus the
    ///      contribution itself, which bounds every member alike. Each member's share of a call
    ///      is booked when they next act (constant gas, whatever the membership).
    /// @param bpsOfContribution The call, in basis points of each member's contribution.
    function callCapital(uint256 bpsOfContribution) external onlyByVote {
        uint256 allowed = liabilityCapBps - BPS;
        uint256 headroom = allowed > cumulativeCallBps ? allowed - cumulativeCallBps : 0;
        if (bpsOfContribution == 0 || bpsOfContribution > headroom) {
            revert CapitalCallExceedsCap(bpsOfContribution, headroom);
        }
        cumulativeCallBps += bpsOfContribution;
        emit CapitalCalled(bpsOfContribution, cumulativeCallBps);
    }

    // ---- calls from the modules --------------------------------------------------------------------

    /// @inheritdoc IDAOCore
    /// @dev vote-only-decisions: only the governor, for a proposal that passed. A payment is
    ///      spent from the free treasury only; a plain payment the payee refuses is credited to
    ///      them instead, so a refusing payee blocks nobody.
    function executeActions(uint256 proposalId, Action[] calldata actions)
        external
        nonReentrant
        live
        onlyFrom(address(governor))
    {
        for (uint256 i = 0; i < actions.length; i++) {
            Action calldata a = actions[i];
            uint256 available = _free();
            if (a.value > available) revert TreasuryInsufficient(a.value, available);
            if (a.data.length == 0 && a.target != address(this)) {
                _pay(a.target, a.value);
            } else {
                (bool ok, bytes memory reason) = a.target.call{value: a.value}(a.data);
                if (!ok) revert ActionFailed(proposalId, i, reason);
            }
            emit ActionExecuted(proposalId, i, a.target, a.value);
        }
    }

    /// @inheritdoc IDAOCore
    /// @dev Guarded: no claim can be filed from inside one of the core's payments.
    function claimOpened(uint256 amount)
        external
        nonReentrant
        live
        onlyFrom(address(claims))
        returns (uint256 reserved)
    {
        openClaims += amount;
        openClaimCount += 1;
        _latestClaimFiledAt = uint64(block.timestamp);
        _lastClaimEventAt = uint64(block.timestamp);
        return reservedForClaims();
    }

    /// @inheritdoc IDAOCore
    function claimClosed(uint256 amount, address claimant, bool pay)
        external
        onlyFrom(address(claims))
        returns (uint256 paid, uint256 shortfall)
    {
        openClaims -= amount;
        openClaimCount -= 1;
        _lastClaimEventAt = uint64(block.timestamp);
        if (pay) (paid, shortfall) = _payFromTreasury(claimant, amount);
        if (openClaimCount == 0) _priceHeld();
    }

    /// @inheritdoc IDAOCore
    function payRemedy(address to, uint256 amount)
        external
        onlyFrom(address(claims))
        returns (uint256 paid, uint256 shortfall)
    {
        return _payFromTreasury(to, amount);
    }

    /// @inheritdoc IDAOCore
    function credit(address to) external payable onlyFrom(address(claims)) {
        _credit(to, msg.value);
    }

    /// @inheritdoc IDAOCore
    function recordDuesStanding(address member, bool suspended, uint64 paidUntil)
        external
        onlyFrom(address(automatedDecisions))
    {
        Member storage m = _members[member];
        m.suspended = suspended;
        m.duesPaidUntil = paidUntil;
    }

    /// @inheritdoc IDAOCore
    function contributeFor(address member)
        external
        payable
        live
        onlyFrom(address(automatedDecisions))
        returns (uint256 shares)
    {
        shares = _contribute(member, msg.value);
        emit ContributionMade(member, msg.value, shares);
    }

    // ---- migration (consent-to-change) ---------------------------------------------------------

    /// @inheritdoc IDAOCore
    function checkSuccessor(address successor) public view {
        if (successor.code.length == 0 || successor.codehash != address(this).codehash) {
            revert SuccessorNotPublished(successor);
        }
        DAO next = DAO(payable(successor));
        (address g, address c, address d, address a) = next.blueprints();
        Blueprints storage mine = blueprints;
        if (
            next.predecessor() != address(this) || next.operational() || g != mine.governor || c != mine.claims
                || d != mine.disputeClause || a != mine.automatedDecisions
        ) revert SuccessorNotPublished(successor);
    }

    /// @inheritdoc IDAOCore
    /// @dev The treasury and the DAO-wide books move at once, in constant gas; each member's
    ///      position, credit and open claim is then carried by anyone, a batch at a time
    ///      (`carryMembers`, `carryCredits`, `Claims.carryClaims` at the successor), so no
    ///      transaction grows with the membership. Until carried, a position counts in the
    ///      successor's totals but cannot act there.
    function beginMigration(address successor) external live onlyFrom(address(governor)) {
        checkSuccessor(successor);
        migratedTo = successor;
        uint256 amount = address(this).balance;
        uint256[BOOKS] memory books = [
            totalShares,
            memberCount,
            activeContributed,
            totalCredited,
            openClaims,
            openClaimCount,
            _latestClaimFiledAt,
            _lastClaimEventAt,
            outstandingLiability,
            cumulativeCallBps,
            heldContributions
        ];
        emit TreasuryMigrated(successor, amount, memberCount);
        DAO(payable(successor)).receiveTreasury{value: amount}(books);
    }

    /// @notice Hand a member's whole record to the successor (successor only, once).
    /// @dev The record travels as its raw storage words: the successor runs this same code
    ///      (its code hash was checked), so the layout is the same on both sides.
    /// @param account The member.
    /// @return record The record's storage words, capital calls and priced contributions booked.
    function releaseMember(address account) external returns (bytes32[MEMBER_WORDS] memory record) {
        _onlySuccessor();
        Member storage m = _members[account];
        if (!m.active) revert NotAMember(account);
        _sync(account);
        assembly ("memory-safe") {
            let slot := m.slot
            for { let i := 0 } lt(i, MEMBER_WORDS) { i := add(i, 1) } {
                mstore(add(record, mul(i, 32)), sload(add(slot, i)))
            }
        }
        m.active = false;
        memberCount -= 1;
    }

    /// @notice Hand a payee's credit to the successor (successor only).
    /// @param payee The payee.
    /// @return amount What they are owed.
    function releaseCredit(address payee) external returns (uint256 amount) {
        _onlySuccessor();
        amount = creditOf[payee];
        creditOf[payee] = 0;
    }

    /// @notice Receive the treasury and the DAO-wide books from the predecessor; the DAO opens.
    /// @param books Total shares, members, their total contribution, credits, open claims (sum
    ///        and count), latest claim filing and claim event, outstanding liability, capital
    ///        called (bps) and held contributions, in that order.
    function receiveTreasury(uint256[BOOKS] calldata books) external payable {
        if (msg.sender != predecessor || predecessor == address(0)) revert OnlyPredecessor(msg.sender);
        if (operational) revert MigrationAlreadyDone();
        operational = true;
        totalShares = books[0];
        uncarriedMembers = books[1];
        activeContributed = books[2];
        totalCredited = books[3];
        openClaims = books[4];
        openClaimCount = books[5];
        _latestClaimFiledAt = uint64(books[6]);
        _lastClaimEventAt = uint64(books[7]);
        outstandingLiability = books[8];
        cumulativeCallBps = books[9];
        heldContributions = books[10];
        uint256 power = votingRule == VotingRule.OneMemberOneVote ? books[1] : books[2];
        _totalPowerHistory.push(uint48(block.timestamp), uint208(power));
        emit MigrationCompleted(msg.sender, msg.value);
    }

    /// @notice Carry members' positions from the predecessor, whole: shares, contribution,
    ///         capital called and paid, withdrawals, held contribution, dues standing. Anyone may.
    /// @dev A suspension for missed dues is kept and recorded here for review when this charter
    ///      has dues; without a dues rule it lapses.
    /// @param accounts The members to carry.
    function carryMembers(address[] calldata accounts) external nonReentrant {
        _requireCarrying();
        for (uint256 i = 0; i < accounts.length; i++) {
            address account = accounts[i];
            bytes32[MEMBER_WORDS] memory record = DAO(payable(predecessor)).releaseMember(account);
            Member storage m = _members[account];
            bool known = m.joinedAt != 0;
            assembly ("memory-safe") {
                let slot := m.slot
                for { let j := 0 } lt(j, MEMBER_WORDS) { j := add(j, 1) } {
                    sstore(add(slot, j), mload(add(record, mul(j, 32))))
                }
            }
            if (!known) _memberList.push(account);
            m.pendingEpoch = 0;
            memberCount += 1;
            uncarriedMembers -= 1;
            _updatePower(account, false);
            emit MemberJoined(account, m.contributed, m.shares);
            if (m.suspended) {
                if (address(automatedDecisions) != address(0)) {
                    automatedDecisions.recordCarriedSuspension(account, m.duesPaidUntil);
                } else {
                    m.suspended = false;
                    emit MemberReinstated(account);
                }
            }
        }
    }

    /// @notice Carry payments credited at the predecessor and not yet withdrawn. Anyone may.
    /// @param payees The payees.
    function carryCredits(address[] calldata payees) external nonReentrant {
        _requireCarrying();
        for (uint256 i = 0; i < payees.length; i++) {
            uint256 amount = DAO(payable(predecessor)).releaseCredit(payees[i]);
            if (amount == 0) continue;
            creditOf[payees[i]] += amount;
            _listPayee(payees[i]);
            emit PaymentCredited(payees[i], amount);
        }
    }

    /// @notice Accept plain transfers (donations, dues, forfeited bonds); they join the treasury.
    ///         Refused once every member has left: money nobody can ever redeem is lost money.
    receive() external payable live {
        if (memberCount == 0) revert DAOHasNoMembers(msg.value);
    }

    // ---- views ------------------------------------------------------------------------------------

    /// @notice What open claims reserve: their total, as far as the treasury goes.
    /// @return Wei.
    function reservedForClaims() public view returns (uint256) {
        uint256 available = _unencumbered();
        return openClaims < available ? openClaims : available;
    }

    /// @notice The treasury members and payments may draw on: net of credits, held
    ///         contributions and what open claims reserve.
    /// @return Wei.
    function freeTreasury() external view returns (uint256) {
        return _free();
    }

    /// @notice What `withdraw` would pay `account` now: credits, plus a held contribution that
    ///         could not be priced and is due back.
    /// @param account The account.
    /// @return Wei.
    function creditDue(address account) external view returns (uint256) {
        Member storage m = _members[account];
        (,, bool refunded) = _pricedHeld(m);
        return creditOf[account] + (refunded ? m.pending : 0);
    }

    /// @notice A member's shares, including those priced for a held contribution.
    /// @param member The member.
    /// @return The shares.
    function sharesOf(address member) public view returns (uint256) {
        Member storage m = _members[member];
        (uint256 priced,,) = _pricedHeld(m);
        return m.shares + priced;
    }

    /// @notice What a member would take on exit now, before unpaid capital calls are deducted.
    /// @param member The member.
    /// @return Wei.
    function shareValue(address member) public view returns (uint256) {
        Member storage m = _members[member];
        if (!m.active) return 0;
        (, bool held,) = _pricedHeld(m);
        uint256 shares = sharesOf(member);
        uint256 value = totalShares == 0 ? 0 : (shares * _free()) / totalShares;
        return held ? value + m.pending : value;
    }

    /// @notice A member's liability cap: their contribution times the charter's multiple.
    /// @param member The member.
    /// @return Wei.
    function capOf(address member) public view returns (uint256) {
        return (uint256(_members[member].contributed) * liabilityCapBps) / BPS;
    }

    /// @notice A member's exposure: what they put in, lost so far, their cap, what more they
    ///         could lose.
    /// @param member The member (or former member).
    /// @return contributed Contributions plus capital paid.
    /// @return lost Paid in minus taken out minus current share value (never negative).
    /// @return cap The liability cap.
    /// @return remaining cap minus lost.
    function liabilityOf(address member)
        external
        view
        returns (uint256 contributed, uint256 lost, uint256 cap, uint256 remaining)
    {
        Member storage m = _members[member];
        contributed = uint256(m.contributed) + m.capitalPaid;
        (,, bool refunded) = _pricedHeld(m);
        uint256 back = m.withdrawn + shareValue(member) + (refunded ? m.pending : 0);
        lost = contributed > back ? contributed - back : 0;
        cap = capOf(member);
        remaining = cap > lost ? cap - lost : 0;
    }

    /// @notice Capital called from a member so far, booked or not.
    /// @param member The member.
    /// @return called Capital called.
    /// @return paid Capital paid.
    function capitalOf(address member) external view returns (uint256 called, uint256 paid) {
        Member storage m = _members[member];
        called = m.capitalCalled;
        if (m.active) called += (uint256(m.contributed) * (cumulativeCallBps - m.callBpsSeen)) / BPS;
        return (called, m.capitalPaid);
    }

    /// @inheritdoc IDAOCore
    function isMember(address account) external view returns (bool) {
        return _members[account].active;
    }

    /// @inheritdoc IDAOCore
    function memberOf(address account) external view returns (Member memory) {
        return _members[account];
    }

    /// @notice Everyone who has ever been a member, in order of joining.
    /// @return The accounts.
    function memberList() external view returns (address[] memory) {
        return _memberList;
    }

    /// @inheritdoc IDAOCore
    function powerAt(address account, uint48 timepoint) external view returns (uint256) {
        return _powerHistory[account].upperLookupRecent(timepoint);
    }

    /// @inheritdoc IDAOCore
    function totalPowerAt(uint48 timepoint) external view returns (uint256) {
        return _totalPowerHistory.upperLookupRecent(timepoint);
    }

    /// @inheritdoc IDAOCore
    function claimEpochStatus(uint256 epoch) external view returns (bool open, uint64 closedAt) {
        return (epoch == claimEpoch, _epochClosedAt[epoch]);
    }

    /// @inheritdoc IDAOCore
    function claimClock() external view returns (uint64 latestFiledAt, uint64 lastEventAt, uint256 openCount) {
        return (_latestClaimFiledAt, _lastClaimEventAt, openClaimCount);
    }

    // ---- internals ------------------------------------------------------------------------------

    /// @dev Create a module from its blueprint: a contract whose code is 0xFE (so it cannot be
    ///      run) followed by the module's creation code. CREATE, never DELEGATECALL.
    function _fromBlueprint(address blueprint, bytes memory args) private returns (address module) {
        uint256 size = blueprint.code.length;
        if (size < 2) revert BlueprintMissing(blueprint);
        uint256 codeSize = size - 1;
        bytes memory code = new bytes(codeSize + args.length);
        assembly ("memory-safe") {
            extcodecopy(blueprint, add(code, 32), 1, codeSize)
            mcopy(add(add(code, 32), codeSize), add(args, 32), mload(args))
            module := create(0, add(code, 32), mload(code))
            if and(iszero(module), gt(returndatasize(), 0)) {
                // the module's own refusal (InvalidRules, ReviewerMissing...) says why
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
        if (module == address(0)) revert BlueprintMissing(blueprint);
    }

    function _requireLive() private view {
        if (migratedTo != address(0)) revert DAOMigrated(migratedTo);
        if (!operational) revert MigrationInProgress(predecessor);
    }

    function _onlySuccessor() private view {
        if (msg.sender != migratedTo || migratedTo == address(0)) revert OnlySuccessor(msg.sender);
    }

    function _requireCarrying() private view {
        if (predecessor == address(0)) revert MigrationNotStarted();
        if (!operational) revert MigrationInProgress(predecessor);
    }

    /// @dev Balance net of credits and held contributions: what the members and claims share.
    function _unencumbered() private view returns (uint256) {
        uint256 encumbered = totalCredited + heldContributions;
        uint256 balance = address(this).balance;
        return balance > encumbered ? balance - encumbered : 0;
    }

    function _free() private view returns (uint256) {
        uint256 available = _unencumbered();
        return available > openClaims ? available - openClaims : 0;
    }

    /// @dev A member admitted again starts a new membership: what they put in and took out
    ///      before, and the capital called then, belong to the membership that ended.
    function _addMember(address account) private {
        Member storage m = _members[account];
        if (m.active) revert AlreadyAMember(account);
        if (m.joinedAt == 0) {
            _memberList.push(account);
        } else {
            m.contributed = 0;
            m.capitalCalled = 0;
            m.capitalPaid = 0;
            m.withdrawn = 0;
            m.suspended = false;
            m.duesPaidUntil = 0;
        }
        m.active = true;
        m.joinedAt = uint64(block.timestamp);
        m.callBpsSeen = uint128(cumulativeCallBps);
        memberCount += 1;
    }

    /// @dev Credit a contribution already received: priced now, or held while claims are open.
    function _contribute(address account, uint256 amount) private returns (uint256 minted) {
        _sync(account);
        Member storage m = _members[account];
        m.contributed = _toUint128(uint256(m.contributed) + amount);
        if (openClaimCount != 0) {
            m.pending += uint128(amount);
            m.pendingEpoch = claimEpoch;
            heldContributions += amount;
            emit ContributionHeld(account, amount, claimEpoch);
        } else {
            uint256 before = _free() - amount;
            if (totalShares == 0) {
                minted = amount;
            } else {
                if (before == 0) revert TreasuryEmpty(totalShares);
                minted = (amount * totalShares) / before;
                if (minted == 0) revert ZeroContribution();
            }
            _setShares(account, uint256(m.shares) + minted);
        }
        activeContributed += amount;
        _updatePower(account, true);
    }

    /// @dev The epoch's last claim was decided: price its held contributions in one batch at the
    ///      free treasury's value now. When the treasury is empty while shares exist, the old
    ///      shares are worth nothing and no price is fair: the held money is credited back.
    function _priceHeld() private {
        uint32 epoch = claimEpoch;
        claimEpoch = epoch + 1;
        _epochClosedAt[epoch] = uint64(block.timestamp);
        uint256 held = heldContributions;
        if (held == 0) return;
        heldContributions = 0;
        uint256 before = _free() - held;
        uint256 shares = totalShares == 0 ? held : (before == 0 ? 0 : (held * totalShares) / before);
        bool refunded = shares == 0 || totalShares + shares > type(uint128).max;
        if (refunded) {
            shares = 0;
            totalCredited += held;
        } else {
            totalShares += shares;
        }
        _pricing[epoch] = Pricing(uint128(held), uint128(shares), refunded);
        emit HeldContributionsPriced(epoch, held, shares);
    }

    /// @dev Shares a member's held contribution was priced at, if its epoch has ended.
    function _pricedHeld(Member storage m) private view returns (uint256 shares, bool held, bool refunded) {
        if (m.pending == 0) return (0, false, false);
        if (m.pendingEpoch == claimEpoch) return (0, true, false);
        Pricing storage p = _pricing[m.pendingEpoch];
        if (p.refunded) return (0, false, true);
        shares = m.pending == p.remainingWei ? p.remainingShares : (uint256(m.pending) * p.remainingShares) / p.remainingWei;
    }

    /// @dev Book what a member owes from capital calls and hand out the shares of a priced epoch.
    function _sync(address account) private {
        Member storage m = _members[account];
        uint256 cumulative = cumulativeCallBps;
        if (m.callBpsSeen != cumulative) {
            if (m.active) m.capitalCalled += uint128((uint256(m.contributed) * (cumulative - m.callBpsSeen)) / BPS);
            m.callBpsSeen = uint128(cumulative);
        }
        (uint256 shares, bool held, bool refunded) = _pricedHeld(m);
        if (m.pending == 0 || held) return;
        uint128 pending = m.pending;
        m.pending = 0;
        if (refunded) {
            m.withdrawn += pending;
            creditOf[account] += pending;
            _listPayee(account);
            emit PaymentCredited(account, pending);
            return;
        }
        Pricing storage p = _pricing[m.pendingEpoch];
        p.remainingWei -= pending;
        p.remainingShares -= uint128(shares);
        m.shares += uint128(shares);
    }

    function _payOut(address member) private returns (uint256 shares, uint256 payout) {
        _sync(member);
        Member storage m = _members[member];
        shares = m.shares;
        uint256 gross = totalShares == 0 ? 0 : (shares * _free()) / totalShares;
        if (m.pending != 0) {
            gross += m.pending;
            heldContributions -= m.pending;
            m.pending = 0;
        }
        uint256 owed = m.capitalCalled - m.capitalPaid;
        // The last member pays no call out of their share: what they paid back in would stay
        // in a treasury nobody is left to own.
        uint256 settled = memberCount == 1 ? 0 : (owed < gross ? owed : gross);
        payout = gross - settled;
        // The call is paid out of the share: the member takes the whole share out and pays
        // `settled` back in, so both sides of `liabilityOf` see it.
        m.capitalPaid += uint128(settled);
        m.withdrawn += uint128(gross);
        m.active = false;
        memberCount -= 1;
        activeContributed -= m.contributed;
        _setShares(member, 0);
        _updatePower(member, true);
    }

    function _payFromTreasury(address to, uint256 amount) private returns (uint256 paid, uint256 shortfall) {
        uint256 available = _free();
        paid = amount < available ? amount : available;
        shortfall = amount - paid;
        outstandingLiability += shortfall;
        _credit(to, paid);
    }

    function _credit(address to, uint256 amount) private {
        if (amount == 0) return;
        creditOf[to] += amount;
        totalCredited += amount;
        _listPayee(to);
        emit PaymentCredited(to, amount);
    }

    function _listPayee(address account) private {
        if (_isPayee[account]) return;
        _isPayee[account] = true;
        _payees.push(account);
    }

    /// @dev Push a payment with bounded gas; if the recipient refuses it, credit it instead.
    function _pay(address to, uint256 amount) private {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount, gas: PAYMENT_GAS}("");
        if (!ok) _credit(to, amount);
    }

    function _setShares(address account, uint256 shares) private {
        Member storage m = _members[account];
        uint256 total = totalShares - m.shares + shares;
        if (total > type(uint128).max) revert SharesOverflow(total);
        totalShares = total;
        m.shares = uint128(shares);
    }

    /// @dev Voting power follows membership and contribution, never the share price. A
    ///      carried member is already counted in the total the predecessor's books brought.
    function _updatePower(address account, bool adjustTotal) private {
        Member storage m = _members[account];
        uint256 power = !m.active ? 0 : (votingRule == VotingRule.OneMemberOneVote ? 1 : m.contributed);
        uint48 now48 = uint48(block.timestamp);
        (uint256 oldPower,) = _powerHistory[account].push(now48, uint208(power));
        if (!adjustTotal) return;
        uint256 total = _totalPowerHistory.latest();
        _totalPowerHistory.push(now48, uint208(total - oldPower + power));
    }

    function _toUint128(uint256 value) private pure returns (uint128) {
        if (value > type(uint128).max) revert SharesOverflow(value);
        return uint128(value);
    }
}
