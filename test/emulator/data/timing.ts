/** Time helpers of the data generator. All generated instants are whole seconds, like Amazon's dates. */
import type { Random } from '../random';

export const SECOND = 1000;
export const HOUR = 3600 * SECOND;
export const DAY = 24 * HOUR;

export function wholeSecond(ms: number): number {
	return Math.floor(ms / SECOND) * SECOND;
}

export function startOfUtcDay(ms: number): number {
	return Math.floor(ms / DAY) * DAY;
}

/** A random instant in [from, from + spanMs). */
export function between(random: Random, from: number, spanMs: number): number {
	return wholeSecond(from + random.next() * spanMs);
}

/**
 * How long after posting an event becomes visible (late arrival): most within a few hours, about one
 * in ten later than 24 h, never more than 48 h.
 */
export function arrivalLag(random: Random): number {
	const hours = random.chance(0.1) ? 24 + random.next() * 24 : random.next() ** 3 * 24;
	return wholeSecond(hours * HOUR);
}

/** First instants of the UTC months that start in (fromMs, toMs]. */
export function monthStartsBetween(fromMs: number, toMs: number): number[] {
	const starts: number[] = [];
	const cursor = new Date(fromMs);
	let month = Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1);
	while (month <= toMs) {
		starts.push(month);
		const next = new Date(month);
		month = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
	}
	return starts;
}
