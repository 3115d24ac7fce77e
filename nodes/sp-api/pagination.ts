import type { CallInput, ParamValue, SpApiClient, SpApiResponse } from './client';
import { SpApiError } from './errors';
import { tr } from './i18n/translate';
import { getOperation, type OperationKey } from './operations';
import type { PaginationSpec } from './operationSpec';

export interface PageOptions {
	/** Stop after this many items; pages beyond the one that reaches it are never fetched. */
	limit?: number;
}

function readPath(data: unknown, dotted: string): unknown {
	return dotted.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
}

export function nextTokenOf(pagination: PaginationSpec, data: unknown): string | undefined {
	const token = readPath(data, pagination.responseToken);
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * Parameters for the page after `token`. Four styles repeat the original arguments with the token
 * added; getReports ("tokenAlone") must receive the token as its only query parameter.
 */
export function nextPageParams(
	pagination: PaginationSpec,
	original: Record<string, ParamValue>,
	token: string,
	pathParamNames: readonly string[],
): Record<string, ParamValue> {
	if (pagination.style === 'tokenAlone') {
		const kept = Object.fromEntries(Object.entries(original).filter(([name]) => pathParamNames.includes(name)));
		return { ...kept, [pagination.requestParam]: token };
	}
	return { ...original, [pagination.requestParam]: token };
}

/** How often in a row a page may hand back the very token it was asked with ("nothing yet, ask again"). */
export const MAX_SAME_TOKEN_REPEATS = 5;

/**
 * Every page of a paged operation, in order. Empty pages that carry a token are followed (Amazon
 * sends them), also when the token is the one just sent, a few times in a row; a token from further
 * back (a cycle) or the same token again and again is an error rather than an endless loop.
 */
export async function* paginate<T = unknown>(
	client: SpApiClient,
	key: OperationKey,
	input: CallInput = {},
): AsyncGenerator<SpApiResponse<T>> {
	const operation = getOperation(key);
	const pagination = operation.pagination;
	let response = await client.call<T>(key, input);
	yield response;
	if (!pagination) return;
	const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
	const seen = new Set<string>();
	let lastSent: string | undefined;
	let sameInARow = 0;
	for (;;) {
		const token = nextTokenOf(pagination, response.data);
		if (!token) return;
		sameInARow = token === lastSent ? sameInARow + 1 : 0;
		if ((seen.has(token) && token !== lastSent) || sameInARow > MAX_SAME_TOKEN_REPEATS) {
			throw new SpApiError({
				kind: 'http',
				operation,
				message: tr`${operation.operationId} returned a page token it had already returned.`,
				hint: tr`Amazon kept sending a page it had already sent, so ACORN stopped instead of reading the same records again. Narrow the date range and try again.`,
			});
		}
		seen.add(token);
		lastSent = token;
		response = await client.call<T>(key, {
			...input,
			params: nextPageParams(pagination, input.params ?? {}, token, pathNames),
		});
		yield response;
	}
}

/**
 * Items across pages, stopping once `limit` items are collected (no further page is requested).
 * `select` picks the items out of one page's answer.
 */
export async function* paginateItems<T, P = unknown>(
	client: SpApiClient,
	key: OperationKey,
	input: CallInput,
	select: (page: P) => readonly T[],
	options: PageOptions = {},
): AsyncGenerator<{ item: T; page: SpApiResponse<P> }> {
	const limit = options.limit ?? Number.POSITIVE_INFINITY;
	if (limit <= 0) return;
	let count = 0;
	for await (const page of paginate<P>(client, key, input)) {
		for (const item of select(page.data)) {
			yield { item, page };
			count += 1;
			if (count >= limit) return;
		}
	}
}
