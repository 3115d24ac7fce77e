/**
 * The Refunds node inside n8n-core against the emulator: refund lines from both finances APIs checked
 * against the emulator's own records (exact per currency, also yen), several marketplaces in one run,
 * the join with returns report rows, anomaly detection, and bad input refused before any call.
 */
import type { IDataObject } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { OrderFinanceEvent } from '../emulator/data/model';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow } from '../harness/n8nHarness';
import { DAY, decimalsOf, HOUR, jsonOf, minorSum, REFUNDS, singleNode, toMinorBig, useFixedNow } from './support';

const NOW = '2025-03-15T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const iso = (ms: number) => new Date(ms).toISOString();
const PARTS = ['principal', 'tax', 'shipping', 'shippingTax', 'giftWrap', 'giftWrapTax', 'otherCharges', 'promotion', 'fees', 'taxWithheld'];

describe('Refunds node', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 200, emptyPageEvery: 5 });
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	// a node as the editor adds it today (version 1.1); `typeVersion: 1` for one saved before
	const refunds = (seller: SellerFixtureKey, parameters: Record<string, unknown>, input?: IDataObject[], extra: { continueOnFail?: boolean; typeVersion?: number } = {}) =>
		runWorkflow(singleNode(emulator, seller, { type: REFUNDS, typeVersion: 1.1, parameters: { resource: 'refund', ...parameters }, ...extra }, input));
	const apiCalls = () => emulator.control.requests().filter((r) => r.tokenKind !== 'lwa');

	/** What the emulator holds: refund events posted in [after, before) and visible now. */
	function truth(seller: SellerFixtureKey, after: number, before: number, kind: OrderFinanceEvent['kind'] = 'Refund') {
		const now = emulator.control.now().getTime();
		return emulator.control.state
			.dataFor(seller)
			.events.filter((event): event is OrderFinanceEvent => event.kind === kind && event.postedAt >= after && event.postedAt < before && event.settledAt <= now);
	}

	function expectPartsAddUp(items: IDataObject[]): void {
		for (const item of items) {
			const decimals = decimalsOf(String(item.currency));
			expect([item.refundKey, minorSum(PARTS.map((part) => String(item[part])), decimals)]).toEqual([item.refundKey, toMinorBig(String(item.total), decimals)]);
			for (const part of [...PARTS, 'total']) if (decimals === 0) expect(String(item[part])).toMatch(/^-?\d+$/);
		}
	}

	it('three marketplaces in one run: every refund line, sums exact per currency', async () => {
		const after = NOW_MS - 30 * DAY;
		const result = await refunds('na', { operation: 'getMany', postedAfter: iso(after), marketplaceIds: ['US', 'CA', 'MX'], returnAll: true });
		const items = jsonOf(result.output('Node'));
		const expected = truth('na', after, NOW_MS - 2 * 60_000);
		expect(items).toHaveLength(expected.reduce((n, event) => n + event.items.length, 0));
		expect(new Set(items.map((item) => item.marketplaceName))).toEqual(new Set(['Amazon.com', 'Amazon.ca', 'Amazon.com.mx']));
		for (const currency of ['USD', 'CAD', 'MXN']) {
			const got = minorSum(items.filter((item) => item.currency === currency).map((item) => String(item.total)), 2);
			const want = expected.filter((event) => event.currency === currency).reduce((sum, event) => sum + BigInt(event.totalMinor), 0n);
			expect([currency, got]).toEqual([currency, want]);
		}
		expectPartsAddUp(items);
		const sample = items[0];
		expect(sample).toMatchObject({
			kind: 'refund',
			kindLabel: 'Refund',
			amazonOrderId: expect.stringMatching(/^\d{3}-\d{7}-\d{7}$/),
			orderAdjustmentItemId: expect.stringMatching(/^\d{14}$/),
			sellerSku: expect.any(String),
			quantity: expect.any(Number),
			marketplaceId: expect.any(String),
			postedDate: expect.stringMatching(/Z$/),
			postedDateLocal: expect.stringMatching(/[+-]\d{2}:\d{2}$/),
			feeBreakdown: { Commission: expect.any(String), RefundCommission: expect.any(String) },
			source: 'financialEvents',
			breakdownComplete: true,
		});
		// newest first
		const times = items.map((item) => Date.parse(String(item.postedDate)));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	}, 60_000);

	it('with a Limit: the newest refunds, newest first, read from the end of the range without reading it all', async () => {
		const after = NOW_MS - 60 * DAY;
		const all = jsonOf((await refunds('na', { operation: 'getMany', postedAfter: iso(after), returnAll: true })).output('Node'));
		const everyPage = apiCalls().filter((r) => r.operation === 'listFinancialEvents').length;
		expect(all.length).toBeGreaterThan(20);
		emulator.control.clearRequests();
		const limited = jsonOf((await refunds('na', { operation: 'getMany', postedAfter: iso(after), returnAll: false, limit: 5 })).output('Node'));
		expect(limited.map((item) => item.refundKey)).toEqual(all.slice(0, 5).map((item) => item.refundKey));
		const times = limited.map((item) => Date.parse(String(item.postedDate)));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		// the newest day first: far fewer pages than the 60 days
		const calls = apiCalls().filter((r) => r.operation === 'listFinancialEvents');
		expect(calls.length).toBeLessThan(everyPage);
		expect(Date.parse(calls[0].query.PostedAfter)).toBeGreaterThanOrEqual(NOW_MS - 2 * DAY);
		// the same with the newer API
		const fromTransactions = jsonOf((await refunds('na', { operation: 'getMany', source: 'transactions', postedAfter: iso(after), returnAll: false, limit: 5 })).output('Node'));
		expect(fromTransactions.map((item) => item.refundKey)).toEqual(limited.map((item) => item.refundKey));
	}, 60_000);

	it('a person reads when, store, order, SKU, quantity, total and currency first; amounts are numbers a sheet sums, with the exact text beside', async () => {
		const items = jsonOf((await refunds('fe', { operation: 'getMany', postedAfter: iso(NOW_MS - 20 * DAY), returnAll: true })).output('Node'));
		expect(items.length).toBeGreaterThan(3);
		for (const item of items) {
			expect(Object.keys(item).slice(0, 8)).toEqual(['postedDateLocal', 'marketplaceName', 'amazonOrderId', 'sellerSku', 'quantity', 'total', 'currency', 'kindLabel']);
			const decimals = decimalsOf(String(item.currency));
			for (const part of [...PARTS, 'total']) {
				expect(typeof item[part]).toBe('number');
				const exact = String(item[`${part}Exact`]);
				// the exact text has the currency's decimals; the number is the same amount
				expect(exact).toMatch(decimals === 0 ? /^-?\d+$/ : /^-?\d+\.\d{2}$/);
				expect(toMinorBig(exact, decimals)).toBe(toMinorBig(String(item[part]), decimals));
			}
			// ids and kinds come after the amounts, the exact texts at the end
			const keys = Object.keys(item);
			expect(keys.indexOf('refundKey')).toBeGreaterThan(keys.indexOf('taxWithheld'));
			expect(keys.indexOf('totalExact')).toBeGreaterThan(keys.indexOf('refundKey'));
		}
		// read back (Detect over these items) from the exact text, not the number
		const detect = jsonOf((await refunds('fe', { operation: 'detectAnomalies', refundsFrom: 'input', groupBy: 'marketplace', spikeFactor: 0, minCount: 1, currentDays: 20, baselineDays: 1 }, items)).output('Node'));
		for (const group of detect) {
			const lines = items.filter((item) => item.marketplaceId === group.group);
			const decimals = decimalsOf(String(group.currency));
			expect(toMinorBig(String(group.refundedAmountExact), decimals)).toBe(-minorSum(lines.map((item) => String(item.totalExact)), decimals));
		}
	}, 60_000);

	it('a node saved at version 1 keeps its exact-text amounts and, with Return All, its oldest-first order', async () => {
		const parameters = { operation: 'getMany', postedAfter: iso(NOW_MS - 20 * DAY), returnAll: true };
		const saved = jsonOf((await refunds('fe', parameters, undefined, { typeVersion: 1 })).output('Node'));
		const current = jsonOf((await refunds('fe', parameters)).output('Node'));
		expect(saved.map((item) => item.refundKey)).toEqual([...current].reverse().map((item) => item.refundKey));
		for (const item of saved) {
			for (const part of [...PARTS, 'total']) {
				expect(typeof item[part]).toBe('string');
				expect(item[part]).toBe(item[`${part}Exact`]);
			}
		}
		// with a Limit, the newest ones also there
		const limited = jsonOf((await refunds('fe', { ...parameters, returnAll: false, limit: 3 }, undefined, { typeVersion: 1 })).output('Node'));
		expect(limited.map((item) => item.refundKey)).toEqual(current.slice(0, 3).map((item) => item.refundKey));
		// Detect at version 1: the finding's amounts stay text too
		const detected = jsonOf((await refunds('fe', { operation: 'detectAnomalies', refundsFrom: 'input', groupBy: 'marketplace', spikeFactor: 0, minCount: 1, currentDays: 20, baselineDays: 1 }, saved, { typeVersion: 1 })).output('Node'));
		expect(detected.length).toBeGreaterThan(0);
		expect(detected.every((group) => typeof group.refundedAmount === 'string' && group.refundedAmount === group.refundedAmountExact)).toBe(true);
	}, 60_000);

	it('no refunds in the period: no item, and the output pane says what was checked and why nothing came out', async () => {
		const quiet = NOW_MS - 300 * DAY;
		const result = await refunds('na', { operation: 'getMany', postedAfter: iso(quiet), postedBefore: iso(quiet + HOUR), marketplaceIds: ['CA'] });
		expect(result.error('Node')).toBeUndefined();
		expect(result.output('Node')).toEqual([]);
		const [hint] = result.hints('Node');
		expect(hint).toMatchObject({ type: 'info', location: 'outputPane' });
		expect(hint.message).toMatch(/^No refunds to output\. Checked amazon\.ca, posted \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC to .* UTC\. Amazon listed \d+ money events there \(\d+ pages\); none was a Refund\./);
		// the same hint in Chinese when ACORN speaks Chinese
		process.env.ACORN_LANGUAGE = 'zh-CN';
		try {
			const chinese = await refunds('na', { operation: 'getMany', postedAfter: iso(quiet), postedBefore: iso(quiet + HOUR), marketplaceIds: ['CA'] });
			expect(chinese.hints('Node')[0].message).toMatch(/^没有可输出的退款。已检查 amazon\.ca/);
		} finally {
			delete process.env.ACORN_LANGUAGE;
		}
		// with something in the output, no hint
		expect((await refunds('na', { operation: 'getMany', postedAfter: iso(NOW_MS - 10 * DAY), returnAll: true })).hints('Node')).toEqual([]);
	}, 60_000);

	it('"yesterday" as the README walkthrough writes it: expressions in the workflow time zone', async () => {
		const spec = singleNode(emulator, 'na', {
			type: REFUNDS,
			parameters: { resource: 'refund', operation: 'getMany', postedAfter: '={{ $today.minus({ days: 1 }) }}', postedBefore: '={{ $today }}', marketplaceIds: ['US', 'CA', 'MX'], returnAll: true },
		});
		const result = await runWorkflow({ ...spec, timezone: 'America/Los_Angeles' });
		expect(result.error('Node')).toBeUndefined();
		const [call] = emulator.control.requests().filter((r) => r.operation === 'listFinancialEvents');
		// 2025-03-15T12:00Z is 05:00 on 15 March in Los Angeles (PDT): yesterday is 14 March, local midnight to midnight
		expect(call.query).toMatchObject({ PostedAfter: '2025-03-14T07:00:00Z', PostedBefore: '2025-03-15T07:00:00Z' });
		const items = jsonOf(result.output('Node'));
		expect(items.every((item) => String(item.postedDate) >= '2025-03-14T07:00:00Z' && String(item.postedDate) < '2025-03-15T07:00:00Z')).toBe(true);
	});

	it('yen and Australian dollars, exact; both finances APIs give the same refund lines', async () => {
		const after = NOW_MS - 40 * DAY;
		const before = NOW_MS - 5 * DAY;
		const fromEvents = jsonOf((await refunds('fe', { operation: 'getMany', postedAfter: iso(after), postedBefore: iso(before), returnAll: true })).output('Node'));
		const fromTransactions = jsonOf(
			(await refunds('fe', { operation: 'getMany', source: 'transactions', postedAfter: iso(after), postedBefore: iso(before), returnAll: true })).output('Node'),
		);
		const expected = truth('fe', after, before);
		expect(fromEvents.length).toBeGreaterThan(5);
		for (const currency of ['JPY', 'AUD']) {
			const want = expected.filter((event) => event.currency === currency).reduce((sum, event) => sum + BigInt(event.totalMinor), 0n);
			for (const lines of [fromEvents, fromTransactions]) {
				expect([currency, minorSum(lines.filter((item) => item.currency === currency).map((item) => String(item.total)), decimalsOf(currency))]).toEqual([currency, want]);
			}
		}
		expectPartsAddUp(fromEvents);
		expectPartsAddUp(fromTransactions);
		const key = (item: IDataObject) => `${item.refundKey}=${item.total}`;
		expect(fromTransactions.map(key).sort()).toEqual(fromEvents.map(key).sort());
		// the newer API also knows ASINs and the settlement period
		expect(fromTransactions.every((item) => typeof item.asin === 'string' && typeof item.financialEventGroupId === 'string' && item.source === 'transactions')).toBe(true);
	}, 60_000);

	it('A-to-z claims, chargebacks, fee refunds and reimbursement reversals when asked for', async () => {
		const items = jsonOf(
			(await refunds('na', { operation: 'getMany', postedAfter: iso(NOW_MS - 119 * DAY), kinds: ['guaranteeClaim', 'chargeback', 'chargeRefund', 'reimbursementReversal'], returnAll: true })).output('Node'),
		);
		expect(new Set(items.map((item) => item.kind))).toEqual(new Set(['guaranteeClaim', 'chargeback', 'chargeRefund', 'reimbursementReversal']));
		expect(items.some((item) => item.kind === 'refund')).toBe(false);
		expectPartsAddUp(items);
		expect(items.find((item) => item.kind === 'reimbursementReversal')).toMatchObject({ sellerSku: expect.any(String), asin: expect.any(String), reason: 'REVERSAL_REIMBURSEMENT' });
		expect(items.find((item) => item.kind === 'chargeRefund')).toMatchObject({ reason: 'SubscriptionFeeCorrection' });
		const claims = truth('na', NOW_MS - 119 * DAY, NOW_MS, 'GuaranteeClaim');
		expect(items.filter((item) => item.kind === 'guaranteeClaim')).toHaveLength(claims.reduce((n, event) => n + event.items.length, 0));
	}, 60_000);

	it('the refunds of one order; a malformed order id is refused before any call, or becomes an error item', async () => {
		const [event] = truth('eu', NOW_MS - 60 * DAY, NOW_MS - 5 * DAY);
		const items = jsonOf((await refunds('eu', { operation: 'getMany', findBy: 'order', amazonOrderId: event.amazonOrderId })).output('Node'));
		expect(items.length).toBeGreaterThanOrEqual(event.items.length);
		expect(items.every((item) => item.amazonOrderId === event.amazonOrderId)).toBe(true);
		emulator.control.clearRequests();
		const failing = await refunds('eu', { operation: 'getMany', findBy: 'order', amazonOrderId: '302-123' });
		expect(failing.error('Node')?.message).toMatch(/not an Amazon order ID/);
		const continuing = await refunds('eu', { operation: 'getMany', findBy: 'order', amazonOrderId: '302-123' }, undefined, { continueOnFail: true });
		expect(continuing.output('Node')).toEqual([{ json: { error: expect.stringMatching(/123-1234567-1234567/) }, pairedItem: { item: 0 } }]);
		expect(apiCalls()).toEqual([]);
	});

	describe('bad input is refused before any call', () => {
		const cases: [string, SellerFixtureKey, Record<string, unknown>, RegExp][] = [
			['end before start', 'na', { operation: 'getMany', postedAfter: iso(NOW_MS - DAY), postedBefore: iso(NOW_MS - 2 * DAY) }, /not after/],
			['range in the future', 'eu', { operation: 'getMany', postedAfter: iso(NOW_MS + HOUR) }, /future/],
			['marketplace of another region', 'fe', { operation: 'getMany', marketplaceIds: ['JP', 'US'] }, /NA region.*FE/],
			['no refund type', 'na', { operation: 'getMany', kinds: [] }, /at least one refund type/],
			['anomalies: end in the future', 'na', { operation: 'detectAnomalies', endAt: iso(NOW_MS + DAY) }, /future/],
		];
		it.each(cases)('%s', async (_name, seller, parameters, message) => {
			const result = await refunds(seller, parameters);
			expect(result.error('Node')?.message).toMatch(message);
			expect(apiCalls()).toEqual([]);
		});
	});

	describe('Enrich Refunds with Return Reasons', () => {
		const after = NOW_MS - 20 * DAY;
		const before = NOW_MS - 2 * DAY;
		let lines: IDataObject[];
		let returnRows: IDataObject[];
		beforeAll(async () => {
			lines = jsonOf((await refunds('eu', { operation: 'getMany', postedAfter: iso(after), postedBefore: iso(before), returnAll: true })).output('Node'));
			expect(lines.length).toBeGreaterThan(12);
			// two kinds of rows, as Amazon's two returns reports name their columns; a third of the refunds has none
			returnRows = lines.flatMap((line, index): IDataObject[] => {
				if (index % 3 === 0) {
					return [{ 'return-date': String(line.postedDate), 'order-id': line.amazonOrderId, sku: line.sellerSku, asin: 'B0X', fnsku: 'X0', 'product-name': 'Zelt – „wasserdicht“', quantity: 1, 'fulfillment-center-id': 'LEJ1', 'detailed-disposition': 'SELLABLE', reason: 'DEFECTIVE', status: 'Unit returned to inventory', 'license-plate-number': 'LPN1', 'customer-comments': 'Reißverschluss kaputt' }];
				}
				if (index % 3 === 1) {
					return [{ 'Order ID': line.amazonOrderId, 'Merchant SKU': line.sellerSku, 'Return quantity': '1', 'Return reason': 'CR-SWITCHEROO', 'Return request date': String(line.postedDate), 'Return request status': 'Approved' }];
				}
				return [];
			});
		});

		const enrichParameters = { operation: 'enrichWithReturnReasons', postedAfter: iso(after), postedBefore: iso(before), marketplaceIds: [], language: 'de_DE' };

		function checkEnriched(items: IDataObject[]): void {
			expect(items).toHaveLength(lines.length);
			const byKey = new Map(items.map((item) => [item.refundKey, item]));
			lines.forEach((line, index) => {
				const item = byKey.get(line.refundKey)!;
				expect(item.total).toBe(line.total);
				if (index % 3 === 0) {
					expect(item).toMatchObject({
						returnMatched: true,
						returnReason: 'DEFECTIVE',
						returnReasonDescription: 'Defective/Does not work properly',
						returnReasonTranslated: 'Defekt/funktioniert nicht ordnungsgemäß',
						returnDisposition: 'SELLABLE',
						customerComments: 'Reißverschluss kaputt',
						returnedQuantity: 1,
					});
				} else if (index % 3 === 1) {
					expect(item).toMatchObject({ returnMatched: true, returnReason: 'CR-SWITCHEROO', returnReasonDescription: 'Different from what was ordered', returnStatus: 'Approved' });
				} else {
					expect(item).toMatchObject({ returnMatched: false, returnMatchNote: expect.stringContaining('No return found') });
					expect(item.returnReason).toBeUndefined();
				}
			});
		}

		it('fetches the refunds, joins the report rows by order and SKU, keeps and marks the unmatched', async () => {
			const result = await refunds('eu', enrichParameters, returnRows);
			checkEnriched(jsonOf(result.output('Node')));
			// reason texts: one lookup per marketplace once its codes are known, not one per refund
			const lookups = emulator.control.requests().filter((r) => r.operation === 'listReturnReasonCodes');
			expect(lookups.length).toBeGreaterThan(0);
			expect(lookups.length).toBeLessThanOrEqual(new Set(lines.map((line) => line.marketplaceId)).size);
			expect(lookups.every((r) => r.query.language === 'de_DE' && r.status === 200)).toBe(true);
			// an output item points at the report rows it used
			const matched = result.output('Node').find((item) => item.json.returnMatched === true)!;
			expect(matched.pairedItem).toEqual([{ item: expect.any(Number) }]);
		});

		it('takes refunds and report rows mixed in its input (e.g. after a Merge node)', async () => {
			const result = await refunds('eu', { ...enrichParameters, refundsFrom: 'input' }, [...lines, ...returnRows]);
			checkEnriched(jsonOf(result.output('Node')));
			expect(emulator.control.requests().filter((r) => r.operation === 'listFinancialEvents')).toHaveLength(0);
			const onlyUnmatched = await refunds('eu', { ...enrichParameters, refundsFrom: 'input', outputFilter: 'unmatched', lookUpReasons: false }, [...lines, ...returnRows]);
			expect(onlyUnmatched.output('Node')).toHaveLength(lines.filter((_, index) => index % 3 === 2).length);
		});

		it('asks Amazon for reason texts at most once per SKU, also for a code Amazon does not list', async () => {
			const sample = lines.filter((line) => line.marketplaceId === lines[0].marketplaceId).slice(0, 6);
			const rows = sample.map((line) => ({ 'order-id': line.amazonOrderId, sku: line.sellerSku, reason: 'NOT_COMPATIBLE', 'return-date': line.postedDate }));
			const result = await refunds('eu', { ...enrichParameters, refundsFrom: 'input' }, [...sample, ...rows]);
			const items = jsonOf(result.output('Node'));
			expect(items.every((item) => item.returnMatched === true && item.returnReason === 'NOT_COMPATIBLE' && item.returnReasonDescription === undefined)).toBe(true);
			const lookups = emulator.control.requests().filter((r) => r.operation === 'listReturnReasonCodes');
			expect(lookups.map((r) => r.query.sellerSku).sort()).toEqual([...new Set(sample.map((line) => String(line.sellerSku)))].sort());
		});

		it('straight after a trigger with no returns rows connected it says what is missing, before any call', async () => {
			const result = await refunds('eu', enrichParameters);
			expect(result.error('Node')?.message).toMatch(/No returns report rows reach this node.*Fetch From Amazon/);
			expect(apiCalls()).toHaveLength(0);
		});

		it('says which input item is neither a refund nor a returns report row', async () => {
			const result = await refunds('eu', { ...enrichParameters, refundsFrom: 'input' }, [...lines.slice(0, 2), { name: 'something else' }]);
			expect(result.error('Node')?.message).toMatch(/Input item 3 is not .*returns report row.*name/);
		});
	});

	describe('Detect Refund Anomalies', () => {
		const END = NOW_MS - DAY;
		const line = (sku: string, hoursBeforeEnd: number, total: string, currency = 'USD', extra: IDataObject = {}): IDataObject => ({
			kind: 'refund',
			refundKey: `refund:${sku}:${hoursBeforeEnd}:${total}`,
			amazonOrderId: `111-${String(Math.round(hoursBeforeEnd * 10)).padStart(7, '0')}-0000001`,
			sellerSku: sku,
			quantity: 1,
			marketplaceId: currency === 'CAD' ? 'A2EUQ1WTGCTBG2' : currency === 'JPY' ? 'A1VC38T7YXB528' : 'ATVPDKIKX0DER',
			marketplaceName: currency === 'CAD' ? 'Amazon.ca' : currency === 'JPY' ? 'Amazon.co.jp' : 'Amazon.com',
			postedDate: iso(END - hoursBeforeEnd * HOUR),
			currency,
			principal: total,
			total,
			...extra,
		});
		const input: IDataObject[] = [
			// MUG: 4 refunds today, 2 in the 28 days before → spike
			...[1, 2, 5, 9].map((h) => line('MUG', h, '-10.10')),
			line('MUG', 100, '-10.10'),
			line('MUG', 400, '-10.10'),
			// the same SKU in Canada is its own group (never mixed currencies): 1 today, no spike
			line('MUG', 3, '-12.00', 'CAD'),
			// TENT: 1 today, 20 before → normal
			line('TENT', 4, '-89.99'),
			...Array.from({ length: 20 }, (_, i) => line('TENT', 30 + i * 30, '-89.99')),
			// LAMP in yen: 3 today, none before → new
			...[2, 3, 4].map((h) => line('LAMP', h, '-2980', 'JPY')),
			// outside both periods: ignored
			line('MUG', 24 * 40, '-10.10'),
		];
		const detect = (parameters: Record<string, unknown>, items = input) =>
			refunds('na', { operation: 'detectAnomalies', refundsFrom: 'input', endAt: iso(END), currentDays: 1, baselineDays: 28, ...parameters }, items);

		it('emits only the groups that trip, each with a sentence; the maths is exact', async () => {
			const result = await detect({});
			const groups = jsonOf(result.output('Node'));
			expect(groups.map((group) => `${group.group}/${group.currency}`)).toEqual(['MUG/USD', 'LAMP/JPY']);
			const [mug, lamp] = groups;
			expect(mug).toMatchObject({
				groupBy: 'sku',
				refundCount: 4,
				refundedUnits: 4,
				refundedAmount: 40.4,
				refundedAmountExact: '40.40',
				baselineCount: 2,
				baselineAmount: 20.2,
				baselineAmountExact: '20.20',
				expectedCount: '0.07',
				expectedAmount: 0.72,
				expectedAmountExact: '0.72',
				countRatio: 56,
				rules: ['spike', 'amountSpike'],
				message: 'Refund alert: SKU MUG (Amazon.com) had 4 refunds (4 units, 40.40 USD) in the last 1 day, 56× the usual 0.07 per day over the previous 28 days.',
				orderIds: expect.any(Array),
			});
			expect(Object.keys(mug).slice(0, 6)).toEqual(['groupLabel', 'refundCount', 'refundedUnits', 'refundedAmount', 'currency', 'message']);
			expect(lamp).toMatchObject({ refundCount: 3, refundedAmount: 8940, refundedAmountExact: '8940', baselineCount: 0, countRatio: null, message: expect.stringContaining('and none in the 28 days before') });
			// an output group points at the input items it was made from
			expect(result.output('Node')[0].pairedItem).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		});

		it('count and per-currency amount limits; Chinese message; grouping by marketplace', async () => {
			const byCount = jsonOf((await detect({ spikeFactor: 0, minCount: 2 })).output('Node'));
			expect(byCount.map((group) => group.group)).toEqual(['MUG', 'LAMP']);
			expect(byCount.every((group) => (group.rules as string[]).join() === 'count')).toBe(true);
			const byAmount = jsonOf((await detect({ spikeFactor: 0, amountThresholds: { limit: [{ currency: 'usd', amount: '89.99' }, { currency: 'JPY', amount: '10000' }] } })).output('Node'));
			expect(byAmount.map((group) => `${group.group}/${group.rules}`)).toEqual(['TENT/amount']);
			const chinese = jsonOf((await detect({ language: 'zh' })).output('Node'));
			expect(chinese[0].message).toBe('退款异常：SKU MUG（Amazon.com）在过去 1 天有 4 笔退款（4 件，40.40 USD），是之前 28 天平均每天 0.07 笔的 56 倍。');
			const byMarketplace = jsonOf((await detect({ groupBy: 'marketplace', spikeFactor: 0, minCount: 3 })).output('Node'));
			expect(byMarketplace.map((group) => group.group)).toEqual(['ATVPDKIKX0DER', 'A1VC38T7YXB528']);
			expect(byMarketplace[0]).toMatchObject({ refundCount: 5, refundedAmount: 130.39, refundedAmountExact: '130.39' });
			// by return reason, as "Enrich Refunds with Return Reasons" leaves it on each refund
			const withReasons = input.map((item, index) => (index < 3 ? { ...item, returnReason: 'DEFECTIVE', returnReasonDescription: 'Defective/Does not work properly' } : item));
			const byReason = jsonOf((await detect({ groupBy: 'reason', spikeFactor: 0, minCount: 3 }, withReasons)).output('Node'));
			expect(byReason.map((group) => `${group.group}/${group.currency}/${group.refundCount}`)).toEqual(['(no return reason)/JPY/3', 'DEFECTIVE/USD/3']);
			expect(byReason[1].message).toBe('Refund alert: Return reason DEFECTIVE “Defective/Does not work properly” had 3 refunds (3 units, 30.30 USD) in the last 1 day, reaching the limit of 3 refunds.');
		});

		it('fetches its own window from Amazon across marketplaces; counts agree with the emulator', async () => {
			const end = NOW_MS - 3 * DAY;
			const result = await refunds('na', { operation: 'detectAnomalies', endAt: iso(end), currentDays: 2, baselineDays: 14, groupBy: 'marketplace', spikeFactor: 0, minCount: 1 });
			const groups = jsonOf(result.output('Node'));
			const expected = truth('na', end - 2 * DAY, end);
			const perMarketplace = new Map<string, number>();
			for (const event of expected) perMarketplace.set(event.marketplaceId, (perMarketplace.get(event.marketplaceId) ?? 0) + event.items.length);
			expect(new Map(groups.map((group) => [group.group as string, group.refundCount as number]))).toEqual(perMarketplace);
			const windows = emulator.control.requests().filter((r) => r.operation === 'listFinancialEvents');
			expect(Date.parse(windows[0].query.PostedAfter)).toBe(end - 16 * DAY);
		});

		it('nothing unusual: no item, and the output pane says how many refunds were compared against which rules', async () => {
			const result = await detect({ spikeFactor: 100, spikeMinCount: 50 });
			expect(result.output('Node')).toEqual([]);
			expect(result.hints('Node').map((hint) => hint.message)).toEqual([
				`Nothing unusual: ${input.length - 1} refunds compared (9 in the checked period of 1 day(s) up to ${new Date(END).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${input.length - 10} in the 28 day(s) before), in 4 groups by SKU. No group reached a spike of 100× the usual pace with at least 50 refunds. 1 input refunds lie outside both periods.`,
			]);
			const noRule = await detect({ spikeFactor: 0 });
			expect(noRule.hints('Node')[0].message).toMatch(/No alert rule is switched on/);
		});

		it('bad settings become one error item with Continue On Fail', async () => {
			const result = await refunds(
				'na',
				{ operation: 'detectAnomalies', refundsFrom: 'input', amountThresholds: { limit: [{ currency: 'dollars', amount: '5' }] } },
				input.slice(0, 3),
				{ continueOnFail: true },
			);
			expect(result.output('Node')).toEqual([{ json: { error: expect.stringMatching(/not a currency code/) }, pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }] }]);
		});
	});
});
