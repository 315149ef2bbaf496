/**
 * Webhook signing secrets by credential, so a webhook call does not decrypt its credential every time: in n8n 2.41
 * each read of a credential runs its defaults through the expression engine in a fresh isolated-vm isolate, which
 * under load was most of the webhook process's CPU (docs/webhook-delivery.md).
 * - A secret is reused for at most `ttlMs`. A caller whose signature did not verify with a cached secret asks again
 *   with `fresh` (the secret may have been rotated): that reads the credential again unless it was read within
 *   `refreshMs`, so forged calls cannot make every request decrypt.
 * - Concurrent callers share one read (no stampede of decrypts when an entry expires under load).
 * - Keyed by the caller: the node's credential type and id, so choosing another credential takes effect at once.
 * Framework-free; the clock is injected.
 */
export interface SecretCacheOptions {
	now: () => number;
	/** Default one minute. */
	ttlMs?: number;
	/** Default five seconds. */
	refreshMs?: number;
	/** Default 100 credentials; the oldest entry falls out first. */
	maxEntries?: number;
}

export interface CachedSecret {
	secret: string;
	/** True when no read happened for this call. */
	cached: boolean;
}

interface Entry {
	secret: string;
	at: number;
}

export class SecretCache {
	private readonly entries = new Map<string, Entry>();
	private readonly reading = new Map<string, Promise<string>>();
	private readonly ttlMs: number;
	private readonly refreshMs: number;
	private readonly maxEntries: number;

	constructor(private readonly options: SecretCacheOptions) {
		this.ttlMs = options.ttlMs ?? 60_000;
		this.refreshMs = options.refreshMs ?? 5_000;
		this.maxEntries = options.maxEntries ?? 100;
	}

	async get(key: string, read: () => Promise<string>, fresh = false): Promise<CachedSecret> {
		const hit = this.entries.get(key);
		if (hit && this.options.now() - hit.at < (fresh ? this.refreshMs : this.ttlMs)) return { secret: hit.secret, cached: true };
		const pending = this.reading.get(key);
		if (pending) return { secret: await pending, cached: false };
		const started = this.options.now();
		const work = read();
		this.reading.set(key, work);
		try {
			const secret = await work;
			this.entries.delete(key);
			this.entries.set(key, { secret, at: started });
			for (const oldest of this.entries.keys()) {
				if (this.entries.size <= this.maxEntries) break;
				this.entries.delete(oldest);
			}
			return { secret, cached: false };
		} finally {
			this.reading.delete(key);
		}
	}
}
