// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Owned} from "./Owned.sol";

/// @title SessionQueueV2 (devnet)
/// @notice Task queue and commit-reveal lifecycle: queued -> assigned -> acked -> precommitted
///         -> committed -> ended. Emits the real SessionQueueV2 (gen3) events.
/// @dev The owner plays the oracle (assign, end* calls); miners call ack/precommit/commit
///      themselves. Only the SessionV2 contract can enqueue. globalIds start at 0.
///      `end` names every miner that committed; `end2` leaves out the miners the oracle excluded
///      with `excludeMiner` (a committed result that failed its checks: a "dropped" miner).
contract SessionQueueV2 is Owned {
    event TaskQueued(uint256 sessionId, uint256 taskId, uint256 globalId, string taskData);
    event TaskAssigned(uint256 sessionId, uint256 taskId, address[] miners);
    event TaskAcked(uint256 sessionId, uint256 taskId, address miner);
    event TaskPrecommitted(uint256 sessionId, uint256 taskId, address miner);
    event TaskPrecommitEnded(uint256 sessionId, uint256 taskId);
    event TaskAllPrecommitted(uint256 sessionId, uint256 taskId, address[] miners);
    event TaskCommitted(uint256 sessionId, uint256 taskId, address miner);
    event TaskCommitEnded(uint256 sessionId, uint256 taskId);
    event TaskAllCommitted(uint256 sessionId, uint256 taskId, address[] miners);
    event TaskEnded(uint256 sessionId, uint256 taskId, address[] miners);

    error SessionContractAlreadySet();
    error NotSessionContract(address caller);
    error WrongTaskPhase(uint256 sessionId, uint256 taskId, Phase phase);
    error WrongMinerState(uint256 sessionId, uint256 taskId, address miner, MinerState state);
    error HashMismatch(uint256 sessionId, uint256 taskId, address miner);
    error NoMiners();

    enum Phase {
        None,
        Queued,
        Assigned,
        PrecommitEnded,
        CommitEnded,
        Ended
    }

    enum MinerState {
        None,
        Assigned,
        Acked,
        Precommitted,
        Committed
    }

    struct Task {
        uint256 globalId;
        Phase phase;
        address[] miners;
        address[] precommitted;
        address[] committed;
    }

    struct MinerResult {
        MinerState state;
        bytes32 hash;
        string result;
    }

    address public sessionContract;
    uint256 public taskCount;

    mapping(uint256 => mapping(uint256 => Task)) private tasks;
    mapping(uint256 => mapping(uint256 => mapping(address => MinerResult))) private results;
    mapping(uint256 => mapping(uint256 => mapping(address => bool))) private excluded;

    /// @notice One-time wiring, done after all devnet contracts are deployed so that the
    ///         deployment nonces (and therefore the addresses) stay fixed.
    function setSessionContract(address session) external onlyOwner {
        if (sessionContract != address(0)) revert SessionContractAlreadySet();
        sessionContract = session;
    }

    function enqueueTask(uint256 sessionId, uint256 taskId, string calldata taskData)
        external
        returns (uint256 globalId)
    {
        if (msg.sender != sessionContract) revert NotSessionContract(msg.sender);
        Task storage task = inPhase(sessionId, taskId, Phase.None);
        globalId = taskCount++;
        task.globalId = globalId;
        task.phase = Phase.Queued;
        emit TaskQueued(sessionId, taskId, globalId, taskData);
    }

    /// @dev Same signature as the real gen3 `assignTask`; the model identifier is not used.
    function assignTask(uint256 sessionId, uint256 taskId, address[] calldata addrs, uint256)
        external
        onlyOwner
    {
        if (addrs.length == 0) revert NoMiners();
        Task storage task = inPhase(sessionId, taskId, Phase.Queued);
        for (uint256 i = 0; i < addrs.length; i++) {
            advance(sessionId, taskId, addrs[i], MinerState.None, MinerState.Assigned);
            task.miners.push(addrs[i]);
        }
        task.phase = Phase.Assigned;
        emit TaskAssigned(sessionId, taskId, addrs);
    }

    function ack(uint256 sessionId, uint256 taskId) external {
        inPhase(sessionId, taskId, Phase.Assigned);
        advance(sessionId, taskId, msg.sender, MinerState.Assigned, MinerState.Acked);
        emit TaskAcked(sessionId, taskId, msg.sender);
    }

    /// @param hash keccak256 of the result the miner will reveal in commit().
    function precommit(uint256 sessionId, uint256 taskId, bytes32 hash, string calldata)
        external
    {
        Task storage task = inPhase(sessionId, taskId, Phase.Assigned);
        advance(sessionId, taskId, msg.sender, MinerState.Acked, MinerState.Precommitted);
        results[sessionId][taskId][msg.sender].hash = hash;
        task.precommitted.push(msg.sender);
        emit TaskPrecommitted(sessionId, taskId, msg.sender);
    }

    function endPrecommit(uint256 sessionId, uint256 taskId, bool emitAllPrecommitted)
        external
        onlyOwner
    {
        Task storage task = inPhase(sessionId, taskId, Phase.Assigned);
        task.phase = Phase.PrecommitEnded;
        emit TaskPrecommitEnded(sessionId, taskId);
        if (emitAllPrecommitted) emit TaskAllPrecommitted(sessionId, taskId, task.precommitted);
    }

    function commit(uint256 sessionId, uint256 taskId, string calldata data) external {
        Task storage task = inPhase(sessionId, taskId, Phase.PrecommitEnded);
        MinerResult storage result = results[sessionId][taskId][msg.sender];
        advance(sessionId, taskId, msg.sender, MinerState.Precommitted, MinerState.Committed);
        if (getHash(data) != result.hash) revert HashMismatch(sessionId, taskId, msg.sender);
        result.result = data;
        task.committed.push(msg.sender);
        emit TaskCommitted(sessionId, taskId, msg.sender);
    }

    /// @return allCommitted whether every assigned miner committed.
    function endCommit(uint256 sessionId, uint256 taskId, bool emitAllCommitted)
        external
        onlyOwner
        returns (bool allCommitted)
    {
        Task storage task = inPhase(sessionId, taskId, Phase.PrecommitEnded);
        task.phase = Phase.CommitEnded;
        emit TaskCommitEnded(sessionId, taskId);
        if (emitAllCommitted) emit TaskAllCommitted(sessionId, taskId, task.committed);
        return task.committed.length == task.miners.length;
    }

    /// @notice Devnet only: leaves a miner that committed out of the list `end2` emits.
    function excludeMiner(uint256 sessionId, uint256 taskId, address miner) external onlyOwner {
        MinerResult storage result = results[sessionId][taskId][miner];
        if (result.state != MinerState.Committed) {
            revert WrongMinerState(sessionId, taskId, miner, result.state);
        }
        excluded[sessionId][taskId][miner] = true;
    }

    /// @param forceEnd end the task even though the commit phase has not been closed.
    function end(uint256 sessionId, uint256 taskId, bool forceEnd) external onlyOwner {
        emit TaskEnded(sessionId, taskId, close(sessionId, taskId, forceEnd).committed);
    }

    /// @notice Like `end`, but the final miner list leaves out the miners excluded by the oracle.
    function end2(uint256 sessionId, uint256 taskId, bool forceEnd) external onlyOwner {
        address[] storage committed = close(sessionId, taskId, forceEnd).committed;
        uint256 count = 0;
        for (uint256 i = 0; i < committed.length; i++) {
            if (!excluded[sessionId][taskId][committed[i]]) count++;
        }
        address[] memory kept = new address[](count);
        count = 0;
        for (uint256 i = 0; i < committed.length; i++) {
            if (!excluded[sessionId][taskId][committed[i]]) kept[count++] = committed[i];
        }
        emit TaskEnded(sessionId, taskId, kept);
    }

    /// @return the task's phase as a number (devnet Phase: 5 = Ended).
    function getTaskStatus(uint256 sessionId, uint256 taskId) external view returns (uint8) {
        return uint8(tasks[sessionId][taskId].phase);
    }

    /// @return the miner's state in the task as a number (devnet MinerState: 4 = Committed).
    function getTaskResultState(uint256 sessionId, uint256 taskId, address addr)
        external
        view
        returns (uint8)
    {
        return uint8(results[sessionId][taskId][addr].state);
    }

    function getHash(string calldata str) public pure returns (bytes32) {
        return keccak256(bytes(str));
    }

    /// @return miners the miners that committed, in commit order, and their results.
    function getTaskResults(uint256 sessionId, uint256 taskId)
        external
        view
        returns (address[] memory, string[] memory)
    {
        (address[] memory miners, string[] memory data,) = collectResults(sessionId, taskId);
        return (miners, data);
    }

    function getTaskResultsAndHashes(uint256 sessionId, uint256 taskId)
        external
        view
        returns (address[] memory, string[] memory, bytes32[] memory)
    {
        return collectResults(sessionId, taskId);
    }

    function collectResults(uint256 sessionId, uint256 taskId)
        private
        view
        returns (address[] memory miners, string[] memory data, bytes32[] memory hashes)
    {
        miners = tasks[sessionId][taskId].committed;
        data = new string[](miners.length);
        hashes = new bytes32[](miners.length);
        for (uint256 i = 0; i < miners.length; i++) {
            MinerResult storage result = results[sessionId][taskId][miners[i]];
            data[i] = result.result;
            hashes[i] = result.hash;
        }
    }

    function close(uint256 sessionId, uint256 taskId, bool forceEnd)
        private
        returns (Task storage task)
    {
        task = tasks[sessionId][taskId];
        bool endable = forceEnd
            ? task.phase != Phase.None && task.phase != Phase.Ended
            : task.phase == Phase.CommitEnded;
        if (!endable) revert WrongTaskPhase(sessionId, taskId, task.phase);
        task.phase = Phase.Ended;
    }

    function inPhase(uint256 sessionId, uint256 taskId, Phase expected)
        private
        view
        returns (Task storage task)
    {
        task = tasks[sessionId][taskId];
        if (task.phase != expected) revert WrongTaskPhase(sessionId, taskId, task.phase);
    }

    function advance(
        uint256 sessionId,
        uint256 taskId,
        address miner,
        MinerState expected,
        MinerState next
    ) private {
        MinerResult storage result = results[sessionId][taskId][miner];
        if (result.state != expected) {
            revert WrongMinerState(sessionId, taskId, miner, result.state);
        }
        result.state = next;
    }
}
