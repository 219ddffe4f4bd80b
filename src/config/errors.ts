/** Raised when configuration (a network file or an environment variable) is invalid. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
