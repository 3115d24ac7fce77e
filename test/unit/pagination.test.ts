import { MAX_SAME_TOKEN_REPEATS, paginate, paginateItems } from '../../nodes/sp-api/pagination';
import { ScriptedServer, type ScriptedRequest } from '../helpers/scriptedServer';
import { isolatedClient } from '../helpers/clients';

/** Serves `pages` in order; the token of page i is `tok+/=${i}` (characters that need URL encoding). */
function pagedResponder(pages: unknown[][], shape: (items: unknown[], token?: string) => unknown, tokenParam: string) {
	return (request: ScriptedRequest) => {
		const token = request.query[tokenParam];
		const index = token ? Number(token.split('=')[1]) : 0;
		const next = index + 1 < pages.length ? `tok+/=${index + 1}` : undefined;
		return { body: shape(pages[index], next) };
	};
}

describe('paginate: the six SP-API token styles', () => {
	let server: ScriptedServer;
	beforeEach(async () => {
		server = await new ScriptedServer().withLwa().start();
	});
	afterEach(async () => server.stop());

	it('finances v0 (payload.NextToken): repeats the same arguments and follows empty pages', async () => {
		server.on(
			'GET',
			'/finances/v0/financialEventGroups',
			pagedResponder([[1, 2], [], [3]], (items, next) => ({ payload: { FinancialEventGroupList: items, NextToken: next } }), 'NextToken'),
		);
		const params = { MaxResultsPerPage: 2, FinancialEventGroupStartedAfter: '2026-01-01T00:00:00Z' };
		const items: unknown[] = [];
		for await (const { item } of paginateItems(isolatedClient(server.url), 'listFinancialEventGroups', { params }, (p: { payload: { FinancialEventGroupList: unknown[] } }) => p.payload.FinancialEventGroupList)) {
			items.push(item);
		}
		expect(items).toEqual([1, 2, 3]);
		const sent = server.requests.filter((r) => r.path === '/finances/v0/financialEventGroups');
		expect(sent.map((r) => r.query)).toEqual([
			{ MaxResultsPerPage: '2', FinancialEventGroupStartedAfter: '2026-01-01T00:00:00Z' },
			{ MaxResultsPerPage: '2', FinancialEventGroupStartedAfter: '2026-01-01T00:00:00Z', NextToken: 'tok+/=1' },
			{ MaxResultsPerPage: '2', FinancialEventGroupStartedAfter: '2026-01-01T00:00:00Z', NextToken: 'tok+/=2' },
		]);
	});

	it('finances 2024-06-19 listTransactions (payload.nextToken)', async () => {
		server.on('GET', '/finances/2024-06-19/transactions', pagedResponder([[1], [2]], (items, next) => ({ payload: { transactions: items, nextToken: next } }), 'nextToken'));
		const pages = [];
		for await (const page of paginate(isolatedClient(server.url), 'listTransactions', { params: { postedAfter: '2026-01-01T00:00:00Z' } })) pages.push(page);
		expect(pages).toHaveLength(2);
		expect(server.requests.at(-1)!.query).toEqual({ postedAfter: '2026-01-01T00:00:00Z', nextToken: 'tok+/=1' });
	});

	it('listBalances (top-level nextToken)', async () => {
		server.on('GET', '/finances/2024-06-19/balances', pagedResponder([[1], [2], [3]], (items, next) => ({ balances: items, nextToken: next }), 'nextToken'));
		const pages = [];
		for await (const page of paginate(isolatedClient(server.url), 'listBalances', { params: { marketplaceIds: ['ATVPDKIKX0DER'] } })) pages.push(page);
		expect(pages).toHaveLength(3);
		expect(server.requests.at(-1)!.query).toEqual({ marketplaceIds: 'ATVPDKIKX0DER', nextToken: 'tok+/=2' });
	});

	it('getReports: the token alone, URL-encoded exactly once', async () => {
		server.on('GET', '/reports/2021-06-30/reports', pagedResponder([[1], [2]], (items, next) => ({ reports: items, nextToken: next }), 'nextToken'));
		const pages = [];
		for await (const page of paginate(isolatedClient(server.url), 'getReports', { params: { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE'], pageSize: 1 } })) pages.push(page);
		expect(pages).toHaveLength(2);
		expect(server.requests.at(-1)!.query).toEqual({ nextToken: 'tok+/=1' });
	});

	it('seller wallet (nextPageToken)', async () => {
		server.on('GET', '/finances/transfers/wallet/2024-03-01/transactions', pagedResponder([[1], [2]], (items, next) => ({ transactions: items, nextPageToken: next }), 'nextPageToken'));
		const pages = [];
		for await (const page of paginate(isolatedClient(server.url), 'listAccountTransactions', { params: { accountId: 'acc', marketplaceId: 'ATVPDKIKX0DER' } })) pages.push(page);
		expect(pages).toHaveLength(2);
		expect(server.requests.at(-1)!.query).toEqual({ accountId: 'acc', marketplaceId: 'ATVPDKIKX0DER', nextPageToken: 'tok+/=1' });
	});

	it('vendor orders and shipments (payload.pagination.nextToken): repeats the same arguments, follows empty pages', async () => {
		server.on(
			'GET',
			'/vendor/orders/v1/purchaseOrdersStatus',
			pagedResponder([[1, 2], [], [3]], (items, next) => ({ payload: { pagination: next ? { nextToken: next } : {}, ordersStatus: items } }), 'nextToken'),
		);
		const params = { limit: 2, createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-01-08T00:00:00Z' };
		const items: unknown[] = [];
		for await (const { item } of paginateItems(isolatedClient(server.url), 'getPurchaseOrdersStatus', { params }, (p: { payload: { ordersStatus: unknown[] } }) => p.payload.ordersStatus)) {
			items.push(item);
		}
		expect(items).toEqual([1, 2, 3]);
		expect(server.requests.filter((r) => r.path === '/vendor/orders/v1/purchaseOrdersStatus').map((r) => r.query)).toEqual([
			{ limit: '2', createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-01-08T00:00:00Z' },
			{ limit: '2', createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-01-08T00:00:00Z', nextToken: 'tok+/=1' },
			{ limit: '2', createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-01-08T00:00:00Z', nextToken: 'tok+/=2' },
		]);
		// a last page without a pagination object at all ends the listing too
		server.on('GET', '/vendor/shipping/v1/shipments', pagedResponder([[1], [2]], (items, next) => ({ payload: { ...(next ? { pagination: { nextToken: next } } : {}), shipments: items } }), 'nextToken'));
		const pages = [];
		for await (const page of paginate(isolatedClient(server.url), 'GetShipmentDetails', { params: { limit: 1 } })) pages.push(page);
		expect(pages).toHaveLength(2);
	});

	it('stops fetching once the limit is reached', async () => {
		const pages = Array.from({ length: 10 }, (_, i) => [i * 3, i * 3 + 1, i * 3 + 2]);
		server.on('GET', '/finances/2024-06-19/transactions', pagedResponder(pages, (items, next) => ({ payload: { transactions: items, nextToken: next } }), 'nextToken'));
		const items: unknown[] = [];
		for await (const { item } of paginateItems(
			isolatedClient(server.url),
			'listTransactions',
			{ params: { postedAfter: '2026-01-01T00:00:00Z' } },
			(p: { payload: { transactions: unknown[] } }) => p.payload.transactions,
			{ limit: 5 },
		)) {
			items.push(item);
		}
		expect(items).toEqual([0, 1, 2, 3, 4]);
		expect(server.count('GET', '/finances/2024-06-19/transactions')).toBe(2);
	});

	it('refuses to loop on a token Amazon repeats', async () => {
		server.on('GET', '/finances/2024-06-19/balances', () => ({ body: { balances: [], nextToken: 'same' } }));
		const run = async () => {
			for await (const page of paginate(isolatedClient(server.url), 'listBalances')) void page;
		};
		await expect(run()).rejects.toThrow(/same page token|already returned/);
		// the token it was asked with may come back a few times ("empty page, ask again"), not forever
		expect(server.count('GET', '/finances/2024-06-19/balances')).toBe(2 + MAX_SAME_TOKEN_REPEATS);
	});

	it('follows an empty page that hands back the token it was asked with', async () => {
		const answers = [
			{ balances: [{ n: 1 }], nextToken: 'A' },
			{ balances: [], nextToken: 'A' },
			{ balances: [{ n: 2 }], nextToken: 'B' },
			{ balances: [{ n: 3 }] },
		];
		let call = 0;
		server.on('GET', '/finances/2024-06-19/balances', () => ({ body: answers[call++] }));
		const items: unknown[] = [];
		for await (const { item } of paginateItems(isolatedClient(server.url), 'listBalances', {}, (p: { balances: unknown[] }) => p.balances)) items.push(item);
		expect(items).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(server.requests.filter((r) => r.path.endsWith('/balances')).map((r) => r.query.nextToken)).toEqual([undefined, 'A', 'A', 'B']);
	});

	it('refuses a token cycle', async () => {
		const answers = [{ balances: [], nextToken: 'A' }, { balances: [], nextToken: 'B' }, { balances: [], nextToken: 'A' }];
		let call = 0;
		server.on('GET', '/finances/2024-06-19/balances', () => ({ body: answers[Math.min(call++, 2)] }));
		const run = async () => {
			for await (const page of paginate(isolatedClient(server.url), 'listBalances')) void page;
		};
		await expect(run()).rejects.toThrow(/already returned/);
		expect(server.count('GET', '/finances/2024-06-19/balances')).toBe(3);
	});
});
