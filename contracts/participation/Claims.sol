// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDAO} from "../governance/IDAO.sol";
import {IDAOCore, IClaims} from "../governance/IModules.sol";

/// @title Claims: claims against a dao-sim DAO, with a bond, paid from the treasury only
/// @notice Anyone may claim that the DAO owes them (a debt, damages). A claim costs a bond, a
///         share of the amount claimed (at least the charter's minimum), so that a bogus claim
///         costs its filer: the bond goes to the treasury if the members reject the claim, and
///         back to the claimant if they recognise it. Open claims reserve the treasury, as far
///         as it goes, so nobody exits with money that may be owed; a recognised claim is paid
///         from the treasury only, and what the treasury cannot pay stays the DAO's
///         outstanding liability, never the members' (liability-cap).
/// @dev Module of the DAO core, which deployed it. The core keeps the money and the totals;
///      this module keeps the records and the bonds. Payments are credited for withdrawal at
///      the core, so a claimant who refuses ETH blocks nobody.
contract Claims is IDAO, IClaims, ReentrancyGuardTransient {
    uint256 internal constant BPS = 10_000;

    /// @notice The DAO core this module serves.
    IDAOCore public immutable dao;
    /// @notice The bond, in basis points of the amount claimed.
    uint16 public immutable claimBondBps;
    /// @notice The smallest bond, whatever the amount.
    uint128 public immutable minClaimBond;

    Claim[] internal _claims;
    uint256 internal _migrationCursor;

    /// @param rules The charter's rules; the deployer (`msg.sender`) is the DAO core.
    constructor(Rules memory rules) {
        if (rules.minClaimBond == 0) revert InvalidRules("minClaimBond");
        dao = IDAOCore(msg.sender);
        claimBondBps = rules.claimBondBps;
        minClaimBond = rules.minClaimBond;
    }

    /// @notice File a claim against the DAO, paying its bond (`bondFor(amount)`).
    /// @dev liability-cap: the treasury holds back what all open claims add up to, as far as it
    ///      goes; a claim filed when everything is already reserved still counts, and is
    ///      covered first by whatever a decision on another claim releases.
    /// @param amount The amount claimed (wei).
    /// @param description What the claim is for, in plain language.
    /// @return claimId The claim's id.
    function fileClaim(uint256 amount, string calldata description)
        external
        payable
        nonReentrant
        returns (uint256 claimId)
    {
        if (amount == 0) revert ZeroContribution();
        if (amount > type(uint128).max) revert ClaimTooLarge(amount);
        uint256 bond = bondFor(amount);
        if (msg.value != bond) revert WrongClaimBond(bond, msg.value);
        claimId = _claims.length;
        _claims.push(Claim(msg.sender, ClaimStatus.Filed, uint64(block.timestamp), uint128(amount), uint128(bond), 0));
        uint256 reserved = dao.claimOpened(amount);
        emit ClaimFiled(claimId, msg.sender, amount, reserved, description);
    }

    /// @notice Recognise a claim: it is credited from the treasury as far as the treasury goes,
    ///         and the bond is credited back. Only by a passed proposal.
    /// @dev liability-cap: the unpaid part becomes the DAO's outstanding liability.
    /// @param claimId The claim.
    function settleClaim(uint256 claimId) external {
        _onlyByVote();
        Claim storage c = _openClaim(claimId);
        c.status = ClaimStatus.Settled;
        (uint256 paid, uint256 shortfall) = dao.claimClosed(c.amount, c.claimant, true);
        c.paid = uint128(paid);
        emit ClaimSettled(claimId, paid, shortfall);
        dao.credit{value: c.bond}(c.claimant);
    }

    /// @notice Reject a claim: its reservation is released and its bond goes to the treasury.
    ///         Only by a passed proposal.
    /// @param claimId The claim.
    function rejectClaim(uint256 claimId) external {
        _onlyByVote();
        Claim storage c = _openClaim(claimId);
        c.status = ClaimStatus.Rejected;
        emit ClaimRejected(claimId, c.bond);
        // The bond reaches the treasury before the claim closes, so contributions held during
        // the claim are priced with it: it compensates the members who carried the risk.
        (bool ok, bytes memory reason) = address(dao).call{value: c.bond}("");
        if (!ok) revert TransferFailed(address(dao), c.bond, reason);
        dao.claimClosed(c.amount, c.claimant, false);
    }

    /// @inheritdoc IClaims
    /// @dev human-dispute: a remedy a human ruling awarded is recorded as a settled claim with
    ///      no bond, paid from the free treasury as far as it goes.
    function awardRemedy(address to, uint256 amount) external returns (uint256 claimId) {
        if (msg.sender != address(dao.disputeClause())) revert OnlyModule(msg.sender);
        claimId = _claims.length;
        _claims.push(Claim(to, ClaimStatus.Settled, uint64(block.timestamp), uint128(amount), 0, 0));
        (uint256 paid, uint256 shortfall) = dao.payRemedy(to, amount);
        _claims[claimId].paid = uint128(paid);
        emit ClaimFiled(claimId, to, amount, 0, "remedy awarded by human ruling");
        emit ClaimSettled(claimId, paid, shortfall);
    }

    /// @notice Carry open claims from the predecessor's claims module, with their bonds, after
    ///         an amendment. Anyone may; each call handles the claims it names.
    /// @dev The successor's reservation for them arrived with the treasury; this brings the
    ///      records, so the members can decide them here.
    /// @param predecessorClaimIds The claims' ids at the predecessor.
    function carryClaims(uint256[] calldata predecessorClaimIds) external nonReentrant {
        IClaims from = _predecessorClaims();
        for (uint256 i = 0; i < predecessorClaimIds.length; i++) {
            uint256 before = address(this).balance;
            (address claimant, uint128 amount, uint64 filedAt) = from.releaseClaim(predecessorClaimIds[i]);
            uint256 claimId = _claims.length;
            _claims.push(Claim(claimant, ClaimStatus.Filed, filedAt, amount, uint128(address(this).balance - before), 0));
            emit ClaimCarried(predecessorClaimIds[i], address(dao), claimId);
        }
    }

    /// @inheritdoc IClaims
    /// @dev Only the claims module of the successor this DAO migrated to.
    function releaseClaim(uint256 claimId) external returns (address claimant, uint128 amount, uint64 filedAt) {
        address successor = dao.migratedTo();
        if (successor == address(0) || msg.sender != address(IDAOCore(successor).claims())) {
            revert OnlySuccessor(msg.sender);
        }
        Claim storage c = _openClaim(claimId);
        c.status = ClaimStatus.Carried;
        (bool ok, bytes memory reason) = msg.sender.call{value: c.bond}("");
        if (!ok) revert TransferFailed(msg.sender, c.bond, reason);
        return (c.claimant, c.amount, c.filedAt);
    }

    /// @notice Accept the bonds of claims carried from the predecessor's claims module.
    receive() external payable {
        if (msg.sender != address(_predecessorClaims())) revert OnlyPredecessor(msg.sender);
    }

    // ---- views ------------------------------------------------------------------------------

    /// @notice The bond a claim of `amount` costs: `claimBondBps` of it, at least `minClaimBond`.
    /// @param amount The amount claimed.
    /// @return bond Wei.
    function bondFor(uint256 amount) public view returns (uint256 bond) {
        bond = (amount * claimBondBps + BPS - 1) / BPS;
        if (bond < minClaimBond) bond = minClaimBond;
    }

    /// @notice A claim's record.
    /// @param claimId The claim.
    /// @return The claim.
    function claim(uint256 claimId) external view returns (Claim memory) {
        if (claimId >= _claims.length) revert UnknownClaim(claimId);
        return _claims[claimId];
    }

    /// @inheritdoc IClaims
    function claimantOf(uint256 claimId) external view returns (address) {
        if (claimId >= _claims.length) revert UnknownClaim(claimId);
        return _claims[claimId].claimant;
    }

    /// @notice Number of claims ever filed here (including remedies and carried claims).
    /// @return The count.
    function claimCount() external view returns (uint256) {
        return _claims.length;
    }

    function _predecessorClaims() private view returns (IClaims) {
        address predecessor = dao.predecessor();
        if (predecessor == address(0)) revert OnlyPredecessor(msg.sender);
        return IDAOCore(predecessor).claims();
    }

    function _onlyByVote() private view {
        if (msg.sender != address(dao)) revert OnlyByVote(msg.sender);
    }

    function _openClaim(uint256 claimId) private view returns (Claim storage c) {
        if (claimId >= _claims.length) revert UnknownClaim(claimId);
        c = _claims[claimId];
        if (c.status != ClaimStatus.Filed) revert ClaimNotOpen(claimId, c.status);
    }
}
