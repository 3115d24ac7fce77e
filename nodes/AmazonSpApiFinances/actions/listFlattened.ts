/**
 * Lists of the Finances API 2024-06-19 that come back as one page field (balances, summaries): every
 * entry flattened to {amount, currency} money, with the page's response metadata when asked for.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ParamValue, SpApiClient } from '../../sp-api/client';
import { withResponseMetadata } from '../../sp-api/n8n/responseMetadata';
import type { OperationKey } from '../../sp-api/operations';
import { paginateItems } from '../../sp-api/pagination';

export interface FlattenedList<Page> {
	params: Record<string, ParamValue>;
	select: (page: Page) => IDataObject[] | undefined;
	flatten: (entry: IDataObject) => object;
	limit: number | undefined;
	includeResponseMetadata: boolean;
}

export async function listFlattened<Page>(client: SpApiClient, key: OperationKey, list: FlattenedList<Page>): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const entries = paginateItems<IDataObject, Page>(client, key, { params: list.params }, (page) => list.select(page) ?? [], { limit: list.limit });
	for await (const { item, page } of entries) {
		out.push(withResponseMetadata(list.flatten(item) as IDataObject, page.metadata, list.includeResponseMetadata));
	}
	return out;
}
