/**
 * Exactly-once polling of data that Amazon publishes late (finances: up to 48 h after the posted date),
 * kept in the workflow's static data:
 *
 * - The cursor is the end of the last window read. The next window starts `overlap` before it, so an
 *   item posted long ago but published only now is still inside a window: with overlap ≥ the longest
 *   lag, every item is read at least once.
 * - Every item emitted is remembered by a stable key with its posted time; a key seen before is not
 *   emitted again, so reading it in several windows emits it once.
 * - A key is forgotten once its posted time is before the next window's start (it cannot be read again),
 *   so memory holds about one overlap's worth of items; `maxRemembered` is a hard cap on top (oldest
 *   forgotten first).
 * - On first activation (no cursor) the window is the last `lookback`, not the whole history, and no
 *   later window reaches back before that start (the "floor"): the overlap must not bring back items
 *   older than the look-back the user chose.
 */

export interface WindowedPollState {
	version: 1;
	/** End of the last window read (ISO). */
	cursor?: string;
	/** Start of the first window (ISO): nothing posted before it is ever emitted. */
	floor?: string;
	/** Key → posted time (epoch ms) of items already emitted. */
	seen: Record<string, number>;
}

export interface PollWindowSettings {
	lookbackMs: number;
	overlapMs: number;
	maxRemembered: number;
}

export interface PollWindow {
	start: Date;
	end: Date;
	firstRun: boolean;
}

/** The state kept in static data, repaired when it is missing or from another version. */
export function readPollState(staticData: Record<string, unknown>): WindowedPollState {
	const raw = staticData.windowedPoll as Partial<WindowedPollState> | undefined;
	if (!raw || raw.version !== 1 || typeof raw.seen !== 'object' || raw.seen === null) return { version: 1, seen: {} };
	const date = (value: unknown) => (typeof value === 'string' && Number.isFinite(Date.parse(value)) ? value : undefined);
	return { version: 1, cursor: date(raw.cursor), floor: date(raw.floor), seen: { ...raw.seen } };
}

export function writePollState(staticData: Record<string, unknown>, state: WindowedPollState): void {
	staticData.windowedPoll = { version: 1, cursor: state.cursor, floor: state.floor, seen: state.seen };
}

/** The window to read now; `latestEnd` is the latest time the API accepts (e.g. now − 2 minutes). */
export function planWindow(state: WindowedPollState, latestEnd: Date, settings: PollWindowSettings): PollWindow {
	const end = latestEnd;
	if (!state.cursor) return { start: new Date(end.getTime() - settings.lookbackMs), end, firstRun: true };
	const cursor = Math.min(Date.parse(state.cursor), end.getTime());
	const floor = state.floor ? Date.parse(state.floor) : Number.NEGATIVE_INFINITY;
	const start = Math.max(cursor - settings.overlapMs, floor);
	return { start: new Date(Math.min(start, end.getTime() - 1000)), end, firstRun: false };
}

/** The items not emitted before, in the given order; they are remembered from now on. */
export function takeUnseen<T>(state: WindowedPollState, items: readonly T[], keyOf: (item: T) => string, postedMsOf: (item: T) => number): T[] {
	const fresh: T[] = [];
	for (const item of items) {
		const key = keyOf(item);
		if (Object.prototype.hasOwnProperty.call(state.seen, key)) continue;
		state.seen[key] = postedMsOf(item);
		fresh.push(item);
	}
	return fresh;
}

/** Moves the cursor to the end of the window read and forgets what can no longer come back. */
export function advance(state: WindowedPollState, window: PollWindow, settings: PollWindowSettings): void {
	if (window.firstRun) state.floor = window.start.toISOString();
	state.cursor = window.end.toISOString();
	const nextStart = window.end.getTime() - settings.overlapMs;
	let entries = Object.entries(state.seen).filter(([, postedMs]) => postedMs >= nextStart);
	if (entries.length > settings.maxRemembered) {
		entries = entries.sort(([, a], [, b]) => b - a).slice(0, settings.maxRemembered);
	}
	state.seen = Object.fromEntries(entries);
}
