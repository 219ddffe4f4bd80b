import { setTimeout as sleep } from "node:timers/promises";
import {
  type Abi,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type EncodeFunctionDataParameters,
  encodeFunctionData,
  type Hex,
  numberToHex,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
} from "viem";
import type { DevnetClient } from "./client.ts";

/** One mined simulator transaction; later work derives indexing latencies from these. */
export interface ActionLogEntry {
  /** `Contract.function`, e.g. `SessionQueueV2.ack`. */
  action: string;
  chainId: number;
  blockNumber: number;
  txHash: Hex;
  from: Address;
  sessionId?: string;
  taskId?: string;
  /** Wall-clock time (ms since epoch) the transaction was handed to anvil. */
  sentAtMs: number;
  /** Wall-clock time (ms since epoch) its successful receipt was read. */
  confirmedAtMs: number;
}

export interface TransactionRequest {
  from: Address;
  to: Address;
  data: Hex;
  action: string;
  sessionId?: bigint;
  taskId?: bigint;
  /** Runs after the transaction is mined successfully; callbacks run in send order. */
  onConfirmed?: (entry: ActionLogEntry) => void;
}

/** Raised when a simulator transaction is rejected by anvil or reverts. */
export class TransactionFailedError extends Error {
  override name = "TransactionFailedError";
}

interface PendingTransaction {
  request: TransactionRequest;
  hash: Hex;
  sentAtMs: number;
}

const RECEIPT_POLL_MS = 20;
const RECEIPT_TIMEOUT_MS = 60_000;

export interface TransactionSenderOptions {
  /** Confirm automatically once this many transactions are outstanding. Default 100. */
  maxPending?: number;
  /** Gas limit of every transaction. Default 2 000 000. */
  gas?: bigint;
  /** Mine one block with `evm_mine` on every flush (for a chain whose automine is off). */
  mineOnFlush?: boolean;
}

/**
 * Sends transactions from anvil's unlocked accounts one at a time, each account in nonce order,
 * and confirms them in batches. Anvil stalls on concurrent sends from one account and degrades
 * when thousands of transactions are left unconfirmed, so sends are sequential and at most
 * `maxPending` receipts are outstanding.
 */
export class TransactionSender {
  private readonly nonces = new Map<Address, number>();
  private pending: PendingTransaction[] = [];

  /**
   * @param client sends transactions; must not batch requests.
   * @param receiptClient reads receipts; should batch requests, so a flush costs one round trip.
   */
  constructor(
    private readonly client: DevnetClient,
    private readonly receiptClient: DevnetClient,
    private readonly chainId: number,
    private readonly options: TransactionSenderOptions = {},
  ) {}

  async send(request: TransactionRequest): Promise<void> {
    const nonce = await this.nextNonce(request.from);
    const sentAtMs = Date.now();
    let hash: Hex;
    try {
      hash = await this.client.request({
        method: "eth_sendTransaction",
        params: [
          {
            from: request.from,
            to: request.to,
            data: request.data,
            nonce: numberToHex(nonce),
            // A fixed limit: estimating would fail for calls that depend on still-pending ones.
            gas: numberToHex(this.options.gas ?? 2_000_000n),
          },
        ],
      });
    } catch (error) {
      this.nonces.delete(request.from);
      throw new TransactionFailedError(
        `chain ${this.chainId}: ${request.action} from ${request.from} rejected: ${(error as Error).message}`,
      );
    }
    this.pending.push({ request, hash, sentAtMs });
    if (this.pending.length >= (this.options.maxPending ?? 100)) await this.flush();
  }

  /** Waits for every sent transaction, checks it succeeded and runs its confirmation callback. */
  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const receipts = await this.minedReceipts(batch);
    const confirmedAtMs = Date.now();
    for (const tx of batch) {
      const receipt = receipts.get(tx.hash) as TransactionReceipt;
      if (receipt.status !== "success") {
        throw new TransactionFailedError(
          `chain ${this.chainId}: ${tx.request.action} from ${tx.request.from} reverted (tx ${tx.hash}, block ${receipt.blockNumber})`,
        );
      }
      tx.request.onConfirmed?.({
        action: tx.request.action,
        chainId: this.chainId,
        blockNumber: Number(receipt.blockNumber),
        txHash: tx.hash,
        from: tx.request.from,
        ...(tx.request.sessionId === undefined ? {} : { sessionId: `${tx.request.sessionId}` }),
        ...(tx.request.taskId === undefined ? {} : { taskId: `${tx.request.taskId}` }),
        sentAtMs: tx.sentAtMs,
        confirmedAtMs,
      });
    }
  }

  private async nextNonce(account: Address): Promise<number> {
    const nonce =
      this.nonces.get(account) ??
      (await this.client.getTransactionCount({ address: account, blockTag: "pending" }));
    this.nonces.set(account, nonce + 1);
    return nonce;
  }

  /** Polls (and, with `mineOnFlush`, mines) until every transaction of the batch has a receipt. */
  private async minedReceipts(batch: PendingTransaction[]): Promise<Map<Hex, TransactionReceipt>> {
    const receipts = new Map<Hex, TransactionReceipt>();
    const deadline = Date.now() + RECEIPT_TIMEOUT_MS;
    let outstanding = batch.map((tx) => tx.hash);
    while (outstanding.length > 0) {
      if (Date.now() > deadline) {
        throw new TransactionFailedError(
          `chain ${this.chainId}: ${outstanding.length} transactions not mined within ${RECEIPT_TIMEOUT_MS} ms (first ${outstanding[0]})`,
        );
      }
      if (this.options.mineOnFlush) await this.client.mine({ blocks: 1 });
      const found = await Promise.all(outstanding.map((hash) => this.receiptOrUndefined(hash)));
      for (const receipt of found) if (receipt) receipts.set(receipt.transactionHash, receipt);
      outstanding = outstanding.filter((hash) => !receipts.has(hash));
      if (outstanding.length > 0) await sleep(RECEIPT_POLL_MS);
    }
    return receipts;
  }

  private async receiptOrUndefined(hash: Hex): Promise<TransactionReceipt | undefined> {
    try {
      return await this.receiptClient.getTransactionReceipt({ hash });
    } catch (error) {
      if (error instanceof TransactionReceiptNotFoundError) return undefined;
      throw error;
    }
  }
}

export interface ContractSendOptions<TAbi extends Abi> {
  /** Events the call emits, counted into the ground truth once it is mined. */
  events: readonly ContractEventName<TAbi>[];
  sessionId?: bigint;
  taskId?: bigint;
  onConfirmed?: () => void;
}

/** A deployed devnet contract whose nonpayable functions can be sent by name with typed args. */
export class ContractWriter<const TAbi extends Abi> {
  constructor(
    readonly name: string,
    readonly abi: TAbi,
    readonly address: Address,
    private readonly sender: TransactionSender,
    private readonly onConfirmed: (
      contract: string,
      events: readonly string[],
      entry: ActionLogEntry,
    ) => void,
  ) {}

  send<TName extends ContractFunctionName<TAbi, "nonpayable">>(
    from: Address,
    functionName: TName,
    args: ContractFunctionArgs<TAbi, "nonpayable", TName>,
    options: ContractSendOptions<TAbi>,
  ): Promise<void> {
    const data = encodeFunctionData({
      abi: this.abi,
      functionName,
      args,
    } as EncodeFunctionDataParameters);
    return this.sender.send({
      from,
      to: this.address,
      data,
      action: `${this.name}.${functionName}`,
      sessionId: options.sessionId,
      taskId: options.taskId,
      onConfirmed: (entry) => {
        this.onConfirmed(this.name, options.events, entry);
        options.onConfirmed?.();
      },
    });
  }
}
