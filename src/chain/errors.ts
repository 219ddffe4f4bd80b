/** The chain cannot be reached or is not configured well enough to be indexed. */
export class ChainUnavailableError extends Error {
  override name = "ChainUnavailableError";
  constructor(
    readonly chainId: number,
    message: string,
  ) {
    super(`chain ${chainId}: ${message}`);
  }
}

/** An RPC answer that breaks the protocol (wrong range, missing fields): rejected, never trusted. */
export class InvalidRpcResponseError extends Error {
  override name = "InvalidRpcResponseError";
}
