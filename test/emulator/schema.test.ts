/**
 * Schema conformance: answers of every implemented operation, checked against Amazon's own models
 * (only defined properties, right JSON types and enum values, required properties present).
 */
import { OPERATIONS, type OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import { isOrderEvent } from './data/model';
import { V0_EVENT_LISTS } from './format/v0';
import { startEmulator } from './index';
import { ROUTES } from './routes';
import { requireModelsDir } from '../helpers/models';
import { loadModel, SchemaChecker } from './schemaCheck';
import { allPages, call, DAY, grantlessToken, isoShift, sellerToken, type CallOptions, type HttpAnswer } from './testSupport';
import type { Emulator, SellerFixtureKey, SpApiRegion } from './types';

const modelsDir = requireModelsDir('that the emulator answers as Amazon models say') ?? '';
const NOW = new Date('2025-03-15T12:00:00Z');
const REGION: Record<'na' | 'eu' | 'fe', SpApiRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };

(modelsDir ? describe : describe.skip)('emulator answers conform to Amazon models', () => {
	let emulator: Emulator;
	const tokens = new Map<SellerFixtureKey, string>();
	const checkers = new Map<string, SchemaChecker>();
	const checked = new Map<OperationKey, Set<number>>();
	const v0ListsSeen = new Set<string>();
	const problems: string[] = [];

	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false, ordersPerDay: 8, reportProcessingMs: 1000 });
		for (const key of ['na', 'eu', 'fe', 'noRoles', 'vendor'] as const) tokens.set(key, await sellerToken(emulator, key));
	});
	afterAll(() => emulator.close());

	function checker(operation: OperationKey): SchemaChecker {
		const file = OPERATIONS[operation].model;
		let found = checkers.get(file);
		if (!found) {
			found = new SchemaChecker(loadModel(modelsDir, file));
			checkers.set(file, found);
		}
		return found;
	}

	function verify(operation: OperationKey, answer: HttpAnswer, expectedStatus: number): void {
		const { method, path: template } = OPERATIONS[operation];
		expect([operation, answer.status]).toEqual([operation, expectedStatus]);
		const schemaChecker = checker(operation);
		for (const problem of schemaChecker.checkResponse(template, method, answer.status, answer.body)) problems.push(`${operation} ${answer.status} ${problem}`);
		const declared = schemaChecker.responseHeaders(template, method, answer.status);
		if (answer.headers.get('x-amzn-ratelimit-limit') !== null && !declared.includes('x-amzn-ratelimit-limit')) {
			problems.push(`${operation} ${answer.status}: sends x-amzn-RateLimit-Limit, which the model does not declare`);
		}
		if (declared.includes('x-amzn-ratelimit-limit') && answer.headers.get('x-amzn-ratelimit-limit') === null && answer.status !== 429) {
			problems.push(`${operation} ${answer.status}: the model declares x-amzn-RateLimit-Limit but the emulator did not send it`);
		}
		if (!answer.headers.get('x-amzn-requestid')) problems.push(`${operation} ${answer.status}: no x-amzn-RequestId`);
		const statuses = checked.get(operation) ?? new Set<number>();
		statuses.add(answer.status);
		checked.set(operation, statuses);
	}

	async function get(seller: 'na' | 'eu' | 'fe', operation: OperationKey, pathname: string, options: CallOptions = {}, status = 200): Promise<HttpAnswer> {
		const answer = await call(emulator, pathname, { region: REGION[seller], token: tokens.get(seller), ...options });
		verify(operation, answer, status);
		return answer;
	}

	async function pages(seller: 'na' | 'eu' | 'fe', operation: OperationKey, pathname: string, query: CallOptions['query'], tokenParam: string, tokenOf: (body: HttpAnswer['body']) => string | undefined) {
		const answers = await allPages(emulator, pathname, { region: REGION[seller], token: tokens.get(seller), query }, tokenOf, tokenParam);
		for (const answer of answers) verify(operation, answer, 200);
		return answers;
	}

	const recordLists = (financialEvents: Record<string, unknown[]>) => {
		for (const [list, events] of Object.entries(financialEvents)) if (events.length > 0) v0ListsSeen.add(list);
	};

	test('sellers', async () => {
		for (const seller of ['na', 'eu', 'fe'] as const) {
			await get(seller, 'getMarketplaceParticipations', '/sellers/v1/marketplaceParticipations');
			await get(seller, 'sellers.getAccount', '/sellers/v1/account');
		}
		// Error answers follow the model too.
		verify('getMarketplaceParticipations', await call(emulator, '/sellers/v1/marketplaceParticipations', { token: tokens.get('noRoles') }), 403);
		verify('sellers.getAccount', await call(emulator, '/sellers/v1/account'), 403);
	});

	test('finances v0', async () => {
		for (const seller of ['na', 'eu', 'fe'] as const) {
			const groupPages = await pages(seller, 'listFinancialEventGroups', '/finances/v0/financialEventGroups', { MaxResultsPerPage: 100 }, 'NextToken', (body) => body.payload.NextToken);
			const groups = groupPages.flatMap((answer) => answer.body.payload.FinancialEventGroupList);
			// Every group, so every event of the history is checked, the rare lists included.
			for (const group of groups) {
				const answers = await pages(seller, 'listFinancialEventsByGroupId', `/finances/v0/financialEventGroups/${group.FinancialEventGroupId}/financialEvents`, {}, 'NextToken', (body) => body.payload.NextToken);
				answers.forEach((answer) => recordLists(answer.body.payload.FinancialEvents));
			}
			const events = await pages(seller, 'listFinancialEvents', '/finances/v0/financialEvents', { PostedAfter: isoShift(NOW, -40 * DAY), PostedBefore: isoShift(NOW, -30 * DAY) }, 'NextToken', (body) => body.payload.NextToken);
			events.forEach((answer) => recordLists(answer.body.payload.FinancialEvents));
		}
		// Orders with each kind of order event, including the rare ones.
		for (const seller of ['na', 'eu', 'fe'] as const) {
			const data = emulator.control.state.dataFor(seller);
			for (const kind of ['Refund', 'GuaranteeClaim', 'Chargeback'] as const) {
				const event = data.events.find((candidate) => candidate.kind === kind && candidate.settledAt < NOW.getTime());
				if (!event || !isOrderEvent(event)) continue;
				const answer = await get(seller, 'listFinancialEventsByOrderId', `/finances/v0/orders/${event.amazonOrderId}/financialEvents`);
				recordLists(answer.body.payload.FinancialEvents);
			}
		}
		// All 34 lists of the model's FinancialEvents appear somewhere.
		expect([...v0ListsSeen].sort()).toEqual([...V0_EVENT_LISTS].sort());
		await get('na', 'listFinancialEventGroups', '/finances/v0/financialEventGroups', { query: { MaxResultsPerPage: 0 } }, 400);
		await get('na', 'listFinancialEvents', '/finances/v0/financialEvents', { query: { PostedAfter: 'soon' } }, 400);
		await get('na', 'listFinancialEventsByGroupId', '/finances/v0/financialEventGroups/x/financialEvents', { query: { PostedBefore: isoShift(NOW, -DAY) } }, 400);
		await get('na', 'listFinancialEventsByOrderId', '/finances/v0/orders/1-2-3/financialEvents', {}, 400);
		verify('listFinancialEvents', await call(emulator, '/finances/v0/financialEvents', { token: tokens.get('noRoles') }), 403);
	});

	test('finances 2024-06-19', async () => {
		for (const seller of ['na', 'eu', 'fe'] as const) {
			await pages(seller, 'listTransactions', '/finances/2024-06-19/transactions', { postedAfter: isoShift(NOW, -12 * DAY), postedBefore: isoShift(NOW, -DAY) }, 'nextToken', (body) => body.payload.nextToken);
			await get(seller, 'listBalances', '/finances/2024-06-19/balances');
			await get(seller, 'listBalances', '/finances/2024-06-19/balances', { query: { asOfDate: '2025-02-20' } });
			await get(seller, 'listSummary', '/finances/2024-06-19/summary');
		}
		// Every transaction of one seller, group by group: the rarer event types as transactions too.
		const naGroups = emulator.control.state.dataFor('na').groups.filter((group) => group.startAt < NOW.getTime());
		const types = new Set<string>();
		for (const group of naGroups) {
			const answers = await pages('na', 'listTransactions', '/finances/2024-06-19/transactions', { relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: group.groupId }, 'nextToken', (body) => body.payload.nextToken);
			for (const answer of answers) for (const transaction of answer.body.payload.transactions) types.add(transaction.transactionType);
		}
		expect(types.size).toBeGreaterThan(30);
		await get('na', 'listBalances', '/finances/2024-06-19/balances', { query: { balanceType: 'RESERVED' } });
		await get('na', 'listTransactions', '/finances/2024-06-19/transactions', {}, 400);
		await get('na', 'listBalances', '/finances/2024-06-19/balances', { query: { asOfDate: 'x' } }, 400);
		await get('na', 'listSummary', '/finances/2024-06-19/summary', { query: { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '1' } }, 400);
		verify('listTransactions', await call(emulator, '/finances/2024-06-19/transactions', { token: tokens.get('noRoles') }), 403);
		// A throttled answer follows the model as well.
		emulator.control.setRateLimitsEnforced(true);
		const na2 = await sellerToken(emulator, 'na2');
		let throttled: HttpAnswer | undefined;
		for (let i = 0; i < 12 && !throttled; i++) {
			const answer = await call(emulator, '/finances/2024-06-19/balances', { token: na2 });
			if (answer.status === 429) throttled = answer;
		}
		if (!throttled) throw new Error('no 429 after the burst');
		verify('listBalances', throttled, 429);
	});

	test('seller wallet 2024-03-01', async () => {
		const W = '/finances/transfers/wallet/2024-03-01';
		const query = { marketplaceId: 'A1PA6795UKMFR9' };
		const signed = { destAccountDigitalSignature: 'sig-dest', amountDigitalSignature: 'sig-amount' };
		const accounts = await get('eu', 'listAccounts', `${W}/accounts`, { query });
		const account = accounts.body.accounts.find((candidate: { accountCurrency: string }) => candidate.accountCurrency === 'EUR');
		await get('eu', 'sellerWallet.getAccount', `${W}/accounts/${account.accountId}`, { query });
		await get('eu', 'sellerWallet.getAccount', `${W}/accounts/amzn1.account.NOPE`, { query }, 404);
		await get('eu', 'listAccountBalances', `${W}/accounts/${account.accountId}/balance`, { query });
		const preview = await get('eu', 'getTransferPreview', `${W}/transferPreview`, {
			query: { ...query, sourceCountryCode: 'DE', sourceCurrencyCode: 'EUR', destinationCountryCode: 'CN', destinationCurrencyCode: 'CNY', baseAmount: 250 },
		});
		await get('eu', 'getTransferPreview', `${W}/transferPreview`, { query: { ...query, sourceCountryCode: 'DE' } }, 400);
		const transactions = await pages('eu', 'listAccountTransactions', `${W}/transactions`, { ...query, accountId: account.accountId }, 'nextPageToken', (body) => body.nextPageToken);
		const all = transactions.flatMap((answer) => answer.body.transactions);
		expect(all.some((t: { transactionFinalAmount?: unknown }) => t.transactionFinalAmount)).toBe(true);
		await get('eu', 'sellerWallet.getTransaction', `${W}/transactions/${all[0].transactionId}`, { query });
		const instrument = {
			bankAccount: { bankAccountNumberFormat: 'BBAN', bankName: 'Bank of China', bankAccountOwnershipType: 'THIRD_PARTY', routingNumber: 'BKCHCNBJ', bankNumberFormat: 'BIC', accountCountryCode: 'CN', accountCurrency: 'CNY', bankAccountNumberTail: '321' },
			bankAccountNumber: '6222020200112233321',
			accountHolderName: 'Shenzhen Supplier Co',
		};
		const payee = { payeeFirstName: 'Li', payeeLastName: 'Wei', payeeEntityType: 'BUSINESS', addressLine1: '1 Keyuan Rd', city: 'Shenzhen', state: 'Guangdong', postalCode: '518057', countryCode: 'CN', emailAddress: 'ap@example.cn', phoneNumber: '8675500000000' };
		const transfer = { sourceAccountId: account.accountId, sourceAmount: { currencyCode: 'EUR', currencyAmount: 250 }, destinationTransactionInstrument: instrument, payeeContactInformation: payee, transactionDescription: 'Invoice 77', transferRateDetails: preview.body, requestTime: NOW.toISOString() };
		await get('eu', 'createTransaction', `${W}/transactions`, { method: 'POST', headers: signed, body: transfer, query });
		await get('eu', 'createTransaction', `${W}/transactions`, { method: 'POST', body: transfer, query }, 400);
		await get('eu', 'createTransaction', `${W}/transactions`, { method: 'POST', headers: signed, body: { ...transfer, transferRateDetails: undefined, sourceAmount: { currencyCode: 'EUR', currencyAmount: 99_999_999 } }, query }, 422);
		const schedules = await pages('eu', 'listTransferSchedules', `${W}/transferSchedules`, { ...query, accountId: account.accountId }, 'nextPageToken', (body) => body.nextPageToken);
		const seeded = schedules.flatMap((answer) => answer.body.transferSchedules);
		const schedule = {
			sourceAccountId: account.accountId,
			sourceCurrencyCode: 'EUR',
			destinationAccountId: 'amzn1.account.SUPPLIER77',
			destinationTransactionInstrument: instrument,
			transactionType: 'DEBIT',
			transferScheduleInformation: { scheduleStartDate: '2025-04-01T00:00:00Z', scheduleExpression: { scheduleExpressionType: 'ONE_TIME' }, scheduleType: 'TIME_BASED' },
			paymentPreference: { paymentPreferencePaymentType: 'AMOUNT', value: 100 },
		};
		const created = await get('eu', 'createTransferSchedule', `${W}/transferSchedules`, { method: 'POST', headers: signed, body: schedule, query });
		await get('eu', 'createTransferSchedule', `${W}/transferSchedules`, { method: 'POST', headers: signed, body: schedule, query }, 409);
		await get('eu', 'getTransferSchedule', `${W}/transferSchedules/${seeded[0].transferScheduleId}`, { query });
		await get('eu', 'getTransferSchedule', `${W}/transferSchedules/nope`, { query }, 404);
		await get('eu', 'updateTransferSchedule', `${W}/transferSchedules`, { method: 'PUT', headers: signed, body: { ...created.body, transferScheduleStatus: 'DISABLED' }, query });
		await get('eu', 'deleteScheduleTransaction', `${W}/transferSchedules/${created.body.transferScheduleId}`, { method: 'DELETE', query });
		await get('eu', 'deleteScheduleTransaction', `${W}/transferSchedules/${created.body.transferScheduleId}`, { method: 'DELETE', query }, 400);
		verify('listAccounts', await call(emulator, `${W}/accounts`, { token: tokens.get('noRoles'), query: { marketplaceId: 'ATVPDKIKX0DER' } }), 403);
	});

	test('transfers 2024-06-01', async () => {
		const T = '/finances/transfers/2024-06-01';
		for (const seller of ['na', 'eu', 'fe'] as const) {
			await pages(seller, 'listPayouts', `${T}/payouts`, {}, 'nextToken', (body) => body.nextToken);
			await pages(seller, 'listExpectedPayouts', `${T}/payouts/expected`, {}, 'nextToken', (body) => body.nextToken);
		}
		await get('eu', 'getPaymentMethods', `${T}/paymentMethods`, { query: { marketplaceId: 'A1PA6795UKMFR9' } });
		await get('eu', 'getPaymentMethods', `${T}/paymentMethods`, { query: { marketplaceId: 'ABCMARKET' } }, 400);
		await get('eu', 'listPayouts', `${T}/payouts`, { query: { marketplaceIds: 'INVALID_MARKETPLACE' } }, 400);
		await get('eu', 'listExpectedPayouts', `${T}/payouts/expected`, { query: { marketplaceIds: 'INVALID_MARKETPLACE' } }, 400);
		await get('eu', 'initiatePayout', `${T}/payouts`, { method: 'POST', body: { marketplaceId: 'A1PA6795UKMFR9', accountType: 'Standard Orders' } });
		await get('eu', 'initiatePayout', `${T}/payouts`, { method: 'POST', body: { marketplaceId: 'A1PA6795UKMFR9', accountType: 'Standard Orders' } }, 400);
		// the on-demand payout shows in the list
		await pages('eu', 'listPayouts', `${T}/payouts`, { marketplaceIds: 'A1PA6795UKMFR9' }, 'nextToken', (body) => body.nextToken);
	});

	test('fulfillment outbound: return reason codes', async () => {
		const sku = emulator.control.state.dataFor('eu').catalog.find((item) => item.marketplaceId === 'A1PA6795UKMFR9')!.sellerSku;
		const answer = await get('eu', 'listReturnReasonCodes', '/fba/outbound/2020-07-01/returnReasonCodes', { query: { sellerSku: sku, marketplaceId: 'A1PA6795UKMFR9', language: 'de_DE' } });
		expect(answer.body.payload.reasonCodeDetails.find((reason: { returnReasonCode: string }) => reason.returnReasonCode === 'CR-DEFECTIVE')).toEqual({
			returnReasonCode: 'CR-DEFECTIVE',
			description: 'Defective/Does not work properly',
			translatedDescription: 'Defekt/funktioniert nicht ordnungsgemäß',
		});
		await get('eu', 'listReturnReasonCodes', '/fba/outbound/2020-07-01/returnReasonCodes', { query: { sellerSku: 'NOT-A-SKU' } }, 400);
		await get('eu', 'listReturnReasonCodes', '/fba/outbound/2020-07-01/returnReasonCodes', { query: { sellerSku: sku, marketplaceId: 'ATVPDKIKX0DER' } }, 400);
	});

	test('notifications v1', async () => {
		const grantless = await grantlessToken(emulator);
		const naToken = await sellerToken(emulator, 'na');
		const as = async (operation: OperationKey, pathname: string, token: string, options: CallOptions = {}, status = 200) => {
			const answer = await call(emulator, pathname, { region: 'NA', token, ...options });
			verify(operation, answer, status);
			return answer;
		};
		const queue = emulator.control.sqs.createQueue({ name: 'schema-check' });
		await as('getDestinations', '/notifications/v1/destinations', grantless);
		const created = await as('createDestination', '/notifications/v1/destinations', grantless, { method: 'POST', body: { name: 'n8n', resourceSpecification: { sqs: { arn: queue.arn } } } });
		const destinationId = created.body.payload.destinationId as string;
		await as('createDestination', '/notifications/v1/destinations', grantless, { method: 'POST', body: { name: 'n8n', resourceSpecification: { sqs: { arn: queue.arn } } } }, 409);
		await as('createDestination', '/notifications/v1/destinations', grantless, { method: 'POST', body: { name: 'eb', resourceSpecification: { eventBridge: { region: 'us-east-1', accountId: '123456789012' } } } });
		await as('getDestinations', '/notifications/v1/destinations', grantless);
		await as('getDestination', `/notifications/v1/destinations/${destinationId}`, grantless);
		await as('getDestination', '/notifications/v1/destinations/nope', grantless, {}, 404);
		await as('getSubscription', '/notifications/v1/subscriptions/ORDER_CHANGE', naToken, {}, 404);
		const sub = await as('createSubscription', '/notifications/v1/subscriptions/ORDER_CHANGE', naToken, { method: 'POST', body: { payloadVersion: '1.0', destinationId } });
		await as('createSubscription', '/notifications/v1/subscriptions/ORDER_CHANGE', naToken, { method: 'POST', body: { payloadVersion: '1.0', destinationId } }, 409);
		await as('getSubscription', '/notifications/v1/subscriptions/ORDER_CHANGE', naToken);
		await as('getSubscriptions', '/notifications/v1/subscriptions', naToken, { query: { notificationTypes: 'ORDER_CHANGE' } });
		await as('getSubscriptions', '/notifications/v1/subscriptions', naToken, { query: { notificationTypes: 'ORDER_CHANGE', pageSize: 5 } }, 400);
		const subscriptionId = sub.body.payload.subscriptionId as string;
		await as('getSubscriptionById', `/notifications/v1/subscriptions/ORDER_CHANGE/${subscriptionId}`, grantless);
		await as('sendTestNotification', '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', grantless, { method: 'POST', body: { destinationId, testNotification: { payloadVersion: '1.0', testScenario: 'OrderStatusChange' } } });
		await as('sendTestNotification', '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', grantless, { method: 'POST', body: { destinationId, testNotification: { payloadVersion: '1.0' } } }, 400);
		await as('deleteDestination', `/notifications/v1/destinations/${destinationId}`, grantless, { method: 'DELETE' }, 403);
		await as('deleteSubscriptionById', `/notifications/v1/subscriptions/ORDER_CHANGE/${subscriptionId}`, grantless, { method: 'DELETE' });
		await as('deleteSubscriptionById', `/notifications/v1/subscriptions/ORDER_CHANGE/${subscriptionId}`, grantless, { method: 'DELETE' }, 404);
		await as('getSubscriptionById', `/notifications/v1/subscriptions/ORDER_CHANGE/${subscriptionId}`, grantless, {}, 404);
		await as('deleteDestination', `/notifications/v1/destinations/${destinationId}`, grantless, { method: 'DELETE' });
		// the wrong kind of token is refused like everywhere
		await as('getDestinations', '/notifications/v1/destinations', naToken, {}, 403);
		await as('getSubscription', '/notifications/v1/subscriptions/ORDER_CHANGE', grantless, {}, 403);
	});

	test('reports 2021-06-30', async () => {
		const dayMs = DAY;
		const post = (seller: 'na' | 'eu' | 'fe', pathname: string, body: unknown) => call(emulator, pathname, { region: REGION[seller], token: tokens.get(seller), method: 'POST', body });
		const del = (pathname: string) => call(emulator, pathname, { token: tokens.get('na'), method: 'DELETE' });
		const range = { dataStartTime: isoShift(NOW, -50 * dayMs), dataEndTime: isoShift(NOW, -dayMs) };
		// queued until released below, however long these requests take on a busy machine
		emulator.control.reports.holdNewReportsInQueue(true);
		const created = await post('na', '/reports/2021-06-30/reports', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: ['ATVPDKIKX0DER'], ...range });
		verify('createReport', created, 202);
		verify('createReport', await post('na', '/reports/2021-06-30/reports', { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', marketplaceIds: ['ATVPDKIKX0DER'] }), 400);
		const queued = await get('na', 'getReport', `/reports/2021-06-30/reports/${created.body.reportId}`);
		expect(queued.body.processingStatus).toBe('IN_QUEUE');
		await get('na', 'getReport', '/reports/2021-06-30/reports/99999999999', {}, 404);
		const toCancel = await post('na', '/reports/2021-06-30/reports', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: ['ATVPDKIKX0DER'], ...range });
		verify('cancelReport', await del(`/reports/2021-06-30/reports/${toCancel.body.reportId}`), 200);
		verify('cancelReport', await del(`/reports/2021-06-30/reports/${toCancel.body.reportId}`), 400);
		for (const [seller, type, marketplace] of [
			['eu', 'GET_XML_RETURNS_DATA_BY_RETURN_DATE', 'A1PA6795UKMFR9'],
			['fe', 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', 'A1VC38T7YXB528'],
			['na', 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', 'ATVPDKIKX0DER'],
		] as const) {
			verify('createReport', await post(seller, '/reports/2021-06-30/reports', { reportType: type, marketplaceIds: [marketplace], ...range }), 202);
		}
		emulator.control.reports.holdNewReportsInQueue(false);
		emulator.control.advanceClock(2_000);
		const done = await get('na', 'getReport', `/reports/2021-06-30/reports/${created.body.reportId}`);
		expect(done.body.processingStatus).toBe('DONE');
		for (const seller of ['na', 'eu', 'fe'] as const) {
			const listed = await get(seller, 'getReports', '/reports/2021-06-30/reports', { query: { reportTypes: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2,GET_V2_SETTLEMENT_REPORT_DATA_XML,GET_FBA_REIMBURSEMENTS_DATA,GET_XML_RETURNS_DATA_BY_RETURN_DATE,GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', pageSize: 3 } });
			expect(listed.body.nextToken).toEqual(expect.any(String));
			await get(seller, 'getReports', '/reports/2021-06-30/reports', { query: { nextToken: listed.body.nextToken } });
			const document = listed.body.reports.find((report: { reportDocumentId?: string }) => report.reportDocumentId).reportDocumentId;
			await get(seller, 'getReportDocument', `/reports/2021-06-30/documents/${encodeURIComponent(document)}`);
			await get(seller, 'getReportDocument', `/reports/2021-06-30/documents/${encodeURIComponent(document)}`, { query: { enableContentEncodingUrlHeader: 'true' } });
		}
		await get('na', 'getReports', '/reports/2021-06-30/reports', {}, 400);
		await get('na', 'getReportDocument', '/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.missing', {}, 404);
		verify('getReports', await call(emulator, '/reports/2021-06-30/reports', { token: tokens.get('noRoles'), query: { reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA' } }), 403);

		const schedule = await post('na', '/reports/2021-06-30/schedules', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: ['ATVPDKIKX0DER'], period: 'P7D', reportOptions: { example: 'x' } });
		verify('createReportSchedule', schedule, 201);
		verify('createReportSchedule', await post('na', '/reports/2021-06-30/schedules', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: ['ATVPDKIKX0DER'], period: 'weekly' }), 400);
		await get('na', 'getReportSchedules', '/reports/2021-06-30/schedules', { query: { reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA' } });
		await get('na', 'getReportSchedules', '/reports/2021-06-30/schedules', {}, 400);
		await get('na', 'getReportSchedule', `/reports/2021-06-30/schedules/${schedule.body.reportScheduleId}`);
		verify('cancelReportSchedule', await del(`/reports/2021-06-30/schedules/${schedule.body.reportScheduleId}`), 200);
		await get('na', 'getReportSchedule', `/reports/2021-06-30/schedules/${schedule.body.reportScheduleId}`, {}, 404);
		verify('cancelReportSchedule', await del(`/reports/2021-06-30/schedules/${schedule.body.reportScheduleId}`), 404);
	});

	test('vendor retail procurement v1', async () => {
		// an earlier block turned usage plans on to see a 429; these answers are about shape
		emulator.control.setRateLimitsEnforced(false);
		const vendor = (operation: OperationKey, pathname: string, options: CallOptions = {}, status = 200) =>
			call(emulator, pathname, { token: tokens.get('vendor'), ...options }).then((answer) => {
				verify(operation, answer, status);
				return answer;
			});
		const week = { createdAfter: isoShift(NOW, -7 * DAY), createdBefore: NOW.toISOString() };
		const orders = await vendor('getPurchaseOrders', '/vendor/orders/v1/purchaseOrders', { query: week });
		await vendor('getPurchaseOrders', '/vendor/orders/v1/purchaseOrders', { query: { ...week, includeDetails: 'false' } });
		await vendor('getPurchaseOrders', '/vendor/orders/v1/purchaseOrders', { query: { createdAfter: isoShift(NOW, -30 * DAY) } }, 400);
		const [order] = orders.body.payload.orders;
		await vendor('getPurchaseOrder', `/vendor/orders/v1/purchaseOrders/${order.purchaseOrderNumber}`);
		await vendor('getPurchaseOrder', '/vendor/orders/v1/purchaseOrders/NOSUCHPO', {}, 404);
		for (let days = 0; days < 70; days += 7) {
			await vendor('getPurchaseOrdersStatus', '/vendor/orders/v1/purchaseOrdersStatus', { query: { createdAfter: isoShift(NOW, -(days + 7) * DAY), createdBefore: isoShift(NOW, -days * DAY) } });
		}
		await vendor('getPurchaseOrdersStatus', '/vendor/orders/v1/purchaseOrdersStatus', { query: { limit: 0 } }, 400);
		await vendor('GetShipmentDetails', '/vendor/shipping/v1/shipments', { query: { limit: 50, createdAfter: isoShift(NOW, -80 * DAY) } });
		await vendor('GetShipmentLabels', '/vendor/shipping/v1/transportLabels', { query: { limit: 50 } });
		const ack = await vendor(
			'submitAcknowledgement',
			'/vendor/orders/v1/acknowledgements',
			{ method: 'POST', body: { acknowledgements: [{ purchaseOrderNumber: order.purchaseOrderNumber, sellingParty: { partyId: 'X' }, acknowledgementDate: NOW.toISOString(), items: [] }] } },
			202,
		);
		await vendor('submitAcknowledgement', '/vendor/orders/v1/acknowledgements', { method: 'POST', body: { acknowledgements: 'all' } }, 400);
		const party = { partyId: 'X' };
		await vendor('SubmitShipmentConfirmations', '/vendor/shipping/v1/shipmentConfirmations', { method: 'POST', body: { shipmentConfirmations: [{ shipmentIdentifier: 'S1', shipmentConfirmationType: 'Original', shipmentConfirmationDate: NOW.toISOString(), sellingParty: party, shipFromParty: party, shipToParty: party, shippedItems: [] }] } }, 202);
		await vendor('SubmitShipments', '/vendor/shipping/v1/shipments', { method: 'POST', body: { shipments: [] } }, 202);
		await vendor('submitInvoices', '/vendor/payments/v1/invoices', { method: 'POST', body: { invoices: [{ invoiceType: 'Invoice', id: 'INV-1', date: NOW.toISOString(), remitToParty: party, invoiceTotal: { currencyCode: 'USD', amount: '10.00' } }] } }, 202);
		await vendor('vendorTransactionStatus.getTransaction', `/vendor/transactions/v1/transactions/${ack.body.payload.transactionId}`);
		await vendor('vendorTransactionStatus.getTransaction', '/vendor/transactions/v1/transactions/no-such-transaction', {}, 404);
	});

	test('tokens 2021-03-01 (Restricted Data Tokens)', async () => {
		const post = (body: unknown) => call(emulator, '/tokens/2021-03-01/restrictedDataToken', { region: 'EU', token: tokens.get('eu'), method: 'POST', body });
		verify('createRestrictedDataToken', await post({ restrictedResources: [{ method: 'GET', path: '/reports/2021-06-30/documents/amzn1.spdoc.1.4.eu.example' }] }), 200);
		verify('createRestrictedDataToken', await post({ restrictedResources: [{ method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}' }] }), 400);
		verify('createRestrictedDataToken', await post({}), 400);
	});

	test('no answer uses a property, type or value the model does not define', () => {
		expect(problems.slice(0, 50)).toEqual([]);
	});

	test('every implemented operation was checked, with a success and (where it can fail) an error answer', () => {
		const implemented = Object.keys(ROUTES).sort();
		expect([...checked.keys()].sort()).toEqual(implemented);
		// a success answer: 200, or 201/202 for operations that create something
		for (const operation of implemented as OperationKey[]) expect([operation, [...(checked.get(operation) ?? [])].some((status) => status >= 200 && status < 300)]).toEqual([operation, true]);
	});
});
