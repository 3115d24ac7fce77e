import { advance, planWindow, readPollState, takeUnseen, writePollState, type WindowedPollState } from '../../nodes/sp-api/n8n/windowedPoll';

const HOUR = 3_600_000;
const settings = { lookbackMs: 24 * HOUR, overlapMs: 48 * HOUR, maxRemembered: 1000 };

interface Item {
	key: string;
	posted: number;
	visible: number;
}

/** One poll as the trigger does it: read what is visible and posted in the window, emit the unseen. */
function poll(state: WindowedPollState, now: number, all: readonly Item[]): string[] {
	const window = planWindow(state, new Date(now), settings);
	const read = all.filter((item) => item.visible <= now && item.posted >= window.start.getTime() && item.posted < window.end.getTime());
	const fresh = takeUnseen(state, read, (item) => item.key, (item) => item.posted);
	advance(state, window, settings);
	return fresh.map((item) => item.key);
}

describe('windowed polling with overlap and a seen-set', () => {
	it('emits every item exactly once, however late it is published (up to the overlap)', () => {
		const t0 = Date.parse('2025-03-01T00:00:00Z');
		// items posted over three days, published between 0 and 47 hours later
		const items: Item[] = Array.from({ length: 200 }, (_, i) => {
			const posted = t0 + i * 20 * 60_000;
			return { key: `k${i}`, posted, visible: posted + ((i * 7919) % 47) * HOUR + ((i * 31) % 60) * 60_000 };
		});
		const state: WindowedPollState = { version: 1, seen: {} };
		const emitted: string[] = [];
		// first activation an hour before the first item, then a poll every 15 minutes for five days
		for (let now = t0 - HOUR; now < t0 + 5 * 24 * HOUR; now += 15 * 60_000) emitted.push(...poll(state, now, items));
		expect(emitted.sort()).toEqual(items.map((item) => item.key).sort());
		expect(new Set(emitted).size).toBe(emitted.length);
		// memory: only what the next window can still read
		expect(Object.keys(state.seen).length).toBeLessThan(items.length);
	});

	it('looks back only the configured time on first activation', () => {
		const now = Date.parse('2025-03-10T00:00:00Z');
		const state: WindowedPollState = { version: 1, seen: {} };
		const emitted = poll(state, now, [
			{ key: 'old', posted: now - 30 * HOUR, visible: now - 29 * HOUR },
			{ key: 'recent', posted: now - 3 * HOUR, visible: now - 2 * HOUR },
		]);
		expect(emitted).toEqual(['recent']);
		expect(state.cursor).toBe(new Date(now).toISOString());
	});

	it('never reaches back before the first look-back, also through the overlap of later polls', () => {
		const now = Date.parse('2025-03-10T00:00:00Z');
		const state: WindowedPollState = { version: 1, seen: {} };
		const items = [
			{ key: 'before-lookback', posted: now - 30 * HOUR, visible: now - 29 * HOUR },
			{ key: 'late-in-lookback', posted: now - 20 * HOUR, visible: now + HOUR },
		];
		expect(poll(state, now, items)).toEqual([]);
		expect(poll(state, now + 2 * HOUR, items)).toEqual(['late-in-lookback']);
		expect(poll(state, now + 3 * HOUR, items)).toEqual([]);
	});

	it('survives a restart: state written to and read from static data emits nothing twice', () => {
		const now = Date.parse('2025-03-10T00:00:00Z');
		const items = [{ key: 'a', posted: now - 3 * HOUR, visible: now - 2 * HOUR }];
		const staticData: Record<string, unknown> = {};
		const first = readPollState(staticData);
		expect(poll(first, now, items)).toEqual(['a']);
		writePollState(staticData, first);
		const restored = readPollState(JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>);
		expect(poll(restored, now + HOUR, items)).toEqual([]);
	});

	it('caps the remembered keys, forgetting the oldest first', () => {
		const now = Date.parse('2025-03-10T00:00:00Z');
		const state: WindowedPollState = { version: 1, seen: {} };
		const items = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, posted: now - 10 * HOUR + i * 60_000, visible: now - HOUR }));
		const window = planWindow(state, new Date(now), settings);
		takeUnseen(state, items, (item) => item.key, (item) => item.posted);
		advance(state, window, { ...settings, maxRemembered: 5 });
		expect(Object.keys(state.seen).sort()).toEqual(['k15', 'k16', 'k17', 'k18', 'k19']);
	});

	it('repairs missing or foreign state', () => {
		expect(readPollState({ windowedPoll: { version: 9 } })).toEqual({ version: 1, seen: {} });
		expect(readPollState({ windowedPoll: { version: 1, seen: {}, cursor: 'garbage' } })).toEqual({ version: 1, seen: {}, cursor: undefined, floor: undefined });
	});
});
