// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IArbitrable} from "./IArbitrable.sol";
import {IArbitrator} from "./IArbitrator.sol";
import {ArbitratorRegistry} from "./ArbitratorRegistry.sol";
import {PanelDraw} from "./PanelDraw.sol";

/// @title HumanArbitrator: ERC-792 arbitration by panels of registered natural persons
/// @notice Decides disputes of any ERC-792 arbitrable contract. A panel (1, 3, 5, ... people
///         drawn at random from the roster, never a party nor anyone with an interest in the
///         outcome) rules by majority; each ruling is a person's act, from their key or as an
///         EIP-712 signature they gave. A ruling may be appealed within a window to a larger
///         panel; after the window anyone passes it to the arbitrable contract. A panel that
///         misses its deadline is replaced; no ruling ever comes from the passing of time
///         (human-dispute).
/// @dev extraData: empty (panel of 1), `abi.encode(uint256 panelSize)`, or
///      `abi.encode(uint256 panelSize, address[] parties)` to keep the parties off the panel;
///      an arbitrable implementing `IArbitrableParties` is also asked who has an interest.
///      Every round (the first, an appeal, an escalation) is opened without a panel, with its
///      pool of eligible members fixed and a draw block one block later; `drawPanel` seats it
///      from that pool and that block's hash (see `PanelDraw` for what that does and does not
///      guarantee) and starts the ruling deadline.
///      Fees: arbitrationCost = arbitrationFee x panel size, appealCost = appealFee x the new
///      panel size. A decided round's fee is shared by the panelists who ruled in it, credited
///      when the round closes (appeal or execution); an escalated round pays its voters their
///      per-seat share and carries the rest to the new panel. Votes are refused after the
///      round's deadline and once the appeal window has closed, so nobody takes a share for a
///      ruling given late. Fees are withdrawn (pull). Rounds: every panel is a round, so a
///      signature for an earlier round is refused.
contract HumanArbitrator is PanelDraw, EIP712 {
    /// @notice EIP-712 type of a signed ruling.
    bytes32 public constant RULING_TYPEHASH =
        keccak256("Ruling(uint256 disputeId,uint256 round,uint256 ruling,bytes32 reasonHash)");

    struct Dispute {
        IArbitrable arbitrable;
        uint256 choices;
        uint256 round;
        uint256 ruling;
        DisputeStatus status;
        uint64 appealStart;
        uint64 appealEnd;
        bool delivered;
    }

    struct Round {
        address[] pool;
        address[] panel;
        address[] voters;
        uint64 deadline;
        uint64 drawBlock;
        uint64 size;
        bool decided;
        uint256 ruling;
        uint256 fee;
    }

    /// @notice Fee per panelist for a first-instance panel, in wei.
    uint256 public immutable arbitrationFee;
    /// @notice Fee per panelist for an appeal panel, in wei.
    uint256 public immutable appealFee;
    /// @notice Time a panel has to reach a majority, in seconds.
    uint256 public immutable rulingPeriod;
    /// @notice Time a ruling stays open to appeal, in seconds.
    uint256 public immutable appealWindow;
    /// @notice Number of disputes created (ids start at 0).
    uint256 public disputeCount;
    /// @notice Fees credited to an arbitrator and not yet withdrawn.
    mapping(address arbitrator => uint256 amount) public feesOf;

    mapping(uint256 disputeId => Dispute) private _disputes;
    mapping(uint256 disputeId => address[]) private _parties;
    mapping(uint256 disputeId => mapping(uint256 round => Round)) private _rounds;
    mapping(uint256 disputeId => mapping(uint256 round => mapping(address arbitrator => Vote))) private _votes;
    mapping(uint256 disputeId => mapping(uint256 round => mapping(uint256 ruling => uint256 count))) private _tally;

    /// @param founders The founding roster with their attestations.
    /// @param arbitrationFee_ Fee per panelist of a first panel (may be 0).
    /// @param appealFee_ Fee per panelist of an appeal panel (may be 0).
    /// @param rulingPeriod_ Seconds a panel has to rule; not 0.
    /// @param appealWindow_ Seconds a ruling may be appealed.
    constructor(
        InitialArbitrator[] memory founders,
        uint256 arbitrationFee_,
        uint256 appealFee_,
        uint256 rulingPeriod_,
        uint256 appealWindow_
    ) ArbitratorRegistry(founders) EIP712("dao-sim HumanArbitrator", "1") {
        if (rulingPeriod_ == 0) revert RulingPeriodZero();
        arbitrationFee = arbitrationFee_;
        appealFee = appealFee_;
        rulingPeriod = rulingPeriod_;
        appealWindow = appealWindow_;
    }

    // ------------------------------------------------------------------ ERC-792

    /// @inheritdoc IArbitrator
    /// @dev The caller is the arbitrable contract: an account without code is refused, as
    ///      the ruling could never be delivered to it and the fee would be locked. Panel size
    ///      must be odd and no larger than the roster members who are neither declared parties
    ///      nor interested (`hasInterest`); those members are the round's pool. Any payment
    ///      above the cost joins the round's fee. The panel is drawn later, by `drawPanel`.
    function createDispute(uint256 _choices, bytes calldata _extraData)
        external
        payable
        returns (uint256 disputeID)
    {
        if (msg.sender.code.length == 0) revert NotAnArbitrable(msg.sender);
        if (_choices == 0) revert NoChoices();
        (uint256 size, address[] memory parties) = _decodeExtraData(_extraData);
        uint256 cost = arbitrationFee * size;
        if (msg.value < cost) revert FeeTooLow(cost, msg.value);
        disputeID = disputeCount++;
        _parties[disputeID] = parties;
        address[] memory pool = _eligiblePool(disputeID, msg.sender, _parties[disputeID]);
        if (size % 2 == 0 || size > pool.length) revert PanelSizeInvalid(size, pool.length);
        Dispute storage dispute = _disputes[disputeID];
        dispute.arbitrable = IArbitrable(msg.sender);
        dispute.choices = _choices;
        dispute.status = DisputeStatus.Waiting;
        emit DisputeCreation(disputeID, IArbitrable(msg.sender));
        _openRound(disputeID, 0, size, msg.value, pool);
    }

    /// @inheritdoc IArbitrator
    function arbitrationCost(bytes calldata _extraData) external view returns (uint256 cost) {
        (uint256 size,) = _decodeExtraData(_extraData);
        return arbitrationFee * size;
    }

    /// @inheritdoc IArbitrator
    /// @dev Anyone may appeal while the window is open. The new round's pool is the roster
    ///      members eligible now; its panel is two people larger (capped at the pool), drawn by
    ///      `drawPanel`, and avoids the previous panel when it can. `_extraData` is ignored.
    function appeal(uint256 _disputeID, bytes calldata _extraData) external payable {
        _extraData;
        Dispute storage dispute = _dispute(_disputeID);
        if (dispute.status != DisputeStatus.Appealable) revert NotAppealable(_disputeID, dispute.status);
        if (block.timestamp >= dispute.appealEnd) revert AppealWindowClosed(_disputeID, dispute.appealEnd);
        uint256 oldRound = dispute.round;
        uint256 oldSize = _rounds[_disputeID][oldRound].size;
        address[] memory pool = _eligiblePool(_disputeID, address(dispute.arbitrable), _parties[_disputeID]);
        uint256 size = _nextPanelSize(oldSize, pool.length);
        if (size <= oldSize) revert NoLargerPanel(_disputeID, oldSize, size);
        uint256 cost = appealFee * size;
        if (msg.value < cost) revert FeeTooLow(cost, msg.value);

        _closeRound(_disputeID, oldRound, true);
        dispute.round = oldRound + 1;
        dispute.status = DisputeStatus.Waiting;
        dispute.appealStart = 0;
        dispute.appealEnd = 0;
        emit AppealDecision(_disputeID, dispute.arbitrable);
        _openRound(_disputeID, oldRound + 1, size, msg.value, pool);
    }

    /// @inheritdoc IArbitrator
    /// @dev type(uint256).max when no larger panel can be drawn (appeal impossible).
    function appealCost(uint256 _disputeID, bytes calldata _extraData) external view returns (uint256 cost) {
        _extraData;
        Dispute storage dispute = _dispute(_disputeID);
        uint256 current = _rounds[_disputeID][dispute.round].size;
        uint256 eligible = _eligiblePool(_disputeID, address(dispute.arbitrable), _parties[_disputeID]).length;
        uint256 size = _nextPanelSize(current, eligible);
        if (size <= current) return type(uint256).max;
        return appealFee * size;
    }

    /// @inheritdoc IArbitrator
    function appealPeriod(uint256 _disputeID) external view returns (uint256 start, uint256 end) {
        Dispute storage dispute = _dispute(_disputeID);
        if (dispute.status != DisputeStatus.Appealable) return (0, 0);
        return (dispute.appealStart, dispute.appealEnd);
    }

    /// @inheritdoc IArbitrator
    /// @dev Solved once the appeal window has closed, even before `executeRuling` is called.
    function disputeStatus(uint256 _disputeID) public view returns (DisputeStatus status) {
        Dispute storage dispute = _dispute(_disputeID);
        if (dispute.status == DisputeStatus.Appealable && block.timestamp >= dispute.appealEnd) {
            return DisputeStatus.Solved;
        }
        return dispute.status;
    }

    /// @inheritdoc IArbitrator
    /// @dev While an appeal is pending this stays the appealed ruling.
    function currentRuling(uint256 _disputeID) external view returns (uint256 ruling) {
        return _dispute(_disputeID).ruling;
    }

    // ------------------------------------------------------------------ human rulings

    /// @notice Cast your ruling in the current round, from your own key.
    /// @dev human-dispute: the ruling is a natural person's act. Refuses a key not on the panel or no
    ///      longer on the roster, a second vote, a ruling above `choices`, any vote after the
    ///      round's deadline (an undecided round must be escalated instead) or after the appeal
    ///      window closed, and a panelist who has come to have an interest since the draw.
    function castRuling(uint256 disputeId, uint256 ruling, bytes32 reasonHash) external {
        _vote(disputeId, _dispute(disputeId).round, msg.sender, ruling, reasonHash, false);
    }

    /// @notice Relay a ruling a panelist signed offline; anyone may relay it.
    /// @dev EIP-712 `Ruling(disputeId, round, ruling, reasonHash)`, domain "dao-sim HumanArbitrator"
    ///      version "1". The recovered signer must sit on that round's panel; a signature for a
    ///      closed round or a panelist's second signature is refused, so none can be replayed.
    ///      A wallet signature is not a qualified signature (signature-not-handwritten): it proves which key signed.
    function submitSignedRuling(
        uint256 disputeId,
        uint256 round,
        uint256 ruling,
        bytes32 reasonHash,
        bytes calldata signature
    ) external {
        uint256 current = _dispute(disputeId).round;
        if (round != current) revert RoundClosed(disputeId, round, current);
        (address signer, ECDSA.RecoverError recoverError,) =
            ECDSA.tryRecover(rulingDigest(disputeId, round, ruling, reasonHash), signature);
        if (recoverError != ECDSA.RecoverError.NoError) revert SignatureInvalid(disputeId, round);
        _vote(disputeId, round, signer, ruling, reasonHash, true);
    }

    /// @notice When the panel missed its deadline without a majority, anyone may have a new
    ///         panel drawn. This decides nothing: the new panel must rule (human-dispute).
    /// @dev New round, its pool the roster members eligible now, same panel size (capped at
    ///      the pool), drawn by `drawPanel`, avoiding the panel that missed the deadline when the
    ///      pool allows; the old round's votes do not count. A round whose panel is not drawn yet
    ///      has no deadline to miss.
    function escalate(uint256 disputeId) external {
        Dispute storage dispute = _dispute(disputeId);
        if (dispute.status == DisputeStatus.Solved) revert DisputeSolved(disputeId);
        uint256 oldRound = dispute.round;
        Round storage round = _rounds[disputeId][oldRound];
        if (round.decided) revert AlreadyDecided(disputeId, oldRound);
        if (round.panel.length == 0) revert PanelNotDrawn(disputeId, oldRound, round.drawBlock);
        if (block.timestamp <= round.deadline) revert RulingDeadlineNotPassed(disputeId, oldRound, round.deadline);

        emit RulingDeadlineMissed(disputeId, oldRound, round.deadline, msg.sender);
        uint256 carried = _closeRound(disputeId, oldRound, false);
        address[] memory pool = _eligiblePool(disputeId, address(dispute.arbitrable), _parties[disputeId]);
        uint256 size = round.size <= pool.length ? round.size : pool.length;
        if (size == 0) revert PanelSizeInvalid(size, 0);
        dispute.round = oldRound + 1;
        emit PanelReplaced(disputeId, oldRound, oldRound + 1);
        _openRound(disputeId, oldRound + 1, size, carried, pool);
    }

    /// @notice Seat the panel of the dispute's current round, once its draw block is mined.
    ///         Anyone may call; the caller chooses nothing: the panel follows from the draw
    ///         block's hash, the dispute, the round and the pool fixed when the round was
    ///         opened. The ruling deadline starts now.
    /// @dev human-dispute: nobody chooses who judges. Draws from the round's pool (`poolOf`:
    ///      the members who were neither parties nor interested when the round was opened),
    ///      preferring members not on the previous round's panel. Once the draw block is mined
    ///      anyone can compute the panel, so nothing that happens after the opening (a roster
    ///      member resigning, accepting an appointment or removed, someone joining or leaving the
    ///      arbitrable organisation) changes who may be drawn; a pool member who has since left
    ///      the roster or come to have an interest may be drawn and cannot rule. The roster is
    ///      never frozen for a draw, and the draw asks the arbitrable nothing, so it cannot be
    ///      made to fail. When the draw block is more than 256 blocks old its hash is gone: the
    ///      draw is re-armed on the next block (`PanelDrawScheduled` again), with the same pool,
    ///      and nothing is drawn.
    function drawPanel(uint256 disputeId) external {
        Dispute storage dispute = _dispute(disputeId);
        uint256 index = dispute.round;
        Round storage round = _rounds[disputeId][index];
        if (round.panel.length != 0) revert PanelAlreadyDrawn(disputeId, index);
        uint256 drawBlock = round.drawBlock;
        if (block.number <= drawBlock) revert PanelDrawTooEarly(disputeId, index, drawBlock);
        bytes32 hash = blockhash(drawBlock);
        if (hash == bytes32(0)) {
            round.drawBlock = uint64(block.number + 1);
            emit PanelDrawScheduled(disputeId, index, block.number + 1);
            return;
        }
        address[] memory avoid = index == 0 ? new address[](0) : _rounds[disputeId][index - 1].panel;
        bytes32 seed = keccak256(abi.encode(hash, disputeId, index));
        address[] memory panel = _drawPanel(round.pool, round.size, avoid, seed);
        round.panel = panel;
        round.deadline = uint64(block.timestamp + rulingPeriod);
        emit PanelDrawn(disputeId, index, panel, round.deadline);
    }

    /// @notice After the appeal window, make the panel's ruling final, pay the panelists, and
    ///         pass the ruling to the arbitrable contract.
    /// @dev Anyone may call. The ruling was given by people; the window only allowed an appeal.
    ///      Effects (Solved, fee credits) precede the call to `rule`, so an arbitrable that
    ///      refuses the ruling cannot hold the panelists' fees: a failed delivery is recorded
    ///      (`RulingDeliveryFailed`) and `deliverRuling` retries it.
    function executeRuling(uint256 disputeId) external {
        Dispute storage dispute = _dispute(disputeId);
        if (dispute.status == DisputeStatus.Solved) revert DisputeSolved(disputeId);
        if (dispute.status != DisputeStatus.Appealable) revert NotAppealable(disputeId, dispute.status);
        if (block.timestamp < dispute.appealEnd) revert AppealWindowOpen(disputeId, dispute.appealEnd);
        dispute.status = DisputeStatus.Solved;
        _closeRound(disputeId, dispute.round, true);
        emit RulingExecuted(disputeId, dispute.ruling, msg.sender);
        _deliver(disputeId, dispute);
    }

    /// @notice Pass a final ruling whose delivery failed to the arbitrable contract again.
    /// @dev Anyone may call, until a delivery succeeds; a delivered ruling is never delivered
    ///      twice. Reverts (`RulingNotDelivered`) when the arbitrable refuses it again.
    function deliverRuling(uint256 disputeId) external {
        Dispute storage dispute = _dispute(disputeId);
        if (dispute.status != DisputeStatus.Solved) revert RulingNotFinal(disputeId, dispute.status);
        if (dispute.delivered) revert RulingAlreadyDelivered(disputeId);
        if (!_deliver(disputeId, dispute)) revert RulingNotDelivered(disputeId);
    }

    /// @notice Withdraw the fees credited to you for rulings you gave.
    /// @dev Pull payment; the balance is zeroed before the checked call.
    function withdrawFees() external {
        uint256 amount = feesOf[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        feesOf[msg.sender] = 0;
        emit FeesWithdrawn(msg.sender, amount);
        (bool ok,) = payable(msg.sender).call{value: amount}("");
        if (!ok) revert PaymentFailed(msg.sender, amount);
    }

    // ------------------------------------------------------------------ views

    /// @notice The EIP-712 digest a panelist signs for a ruling.
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @param ruling The ruling.
    /// @param reasonHash Hash of the reasons.
    /// @return digest The digest.
    function rulingDigest(uint256 disputeId, uint256 round, uint256 ruling, bytes32 reasonHash)
        public
        view
        returns (bytes32 digest)
    {
        return _hashTypedDataV4(keccak256(abi.encode(RULING_TYPEHASH, disputeId, round, ruling, reasonHash)));
    }

    /// @notice A dispute in one read: arbitrable, choices, round, ruling, status, deadlines.
    /// @param disputeId The dispute.
    /// @return info Its fields.
    function getDispute(uint256 disputeId) external view returns (DisputeView memory info) {
        Dispute storage dispute = _dispute(disputeId);
        Round storage round = _rounds[disputeId][dispute.round];
        info = DisputeView({
            arbitrable: address(dispute.arbitrable),
            choices: dispute.choices,
            round: dispute.round,
            ruling: dispute.ruling,
            status: disputeStatus(disputeId),
            panelSize: round.size,
            rulingDeadline: round.deadline,
            appealStart: dispute.appealStart,
            appealEnd: dispute.appealEnd,
            votesCast: round.voters.length,
            decided: round.decided,
            executed: dispute.status == DisputeStatus.Solved
        });
    }

    /// @notice The panel of a round.
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @return panel The panelists' keys.
    function panelOf(uint256 disputeId, uint256 round) external view returns (address[] memory panel) {
        _dispute(disputeId);
        return _rounds[disputeId][round].panel;
    }

    /// @notice The pool a round's panel is drawn from: the roster members who were neither
    ///         parties nor interested when the round was opened, in roster order.
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @return pool Their keys.
    function poolOf(uint256 disputeId, uint256 round) external view returns (address[] memory pool) {
        _dispute(disputeId);
        return _rounds[disputeId][round].pool;
    }

    /// @notice Who has ruled in a round, in order.
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @return voters Their keys.
    function votersOf(uint256 disputeId, uint256 round) external view returns (address[] memory voters) {
        _dispute(disputeId);
        return _rounds[disputeId][round].voters;
    }

    /// @notice A panelist's ruling in a round.
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @param arbitrator The panelist.
    /// @return vote Whether cast, whether signed offline, the ruling, the reasons' hash.
    function voteOf(uint256 disputeId, uint256 round, address arbitrator) external view returns (Vote memory vote) {
        return _votes[disputeId][round][arbitrator];
    }

    /// @notice Number of panelists who gave a ruling in a round.
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @param ruling The ruling.
    /// @return count The count.
    function tallyOf(uint256 disputeId, uint256 round, uint256 ruling) external view returns (uint256 count) {
        return _tally[disputeId][round][ruling];
    }

    /// @notice The ruling deadline of a round.
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @return deadline Unix time.
    function rulingDeadlineOf(uint256 disputeId, uint256 round) external view returns (uint256 deadline) {
        return _rounds[disputeId][round].deadline;
    }

    /// @notice The block whose hash draws a round's panel (0 for a round never opened).
    /// @param disputeId The dispute.
    /// @param round The round.
    /// @return drawBlock The block number.
    function drawBlockOf(uint256 disputeId, uint256 round) external view returns (uint256 drawBlock) {
        return _rounds[disputeId][round].drawBlock;
    }

    /// @notice Whether the final ruling reached the arbitrable contract.
    /// @param disputeId The dispute.
    /// @return delivered True once `rule` succeeded.
    function rulingDelivered(uint256 disputeId) external view returns (bool delivered) {
        return _dispute(disputeId).delivered;
    }

    /// @notice The parties the arbitrable declared (kept off its panels).
    /// @param disputeId The dispute.
    /// @return parties Their keys.
    function partiesOf(uint256 disputeId) external view returns (address[] memory parties) {
        _dispute(disputeId);
        return _parties[disputeId];
    }

    // ------------------------------------------------------------------ internals

    function _dispute(uint256 disputeId) private view returns (Dispute storage dispute) {
        if (disputeId >= disputeCount) revert DisputeUnknown(disputeId);
        return _disputes[disputeId];
    }

    function _decodeExtraData(bytes calldata extraData) private pure returns (uint256 size, address[] memory parties) {
        if (extraData.length == 0) return (1, parties);
        if (extraData.length == 32) return (abi.decode(extraData, (uint256)), parties);
        return abi.decode(extraData, (uint256, address[]));
    }

    function _nextPanelSize(uint256 current, uint256 eligible) private pure returns (uint256 size) {
        size = current + 2;
        if (size > eligible) size = eligible;
    }

    /// @dev Opens a round without a panel, its pool fixed; its draw block is the next one,
    ///      whose hash nobody knows yet.
    function _openRound(uint256 disputeId, uint256 index, uint256 size, uint256 fee, address[] memory pool)
        private
    {
        Round storage round = _rounds[disputeId][index];
        round.pool = pool;
        round.size = uint64(size);
        round.fee = fee;
        round.drawBlock = uint64(block.number + 1);
        emit PanelDrawScheduled(disputeId, index, block.number + 1);
    }

    /// @dev Calls `rule` without copying its return data; marks the ruling delivered before
    ///      the call (a re-entrant `deliverRuling` is refused) and unmarks it if `rule` failed.
    function _deliver(uint256 disputeId, Dispute storage dispute) private returns (bool ok) {
        uint256 ruling = dispute.ruling;
        address target = address(dispute.arbitrable);
        bytes memory data = abi.encodeCall(IArbitrable.rule, (disputeId, ruling));
        dispute.delivered = true;
        assembly ("memory-safe") {
            ok := call(gas(), target, 0, add(data, 32), mload(data), 0, 0)
        }
        if (!ok) {
            dispute.delivered = false;
            emit RulingDeliveryFailed(disputeId, ruling);
        }
    }

    function _vote(
        uint256 disputeId,
        uint256 index,
        address arbitrator,
        uint256 ruling,
        bytes32 reasonHash,
        bool signed
    ) private {
        Dispute storage dispute = _disputes[disputeId];
        if (dispute.status == DisputeStatus.Solved) revert DisputeSolved(disputeId);
        Round storage round = _rounds[disputeId][index];
        if (!_onPanel(round.panel, arbitrator)) revert NotOnPanel(disputeId, index, arbitrator);
        if (_rosterIndex[arbitrator] == 0) revert NotOnRoster(arbitrator);
        if (_votes[disputeId][index][arbitrator].cast) revert AlreadyVoted(disputeId, index, arbitrator);
        if (ruling > dispute.choices) revert RulingOutOfRange(disputeId, ruling, dispute.choices);
        if (block.timestamp > round.deadline) revert RulingDeadlinePassed(disputeId, index, round.deadline);
        if (round.decided && block.timestamp >= dispute.appealEnd) {
            revert AppealWindowClosed(disputeId, dispute.appealEnd);
        }
        if (_excluded(disputeId, address(dispute.arbitrable), _parties[disputeId], arbitrator)) {
            revert PanelistInterested(disputeId, arbitrator);
        }

        _votes[disputeId][index][arbitrator] = Vote(true, signed, ruling, reasonHash);
        round.voters.push(arbitrator);
        uint256 tally = ++_tally[disputeId][index][ruling];
        emit RulingCast(disputeId, index, arbitrator, ruling, reasonHash, signed, msg.sender);

        if (!round.decided && tally * 2 > round.panel.length) {
            round.decided = true;
            round.ruling = ruling;
            dispute.ruling = ruling;
            dispute.status = DisputeStatus.Appealable;
            dispute.appealStart = uint64(block.timestamp);
            dispute.appealEnd = uint64(block.timestamp + appealWindow);
            emit RulingGiven(disputeId, index, ruling, dispute.appealEnd);
            emit AppealPossible(disputeId, dispute.arbitrable);
        }
    }

    /// @dev Credits a round's fee to those who ruled in it. A decided round shares its whole
    ///      fee among its voters (the remainder of the division to the first); an escalated
    ///      round pays each voter a per-seat share and returns the rest to carry over.
    function _closeRound(uint256 disputeId, uint256 index, bool decided) private returns (uint256 carried) {
        Round storage round = _rounds[disputeId][index];
        uint256 pool = round.fee;
        uint256 voters = round.voters.length;
        if (pool == 0) return 0;
        if (voters == 0) {
            round.fee = 0;
            return pool;
        }
        uint256 share = decided ? pool / voters : pool / round.size;
        carried = pool - share * voters;
        round.fee = 0;
        for (uint256 i = 0; i < voters; ++i) {
            uint256 amount = share;
            if (decided && i == 0) amount += carried;
            if (amount == 0) continue;
            address voter = round.voters[i];
            feesOf[voter] += amount;
            emit FeeCredited(voter, disputeId, index, amount);
        }
        if (decided) carried = 0;
    }

    function _onPanel(address[] storage panel, address who) private view returns (bool) {
        for (uint256 i = 0; i < panel.length; ++i) {
            if (panel[i] == who) return true;
        }
        return false;
    }
}
