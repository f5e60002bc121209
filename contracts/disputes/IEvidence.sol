// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IEvidence: the evidence events of ERC-1497, unchanged
/// @notice Links a dispute to the documents that explain it (meta-evidence) and to the
///         evidence each party submits. Documents live off-chain; events carry their URI.
interface IEvidence {
    /// @notice The context of a class of disputes (the charter, the agreement) was published.
    event MetaEvidence(uint256 indexed _metaEvidenceID, string _evidence);

    /// @notice A dispute was linked to its meta-evidence and its evidence group.
    event Dispute(IArbitrator indexed _arbitrator, uint256 indexed _disputeID, uint256 _metaEvidenceID, uint256 _evidenceGroupID);

    /// @notice A party submitted evidence (a URI to a document, with its hash).
    event Evidence(IArbitrator indexed _arbitrator, uint256 indexed _evidenceGroupID, address indexed _party, string _evidence);
}
