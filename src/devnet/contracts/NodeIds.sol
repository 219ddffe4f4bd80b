// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title NodeIds
/// @notice The node id every Cortensor contract derives from a node's address.
abstract contract NodeIds {
    function getNodeId(address addr) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(addr));
    }
}
