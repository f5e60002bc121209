// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Governance} from "../governance/Governance.sol";

/// @title Participation: contributions, the liability cap, claims and exit (DC 20.8, 20.9)
/// @notice A member's loss from the DAO's acts can never exceed their cap: their contribution,
///         or the multiple the charter states, reached only through capital calls that are
///         bounded by it. Claims against the DAO are paid from the treasury only; what the
///         treasury cannot cover stays recorded as the DAO's outstanding liability. A member may
///         leave at any time with their share of the treasury net of reserved claims, unless a
///         decision they voted for is still pending. Nobody's share can be taken by a vote
///         (DC 9.6): an expelled member is paid out.
abstract contract Participation is Governance {
    struct Claim {
        address claimant;
        ClaimStatus status;
        uint256 amount;
        uint256 reserved;
        uint256 paid;
    }

    uint32 public immutable liabilityCapBps;
    bool public immutable expulsionAllowed;

    Claim[] internal _claims;
    /// @notice Treasury held back for filed claims: no exit or payment may spend it.
    uint256 public reservedForClaims;
    /// @notice Recognised claims the treasury could not pay: the DAO's, never the members', debt.
    uint256 public outstandingLiability;

    constructor(Rules memory rules) Governance(rules) {
        if (rules.liabilityCapBps < BPS) revert InvalidRules("liabilityCapBps");
        liabilityCapBps = rules.liabilityCapBps;
        expulsionAllowed = rules.expulsionAllowed;
    }

    // ---- joining and contributing -----------------------------------------------------

    /// @notice Accept a membership offer made by a passed proposal, paying the offered contribution.
    function join() external payable nonReentrant notMigrated {
        uint256 offered = membershipOffers[msg.sender];
        if (offered == 0) revert NoMembershipOffer(msg.sender);
        if (msg.value != offered) revert WrongContribution(offered, msg.value);
        delete membershipOffers[msg.sender];
        _addMember(msg.sender);
        uint256 shares = _credit(msg.sender, msg.value);
        emit MemberJoined(msg.sender, msg.value, shares);
    }

    /// @notice Add to one's own contribution. Raises one's stake and, equally, one's liability cap.
    function contribute() external payable nonReentrant notMigrated {
        if (!_members[msg.sender].active) revert NotAMember(msg.sender);
        if (msg.value == 0) revert ZeroContribution();
        uint256 shares = _credit(msg.sender, msg.value);
        emit ContributionMade(msg.sender, msg.value, shares);
    }

    /// @dev Mint shares at the current price so earlier members' shares keep their value.
    function _credit(address member, uint256 amount) internal returns (uint256 minted) {
        uint256 before = _freeTreasury() - amount;
        minted = (totalShares == 0 || before == 0) ? amount : (amount * totalShares) / before;
        if (minted == 0) revert ZeroContribution();
        _members[member].contributed += amount;
        _setShares(member, _members[member].shares + minted);
    }

    // ---- exit ----------------------------------------------------------------------------

    /// @notice Leave the DAO and take one's pro-rata share of the treasury net of reserved claims.
    /// @dev DC 20.9 default: dissenters may exit during a grace window before a decision they
    ///      opposed executes. A member whose For vote is on a still-open proposal may not exit
    ///      until it is settled. Unpaid capital calls are deducted (they were owed while a member).
    /// @return payout What the member received (wei).
    function exit() external nonReentrant notMigrated returns (uint256 payout) {
        if (!_members[msg.sender].active) revert NotAMember(msg.sender);
        (bool blocked, uint256 proposalId) = _firstOpenYesVote(msg.sender);
        if (blocked) revert ExitBlockedByOwnVote(msg.sender, proposalId);
        uint256 shares;
        (shares, payout) = _payOut(msg.sender);
        emit MemberExited(msg.sender, shares, payout);
    }

    /// @notice Expel a member, paying them their share. Only by a passed proposal, and only if
    ///         the charter allows expulsion.
    /// @dev DC 9.6: a vote may end membership but never take the member's share.
    /// @param member The member expelled.
    function expel(address member) external onlyByVote {
        if (!_members[member].active) revert NotAMember(member);
        (uint256 shares, uint256 payout) = _payOut(member);
        emit MemberExpelled(member, shares, payout);
    }

    function _payOut(address member) internal returns (uint256 shares, uint256 payout) {
        Member storage m = _members[member];
        shares = m.shares;
        uint256 gross = shareValue(member);
        uint256 owed = m.capitalCalled - m.capitalPaid;
        uint256 settled = owed < gross ? owed : gross;
        payout = gross - settled;
        // The call is paid out of the share: the member takes the whole share out and pays
        // `settled` back in, so both sides of `liabilityOf` see it.
        m.capitalPaid += settled;
        m.withdrawn += gross;
        _removeMember(member);
        _send(member, payout);
    }

    // ---- claims ----------------------------------------------------------------------------

    /// @notice File a claim against the DAO (a debt, a damages award). Anyone may file; the
    ///         amount the treasury can hold is reserved at once so nobody exits with money that
    ///         may be owed. The members' vote or a human ruling then settles or rejects it.
    /// @param amount The amount claimed (wei).
    /// @param description What the claim is for, in plain language.
    /// @return claimId The claim's id.
    function fileClaim(uint256 amount, string calldata description)
        external
        nonReentrant
        notMigrated
        returns (uint256 claimId)
    {
        if (amount == 0) revert ZeroContribution();
        claimId = _fileClaim(msg.sender, amount, description);
    }

    function _fileClaim(address claimant, uint256 amount, string memory description) internal returns (uint256 claimId) {
        uint256 free = _freeTreasury();
        uint256 reserve = amount < free ? amount : free;
        reservedForClaims += reserve;
        claimId = _claims.length;
        _claims.push(Claim(claimant, ClaimStatus.Filed, amount, reserve, 0));
        emit ClaimFiled(claimId, claimant, amount, reserve, description);
    }

    /// @notice Recognise a claim and pay it from the treasury. Only by a passed proposal.
    /// @dev DC 20.8: paid from the treasury only; the unpaid part becomes outstanding liability.
    /// @param claimId The claim.
    function settleClaim(uint256 claimId) external onlyByVote {
        _settleClaim(claimId);
    }

    /// @notice Reject a claim and release its reservation. Only by a passed proposal.
    /// @param claimId The claim.
    function rejectClaim(uint256 claimId) external onlyByVote {
        Claim storage c = _openClaim(claimId);
        c.status = ClaimStatus.Rejected;
        reservedForClaims -= c.reserved;
        c.reserved = 0;
        emit ClaimRejected(claimId);
    }

    function _settleClaim(uint256 claimId) internal {
        Claim storage c = _openClaim(claimId);
        uint256 available = c.reserved + _freeTreasury();
        uint256 pay = c.amount < available ? c.amount : available;
        uint256 shortfall = c.amount - pay;
        reservedForClaims -= c.reserved;
        c.reserved = 0;
        c.paid = pay;
        c.status = ClaimStatus.Settled;
        outstandingLiability += shortfall;
        emit ClaimSettled(claimId, pay, shortfall);
        _send(c.claimant, pay);
    }

    function _openClaim(uint256 claimId) internal view returns (Claim storage c) {
        if (claimId >= _claims.length) revert UnknownClaim(claimId);
        c = _claims[claimId];
        if (c.status != ClaimStatus.Filed) revert ClaimNotOpen(claimId, c.status);
    }

    // ---- capital calls ------------------------------------------------------------------------

    /// @notice Call further capital from every member, as a share of their contribution, never
    ///         beyond the charter's liability cap. Only by a passed proposal.
    /// @dev DC 20.8: the cap is "the contribution, or as the smart contract defines"; a call
    ///      exceeding any member's remaining headroom is refused whole.
    /// @param bpsOfContribution The call, in basis points of each member's contribution.
    function callCapital(uint256 bpsOfContribution) external onlyByVote {
        for (uint256 i = 0; i < _memberList.length; i++) {
            address account = _memberList[i];
            Member storage m = _members[account];
            if (!m.active) continue;
            uint256 amount = (m.contributed * bpsOfContribution) / BPS;
            uint256 used = m.contributed + m.capitalCalled;
            uint256 cap = capOf(account);
            uint256 headroom = cap > used ? cap - used : 0;
            if (amount > headroom) revert CapitalCallExceedsCap(account, amount, headroom);
            m.capitalCalled += amount;
            emit CapitalCalled(account, amount);
        }
    }

    /// @notice Pay what a capital call asked of you (any part of it).
    function payCapitalCall() external payable nonReentrant notMigrated {
        Member storage m = _members[msg.sender];
        uint256 owed = m.capitalCalled - m.capitalPaid;
        if (owed == 0) revert NothingOwed(msg.sender);
        if (msg.value == 0 || msg.value > owed) revert WrongContribution(owed, msg.value);
        m.capitalPaid += msg.value;
        emit CapitalPaid(msg.sender, msg.value);
    }

    // ---- views ------------------------------------------------------------------------------

    /// @notice The treasury members and payments may draw on: balance net of reserved claims.
    /// @return Wei.
    function freeTreasury() external view returns (uint256) {
        return _freeTreasury();
    }

    function _freeTreasury() internal view override returns (uint256) {
        uint256 balance = address(this).balance;
        return balance > reservedForClaims ? balance - reservedForClaims : 0;
    }

    /// @notice What a member would take on exit now, before unpaid capital calls are deducted.
    /// @param member The member.
    /// @return Wei.
    function shareValue(address member) public view returns (uint256) {
        uint256 shares = _members[member].shares;
        if (shares == 0) return 0;
        return (shares * _freeTreasury()) / totalShares;
    }

    /// @notice A member's liability cap (DC 20.8): their contribution times the charter's multiple.
    /// @param member The member.
    /// @return Wei.
    function capOf(address member) public view returns (uint256) {
        return (_members[member].contributed * liabilityCapBps) / BPS;
    }

    /// @notice A member's exposure: what they put in, what they lost so far, their cap, and what
    ///         more they could still lose.
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
        contributed = m.contributed + m.capitalPaid;
        uint256 back = m.withdrawn + (m.active ? shareValue(member) : 0);
        lost = contributed > back ? contributed - back : 0;
        cap = capOf(member);
        remaining = cap > lost ? cap - lost : 0;
    }

    /// @notice A claim's record.
    /// @param claimId The claim.
    /// @return The claim.
    function claim(uint256 claimId) external view returns (Claim memory) {
        if (claimId >= _claims.length) revert UnknownClaim(claimId);
        return _claims[claimId];
    }

    /// @notice Number of claims ever filed.
    /// @return The count.
    function claimCount() external view returns (uint256) {
        return _claims.length;
    }

    // ---- internals ----------------------------------------------------------------------------

    function _selfCallAllowed(bytes4 selector) internal view virtual override returns (bool) {
        if (selector == this.settleClaim.selector || selector == this.rejectClaim.selector) return true;
        if (selector == this.expel.selector) return expulsionAllowed;
        if (selector == this.callCapital.selector) return liabilityCapBps > BPS;
        return super._selfCallAllowed(selector);
    }

    /// @dev Checked transfer; reentrancy is closed by the callers' guards.
    function _send(address to, uint256 amount) internal {
        if (amount == 0) return;
        (bool ok, bytes memory reason) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount, reason);
    }
}
