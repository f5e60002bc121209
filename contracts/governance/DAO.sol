// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DisputeClause} from "./DisputeClause.sol";

/// @title DAO: a decentralised autonomous organisation under the Digital Code (DC 20)
/// @notice Members found it with contributions; rules are fixed at deployment and published as
///         the charter's hash; decisions are the members' vote and execute automatically; each
///         member's liability is capped; disputes go to a human arbitrator; automated decisions
///         can be put to a human reviewer. The contract has no owner and cannot be upgraded: an
///         amendment moves the treasury to a new, published contract with the participants'
///         consent, and those who do not consent may exit first (DC 20.9).
contract DAO is DisputeClause {
    /// @notice The contract this DAO succeeded by amendment, if any.
    address public immutable predecessor;

    /// @param rules The charter's rules (see IDAO.Rules).
    /// @param founders The founding members; each becomes a member by paying in their own
    ///        contribution with `join` (nobody pays for another: DC 1.2).
    /// @param contributions Each founder's contribution (wei).
    constructor(Rules memory rules, address[] memory founders, uint256[] memory contributions)
        DisputeClause(rules)
    {
        predecessor = rules.predecessor;
        if (founders.length != contributions.length) revert LengthMismatch(founders.length, contributions.length);
        if (rules.predecessor != address(0)) return;
        if (founders.length == 0) revert NoFoundingMembers();
        for (uint256 i = 0; i < founders.length; i++) {
            if (contributions[i] == 0) revert ZeroContribution();
            if (membershipOffers[founders[i]] != 0) revert DuplicateMember(founders[i]);
            membershipOffers[founders[i]] = contributions[i];
            emit MembershipOffered(founders[i], contributions[i]);
        }
    }

    /// @notice Propose an amendment: move the treasury and the membership to a successor contract
    ///         already deployed with this DAO as its predecessor and its new charter published.
    /// @dev DC 20.9: the rules change only with the participants' consent, measured against all
    ///      voting power (unanimity by default); members who do not consent may exit before it executes.
    /// @param successor The new contract.
    /// @param description What changes, in plain language.
    /// @return proposalId The proposal.
    function proposeAmendment(address successor, string calldata description)
        external
        notMigrated
        returns (uint256 proposalId)
    {
        if (successor.code.length == 0 || DAO(payable(successor)).predecessor() != address(this)) {
            revert SuccessorNotPublished(successor);
        }
        return _propose(ProposalKind.Amendment, successor, new Action[](0), description);
    }

    /// @notice Receive the members and treasury of the predecessor after its amendment passed.
    /// @dev DC 20.8: each member's record comes whole (contribution, capital called and paid,
    ///      what they took out), so a cap already used by capital calls stays used and a call
    ///      still owed stays owed.
    /// @param accounts The members.
    /// @param records Their records at the predecessor (shares, contribution, capital, withdrawals).
    function acceptMigration(address[] calldata accounts, Member[] calldata records) external payable {
        if (msg.sender != predecessor || predecessor == address(0)) revert OnlyPredecessor(msg.sender);
        if (_memberList.length != 0) revert MigrationAlreadyDone();
        if (accounts.length != records.length) revert LengthMismatch(accounts.length, records.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            _found(accounts[i], records[i]);
        }
    }

    function _found(address account, Member calldata record) private {
        _addMember(account);
        Member storage m = _members[account];
        m.contributed = record.contributed;
        m.capitalCalled = record.capitalCalled;
        m.capitalPaid = record.capitalPaid;
        m.withdrawn = record.withdrawn;
        _setShares(account, record.shares);
        emit MemberJoined(account, record.contributed, record.shares);
    }

    function _executeAmendment(uint256 proposalId) internal override {
        if (reservedForClaims != 0) revert ClaimsPending(reservedForClaims);
        address successor = _proposals[proposalId].successor;
        uint256 n = memberCount;
        address[] memory accounts = new address[](n);
        Member[] memory records = new Member[](n);
        uint256 k = 0;
        for (uint256 i = 0; i < _memberList.length; i++) {
            Member storage m = _members[_memberList[i]];
            if (!m.active) continue;
            accounts[k] = _memberList[i];
            records[k] = m;
            k++;
        }
        uint256 amount = address(this).balance;
        migratedTo = successor;
        emit TreasuryMigrated(successor, amount, n);
        DAO(payable(successor)).acceptMigration{value: amount}(accounts, records);
    }

    /// @notice Accept plain transfers (donations, payments to the DAO); they join the treasury.
    receive() external payable notMigrated {}
}
