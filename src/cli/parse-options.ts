import { InvalidArgumentError } from "commander";

/** `--start-block 421614=123` (repeatable) → chain id → block. */
export function collectStartBlock(value: string, previous: Map<number, bigint> = new Map()) {
  const match = /^(\d+)=(\d+)$/.exec(value.trim());
  if (!match) {
    throw new InvalidArgumentError(`expected CHAIN_ID=BLOCK (e.g. 421614=1200000), got "${value}"`);
  }
  previous.set(Number(match[1]), BigInt(match[2] as string));
  return previous;
}

export function parsePositiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  }
  return number;
}

export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  }
  return number;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`expected a TCP port (0-65535), got "${value}"`);
  }
  return port;
}
