/**
 * The block the index ends at is no longer on the canonical chain although it was final.
 * Nothing is changed; the chain stops until an operator looks at it.
 */
export class ReorgBeyondFinalityError extends Error {
  override name = "ReorgBeyondFinalityError";
  constructor(
    readonly chainId: number,
    readonly blockNumber: bigint,
    readonly indexedHash: string,
    readonly canonicalHash: string | null,
  ) {
    super(
      `chain ${chainId}: block ${blockNumber} was indexed with hash ${indexedHash} but the chain now has ${canonicalHash ?? "no block"} there: a reorg deeper than the finality depth. Indexing of this chain is stopped; check the RPC endpoint and the finality depth, then reset the chain's index.`,
    );
  }
}

/** Another writer advanced the chain's checkpoint while this one fetched: its batch is dropped. */
export class CheckpointMovedError extends Error {
  override name = "CheckpointMovedError";
}

/** A reset archived the phase this batch was for: the batch is dropped, the workers re-point. */
export class PhaseArchivedError extends Error {
  override name = "PhaseArchivedError";
}

/**
 * The sync store holds a block whose hash the chain does not have, although it is final: the
 * store was filled from another chain with the same id (a restarted devnet, a testnet started
 * over). Nothing is projected from it; the chain stops until an operator clears the chain's rows
 * from the store.
 */
export class StoreChainMismatchError extends Error {
  override name = "StoreChainMismatchError";
  constructor(
    readonly chainId: number,
    readonly blockNumber: bigint,
    readonly storedHash: string,
    readonly canonicalHash: string,
  ) {
    super(
      `chain ${chainId}: the sync store has block ${blockNumber} with hash ${storedHash} but the chain has ${canonicalHash}: the store was filled from another chain with this id. Nothing was indexed from it; run \`cortensor-indexer store clear --chain ${chainId}\` to fetch it again.`,
    );
  }
}
