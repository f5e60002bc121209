// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ArbitratorRegistry} from "./ArbitratorRegistry.sol";
import {IArbitrableParties} from "./IArbitrableParties.sol";

/// @title PanelDraw: who may sit on a dispute's panel, and the draw that seats them
/// @notice Nobody judges a case in which they have an interest, and nobody chooses who judges.
///         A roster member is excluded from a dispute when the arbitrable contract declared
///         them a party (in the dispute's extra data) or answers that they have an interest
///         (`IArbitrableParties.hasInterest`: a party, a member of the arbitrable organisation,
///         anyone paid by the outcome). When a round is opened, the members not excluded then
///         are recorded as its pool; the panel is drawn without replacement from that pool,
///         with a seed taken from the hash of a block mined after the round was opened.
/// @dev Module of `HumanArbitrator`. What the seed does and does not guarantee: the hash of
///      the draw block is unknown when the round is opened, so no account that opens, appeals
///      or escalates a dispute (however many dummy disputes it opens first) can know or choose
///      the panel; the draw is a pure function of that hash, the dispute id, the round and the
///      pool, so the account that calls `drawPanel` chooses nothing either. Once the draw block
///      is mined anyone can compute the panel, so the pool is fixed before: a roster member who
///      resigns, accepts an appointment or is removed, or a person who joins or leaves the
///      arbitrable organisation, between the opening and the draw changes nobody's chance of a
///      seat. A member of the pool who has left the roster, or come to have an interest, since
///      may still be drawn, but cannot rule: their seat stays empty, as if they had abstained,
///      which they could have done anyway. Storing the pool costs one storage slot per
///      eligible member and round; the draw then asks the arbitrable nothing. The seed is not
///      unbiasable: the producer of the draw block can withhold it, or (a block hash being
///      easy to vary) try many candidate blocks and publish the one whose panel it prefers;
///      and once 256 blocks pass without a draw the block hash is forgotten and the draw is
///      re-armed on a new block (same pool), so a party that alone watches the chain could let
///      a panel it dislikes lapse. Any other party prevents that by drawing in time. A
///      verifiable random function or a commit-reveal among the roster would be needed to
///      remove the block producer's influence.
abstract contract PanelDraw is ArbitratorRegistry {
    /// @notice Gas an arbitrable contract may spend answering one `hasInterest` question.
    uint256 public constant INTEREST_GAS = 100_000;
    /// @dev Below this, the question could be starved of gas (63/64 rule) and a failed answer
    ///      mistaken for "no interest": the caller must pay for a full answer.
    uint256 private constant _INTEREST_GAS_FLOOR = INTEREST_GAS + INTEREST_GAS / 63 + 5_000;

    /// @dev Whether `account` may not judge `disputeId`: a declared party, or interested in
    ///      the arbitrable contract's own answer.
    function _excluded(uint256 disputeId, address arbitrable, address[] storage parties, address account)
        internal
        view
        returns (bool)
    {
        return _contains(parties, account) || _hasInterest(disputeId, arbitrable, account);
    }

    /// @dev Asks the arbitrable with a static call of at most `INTEREST_GAS`; a revert, a short
    ///      answer or anything but an ABI-encoded `true` counts as no interest. The answer is
    ///      read from scratch space, so no return data is copied (no return bomb).
    function _hasInterest(uint256 disputeId, address arbitrable, address account)
        internal
        view
        returns (bool interested)
    {
        if (gasleft() < _INTEREST_GAS_FLOOR) revert InterestCheckUnderfunded(gasleft());
        bytes memory data = abi.encodeCall(IArbitrableParties.hasInterest, (disputeId, account));
        uint256 gasLimit = INTEREST_GAS;
        assembly ("memory-safe") {
            let ok := staticcall(gasLimit, arbitrable, add(data, 32), mload(data), 0, 32)
            interested := and(ok, and(gt(returndatasize(), 31), eq(mload(0), 1)))
        }
    }

    /// @dev Roster members not excluded from the dispute now, in roster order: the pool of a
    ///      round opened now.
    function _eligiblePool(uint256 disputeId, address arbitrable, address[] storage parties)
        internal
        view
        returns (address[] memory pool)
    {
        uint256 count = _roster.length;
        pool = new address[](count);
        uint256 eligible;
        for (uint256 i = 0; i < count; ++i) {
            address member = _roster[i];
            if (!_excluded(disputeId, arbitrable, parties, member)) pool[eligible++] = member;
        }
        assembly ("memory-safe") {
            mstore(pool, eligible)
        }
    }

    /// @dev Draws `size` members of `pool` (fixed when the round was opened) without
    ///      replacement, seeded by `seed`: first from those not in `avoid` (the panel being
    ///      replaced or appealed), then, only when they are too few, from `avoid`. The k-th seat
    ///      goes to position `i + keccak(seed, k) % (n - i)` of the remaining pool (a partial
    ///      Fisher-Yates shuffle over the pool's order). Reverts when the pool is smaller than
    ///      `size`, which the round's opening already refused.
    function _drawPanel(address[] storage pool, uint256 size, address[] memory avoid, bytes32 seed)
        internal
        view
        returns (address[] memory panel)
    {
        uint256 count = pool.length;
        address[] memory fresh = new address[](count);
        address[] memory stale = new address[](count);
        uint256 freshCount;
        uint256 staleCount;
        for (uint256 i = 0; i < count; ++i) {
            address member = pool[i];
            if (_inMemory(avoid, member)) stale[staleCount++] = member;
            else fresh[freshCount++] = member;
        }
        if (size == 0 || size > count) revert PanelSizeInvalid(size, count);
        panel = new address[](size);
        uint256 filled = _pick(panel, 0, fresh, freshCount, seed);
        _pick(panel, filled, stale, staleCount, seed);
    }

    function _pick(address[] memory panel, uint256 filled, address[] memory pool, uint256 poolSize, bytes32 seed)
        private
        pure
        returns (uint256)
    {
        for (uint256 i = 0; i < poolSize && filled < panel.length; ++i) {
            uint256 j = i + uint256(keccak256(abi.encode(seed, filled))) % (poolSize - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            panel[filled++] = pool[i];
        }
        return filled;
    }

    function _inMemory(address[] memory list, address who) private pure returns (bool) {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == who) return true;
        }
        return false;
    }
}
