// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Owned} from "./Owned.sol";

/// @title NodeReputation (devnet)
/// @notice Records per-node outcomes; emits the real NodeReputation events.
contract NodeReputation is Owned {
    event StateRecorded(bytes32 indexed node, string state, uint256 timestamp, bool success);
    event EphemeralStateSet(bytes32 indexed node, uint256 timestamp);

    mapping(bytes32 => uint256) public recordCount;
    mapping(bytes32 => uint256) public successCount;
    mapping(bytes32 => uint256) public ephemeralSince;

    /// @notice Same name and signature as the real `record(bytes32,string,bool)`.
    function record(bytes32 node, string calldata state, bool success) external onlyOwner {
        recordCount[node] += 1;
        if (success) successCount[node] += 1;
        emit StateRecorded(node, state, block.timestamp, success);
    }

    function setEphemeralState(bytes32 node) external onlyOwner {
        ephemeralSince[node] = block.timestamp;
        emit EphemeralStateSet(node, block.timestamp);
    }
}
