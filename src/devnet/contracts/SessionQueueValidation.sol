// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface ITaskStates {
    function getTaskStatus(uint256 sessionId, uint256 taskId) external view returns (uint8);

    function getTaskResultState(uint256 sessionId, uint256 taskId, address addr)
        external
        view
        returns (uint8);
}

/// @title SessionQueueValidation (devnet)
/// @notice Validators' verdicts on the results of ended tasks, per the PROVISIONAL ABI in
///         abis/SessionQueueValidation.provisional.ts (no public ABI of the real contract exists).
/// @dev Not Owned: the provisional ABI has no OwnershipTransferred event. Verdicts are 0 VALID,
///      1 INVALID, 2 RETRY, 3 NEEDS_SPEC; scores 0-100; only miners that committed are judged.
contract SessionQueueValidation {
    event TaskValidated(
        uint256 indexed validatorSessionId,
        uint256 indexed sessionId,
        uint256 indexed taskId,
        address validator,
        address miner,
        uint8 verdict,
        uint256 score
    );

    error TaskNotEnded(uint256 sessionId, uint256 taskId);
    error MinerDidNotCommit(uint256 sessionId, uint256 taskId, address miner);
    error InvalidVerdict(uint8 verdict);
    error InvalidScore(uint256 score);

    /// @dev Devnet SessionQueueV2 Phase.Ended and MinerState.Committed.
    uint8 private constant TASK_ENDED = 5;
    uint8 private constant MINER_COMMITTED = 4;
    uint8 public constant MAX_VERDICT = 3;
    uint256 public constant MAX_SCORE = 100;

    ITaskStates public immutable sessionQueue;
    uint256 public validationCount;

    constructor(address queue) {
        sessionQueue = ITaskStates(queue);
    }

    function submitVerdict(
        uint256 validatorSessionId,
        uint256 sessionId,
        uint256 taskId,
        address miner,
        uint8 verdict,
        uint256 score
    ) external {
        if (verdict > MAX_VERDICT) revert InvalidVerdict(verdict);
        if (score > MAX_SCORE) revert InvalidScore(score);
        if (sessionQueue.getTaskStatus(sessionId, taskId) != TASK_ENDED) {
            revert TaskNotEnded(sessionId, taskId);
        }
        if (sessionQueue.getTaskResultState(sessionId, taskId, miner) != MINER_COMMITTED) {
            revert MinerDidNotCommit(sessionId, taskId, miner);
        }
        validationCount += 1;
        emit TaskValidated(validatorSessionId, sessionId, taskId, msg.sender, miner, verdict, score);
    }
}
