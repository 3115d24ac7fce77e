/** Calls through the SP-API core with the Seller Wallet node's error wording. */
import type { CallInput, SpApiClient, SpApiResponse } from '../../../sp-api/client';
import type { OperationKey } from '../../../sp-api/operations';
import { paginateItems } from '../../../sp-api/pagination';
import type { AccountNumberMask } from './bank';
import { walletError, type WriteDescription } from './errors';

export async function callWallet<T>(
	client: SpApiClient,
	key: OperationKey,
	input: CallInput,
	write?: WriteDescription,
	mask?: AccountNumberMask,
): Promise<SpApiResponse<T>> {
	try {
		return await client.call<T>(key, input);
	} catch (error) {
		throw walletError(error, write, mask);
	}
}

/** Items across pages (stops fetching at `limit`), with the same error wording. */
export async function collectPages<T, P>(
	client: SpApiClient,
	key: OperationKey,
	input: CallInput,
	select: (page: P) => readonly T[],
	limit: number | undefined,
): Promise<Array<{ item: T; page: SpApiResponse<P> }>> {
	const out: Array<{ item: T; page: SpApiResponse<P> }> = [];
	try {
		for await (const entry of paginateItems<T, P>(client, key, input, select, { limit })) out.push(entry);
	} catch (error) {
		throw walletError(error);
	}
	return out;
}
