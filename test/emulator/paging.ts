/**
 * Opaque next-page tokens. A token remembers the operation, seller and arguments of the first call
 * (a next-page call must repeat them, as Amazon requires), the position, and the clock instant of the
 * first page: later pages see the data as it was then, so late-arriving events cannot shift pages.
 */
import { createHash } from 'node:crypto';
import { invalidInput } from './http/errors';

export interface PageCursor {
	offset: number;
	snapshotMs: number;
}

interface TokenContent extends PageCursor {
	operation: string;
	sellerId: string;
	args: string;
}

function checksum(text: string): string {
	return createHash('sha256').update(`emulator-page|${text}`).digest('base64').slice(0, 16);
}

/** Canonical form of the call's arguments: every query parameter but the token, sorted, plus path parameters. */
export function argumentsFingerprint(query: URLSearchParams, tokenParam: string, pathParams: Record<string, string> = {}): string {
	const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
	const entries = [...query.entries()].filter(([name]) => name !== tokenParam).sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
	const path = Object.entries(pathParams).sort(([a], [b]) => compare(a, b));
	return JSON.stringify({ query: entries, path });
}

/**
 * Standard base64 (with +, / and =) like Amazon's tokens, so a client that forgets to URL-encode the
 * token sends a broken one here just as it would to Amazon.
 */
export function encodePageToken(content: TokenContent): string {
	const json = JSON.stringify(content);
	return `${Buffer.from(json, 'utf8').toString('base64')}.${checksum(json)}`;
}

/** The cursor for this call: from its token, or the first page at `nowMs`. */
export function openCursor(
	token: string | null,
	tokenParam: string,
	expected: { operation: string; sellerId: string; args: string },
	nowMs: number,
): PageCursor {
	if (token === null) return { offset: 0, snapshotMs: nowMs };
	const [data, sum] = token.split('.');
	let content: TokenContent | undefined;
	try {
		const json = Buffer.from(data ?? '', 'base64').toString('utf8');
		if (checksum(json) === sum) content = JSON.parse(json) as TokenContent;
	} catch {
		content = undefined;
	}
	if (!content) throw invalidInput(`Invalid ${tokenParam}: the token is malformed or was not issued for this request.`);
	if (content.operation !== expected.operation || content.sellerId !== expected.sellerId || content.args !== expected.args) {
		throw invalidInput(`Invalid ${tokenParam}: repeat the same arguments as the call that returned the token.`);
	}
	return { offset: content.offset, snapshotMs: content.snapshotMs };
}

export interface Page<T> {
	items: T[];
	nextToken?: string;
}

/**
 * Amazon may answer empty pages that still carry a token. With `every` = N, the emulator makes every Nth
 * page it serves for one seller (or app) and operation empty, counted across calls, so even the first
 * page of a listing can be empty. An empty page is never the last one.
 */
export class EmptyPages {
	private readonly served = new Map<string, number>();

	constructor(readonly every: number) {}

	/** Counts a page about to be served; true when it must be empty. */
	nextIsEmpty(key: string): boolean {
		if (this.every <= 0) return false;
		const count = (this.served.get(key) ?? 0) + 1;
		this.served.set(key, count);
		return count % this.every === 0;
	}
}

/** An injected fault (`emptyPage`): this one page is served empty, whatever the emulator's setting. */
export class EmptyPageNow extends EmptyPages {
	constructor() {
		super(0);
	}

	override nextIsEmpty(): boolean {
		return true;
	}
}

/** One page of `items` from the cursor on; `empty` serves no items but a token to the same position. */
export function takePage<T>(
	items: readonly T[],
	cursor: PageCursor,
	pageSize: number,
	empty: boolean,
	tokenFields: { operation: string; sellerId: string; args: string },
): Page<T> {
	const next = (offset: number): string => encodePageToken({ ...tokenFields, offset, snapshotMs: cursor.snapshotMs });
	if (empty && cursor.offset < items.length) return { items: [], nextToken: next(cursor.offset) };
	const end = cursor.offset + pageSize;
	const page: Page<T> = { items: items.slice(cursor.offset, end) };
	if (end < items.length) page.nextToken = next(end);
	return page;
}
