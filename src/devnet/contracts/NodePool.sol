// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {NodeIds} from "./NodeIds.sol";
import {Owned} from "./Owned.sol";

/// @title NodePool (devnet)
/// @notice Tracks which miners are in the pool and how many sessions reserved them.
/// @dev Function names follow the real NodePool ABI; nodeId = keccak256(abi.encodePacked(addr)).
contract NodePool is Owned, NodeIds {
    event NodeAdded(bytes32 indexed nodeId, address indexed nodeAddress, uint256 timestamp);
    event NodeRemoved(bytes32 indexed nodeId, address indexed nodeAddress, uint256 timestamp);
    event NodeEphemeral(bytes32 indexed nodeId, address indexed nodeAddress, uint256 timestamp);
    event NodeReserved(bytes32 indexed nodeId, address indexed nodeAddress, uint256 timestamp);
    event NodeReleased(bytes32 indexed nodeId, address indexed nodeAddress, uint256 timestamp);
    event NodePoolModeReset(bytes32 indexed nodeId, address indexed nodeAddress, uint256 timestamp);
    event NodePoolForceModeResetAll(uint256 timestamp);
    event LastExecutionTimestampSet(
        bytes32 indexed nodeId, address indexed nodeAddress, uint256 timestamp, uint256 mode
    );

    error UnknownNode(address nodeAddress);
    error NodeAlreadyAdded(address nodeAddress);
    error NodeStillReserved(address nodeAddress);
    error NodeNotReserved(address nodeAddress);

    struct Node {
        bool exists;
        bool ephemeral;
        uint256 reservations;
        uint256 mode;
        // A mode set before the last forceResetModeAll() reads as 0.
        uint256 modeEpoch;
        uint256 lastExecutionTimestamp;
    }

    mapping(address => Node) private nodes;
    uint256 private modeEpoch;

    function add(address addr) external onlyOwner {
        if (nodes[addr].exists) revert NodeAlreadyAdded(addr);
        nodes[addr].exists = true;
        emit NodeAdded(getNodeId(addr), addr, block.timestamp);
    }

    function remove(address addr) external onlyOwner {
        Node storage node = existing(addr);
        if (node.reservations != 0) revert NodeStillReserved(addr);
        delete nodes[addr];
        emit NodeRemoved(getNodeId(addr), addr, block.timestamp);
    }

    function ephemeral(address addr) external onlyOwner {
        existing(addr).ephemeral = true;
        emit NodeEphemeral(getNodeId(addr), addr, block.timestamp);
    }

    function reserve(address addr) external onlyOwner {
        existing(addr).reservations += 1;
        emit NodeReserved(getNodeId(addr), addr, block.timestamp);
    }

    function release(address addr) external onlyOwner {
        Node storage node = existing(addr);
        if (node.reservations == 0) revert NodeNotReserved(addr);
        node.reservations -= 1;
        emit NodeReleased(getNodeId(addr), addr, block.timestamp);
    }

    /// @notice Called by the miner itself to report the mode it runs in.
    function setSelfReportedModeByNode(uint8 mode) external {
        Node storage node = existing(msg.sender);
        node.mode = mode;
        node.modeEpoch = modeEpoch;
    }

    function resetModeByNode(address addr) external onlyOwner {
        existing(addr).mode = 0;
        emit NodePoolModeReset(getNodeId(addr), addr, block.timestamp);
    }

    function forceResetModeAll() external onlyOwner {
        modeEpoch += 1;
        emit NodePoolForceModeResetAll(block.timestamp);
    }

    function setLastExecutionTimestampByNode(address addr) external onlyOwner {
        Node storage node = existing(addr);
        node.lastExecutionTimestamp = block.timestamp;
        emit LastExecutionTimestampSet(getNodeId(addr), addr, block.timestamp, modeOf(node));
    }

    function getNodeMode(address addr) external view returns (uint256) {
        return modeOf(existing(addr));
    }

    function getReservationCount(address addr) external view returns (uint256) {
        return nodes[addr].reservations;
    }

    function modeOf(Node storage node) private view returns (uint256) {
        return node.modeEpoch == modeEpoch ? node.mode : 0;
    }

    function existing(address addr) private view returns (Node storage node) {
        node = nodes[addr];
        if (!node.exists) revert UnknownNode(addr);
    }
}
