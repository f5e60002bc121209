// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IEscrow: the vocabulary of dao-sim's escrow smart agreement
/// @notice A payer's deposit goes to the payee when the delivery confirmation the parties
///         foresaw arrives from the named data source (automatic-execution), or back to the
///         payer when no confirmation arrived by the deadline. Either party may put the matter
///         to a human arbitrator instead (human-dispute); the dispute freezes the deposit until
///         the ruling.
/// @dev Ruling encoding: `RULING_CHOICES` = 101; ruling r in 1..101 pays the payee (r - 1)
///      percent and the payer the rest (r = 1 refunds the payer in full, r = 101 pays the payee
///      in full). Ruling 0 (refused to arbitrate) leaves the deposit frozen (`Contested`):
///      no machine picks a split the arbitrator would not; the parties settle by agreement or
///      raise a new dispute.
interface IEscrow {
    /// @notice AwaitingDeposit: nothing paid in. Funded: the agreement runs. Disputed: before a
    ///         human arbitrator, frozen. Contested: the arbitrator refused; frozen until the
    ///         parties agree or raise a new dispute. Released, Refunded, Divided: closed.
    enum AgreementState {
        AwaitingDeposit,
        Funded,
        Disputed,
        Contested,
        Released,
        Refunded,
        Divided
    }

    /// @notice The payer's deposit was paid in.
    event Deposited(address indexed payer, address indexed from, uint256 amount);
    /// @notice The data source confirmed delivery.
    event DeliveryConfirmed(address indexed dataSource, bytes32 indexed deliveryRef);
    /// @notice The deposit went to the payee after the confirmation.
    event Released(address indexed payee, uint256 amount);
    /// @notice The deposit went back to the payer: no confirmation by the deadline.
    event Refunded(address indexed payer, uint256 amount, address triggeredBy);
    /// @notice A party put the agreement before the arbitrator.
    event DisputeRaised(uint256 indexed disputeId, address indexed party, uint256 feePaid);
    /// @notice The arbitrator's ruling was applied: the deposit was divided as ruled.
    event RulingApplied(uint256 indexed disputeId, uint256 ruling, uint256 toPayee, uint256 toPayer);
    /// @notice The arbitrator refused to arbitrate (ruling 0); the deposit stays frozen.
    event ArbitrationRefused(uint256 indexed disputeId);
    /// @notice A party proposed (or agreed to) a division of the deposit.
    event SettlementProposed(address indexed party, uint256 payeePercent);
    /// @notice Both parties agreed on the same division; it was paid.
    event SettlementAgreed(uint256 payeePercent, uint256 toPayee, uint256 toPayer);
    /// @notice A payment could not be pushed; it waits for its holder to withdraw it.
    event PaymentDeferred(address indexed to, uint256 amount);
    /// @notice A deferred payment was withdrawn.
    event PaymentWithdrawn(address indexed to, uint256 amount);

    error DisputeClauseMissing();
    error PartyMissing();
    error PartiesNotDistinct(address party);
    error DataSourceMissing();
    error DeliveryDeadlineInPast(uint256 deadline, uint256 nowTime);
    error NotAParty(address caller);
    error NotThePayer(address caller, address payer);
    error NotTheDataSource(address caller, address dataSource);
    error NotTheArbitrator(address caller, address arbitrator);
    error AgreementNotInState(AgreementState state, AgreementState expected);
    error NothingDeposited();
    error DeliveryDeadlinePassed(uint256 deadline);
    error DeliveryDeadlineNotPassed(uint256 deadline);
    error DisputeNotOurs(uint256 disputeId);
    error RulingOutOfRange(uint256 ruling, uint256 choices);
    error PercentOutOfRange(uint256 payeePercent);
    error NothingToWithdraw(address holder);
    error PaymentFailed(address to, uint256 amount);
}
