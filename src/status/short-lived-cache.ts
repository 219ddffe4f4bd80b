/**
 * Answers reused for `ttlMs` after they settle, and shared while in flight: however many
 * requests ask, each key is loaded at most once per `ttlMs`. For what a public endpoint reads
 * from outside (RPC providers, Redis), so that the endpoint cannot be used to hammer them.
 * `load` must not reject (it would be cached like an answer); the keys must be few.
 */
export class ShortLivedCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    // Until it settles the entry never expires: every caller meanwhile shares this load.
    const entry = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(key, entry);
    const expire = () => {
      entry.expiresAt = Date.now() + this.ttlMs;
    };
    entry.value.then(expire, expire);
    return entry.value;
  }
}
