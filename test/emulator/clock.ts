/**
 * The emulator's clock: starts at `options.now`, runs with real time and can be moved forward by tests
 * (data visibility, token expiry). Usage-plan buckets deliberately use real time instead (see rateLimiter.ts).
 */
export class EmulatorClock {
	private readonly realStart = Date.now();
	private offsetMs = 0;
	private readonly advanceListeners = new Set<() => void>();

	constructor(private readonly startMs: number) {}

	nowMs(): number {
		return this.startMs + (Date.now() - this.realStart) + this.offsetMs;
	}

	now(): Date {
		return new Date(this.nowMs());
	}

	/** Where the clock started; generated data is placed relative to this instant. */
	startedAtMs(): number {
		return this.startMs;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceClock needs a non-negative number of ms, got ${ms}`);
		this.offsetMs += ms;
		for (const listener of this.advanceListeners) listener();
	}

	/** Called after every `advance` (things that become visible with time, like late transactions). */
	onAdvance(listener: () => void): () => void {
		this.advanceListeners.add(listener);
		return () => void this.advanceListeners.delete(listener);
	}
}

export function parseStartTime(now: Date | string | undefined): number {
	if (now === undefined) return Date.now();
	const ms = now instanceof Date ? now.getTime() : Date.parse(now);
	if (!Number.isFinite(ms)) throw new RangeError(`EmulatorOptions.now is not a valid date: ${String(now)}`);
	return ms;
}
