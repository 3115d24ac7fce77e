import { createHash } from 'node:crypto';

/**
 * Amazon and SQS deliver at least once: the same notification can arrive twice (Amazon publishes it
 * twice, or a message comes back after its visibility timeout because the delete was lost). The
 * window remembers the ids of the last notifications handed to the workflow, in n8n's static data
 * so it survives restarts, bounded in count and age so it never grows without end.
 *
 * Stored compactly: a short hash of each id (no notification content) and the time in seconds.
 */
export interface DedupeState {
	/** [hash, epoch seconds], oldest first */
	seen: Array<[string, number]>;
}

export interface DedupeOptions {
	maxEntries: number;
	maxAgeMs: number;
}

/** SQS keeps a message at most 14 days; a duplicate cannot arrive later than that. */
export const DEFAULT_DEDUPE: DedupeOptions = { maxEntries: 1000, maxAgeMs: 14 * 86_400_000 };

/** 16 hex characters: collisions are negligible for windows of thousands. */
export function dedupeKey(id: string): string {
	return createHash('sha256').update(id).digest('hex').slice(0, 16);
}

export class DedupeWindow {
	private readonly index = new Map<string, number>();

	constructor(
		private readonly state: DedupeState,
		private readonly options: DedupeOptions = DEFAULT_DEDUPE,
	) {
		if (!Array.isArray(state.seen)) state.seen = [];
		state.seen = state.seen.filter((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number');
		for (const [key, at] of state.seen) this.index.set(key, at);
	}

	/** Reads (and repairs) the window kept under `key` in an n8n static data object. */
	static inStaticData(staticData: Record<string, unknown>, options: DedupeOptions = DEFAULT_DEDUPE, key = 'dedupe'): DedupeWindow {
		const existing = staticData[key];
		if (!existing || typeof existing !== 'object') staticData[key] = { seen: [] };
		return new DedupeWindow(staticData[key] as DedupeState, options);
	}

	has(id: string, nowMs: number = Date.now()): boolean {
		this.expire(nowMs);
		return this.index.has(dedupeKey(id));
	}

	remember(id: string, nowMs: number = Date.now()): void {
		const key = dedupeKey(id);
		if (this.index.has(key)) return;
		const at = Math.floor(nowMs / 1000);
		this.index.set(key, at);
		this.state.seen.push([key, at]);
		this.expire(nowMs);
	}

	/** Undo `remember` when the items could not be handed over after all, so a redelivery is not dropped. */
	forget(id: string): void {
		const key = dedupeKey(id);
		if (!this.index.delete(key)) return;
		this.state.seen = this.state.seen.filter(([k]) => k !== key);
	}

	get size(): number {
		return this.index.size;
	}

	private expire(nowMs: number): void {
		const oldest = Math.floor((nowMs - this.options.maxAgeMs) / 1000);
		let drop = 0;
		while (drop < this.state.seen.length && (this.state.seen[drop][1] < oldest || this.state.seen.length - drop > this.options.maxEntries)) {
			this.index.delete(this.state.seen[drop][0]);
			drop += 1;
		}
		if (drop > 0) this.state.seen.splice(0, drop);
	}
}
