/** Shape of one row of the generated operation table (see scripts/generate-operation-table.js). */
export type PaginationStyle =
	/** finances v0, orders v0: `NextToken` in, `payload.NextToken` out, same arguments repeated */
	| 'payloadPascal'
	/** finances 2024-06-19 listTransactions, notifications: `nextToken` in, `payload.nextToken` out */
	| 'payloadCamel'
	/** finances listBalances/listSummary, transfers: `nextToken` in, top-level `nextToken` out */
	| 'topLevel'
	/** reports getReports: `nextToken` must be the only query parameter */
	| 'tokenAlone'
	/** seller wallet: `nextPageToken` in and out */
	| 'nextPageToken'
	/** vendor orders/shipments: `nextToken` in, `payload.pagination.nextToken` out, same arguments repeated */
	| 'payloadPagination';

export interface PaginationSpec {
	readonly style: PaginationStyle;
	readonly requestParam: string;
	/** Dotted path of the token in the 200 answer, e.g. `payload.NextToken`. */
	readonly responseToken: string;
}

export interface OperationParameter {
	readonly name: string;
	readonly in: 'path' | 'query' | 'header' | 'formData';
	readonly required: boolean;
	readonly array?: boolean;
	readonly collectionFormat?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

export interface OperationSpec {
	readonly key: string;
	readonly operationId: string;
	readonly api: string;
	readonly apiVersion: string;
	readonly model: string;
	readonly method: HttpMethod;
	readonly path: string;
	/** Requests per second from the model's usage plan; null when Amazon publishes none. */
	readonly rate: number | null;
	readonly burst: number | null;
	readonly pagination: PaginationSpec | null;
	/** Called with a client_credentials token instead of the seller's token. */
	readonly grantless: boolean;
	readonly sandboxOnly: boolean;
	/** True when sending the request twice cannot do anything twice (reads, previews). */
	readonly safeToRepeat: boolean;
	readonly parameters: readonly OperationParameter[];
	readonly hasBody: boolean;
}
