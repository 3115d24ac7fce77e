/** The Seller Wallet node's checks and wording, below n8n: amounts, banks, masking, error mapping. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { AccountNumberMask, isCountryCode, isValidIban, readCountry, tailOf } from '../../nodes/AmazonSpApiSellerWallet/actions/shared/bank';
import { walletError } from '../../nodes/AmazonSpApiSellerWallet/actions/shared/errors';
import { UnclearOutcomeError } from '../../nodes/sp-api/errors';
import { readAmount, readCurrency } from '../../nodes/AmazonSpApiSellerWallet/actions/shared/money';
import { claimOncePerExecution } from '../../nodes/sp-api/n8n/oncePerExecution';
import { hintForHttpError, SpApiError } from '../../nodes/sp-api/errors';
import { isActiveIsoCurrency } from '../../nodes/sp-api/money';
import { errorItemJson } from '../../nodes/sp-api/n8n/nodeErrors';
import { getOperation, UNPUBLISHED_USAGE_PLAN, usagePlanFor } from '../../nodes/sp-api/operations';

describe('amounts and currencies typed by a person', () => {
	it('keeps the currency’s decimals exactly and refuses more', () => {
		expect(readAmount('1234.5', 'EUR', 'Amount')).toEqual({ text: '1234.50', value: 1234.5, currency: 'EUR' });
		expect(readAmount('1,500', 'JPY', 'Amount')).toEqual({ text: '1500', value: 1500, currency: 'JPY' });
		expect(readAmount('1500.00', 'JPY', 'Amount').text).toBe('1500');
		expect(readAmount('0.125', 'KWD', 'Amount').text).toBe('0.125');
		// a number from an expression is read from its shortest decimal text, never by float maths
		expect(readAmount(1234.56, 'USD', 'Amount')).toEqual({ text: '1234.56', value: 1234.56, currency: 'USD' });
		expect(() => readAmount('1500.5', 'JPY', 'Amount')).toThrow(/JPY amounts have none/);
		expect(() => readAmount('1.234', 'USD', 'Amount')).toThrow(/3 decimals, but USD amounts have at most 2/);
		expect(() => readAmount('-5', 'USD', 'Amount')).toThrow(/more than zero/);
		expect(() => readAmount('12,3.4.5', 'USD', 'Amount')).toThrow(/plain amount/);
		expect(() => readAmount('', 'USD', 'Amount')).toThrow(/empty/);
		expect(() => readAmount('1e20', 'USD', 'Amount')).toThrow(/larger than any transfer/);
	});

	it('accepts ISO 4217 codes in use only', () => {
		for (const code of ['EUR', 'USD', 'GBP', 'JPY', 'CNY', 'HKD', 'PLN', 'SEK']) expect(isActiveIsoCurrency(code)).toBe(true);
		for (const code of ['RMB', 'EU', 'usd', 'XYZ', 'NTD', '', 'EURO']) expect(isActiveIsoCurrency(code)).toBe(false);
		expect(readCurrency(' cny ', 'Currency')).toBe('CNY');
		expect(() => readCurrency('RMB', 'Currency')).toThrow(/ISO 4217/);
	});
});

describe('bank details', () => {
	it('checks IBAN check digits (mod 97) and country codes', () => {
		for (const iban of ['DE89370400440532013000', 'GB29NWBK60161331926819', 'FR1420041010050500013M02606']) expect(isValidIban(iban)).toBe(true);
		// (the last one is the example in Amazon's Seller Wallet model: its check digits do not add up)
		for (const iban of ['DE89370400440532013001', 'GB00NWBK60161331926819', 'DE8937040044', 'XX89370400440532013000X', 'GB29RBOS60161331926819']) expect(isValidIban(iban)).toBe(false);
		expect(['CN', 'DE', 'GB', 'US', 'EU'].every(isCountryCode)).toBe(true);
		expect(['XX', 'ZZ', 'QQ', 'DEU', 'cn'].some(isCountryCode)).toBe(false);
		expect(readCountry('uk', 'Bank Country Code')).toBe('GB');
		expect(() => readCountry('XX', 'Bank Country Code')).toThrow(/two-letter country code/);
		expect(tailOf('6222 0202 0011 2233 321')).toBe('321');
	});

	it('masks account numbers as typed and as sent, to the last three characters', () => {
		const mask = new AccountNumberMask().add('DE89 3704 0044 0532 0130 00');
		expect(mask.text('bad DE89370400440532013000 and DE89 3704 0044 0532 0130 00 and de89370400440532013000')).toBe('bad ****000 and ****000 and ****000');
		expect(mask.deep({ errors: [{ details: 'x DE89370400440532013000' }], n: 1 })).toEqual({ errors: [{ details: 'x ****000' }], n: 1 });
	});
});

describe('what the node says when Amazon refuses or does not answer', () => {
	const write = { what: 'the transfer of 10.00 EUR', check: 'list the transactions of account A.', facts: { sourceAccountId: 'A' }, refusedNothingDone: 'No money was moved.' };
	const httpError = (key: Parameters<typeof getOperation>[0], status: number, mayHaveTakenEffect = false, errors = [{ code: 'X', message: 'm', details: 'd' }]) =>
		new SpApiError({ kind: 'http', operation: getOperation(key), httpStatus: status, errors, message: `${key} failed`, hint: 'core hint', mayHaveTakenEffect });

	it('turns a write with an unknown outcome into an UnclearOutcomeError that never claims success', () => {
		const mapped = walletError(httpError('createTransaction', 500, true), write) as UnclearOutcomeError;
		expect(mapped).toBeInstanceOf(UnclearOutcomeError);
		expect(mapped.hint).toBe(
			'Unclear whether Amazon carried out the transfer of 10.00 EUR: Amazon answered HTTP 500, so it may or may not have happened. ACORN did not send it again. Before running this item again, list the transactions of account A.',
		);
		expect(errorItemJson(mapped)).toMatchObject({ outcome: 'unknown', mayHaveTakenEffect: true, checkBeforeRetrying: { sourceAccountId: 'A' } });
		const network = new SpApiError({ kind: 'network', operation: getOperation('createTransaction'), message: 'reset', hint: 'h', mayHaveTakenEffect: true });
		expect((walletError(network, write) as SpApiError).hint).toMatch(/no answer came back/);
		// a cancelled execution is not an unclear outcome to report
		expect(walletError(new SpApiError({ kind: 'aborted', operation: getOperation('createTransaction'), message: 'stop', hint: 'stopped' }), write)).not.toBeInstanceOf(UnclearOutcomeError);
	});

	it('maps 422, 409, 408 (reads), 404, 403 and signature refusals to plain words', () => {
		expect((walletError(httpError('createTransaction', 422), write) as SpApiError).hint).toMatch(/^Amazon refused the transfer of 10\.00 EUR: not enough available balance .* No money was moved\./);
		expect((walletError(httpError('createTransferSchedule', 409), write) as SpApiError).hint).toMatch(/already exists\. .*Transfer Schedule → Update/);
		expect((walletError(httpError('sellerWallet.getTransaction', 408)) as SpApiError).hint).toMatch(/did not finish in time \(HTTP 408\).*Nothing was changed/);
		expect((walletError(httpError('getTransferSchedule', 404)) as SpApiError).hint).toMatch(/found no such Seller Wallet account, transaction or schedule/);
		expect((walletError(httpError('listAccounts', 403)) as SpApiError).hint).toMatch(/Account Information Service Provider/);
		expect((walletError(httpError('createTransaction', 403), write) as SpApiError).hint).toMatch(/Payment Initiation Service Provider/);
		expect((walletError(httpError('initiatePayout', 403), write) as SpApiError).hint).toMatch(/Finance and Accounting/);
		const signature = httpError('createTransaction', 400, false, [{ code: 'InvalidInput', message: 'Invalid or Missing signature.', details: 'Missing destAccountDigitalSignature' }]);
		expect((walletError(signature, write) as SpApiError).hint).toMatch(/did not accept the digital signatures/);
		// everything else keeps the core's advice
		expect((walletError(httpError('listAccounts', 415)) as SpApiError).hint).toBe('core hint');
	});

	it('has a general 409 hint in the core', () => {
		expect(hintForHttpError(getOperation('createTransferSchedule'), 409, [], { attempts: 1, mayHaveTakenEffect: false })).toMatch(/conflicts with something that already exists/);
	});
});

describe('once per execution', () => {
	const context = (executionId: string | undefined, nodeName = 'Wallet') =>
		({ getExecutionId: () => executionId, getNode: () => ({ name: nodeName }) }) as unknown as IExecuteFunctions;

	it('refuses a key a second time in the same execution, across items, nodes and reruns', async () => {
		const run = context('exec-1');
		await claimOncePerExecution(run, 0, { key: 'ref|A', describe: () => 'dup' });
		await expect(claimOncePerExecution(run, 1, { key: 'ref|A', describe: ({ item, nodeName }) => `item ${item} of ${nodeName}` })).rejects.toThrow('item 1 of Wallet');
		await expect(claimOncePerExecution(context('exec-1', 'Other'), 0, { key: 'ref|A', describe: () => 'again' })).rejects.toThrow('again');
		await expect(claimOncePerExecution(run, 0, { key: 'ref|A', describe: () => 'rerun' })).rejects.toThrow('rerun');
		await expect(claimOncePerExecution(context('exec-2'), 0, { key: 'ref|A', describe: () => 'other execution' })).resolves.toBeUndefined();
	});

	it('claims all keys of an item or none', async () => {
		const run = context('exec-3');
		await claimOncePerExecution(run, 0, { key: 'identical|X', describe: () => 'duplicate' });
		await expect(claimOncePerExecution(run, 1, { key: 'ref|C', describe: () => 'ref' }, { key: 'identical|X', describe: () => 'duplicate' })).rejects.toThrow('duplicate');
		// the refused item did not take its reference with it
		await expect(claimOncePerExecution(run, 2, { key: 'ref|C', describe: () => 'ref' })).resolves.toBeUndefined();
	});

	it('without an execution id, one node run is the scope', async () => {
		const first = context(undefined);
		const claim = { key: 'ref|B', describe: () => 'dup' };
		await claimOncePerExecution(first, 0, claim);
		await expect(claimOncePerExecution(first, 1, claim)).rejects.toThrow('dup');
		await expect(claimOncePerExecution(context(undefined), 0, claim)).resolves.toBeUndefined();
	});
});

describe('usage plan of Seller Wallet', () => {
	it('has no published plan: the core starts from its cautious default (production) and the sandbox plan (sandbox)', () => {
		expect(getOperation('createTransaction').rate).toBeNull();
		expect(usagePlanFor(getOperation('listAccounts'), 'production')).toBe(UNPUBLISHED_USAGE_PLAN);
		expect(usagePlanFor(getOperation('listAccounts'), 'sandbox')).toMatchObject({ rate: 5, burst: 15 });
		expect(usagePlanFor(getOperation('initiatePayout'), 'production')).toMatchObject({ rate: 0.017, burst: 2, published: true });
	});
});
