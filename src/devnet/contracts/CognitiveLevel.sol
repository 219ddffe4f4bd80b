// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {NodeIds} from "./NodeIds.sol";
import {Owned} from "./Owned.sol";

/// @title CognitiveLevel (devnet)
/// @notice Node levels earned on network tasks, with per-level task statistics. Emits the real
///         CognitiveLevel events.
/// @dev The owner plays the oracle and the cognitive module: it registers nodes, changes their
///      levels and reports task outcomes. A report emits TaskReported (per-level counts),
///      NodeMetricsUpdated (all levels) and ConsecutiveSuccessUpdated (reset by a failure).
contract CognitiveLevel is Owned, NodeIds {
    event NodeRegistered(address indexed node, uint8 initialLevel, uint256 timestamp);
    event NodeLevelChanged(
        address indexed node, uint8 previousLevel, uint8 newLevel, address indexed evaluator, string reason
    );
    event ConsecutiveSuccessUpdated(address indexed node, uint8 level, uint256 consecutiveCount);
    event NodeMetricsUpdated(
        address indexed node, uint256 totalTasksCompleted, uint256 successfulTasks, uint256 failedTasks
    );
    event TaskReported(
        address indexed node, uint8 level, uint256 taskCount, uint256 successCount, address indexed cognitiveModule
    );
    event LevelRequirementsUpdated(uint8 level, uint256 minConsecutiveCount, uint256 minSuccessPercentage);

    error NodeAlreadyRegistered(address nodeAddress);
    error NodeNotRegistered(address nodeAddress);
    error LevelOutOfRange(uint8 level);

    struct Node {
        address nodeAddress;
        uint8 currentLevel;
        uint8 lastLevel;
        bool isRegistered;
        uint256 registrationTime;
        uint256 lastLevelChangeTime;
        uint256 totalTasksCompleted;
        uint256 successfulTasks;
        uint256 failedTasks;
        uint256 lastMetricsUpdate;
    }

    struct LevelStats {
        uint256 taskCount;
        uint256 successCount;
        uint256 consecutiveSuccessCount;
    }

    uint8 public constant MIN_LEVEL = 0;
    uint8 public constant MAX_LEVEL = 5;

    mapping(bytes32 => Node) public nodes;
    mapping(bytes32 => mapping(uint8 => LevelStats)) private levelStats;
    mapping(uint8 => uint256) public levelMinimumConsectiveSuccessCount;
    mapping(uint8 => uint256) public levelMinimumConsectiveSuccessPercentage;

    function register() external {
        registerAt(msg.sender, MIN_LEVEL);
    }

    function registerNode(address nodeAddress, uint8 initialLevel) external onlyOwner {
        registerAt(nodeAddress, initialLevel);
    }

    function setNodeLevel(address nodeAddress, uint8 newLevel, string calldata reason)
        external
        onlyOwner
    {
        changeLevel(nodeAddress, newLevel, reason);
    }

    function upgradeNodeLevel(address nodeAddress) external onlyOwner {
        changeLevel(nodeAddress, registered(nodeAddress).currentLevel + 1, "upgrade");
    }

    function downgradeNodeLevel(address nodeAddress) external onlyOwner {
        uint8 level = registered(nodeAddress).currentLevel;
        if (level == MIN_LEVEL) revert LevelOutOfRange(level);
        changeLevel(nodeAddress, level - 1, "downgrade");
    }

    function reportTaskCompletion(address nodeAddress, uint8 level, bool success, uint256)
        external
        onlyOwner
    {
        Node storage node = registered(nodeAddress);
        LevelStats storage stats = levelStats[getNodeId(nodeAddress)][level];
        stats.taskCount += 1;
        node.totalTasksCompleted += 1;
        if (success) {
            stats.successCount += 1;
            stats.consecutiveSuccessCount += 1;
            node.successfulTasks += 1;
        } else {
            stats.consecutiveSuccessCount = 0;
            node.failedTasks += 1;
        }
        node.lastMetricsUpdate = block.timestamp;
        emit TaskReported(nodeAddress, level, stats.taskCount, stats.successCount, msg.sender);
        emit NodeMetricsUpdated(
            nodeAddress, node.totalTasksCompleted, node.successfulTasks, node.failedTasks
        );
        emit ConsecutiveSuccessUpdated(nodeAddress, level, stats.consecutiveSuccessCount);
    }

    function setLevelRequirements(uint8 level, uint256 minConsecutiveCount, uint256 minSuccessPercentage)
        external
        onlyOwner
    {
        if (level > MAX_LEVEL) revert LevelOutOfRange(level);
        levelMinimumConsectiveSuccessCount[level] = minConsecutiveCount;
        levelMinimumConsectiveSuccessPercentage[level] = minSuccessPercentage;
        emit LevelRequirementsUpdated(level, minConsecutiveCount, minSuccessPercentage);
    }

    function getNodeLevel(address nodeAddress) external view returns (uint8) {
        return registered(nodeAddress).currentLevel;
    }

    function isNodeRegistered(address nodeAddress) external view returns (bool) {
        return nodes[getNodeId(nodeAddress)].isRegistered;
    }

    function getLevelRequirements(uint8 level)
        external
        view
        returns (uint256 minConsecutiveCount, uint256 minSuccessPercentage)
    {
        return (levelMinimumConsectiveSuccessCount[level], levelMinimumConsectiveSuccessPercentage[level]);
    }

    function registerAt(address nodeAddress, uint8 level) private {
        if (level > MAX_LEVEL) revert LevelOutOfRange(level);
        Node storage node = nodes[getNodeId(nodeAddress)];
        if (node.isRegistered) revert NodeAlreadyRegistered(nodeAddress);
        node.nodeAddress = nodeAddress;
        node.currentLevel = level;
        node.isRegistered = true;
        node.registrationTime = block.timestamp;
        emit NodeRegistered(nodeAddress, level, block.timestamp);
    }

    function changeLevel(address nodeAddress, uint8 newLevel, string memory reason) private {
        if (newLevel > MAX_LEVEL) revert LevelOutOfRange(newLevel);
        Node storage node = registered(nodeAddress);
        node.lastLevel = node.currentLevel;
        node.currentLevel = newLevel;
        node.lastLevelChangeTime = block.timestamp;
        emit NodeLevelChanged(nodeAddress, node.lastLevel, newLevel, msg.sender, reason);
    }

    function registered(address nodeAddress) private view returns (Node storage node) {
        node = nodes[getNodeId(nodeAddress)];
        if (!node.isRegistered) revert NodeNotRegistered(nodeAddress);
    }
}
