// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrator} from "../disputes/IArbitrator.sol";
import {IArbitrable} from "../disputes/IArbitrable.sol";
import {IArbitrableParties} from "../disputes/IArbitrableParties.sol";
import {IEvidence} from "../disputes/IEvidence.sol";
import {IEscrow} from "./IEscrow.sol";

/// @title Escrow: a smart agreement between a payer and a payee (automatic-execution) with a
///        human dispute clause (human-dispute)
/// @notice The terms are fixed at deployment and published as ERC-1497 meta-evidence: who
///         pays, who is paid, which data source confirms delivery, the delivery deadline, and
///         the arbitrator who decides disputes. Delivery confirmed in time pays the payee
///         without either party acting again; no confirmation by the deadline lets anyone
///         return the deposit to the payer. A dispute freezes the deposit until a human rules.
/// @dev Ruling encoding and the choice for ruling 0: see `IEscrow`. Payments are pushed with a
///      checked call (no return data copied); a payment the receiver refuses is kept for them
///      to `withdraw`, so no recipient can block the agreement, and a ruling always transfers
///      the whole deposit to its new holders, never burns any of it (rights-follow-records).
///      Nobody with an interest judges: the payer, the payee and the data source (whose
///      confirmation is the fact in dispute) are named by `hasInterest`, and should also be
///      declared as parties in the arbitrator's extra data (`deploy_escrow` does).
contract Escrow is IArbitrable, IArbitrableParties, IEvidence, IEscrow {
    /// @notice Number of ruling options: r in 1..101 pays the payee (r - 1) percent.
    uint256 public constant RULING_CHOICES = 101;
    /// @notice The ERC-1497 meta-evidence id of this agreement's terms.
    uint256 public constant META_EVIDENCE_ID = 0;
    /// @notice The ERC-1497 evidence group of this agreement.
    uint256 public constant EVIDENCE_GROUP = 0;

    /// @notice The party who pays the deposit and gets it back on a refund.
    address public immutable payer;
    /// @notice The party paid on delivery.
    address public immutable payee;
    /// @notice The data source whose confirmation the parties foresaw (e.g. the carrier).
    address public immutable dataSource;
    /// @notice The human arbitrator named in the dispute clause (human-dispute).
    IArbitrator public immutable arbitrator;
    /// @notice Unix time after which, without a confirmation, the deposit may be refunded.
    uint256 public immutable deliveryDeadline;
    /// @notice What the arbitrator is told when a dispute is raised (panel size, parties).
    bytes public arbitratorExtraData;

    /// @notice Where the agreement stands.
    AgreementState public state;
    /// @notice The deposit held.
    uint256 public amount;
    /// @notice The arbitrator's id of the open (or last) dispute.
    uint256 public disputeId;
    /// @notice Payments waiting for their holder to withdraw them.
    mapping(address holder => uint256 owed) public owedTo;
    /// @notice A party's proposed payee percent plus one (0 = none).
    mapping(address party => uint256 percentPlusOne) public settlementOf;
    bool private _disputeOpen;

    /// @param payer_ The party who pays.
    /// @param payee_ The party who is paid on delivery.
    /// @param dataSource_ The key that confirms delivery.
    /// @param arbitrator_ The ERC-792 arbitrator (a human one); required by human-dispute.
    /// @param arbitratorExtraData_ The arbitrator's extra data (panel size, parties).
    /// @param deliveryDeadline_ Unix time by which delivery must be confirmed.
    /// @param termsURI URI of the agreement's text, emitted as ERC-1497 meta-evidence.
    constructor(
        address payer_,
        address payee_,
        address dataSource_,
        IArbitrator arbitrator_,
        bytes memory arbitratorExtraData_,
        uint256 deliveryDeadline_,
        string memory termsURI
    ) payable {
        if (address(arbitrator_) == address(0)) revert DisputeClauseMissing();
        if (payer_ == address(0) || payee_ == address(0)) revert PartyMissing();
        if (payer_ == payee_) revert PartiesNotDistinct(payer_);
        if (dataSource_ == address(0)) revert DataSourceMissing();
        if (deliveryDeadline_ <= block.timestamp) revert DeliveryDeadlineInPast(deliveryDeadline_, block.timestamp);
        payer = payer_;
        payee = payee_;
        dataSource = dataSource_;
        arbitrator = arbitrator_;
        arbitratorExtraData = arbitratorExtraData_;
        deliveryDeadline = deliveryDeadline_;
        emit MetaEvidence(META_EVIDENCE_ID, termsURI);
        if (msg.value > 0) _fund(msg.sender);
    }

    /// @notice Pay in the deposit (once), when it was not paid at deployment.
    /// @dev Only the payer.
    function deposit() external payable {
        if (msg.sender != payer) revert NotThePayer(msg.sender, payer);
        _expect(AgreementState.AwaitingDeposit);
        if (msg.value == 0) revert NothingDeposited();
        _fund(msg.sender);
    }

    /// @notice The data source confirms delivery; the deposit goes to the payee at once.
    /// @dev automatic-execution: executes on the foreseen data without the parties'
    ///      participation. Only the data source, only while Funded and not after the deadline.
    /// @param deliveryRef Reference of the delivery record (e.g. a hash of the waybill).
    function confirmDelivery(bytes32 deliveryRef) external {
        if (msg.sender != dataSource) revert NotTheDataSource(msg.sender, dataSource);
        _expect(AgreementState.Funded);
        if (block.timestamp > deliveryDeadline) revert DeliveryDeadlinePassed(deliveryDeadline);
        state = AgreementState.Released;
        uint256 paid = amount;
        amount = 0;
        emit DeliveryConfirmed(msg.sender, deliveryRef);
        emit Released(payee, paid);
        _pay(payee, paid);
    }

    /// @notice Without a delivery confirmation by the deadline, anyone may return the deposit
    ///         to the payer.
    /// @dev The refund condition the parties foresaw (automatic-execution). Only while Funded.
    function refund() external {
        _expect(AgreementState.Funded);
        if (block.timestamp <= deliveryDeadline) revert DeliveryDeadlineNotPassed(deliveryDeadline);
        state = AgreementState.Refunded;
        uint256 paid = amount;
        amount = 0;
        emit Refunded(payer, paid, msg.sender);
        _pay(payer, paid);
    }

    /// @notice A party puts the agreement before the human arbitrator, paying its fee. The
    ///         deposit is frozen until the ruling.
    /// @dev human-dispute. Allowed while Funded, or Contested after a refusal. The whole payment is
    ///      forwarded to the arbitrator, which refuses less than its arbitration cost.
    /// @return id The arbitrator's dispute id.
    function raiseDispute() external payable returns (uint256 id) {
        _onlyParty();
        if (state != AgreementState.Funded && state != AgreementState.Contested) {
            revert AgreementNotInState(state, AgreementState.Funded);
        }
        state = AgreementState.Disputed;
        delete settlementOf[payer];
        delete settlementOf[payee];
        id = arbitrator.createDispute{value: msg.value}(RULING_CHOICES, arbitratorExtraData);
        disputeId = id;
        _disputeOpen = true;
        emit DisputeRaised(id, msg.sender, msg.value);
        emit Dispute(arbitrator, id, META_EVIDENCE_ID, EVIDENCE_GROUP);
    }

    /// @notice A party submits evidence (a URI to a document and its hash) for the arbitrator.
    /// @param evidence The evidence URI.
    function submitEvidence(string calldata evidence) external {
        _onlyParty();
        emit Evidence(arbitrator, EVIDENCE_GROUP, msg.sender, evidence);
    }

    /// @inheritdoc IArbitrable
    /// @dev Only the arbitrator, for the open dispute. Ruling r >= 1 divides the deposit,
    ///      (r - 1) percent to the payee; ruling 0 leaves it frozen (Contested).
    function rule(uint256 _disputeID, uint256 _ruling) external {
        if (msg.sender != address(arbitrator)) revert NotTheArbitrator(msg.sender, address(arbitrator));
        if (!_disputeOpen || _disputeID != disputeId || state != AgreementState.Disputed) {
            revert DisputeNotOurs(_disputeID);
        }
        if (_ruling > RULING_CHOICES) revert RulingOutOfRange(_ruling, RULING_CHOICES);
        _disputeOpen = false;
        emit Ruling(arbitrator, _disputeID, _ruling);
        if (_ruling == 0) {
            state = AgreementState.Contested;
            emit ArbitrationRefused(_disputeID);
            return;
        }
        (uint256 toPayee, uint256 toPayer) = _divide(_ruling - 1);
        emit RulingApplied(_disputeID, _ruling, toPayee, toPayer);
        _pay(payee, toPayee);
        _pay(payer, toPayer);
    }

    /// @notice A party proposes, or agrees to, a division of the deposit; when both parties
    ///         have named the same percent for the payee, it is paid.
    /// @dev Allowed while Funded or Contested, never while a dispute is pending.
    /// @param payeePercent The payee's share, 0..100.
    function agreeSettlement(uint256 payeePercent) external {
        _onlyParty();
        if (state != AgreementState.Funded && state != AgreementState.Contested) {
            revert AgreementNotInState(state, AgreementState.Contested);
        }
        if (payeePercent > 100) revert PercentOutOfRange(payeePercent);
        settlementOf[msg.sender] = payeePercent + 1;
        emit SettlementProposed(msg.sender, payeePercent);
        if (settlementOf[payer] != settlementOf[payee]) return;
        (uint256 toPayee, uint256 toPayer) = _divide(payeePercent);
        emit SettlementAgreed(payeePercent, toPayee, toPayer);
        _pay(payee, toPayee);
        _pay(payer, toPayer);
    }

    /// @inheritdoc IArbitrableParties
    /// @dev The payer and the payee are paid by the outcome; the data source's confirmation
    ///      (or its absence) is what the dispute is about. The same for every dispute.
    function hasInterest(uint256, address account) external view returns (bool interested) {
        return account == payer || account == payee || account == dataSource;
    }

    /// @notice Withdraw a payment that could not be pushed to you.
    /// @dev Zeroed before the checked call.
    function withdraw() external {
        uint256 owed = owedTo[msg.sender];
        if (owed == 0) revert NothingToWithdraw(msg.sender);
        owedTo[msg.sender] = 0;
        emit PaymentWithdrawn(msg.sender, owed);
        (bool ok,) = payable(msg.sender).call{value: owed}("");
        if (!ok) revert PaymentFailed(msg.sender, owed);
    }

    /// @notice The payee's percent a ruling gives (ruling 0 gives no division).
    /// @param ruling A ruling 1..101.
    /// @return payeePercent ruling - 1.
    function payeePercentOf(uint256 ruling) external pure returns (uint256 payeePercent) {
        if (ruling == 0 || ruling > RULING_CHOICES) revert RulingOutOfRange(ruling, RULING_CHOICES);
        return ruling - 1;
    }

    function _fund(address from) private {
        amount = msg.value;
        state = AgreementState.Funded;
        emit Deposited(payer, from, msg.value);
    }

    /// @dev Closes the agreement as Divided; rounding goes to the payer; nothing is lost.
    function _divide(uint256 payeePercent) private returns (uint256 toPayee, uint256 toPayer) {
        state = AgreementState.Divided;
        uint256 total = amount;
        amount = 0;
        toPayee = (total * payeePercent) / 100;
        toPayer = total - toPayee;
    }

    /// @dev Pushes value with a checked call that copies no return data; a refused payment is
    ///      kept for its holder (`withdraw`).
    function _pay(address to, uint256 value) private {
        if (value == 0) return;
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, value, 0, 0, 0, 0)
        }
        if (!ok) {
            owedTo[to] += value;
            emit PaymentDeferred(to, value);
        }
    }

    function _expect(AgreementState expected) private view {
        if (state != expected) revert AgreementNotInState(state, expected);
    }

    function _onlyParty() private view {
        if (msg.sender != payer && msg.sender != payee) revert NotAParty(msg.sender);
    }
}
