// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {NodeIds} from "./NodeIds.sol";
import {Owned} from "./Owned.sol";

/// @title CognitiveV1 (devnet)
/// @notice Network-task rounds (the contract calls them sessions): request -> creator assigned ->
///         created -> preparer assigned -> prepared -> started -> precommits -> commits -> ended.
///         Emits the real CognitiveV1 events; one round runs at a time, as in the real contract.
/// @dev Miners `ping()` to be candidates; `request()` opens a round with the miners that pinged
///      since the previous request (a new request abandons an unfinished round). Creators are the
///      round's miners in turn from the first, preparers from the second (the real contract draws
///      them at random).
///      The last precommit (commit) of the round's miners (precommitters) emits
///      `SessionAllPrecommitted(.., false)` (`SessionAllCommitted`); `endPrecommit` closes the
///      precommit phase early with forceEnd = true. The owner plays the oracle.
contract CognitiveV1 is Owned, NodeIds {
    event NewSessionRequest(uint256 indexed id, address[] addrs);
    event NewSessionRequestAssigned(uint256 indexed id, address addr);
    event SessionCreated(uint256 indexed id, address indexed addr);
    event SessionPrepareAssigned(uint256 indexed id, address addr);
    event SessionPrepared(uint256 indexed id, address indexed addr);
    event SessionStarted(uint256 indexed id, uint256 startTimestamp, address[] addrs);
    event SessionPrecommitted(uint256 indexed id, address indexed addr);
    event SessionAllPrecommitted(uint256 indexed id, address[] addrs, bool forceEnd);
    event SessionCommitted(uint256 indexed id, address indexed addr);
    event SessionAllCommitted(uint256 indexed id, address[] addrs);
    event SessionEnded(uint256 indexed id, uint256 endTimestamp);

    enum State {
        None,
        Requested,
        RequestAssigned,
        Created,
        PrepareAssigned,
        Prepared,
        Started,
        AllPrecommitted,
        AllCommitted,
        Ended
    }

    error NoCandidates();
    error WrongRoundState(uint256 id, State state);
    error NotAssigned(uint256 id, address caller);
    error NotRoundMiner(uint256 id, address miner);
    error AlreadyDone(uint256 id, address miner);
    error HashMismatch(uint256 id, address miner);

    struct Round {
        State state;
        address[] miners;
        address creator;
        address preparer;
        uint256 creatorTurn;
        uint256 preparerTurn;
        uint256 startTimestamp;
        uint256 endTimestamp;
        address[] precommitted;
        address[] committed;
        mapping(address => bytes32) hashes;
        mapping(address => bool) hasCommitted;
    }

    uint256 public sessionCounter;
    mapping(uint256 => Round) private rounds;
    address[] private candidates;
    mapping(address => uint256) private candidateFor;

    function ping() external {
        if (candidateFor[msg.sender] == sessionCounter + 1) return;
        candidateFor[msg.sender] = sessionCounter + 1;
        candidates.push(msg.sender);
    }

    function request() external onlyOwner {
        if (candidates.length == 0) revert NoCandidates();
        uint256 id = ++sessionCounter;
        Round storage round = rounds[id];
        round.state = State.Requested;
        round.miners = candidates;
        delete candidates;
        emit NewSessionRequest(id, round.miners);
    }

    function requestNextCreator() external onlyOwner {
        Round storage round = latestIn(State.Requested, State.RequestAssigned);
        round.creator = round.miners[round.creatorTurn++ % round.miners.length];
        round.state = State.RequestAssigned;
        emit NewSessionRequestAssigned(sessionCounter, round.creator);
    }

    function create(string calldata, string calldata) external {
        Round storage round = latestIn(State.RequestAssigned, State.RequestAssigned);
        if (msg.sender != round.creator) revert NotAssigned(sessionCounter, msg.sender);
        round.state = State.Created;
        emit SessionCreated(sessionCounter, msg.sender);
    }

    function requestNextPreparer() external onlyOwner {
        Round storage round = latestIn(State.Created, State.PrepareAssigned);
        round.preparer = round.miners[(1 + round.preparerTurn++) % round.miners.length];
        round.state = State.PrepareAssigned;
        emit SessionPrepareAssigned(sessionCounter, round.preparer);
    }

    function prepare(uint256 id, string[] calldata, bytes calldata, uint256) external {
        Round storage round = inState(id, State.PrepareAssigned);
        if (msg.sender != round.preparer) revert NotAssigned(id, msg.sender);
        round.state = State.Prepared;
        emit SessionPrepared(id, msg.sender);
    }

    function start(uint256 id) external onlyOwner {
        Round storage round = inState(id, State.Prepared);
        round.state = State.Started;
        round.startTimestamp = block.timestamp;
        emit SessionStarted(id, block.timestamp, round.miners);
    }

    /// @param hash keccak256 of the completion the miner will reveal in `commit`.
    function precommit(uint256 id, bytes32 hash, bytes calldata, uint256) external {
        Round storage round = inState(id, State.Started);
        if (!containAddress(round.miners, msg.sender)) revert NotRoundMiner(id, msg.sender);
        if (round.hashes[msg.sender] != bytes32(0)) revert AlreadyDone(id, msg.sender);
        round.hashes[msg.sender] = hash;
        round.precommitted.push(msg.sender);
        emit SessionPrecommitted(id, msg.sender);
        if (round.precommitted.length == round.miners.length) closePrecommit(id, round, false);
    }

    function endPrecommit(uint256 id) external onlyOwner {
        closePrecommit(id, inState(id, State.Started), true);
    }

    function commit(uint256 id, string calldata completion, bytes calldata, uint256) external {
        Round storage round = inState(id, State.AllPrecommitted);
        bytes32 hash = round.hashes[msg.sender];
        if (hash == bytes32(0)) revert NotRoundMiner(id, msg.sender);
        if (round.hasCommitted[msg.sender]) revert AlreadyDone(id, msg.sender);
        if (keccak256(bytes(completion)) != hash) revert HashMismatch(id, msg.sender);
        round.hasCommitted[msg.sender] = true;
        round.committed.push(msg.sender);
        emit SessionCommitted(id, msg.sender);
        if (round.committed.length == round.precommitted.length) {
            round.state = State.AllCommitted;
            emit SessionAllCommitted(id, round.committed);
        }
    }

    /// @param forceEnd end a round that has not reached AllCommitted.
    function end(uint256 id, bool forceEnd) external onlyOwner {
        Round storage round = rounds[id];
        bool endable = forceEnd
            ? round.state != State.None && round.state != State.Ended
            : round.state == State.AllCommitted;
        if (!endable) revert WrongRoundState(id, round.state);
        round.state = State.Ended;
        round.endTimestamp = block.timestamp;
        emit SessionEnded(id, block.timestamp);
    }

    function getSessionState(uint256 id) external view returns (uint8) {
        return uint8(rounds[id].state);
    }

    function getLatestSessionId() external view returns (uint256) {
        return sessionCounter;
    }

    function alreadyPrecommitted(uint256 id, address miner) external view returns (bool) {
        return rounds[id].hashes[miner] != bytes32(0);
    }

    function alreadyCommitted(uint256 id, address miner) external view returns (bool) {
        return rounds[id].hasCommitted[miner];
    }

    function containAddress(address[] memory addresses, address addr) public pure returns (bool) {
        for (uint256 i = 0; i < addresses.length; i++) {
            if (addresses[i] == addr) return true;
        }
        return false;
    }

    function closePrecommit(uint256 id, Round storage round, bool forceEnd) private {
        round.state = State.AllPrecommitted;
        emit SessionAllPrecommitted(id, round.precommitted, forceEnd);
    }

    function latestIn(State first, State last) private view returns (Round storage round) {
        round = rounds[sessionCounter];
        if (round.state < first || round.state > last) {
            revert WrongRoundState(sessionCounter, round.state);
        }
    }

    function inState(uint256 id, State expected) private view returns (Round storage round) {
        round = rounds[id];
        if (round.state != expected) revert WrongRoundState(id, round.state);
    }
}
