import pino, { type Logger } from "pino";

export type { Logger };

/** Keys whose values never reach a log line, wherever they appear. */
const REDACTED_PATHS = [
  "*.password",
  "*.token",
  "*.authorization",
  "*.databaseUrl",
  "*.redisUrl",
  "req.headers.authorization",
];

/**
 * Structured JSON logs, pretty-printed when a person watches a terminal.
 * Connection strings and tokens are redacted. Commands whose stdout is their answer (JSON for
 * scripts) log to stderr (`fd` 2) instead.
 */
export function createLogger(level = "info", fd: 1 | 2 = 1): Logger {
  const stream = fd === 1 ? process.stdout : process.stderr;
  const options = { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
  if (stream.isTTY === true) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, ignore: "pid,hostname", destination: fd },
      },
    });
  }
  return pino(options, pino.destination(fd));
}

/** Strips the password from a connection URL before it is shown to anyone. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * An RPC URL fit to show: providers put API keys in the path or query
 * (`https://rpc.example/v2/<key>`), so only the origin is kept.
 *
 * @example
 * redactRpcUrl("https://arb.example.com/v2/abc123"); // "https://arb.example.com/…"
 */
export function redactRpcUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.pathname.length > 1 || parsed.search !== "" || parsed.username !== "";
    return `${parsed.protocol}//${parsed.host}${hidden ? "/…" : ""}`;
  } catch {
    return "(unparseable URL)";
  }
}

/** Replaces every occurrence of the given RPC URLs in a text (e.g. an error message). */
export function redactRpcUrls(text: string, urls: readonly string[]): string {
  return urls.reduce((redacted, url) => redacted.replaceAll(url, redactRpcUrl(url)), text);
}

/** Any URL in a text: a scheme, `://` and what follows up to a space or a quote. */
const ANY_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/**
 * Redacts every URL in a text the way redactRpcUrl does (origin only: no credentials, path or
 * query), for errors of unknown origin, whose message may quote a provider or database URL.
 *
 * @example
 * redactUrlsIn("fetch failed: https://arb.example.com/v2/abc123"); // "fetch failed: https://arb.example.com/…"
 */
export function redactUrlsIn(text: string): string {
  return text.replace(ANY_URL, redactRpcUrl);
}
