// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {NodeIds} from "./NodeIds.sol";
import {Owned} from "./Owned.sol";

interface ISessionQueue {
    function enqueueTask(uint256 sessionId, uint256 taskId, string calldata taskData)
        external
        returns (uint256 globalId);

    function getTaskResults(uint256 sessionId, uint256 taskId)
        external
        view
        returns (address[] memory, string[] memory);
}

/// @title SessionV2 (devnet)
/// @notice Sessions, their routers and nodes, and task submission. Emits the real SessionV2 (gen3)
///         events. Session ids start at 1; task ids are per session and start at 0.
/// @dev `create`, `submit` and `update` take fewer arguments than the real gen3 functions; the
///      other functions keep the real names and signatures. The owner plays the oracle
///      (node assignment and release).
contract SessionV2 is Owned, NodeIds {
    event SessionCreated(uint256 sessionId, bytes32 sid, address owner, address[] miners);
    event SessionUpdated(
        uint256 indexed sessionId,
        address indexed updater,
        uint256 minNumOfNodes,
        uint256 maxNumOfNodes,
        uint256 redundant
    );
    event SessionDeactivated(uint256 indexed sessionId, address indexed deactivator);
    event TaskSubmitted(uint256 sessionId, uint256 taskId, string taskData, string clientReference);
    event TaskAssigned(uint256 sessionId, uint256 taskId, bytes32[] nodeIds);
    event RouterAdded(address routerAddress, string routerInfo);
    event RouterUpdated(address routerAddress, string routerInfo);
    event RouterRemoved(address routerAddress);
    event AllRoutersRemoved(uint256 indexed sessionId);
    event DedicatedNodeAdded(address indexed nodeAddress);
    event DedicatedNodeRemoved(address indexed nodeAddress);
    event NewNodeAssignedToSession(
        uint256 indexed sessionId, address[] nodeAddresses, uint256 newNodeCount, uint256 assignmentType
    );
    event NodeReleased(bytes32 nodeId, uint256 sessionId);

    error UnknownSession(uint256 sessionId);
    error SessionInactive(uint256 sessionId);
    error NotSessionOwner(uint256 sessionId, address caller);
    error InvalidNodeCounts(uint256 minNumOfNodes, uint256 maxNumOfNodes, uint256 redundant);
    error UnknownTask(uint256 sessionId, uint256 taskId);
    error RouterExists(uint256 sessionId, address routerAddress);
    error UnknownRouter(uint256 sessionId, address routerAddress);
    error DedicatedNodeExists(uint256 sessionId, address nodeAddress);
    error UnknownDedicatedNode(uint256 sessionId, address nodeAddress);
    error NodeNotInSession(bytes32 nodeId, uint256 sessionId);

    struct Session {
        bytes32 sid;
        address owner;
        bool active;
        uint256 minNumOfNodes;
        uint256 maxNumOfNodes;
        uint256 redundant;
        uint256 taskCount;
        // Bumped by resetAllRouters() so every earlier router entry reads as removed.
        uint256 routerEpoch;
    }

    ISessionQueue public immutable sessionQueue;
    uint256 public sessionCount;

    mapping(uint256 => Session) private sessions;
    mapping(uint256 => mapping(uint256 => mapping(address => bool))) private routers;
    mapping(uint256 => mapping(address => bool)) private dedicatedNodes;
    mapping(uint256 => mapping(bytes32 => bool)) private sessionNodes;

    constructor(address queue) {
        sessionQueue = ISessionQueue(queue);
    }

    modifier onlySessionOwner(uint256 sessionId) {
        if (sessions[sessionId].owner != msg.sender) revert NotSessionOwner(sessionId, msg.sender);
        _;
    }

    function create(
        string calldata name,
        string calldata metadata,
        uint256 minNumOfNodes,
        uint256 maxNumOfNodes,
        uint256 redundant,
        address[] calldata miners
    ) external returns (uint256 sessionId) {
        checkNodeCounts(minNumOfNodes, maxNumOfNodes, redundant);
        sessionId = ++sessionCount;
        bytes32 sid = keccak256(abi.encode(block.chainid, sessionId, msg.sender, name, metadata));
        sessions[sessionId] = Session({
            sid: sid,
            owner: msg.sender,
            active: true,
            minNumOfNodes: minNumOfNodes,
            maxNumOfNodes: maxNumOfNodes,
            redundant: redundant,
            taskCount: 0,
            routerEpoch: 0
        });
        addSessionNodes(sessionId, miners);
        emit SessionCreated(sessionId, sid, msg.sender, miners);
    }

    function update(uint256 sessionId, uint256 minNumOfNodes, uint256 maxNumOfNodes, uint256 redundant)
        external
        onlySessionOwner(sessionId)
    {
        checkNodeCounts(minNumOfNodes, maxNumOfNodes, redundant);
        Session storage session = activeSession(sessionId);
        session.minNumOfNodes = minNumOfNodes;
        session.maxNumOfNodes = maxNumOfNodes;
        session.redundant = redundant;
        emit SessionUpdated(sessionId, msg.sender, minNumOfNodes, maxNumOfNodes, redundant);
    }

    /// @notice The session owner or the contract owner (oracle) can deactivate a session.
    function deactivateSession(uint256 sessionId) external {
        Session storage session = activeSession(sessionId);
        if (msg.sender != session.owner && msg.sender != owner) {
            revert NotSessionOwner(sessionId, msg.sender);
        }
        session.active = false;
        emit SessionDeactivated(sessionId, msg.sender);
    }

    function submit(uint256 sessionId, string calldata taskData, string calldata clientReference)
        external
        onlySessionOwner(sessionId)
        returns (uint256 taskId)
    {
        Session storage session = activeSession(sessionId);
        taskId = session.taskCount++;
        emit TaskSubmitted(sessionId, taskId, taskData, clientReference);
        sessionQueue.enqueueTask(sessionId, taskId, taskData);
    }

    function addRouter(uint256 sessionId, address routerAddress, string calldata metadata)
        external
        onlySessionOwner(sessionId)
    {
        mapping(address => bool) storage current = currentRouters(sessionId);
        if (current[routerAddress]) revert RouterExists(sessionId, routerAddress);
        current[routerAddress] = true;
        emit RouterAdded(routerAddress, metadata);
    }

    function updateRouter(uint256 sessionId, address routerAddress, string calldata newRouterInfo)
        external
        onlySessionOwner(sessionId)
    {
        if (!currentRouters(sessionId)[routerAddress]) revert UnknownRouter(sessionId, routerAddress);
        emit RouterUpdated(routerAddress, newRouterInfo);
    }

    function removeRouter(uint256 sessionId, address routerAddress)
        external
        onlySessionOwner(sessionId)
    {
        mapping(address => bool) storage current = currentRouters(sessionId);
        if (!current[routerAddress]) revert UnknownRouter(sessionId, routerAddress);
        current[routerAddress] = false;
        emit RouterRemoved(routerAddress);
    }

    function resetAllRouters(uint256 sessionId) external onlySessionOwner(sessionId) {
        sessions[sessionId].routerEpoch += 1;
        emit AllRoutersRemoved(sessionId);
    }

    function addDedicatedNode(uint256 sessionId, address nodeAddress)
        external
        onlySessionOwner(sessionId)
    {
        if (dedicatedNodes[sessionId][nodeAddress]) revert DedicatedNodeExists(sessionId, nodeAddress);
        dedicatedNodes[sessionId][nodeAddress] = true;
        emit DedicatedNodeAdded(nodeAddress);
    }

    function removeDedicatedNode(uint256 sessionId, address nodeAddress)
        external
        onlySessionOwner(sessionId)
    {
        if (!dedicatedNodes[sessionId][nodeAddress]) {
            revert UnknownDedicatedNode(sessionId, nodeAddress);
        }
        dedicatedNodes[sessionId][nodeAddress] = false;
        emit DedicatedNodeRemoved(nodeAddress);
    }

    /// @param assignmentType free-form tag copied to the event (the real values are unpublished).
    function assignNodes(uint256 sessionId, address[] calldata nodeAddresses, uint256 assignmentType)
        external
        onlyOwner
    {
        activeSession(sessionId);
        addSessionNodes(sessionId, nodeAddresses);
        emit NewNodeAssignedToSession(
            sessionId, nodeAddresses, nodeAddresses.length, assignmentType
        );
    }

    function releaseNode(bytes32 nodeId, uint256 sessionId) external onlyOwner {
        if (!sessionNodes[sessionId][nodeId]) revert NodeNotInSession(nodeId, sessionId);
        sessionNodes[sessionId][nodeId] = false;
        emit NodeReleased(nodeId, sessionId);
    }

    function assignTaskNodes(uint256 sessionId, uint256 taskId, bytes32[] calldata nodeIds)
        external
        onlyOwner
    {
        if (taskId >= knownSession(sessionId).taskCount) revert UnknownTask(sessionId, taskId);
        emit TaskAssigned(sessionId, taskId, nodeIds);
    }

    function getTaskResults(uint256 sessionId, uint256 taskId)
        external
        view
        returns (address[] memory, string[] memory)
    {
        return sessionQueue.getTaskResults(sessionId, taskId);
    }

    function getSessionOwner(uint256 sessionId) external view returns (address) {
        return knownSession(sessionId).owner;
    }

    function isSessionActive(uint256 sessionId) external view returns (bool) {
        return knownSession(sessionId).active;
    }

    function checkNodeCounts(uint256 minNumOfNodes, uint256 maxNumOfNodes, uint256 redundant)
        private
        pure
    {
        if (redundant == 0 || minNumOfNodes > maxNumOfNodes || redundant > maxNumOfNodes) {
            revert InvalidNodeCounts(minNumOfNodes, maxNumOfNodes, redundant);
        }
    }

    function addSessionNodes(uint256 sessionId, address[] calldata nodeAddresses) private {
        for (uint256 i = 0; i < nodeAddresses.length; i++) {
            sessionNodes[sessionId][getNodeId(nodeAddresses[i])] = true;
        }
    }

    function currentRouters(uint256 sessionId)
        private
        view
        returns (mapping(address => bool) storage)
    {
        return routers[sessionId][knownSession(sessionId).routerEpoch];
    }

    function knownSession(uint256 sessionId) private view returns (Session storage session) {
        session = sessions[sessionId];
        if (session.owner == address(0)) revert UnknownSession(sessionId);
    }

    function activeSession(uint256 sessionId) private view returns (Session storage session) {
        session = knownSession(sessionId);
        if (!session.active) revert SessionInactive(sessionId);
    }
}
