import { type Address, type Hex, keccak256 } from "viem";

/** Same id as the contracts' `getNodeId(address)`: keccak256 of the packed address. */
export function nodeIdOf(address: Address): Hex {
  return keccak256(address);
}

/** The ground truth's spelling of an address: lowercase hex. */
export function lowerAddress(address: Address): Address {
  return address.toLowerCase() as Address;
}
