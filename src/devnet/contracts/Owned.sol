// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Owned
/// @notice Minimal Ownable: the deployer owns the contract and plays the devnet's oracle.
/// @dev Uses the same event and error as OpenZeppelin's Ownable, which the real contracts inherit,
///      so the deployment log (`OwnershipTransferred(0, deployer)`) matches the real ABIs.
abstract contract Owned {
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error OwnableUnauthorizedAccount(address account);

    address public owner;

    constructor() {
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert OwnableUnauthorizedAccount(msg.sender);
        _;
    }
}
