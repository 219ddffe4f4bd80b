// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {NodeIds} from "./NodeIds.sol";
import {Owned} from "./Owned.sol";

/// @title NodeVersion (devnet)
/// @notice Nodes report the software version they run. Emits the real NodeVersion events.
/// @dev Keeps the latest version and the real per-node counters; no version history.
contract NodeVersion is Owned, NodeIds {
    event VersionReported(address indexed node, string version, uint256 timestamp);
    event MaxVersionsPerNodeUpdated(uint256 newMax);

    error InvalidMaxVersions(uint256 newMax);

    struct NodeVersions {
        uint256 reportCounter;
        uint256 initialReportTime;
        uint256 lastReportTime;
        uint256 currentIndex;
    }

    mapping(address => NodeVersions) public nodeVersions;
    mapping(address => string) public latestVersion;
    address[] public allNodes;
    uint256 public maxVersionsPerNode = 10;

    function report(string calldata versionString) external {
        NodeVersions storage info = nodeVersions[msg.sender];
        if (info.reportCounter == 0) {
            info.initialReportTime = block.timestamp;
            allNodes.push(msg.sender);
        }
        info.reportCounter += 1;
        info.lastReportTime = block.timestamp;
        info.currentIndex = info.reportCounter % maxVersionsPerNode;
        latestVersion[msg.sender] = versionString;
        emit VersionReported(msg.sender, versionString, block.timestamp);
    }

    function setMaxVersionsPerNode(uint256 newMax) external onlyOwner {
        if (newMax == 0) revert InvalidMaxVersions(newMax);
        maxVersionsPerNode = newMax;
        emit MaxVersionsPerNodeUpdated(newMax);
    }

    function getNodeCount() external view returns (uint256 count) {
        return allNodes.length;
    }
}
