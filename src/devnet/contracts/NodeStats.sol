// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {NodeIds} from "./NodeIds.sol";
import {Owned} from "./Owned.sol";

/// @title NodeStats (devnet)
/// @notice Node liveness: pings, a level derived from them, resets. Emits the real NodeStats events.
/// @dev Nodes call `ping()` themselves; the owner (oracle) updates levels and resets nodes.
///      `updateNodeActivity` sets level = pings since the last reset / `activityThreshold`;
///      `checkAndResetNode` zeroes the level and those pings (the lifetime ping counter stays).
///      Every `globalPingThreshold` pings network-wide emit `GlobalPingThresholdReached`.
contract NodeStats is Owned, NodeIds {
    event NodePinged(address miner, bytes32 nodeId, uint256 pingCounter);
    event NodeLevelUpdated(bytes32 indexed node, uint256 newLevel);
    event NodeReset(bytes32 indexed node);
    event GlobalPingThresholdReached(uint256 globalPingCounter);

    struct Activity {
        uint256 pingCounter;
        uint256 pingsSinceReset;
        uint256 level;
        uint256 lastPingTimestamp;
    }

    mapping(bytes32 => Activity) private activity;
    uint256 public globalPingCounter;
    uint256 public globalPingThreshold;
    uint256 public activityThreshold;

    function ping() external {
        bytes32 node = getNodeId(msg.sender);
        Activity storage stats = activity[node];
        stats.pingCounter += 1;
        stats.pingsSinceReset += 1;
        stats.lastPingTimestamp = block.timestamp;
        emit NodePinged(msg.sender, node, stats.pingCounter);
        globalPingCounter += 1;
        if (globalPingThreshold != 0 && globalPingCounter >= globalPingThreshold) {
            emit GlobalPingThresholdReached(globalPingCounter);
            globalPingCounter = 0;
        }
    }

    function setGlobalPingThreshold(uint256 _globalPingThreshold) external onlyOwner {
        globalPingThreshold = _globalPingThreshold;
    }

    function setActivityThreshold(uint256 _activityThreshold) external onlyOwner {
        activityThreshold = _activityThreshold;
    }

    function updateNodeActivity(bytes32 node) external onlyOwner {
        Activity storage stats = activity[node];
        stats.level = activityThreshold == 0 ? 0 : stats.pingsSinceReset / activityThreshold;
        emit NodeLevelUpdated(node, stats.level);
    }

    function checkAndResetNode(bytes32 node) external onlyOwner {
        Activity storage stats = activity[node];
        stats.pingsSinceReset = 0;
        stats.level = 0;
        emit NodeReset(node);
    }

    function getPingCounter(bytes32 node) external view returns (uint256) {
        return activity[node].pingCounter;
    }

    function getLevel(bytes32 node) external view returns (uint256) {
        return activity[node].level;
    }
}
