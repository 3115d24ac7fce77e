/**
 * The emulator's Seller Wallet: state (accounts, balances, transactions through their statuses,
 * schedules), Amazon's error answers, signature headers on writes, and "fail after committing".
 */
import { walletStore } from './data/walletStore';
import { startEmulator } from './index';
import { requiredRole } from './roles';
import { call, DAY, HOUR, sellerToken, toMinor, type CallOptions, type HttpAnswer, type Json } from './testSupport';
import type { Emulator } from './types';

const BASE = '/finances/transfers/wallet/2024-03-01';
const DE = 'A1PA6795UKMFR9';
const SIGNED = { destAccountDigitalSignature: 'sig-dest-0001', amountDigitalSignature: 'sig-amount-0001' };
const IBAN = 'DE89370400440532013000';

describe('emulator Seller Wallet', () => {
	let emulator: Emulator;
	let token: string;

	beforeEach(async () => {
		emulator = await startEmulator({ now: '2025-03-15T12:00:00Z', timeScale: 50, enforceRateLimits: false });
		token = await sellerToken(emulator, 'eu');
	});
	afterEach(() => emulator.close());

	const wallet = (path: string, options: CallOptions = {}): Promise<HttpAnswer> =>
		call(emulator, `${BASE}${path}`, { region: 'EU', token, ...options, query: { marketplaceId: DE, ...options.query } });

	/** Moves the emulator clock; access tokens live an hour of it, so a fresh one is fetched. */
	async function advance(ms: number): Promise<void> {
		emulator.control.advanceClock(ms);
		token = await sellerToken(emulator, 'eu');
	}

	async function eurAccount(): Promise<Json> {
		const answer = await wallet('/accounts');
		return answer.body.accounts.find((account: Json) => account.accountCurrency === 'EUR');
	}

	async function balances(accountId: string): Promise<Record<string, bigint>> {
		const answer = await wallet(`/accounts/${accountId}/balance`);
		expect(answer.status).toBe(200);
		return Object.fromEntries(answer.body.balances.map((b: Json) => [b.balanceType, toMinor(b.balanceAmount, b.balanceCurrency)]));
	}

	function transferBody(accountId: string, amount: number, overrides: Json = {}): Json {
		return {
			sourceAccountId: accountId,
			sourceAmount: { currencyCode: 'EUR', currencyAmount: amount },
			destinationTransactionInstrument: {
				bankAccount: {
					bankAccountNumberFormat: 'IBAN',
					bankName: 'Commerzbank',
					bankAccountOwnershipType: 'SELF',
					accountCountryCode: 'DE',
					accountCurrency: 'EUR',
					bankAccountNumberTail: IBAN.slice(-3),
				},
				bankAccountNumber: IBAN,
				accountHolderName: 'Eichel & Söhne Handel Ltd.',
			},
			transactionDescription: 'Rent March',
			customerPaymentReference: 'INV-2025-03',
			requestTime: emulator.control.now().toISOString(),
			...overrides,
		};
	}

	test('one account per currency the seller earns in, each with its own id; unknown ids answer 404', async () => {
		const answer = await wallet('/accounts');
		expect(answer.status).toBe(200);
		expect(answer.body.accounts.map((a: Json) => [a.accountCurrency, a.accountCountryCode, a.bankName, a.bankAccountOwnershipType])).toEqual([
			['GBP', 'GB', 'Amazon Seller Wallet', 'SELF'],
			['EUR', 'DE', 'Amazon Seller Wallet', 'SELF'],
		]);
		expect(answer.headers.get('x-amzn-ratelimit-limit')).toBe('50');
		const one = await wallet(`/accounts/${answer.body.accounts[1].accountId}`);
		expect(one.body).toEqual(answer.body.accounts[1]);
		expect((await wallet('/accounts/amzn1.account.NOPE')).body).toEqual({
			errors: [{ code: 'NotFound', message: 'BankAccount not found.', details: "BankAccount doesn't exists for amzn1.account.NOPE" }],
		});
		// a marketplace the seller does not sell in, and one that does not exist
		expect((await wallet('/accounts', { query: { marketplaceId: 'A1805IZSGTT6HS' } })).status).toBe(404);
		expect((await wallet('/accounts', { query: { marketplaceId: 'NOT-A-MARKETPLACE' } })).status).toBe(400);
	});

	test('transactions page by nextPageToken (100 a page), newest first, and the balance is their exact sum', async () => {
		const account = await eurAccount();
		const pages: HttpAnswer[] = [];
		let next: string | undefined;
		do {
			const answer = await wallet('/transactions', { query: { accountId: account.accountId, nextPageToken: next } });
			expect(answer.status).toBe(200);
			pages.push(answer);
			next = answer.body.nextPageToken;
		} while (next);
		const transactions = pages.flatMap((page) => page.body.transactions);
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0].body.transactions).toHaveLength(100);
		expect(new Set(transactions.map((t: Json) => t.transactionId)).size).toBe(transactions.length);
		const dates = transactions.map((t: Json) => Date.parse(t.transactionRequestDate));
		expect([...dates].sort((a, b) => b - a)).toEqual(dates);
		let expected = 0n;
		for (const t of transactions) {
			const minor = toMinor(t.transactionRequestAmount.currencyAmount, 'EUR');
			if (t.transactionStatus === 'SUCCESSFUL') expected += t.transactionType === 'CREDIT' ? minor : -minor;
			if (t.transactionStatus === 'IN_PROGRESS' && t.transactionType === 'DEBIT') expected -= minor;
		}
		const figures = await balances(account.accountId);
		expect(figures.AVAILABLE).toBe(expected);
		expect(figures.TOTAL).toBe(figures.AVAILABLE + figures.LOCKED_IN + figures.LOCKED_OUT);
		// a token is only good with the arguments it was issued for
		const other = (await wallet('/accounts')).body.accounts[0].accountId;
		expect((await wallet('/transactions', { query: { accountId: other, nextPageToken: pages[0].body.nextPageToken } })).status).toBe(400);
	});

	test('a transfer waits for approval on its callBackURL, then locks the money, then completes', async () => {
		const account = await eurAccount();
		const before = await balances(account.accountId);
		const created = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, 1234.56) });
		expect(created.status).toBe(200);
		const { transaction, callBackURL } = created.body;
		expect(transaction).toMatchObject({ transactionStatus: 'PENDING_USER_APPROVAL', transactionType: 'DEBIT', transactionDescription: 'Rent March' });
		expect(transaction.transactionDestinationAccount.bankAccountNumberTail).toBe('000');
		expect(JSON.stringify(created.body)).not.toContain(IBAN);
		expect(callBackURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_emulator\/wallet\/transactions\/.+\/approve$/);
		expect(await balances(account.accountId)).toEqual(before);

		const approved = await fetch(callBackURL);
		expect(await approved.json()).toEqual({ transactionId: transaction.transactionId, transactionStatus: 'IN_PROGRESS' });
		const locked = await balances(account.accountId);
		expect(locked.AVAILABLE).toBe(before.AVAILABLE - 123456n);
		expect(locked.LOCKED_OUT).toBe(before.LOCKED_OUT + 123456n);
		expect(locked.TOTAL).toBe(before.TOTAL);

		await advance(DAY + HOUR);
		const done = await wallet(`/transactions/${transaction.transactionId}`);
		expect(done.body).toMatchObject({ transactionStatus: 'SUCCESSFUL', transactionActualCompletionDate: expect.any(String) });
		expect((await balances(account.accountId)).TOTAL).toBe(before.TOTAL - 123456n);
		// approving twice is refused, and so is an id nobody issued
		expect((await fetch(callBackURL)).status).toBe(400);
		const unknown = await fetch(`${emulator.url}/_emulator/wallet/transactions/amzn.transaction.NOPE/approve`, { method: 'POST' });
		expect([unknown.status, ((await unknown.json()) as Json).error]).toEqual([400, 'no Seller Wallet transaction amzn.transaction.NOPE']);
		// the control API is not Amazon: it leaves no trace in the request log
		expect(emulator.control.requests().some((entry) => entry.path.includes('/_emulator/'))).toBe(false);
	});

	test('an unapproved transfer expires after 24 hours; an approval without the money fails', async () => {
		const account = await eurAccount();
		const available = (await balances(account.accountId)).AVAILABLE;
		const first = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, Number(available) / 100) });
		const second = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, Number(available) / 100) });
		const third = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, 1) });
		expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
		const store = walletStore(emulator.control.state);
		store.approve(first.body.transaction.transactionId, emulator.control.now().getTime());
		// the second needs the same money, which the first has locked by now
		expect(store.approve(second.body.transaction.transactionId, emulator.control.now().getTime()).status).toBe('FAILED');
		expect((await wallet(`/transactions/${second.body.transaction.transactionId}`)).body).toMatchObject({
			transactionStatus: 'FAILED',
			transactionFailureReason: 'Insufficient Balance',
		});
		await advance(25 * HOUR);
		expect((await wallet(`/transactions/${third.body.transaction.transactionId}`)).body.transactionStatus).toBe('EXPIRED');
	});

	test("writes need both signature headers (400 in Amazon's words), and nothing is created without them", async () => {
		const account = await eurAccount();
		const count = walletStore(emulator.control.state).walletOf('eu').transactions.length;
		const unsigned = await wallet('/transactions', { method: 'POST', body: transferBody(account.accountId, 10) });
		expect(unsigned.status).toBe(400);
		expect(unsigned.body).toEqual({
			errors: [
				{ code: 'InvalidInput', message: 'Invalid or Missing signature.', details: 'Missing destAccountDigitalSignature' },
				{ code: 'InvalidInput', message: 'Invalid or Missing signature.', details: 'Missing amountDigitalSignature' },
			],
		});
		const half = await wallet('/transferSchedules', { method: 'POST', headers: { amountDigitalSignature: 'x' }, body: {} });
		expect(half.body.errors.map((e: Json) => e.details)).toEqual(['Missing destAccountDigitalSignature']);
		expect((await wallet('/transferSchedules', { method: 'PUT', body: {} })).status).toBe(400);
		expect(walletStore(emulator.control.state).walletOf('eu').transactions).toHaveLength(count);
	});

	test('422 for more than the available balance, 400 naming the field for bad transfers', async () => {
		const account = await eurAccount();
		const available = (await balances(account.accountId)).AVAILABLE;
		const tooMuch = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, Number(available + 1n) / 100) });
		expect(tooMuch.status).toBe(422);
		expect(tooMuch.body).toEqual({ errors: [{ code: 'InsufficientBalance', message: 'Insufficient Balance', details: 'Insufficient Balance' }] });
		const cases: Array<[Json, RegExp]> = [
			[{ sourceAmount: { currencyCode: 'GBP', currencyAmount: 10 } }, /currencyCode/],
			[{ sourceAmount: { currencyCode: 'EUR', currencyAmount: 10.001 } }, /currencyAmount/],
			[{ sourceAmount: { currencyCode: 'EUR', currencyAmount: -5 } }, /currencyAmount/],
			[{ requestTime: 'yesterday' }, /requestTime/],
			[{ customerPaymentReference: 'x'.repeat(141) }, /customerPaymentReference/],
			[{ transferRateDetails: { fxRateDetails: { fxRateId: 'made-up' } } }, /fxRateId/],
		];
		for (const [overrides, details] of cases) {
			const answer = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, 10, overrides) });
			expect([answer.status, answer.body.errors[0].details]).toEqual([400, expect.stringMatching(details)]);
		}
		const thirdParty = transferBody(account.accountId, 10);
		thirdParty.destinationTransactionInstrument.bankAccount.bankAccountOwnershipType = 'THIRD_PARTY';
		expect((await wallet('/transactions', { method: 'POST', headers: SIGNED, body: thirdParty })).body.errors[0].details).toMatch(/payeeContactInformation/);
		const wrongTail = transferBody(account.accountId, 10);
		wrongTail.destinationTransactionInstrument.bankAccount.bankAccountNumberTail = '999';
		expect((await wallet('/transactions', { method: 'POST', headers: SIGNED, body: wrongTail })).body.errors[0].details).toMatch(/Tail/);
		expect((await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody('amzn1.account.NOPE', 10) })).status).toBe(404);
	});

	test('a transfer honours a previewed rate only for the same currencies and amount, while it is valid', async () => {
		const account = await eurAccount();
		const preview = await wallet('/transferPreview', {
			query: { sourceCountryCode: 'DE', sourceCurrencyCode: 'EUR', destinationCountryCode: 'CN', destinationCurrencyCode: 'CNY', baseAmount: 500 },
		});
		expect(preview.status).toBe(200);
		expect(preview.body).toMatchObject({
			baseAmount: { currencyCode: 'EUR', currencyAmount: 500 },
			fxRateDetails: { baseRate: 7.6915, effectiveFxRate: 7.6084, rateDirection: 'BUY' },
			transferAmount: { currencyCode: 'CNY', currencyAmount: 3804.22 },
			fees: [
				{ feeType: 'TRANSACTION_FEE', feeRateValue: '0.9', feeAmount: { currencyCode: 'EUR', currencyAmount: 4.5 } },
				{ feeType: 'TAX', feeRateValue: '20.0', feeAmount: { currencyCode: 'EUR', currencyAmount: 0.9 } },
			],
		});
		const toChina = (amount: number): Json => {
			const body = transferBody(account.accountId, amount, { transferRateDetails: preview.body });
			Object.assign(body.destinationTransactionInstrument.bankAccount, { accountCountryCode: 'CN', accountCurrency: 'CNY', bankAccountNumberFormat: 'BBAN', bankAccountNumberTail: '321' });
			body.destinationTransactionInstrument.bankAccountNumber = '6222020200112233321';
			return body;
		};
		expect((await wallet('/transactions', { method: 'POST', headers: SIGNED, body: toChina(499) })).body.errors[0].details).toMatch(/another amount/);
		const honoured = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: toChina(500) });
		expect(honoured.body.transaction.transferRateDetails).toEqual(preview.body);
		await advance(31 * 60 * 1000);
		expect((await wallet('/transactions', { method: 'POST', headers: SIGNED, body: toChina(500) })).body.errors[0].details).toMatch(/Expired/);
		const badCountry = await wallet('/transferPreview', {
			query: { sourceCountryCode: 'DEU', sourceCurrencyCode: 'EUR', destinationCountryCode: 'CN', destinationCurrencyCode: 'CNY', baseAmount: 500 },
		});
		expect(badCountry.body.errors[0].details).toBe('Invalid sourceCountryCode: DEU');
	});

	test('transfer schedules: create, 409 for a second one to the same account, update, delete', async () => {
		const account = await eurAccount();
		const seeded = await wallet('/transferSchedules', { query: { accountId: account.accountId } });
		expect(seeded.status).toBe(200);
		const scheduleBody = {
			sourceAccountId: account.accountId,
			sourceCurrencyCode: 'EUR',
			destinationAccountId: 'amzn1.account.SUPPLIERBANK01',
			destinationTransactionInstrument: transferBody(account.accountId, 1).destinationTransactionInstrument,
			transactionType: 'DEBIT',
			transferScheduleInformation: {
				scheduleStartDate: '2025-04-01T00:00:00Z',
				scheduleEndDate: '2026-04-01T00:00:00Z',
				scheduleExpression: { scheduleExpressionType: 'RECURRING', recurringFrequency: 'WEEKLY' },
				scheduleType: 'TIME_BASED',
			},
			paymentPreference: { paymentPreferencePaymentType: 'PERCENTAGE', value: 25.5 },
		};
		const created = await wallet('/transferSchedules', { method: 'POST', headers: SIGNED, body: scheduleBody });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ transferScheduleStatus: 'ENABLED', transferScheduleFailures: [], paymentPreference: { value: 25.5 } });
		const again = await wallet('/transferSchedules', { method: 'POST', headers: SIGNED, body: scheduleBody });
		expect([again.status, again.body.errors[0].code]).toEqual([409, 'Conflict']);
		const id = created.body.transferScheduleId;
		const listed = await wallet('/transferSchedules', { query: { accountId: account.accountId } });
		expect(listed.body.transferSchedules.map((s: Json) => s.transferScheduleId)).toContain(id);

		const update = { ...created.body, transferScheduleStatus: 'DISABLED', paymentPreference: { paymentPreferencePaymentType: 'AMOUNT', value: 150 } };
		const updated = await wallet('/transferSchedules', { method: 'PUT', headers: SIGNED, body: update });
		expect(updated.body).toMatchObject({ transferScheduleStatus: 'DISABLED', paymentPreference: { paymentPreferencePaymentType: 'AMOUNT', value: 150 } });
		const deleted = await wallet(`/transferSchedules/${id}`, { method: 'DELETE' });
		expect(deleted.body).toEqual({ code: 'Successful', message: 'Deleted transfer schedule', details: `Deleted transfer schedule for ID ${id}` });
		expect((await wallet(`/transferSchedules/${id}`)).body.transferScheduleStatus).toBe('DELETED');
		expect((await wallet(`/transferSchedules/${id}`, { method: 'DELETE' })).status).toBe(400);
		expect((await wallet('/transferSchedules/amzn1.transferschedule.NOPE')).status).toBe(404);
		// once deleted, a new schedule to that account may be created again
		expect((await wallet('/transferSchedules', { method: 'POST', headers: SIGNED, body: scheduleBody })).status).toBe(200);
		const bad = { ...scheduleBody, transferScheduleInformation: { ...scheduleBody.transferScheduleInformation, scheduleExpression: { scheduleExpressionType: 'RECURRING' } } };
		expect((await wallet('/transferSchedules', { method: 'POST', headers: SIGNED, body: { ...bad, destinationAccountId: 'other' } })).body.errors[0].details).toMatch(/recurringFrequency/);
	});

	test('"fail after committing": the transfer exists although the caller saw a 500 or a reset', async () => {
		const account = await eurAccount();
		const count = (): number => walletStore(emulator.control.state).walletOf('eu').transactions.length;
		const start = count();
		emulator.control.injectFault({ operation: 'createTransaction', status: 500, afterEffect: true });
		const failed = await wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, 5) });
		expect(failed.status).toBe(500);
		expect(count()).toBe(start + 1);
		emulator.control.injectFault({ operation: 'createTransaction', connectionReset: true, afterEffect: true });
		await expect(wallet('/transactions', { method: 'POST', headers: SIGNED, body: transferBody(account.accountId, 6) })).rejects.toThrow();
		expect(count()).toBe(start + 2);
		expect(walletStore(emulator.control.state).walletOf('eu').transactions.slice(-2).map((t) => t.customerPaymentReference)).toEqual(['INV-2025-03', 'INV-2025-03']);
	});

	test('reads need the AISP role and writes the PISP role; without them Amazon answers 403', async () => {
		expect(requiredRole('listAccounts')).toBe('Account Information Service Provider');
		expect(requiredRole('getTransferPreview')).toBe('Account Information Service Provider');
		for (const write of ['createTransaction', 'createTransferSchedule', 'updateTransferSchedule', 'deleteScheduleTransaction'] as const) {
			expect(requiredRole(write)).toBe('Payment Initiation Service Provider');
		}
		const noRoles = await sellerToken(emulator, 'noRoles');
		const answer = await call(emulator, `${BASE}/accounts`, { token: noRoles, query: { marketplaceId: 'ATVPDKIKX0DER' } });
		expect(answer.status).toBe(403);
	});
});
