/**
 * Money moved exactly once: the Seller Wallet node never repeats a transfer after a timeout, a 5xx or a
 * broken connection, says what to check instead and never claims success; one run never sends the
 * same customer payment reference twice; bad input is refused before any call; Amazon's refusals are
 * told in plain words; the full bank account number shows up nowhere.
 */
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { accountOf, IBAN, IBAN_SPACED, jsonOf, runWallet, SIGNATURES, transferParameters, visibleOfWalletNode, walletOf, WALLET_NODE } from './sellerWalletSupport';

describe('Seller Wallet node: money moved exactly once', () => {
	let emulator: Emulator;
	let eur: string;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 50 });
		eur = accountOf(emulator, 'EUR');
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	const createRequests = () => emulator.control.requests().filter((entry) => entry.operation === 'createTransaction');
	const storedWithReference = (reference: string) => walletOf(emulator).transactions.filter((t) => t.customerPaymentReference === reference);

	it('a second item with the same customer payment reference is an error item, not a second transfer', async () => {
		const result = await runWallet(emulator, {
			items: [
				{ reference: 'VAT-DE-2025-Q1', amount: '10.00' },
				{ reference: 'VAT-DE-2025-Q1', amount: '11.00' },
				{ reference: 'VAT-DE-2025-Q2', amount: '12.00' },
			],
			continueOnFail: true,
			parameters: transferParameters(eur, { customerPaymentReference: '={{ $json.reference }}', amount: '={{ $json.amount }}' }),
		});
		const items = result.output(WALLET_NODE);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(items[0].json).toMatchObject({ status: 'PENDING_USER_APPROVAL', customerPaymentReference: 'VAT-DE-2025-Q1' });
		expect(items[1].json.error).toMatch(/"VAT-DE-2025-Q1" was already sent to Amazon by item 1 of "Seller Wallet" in this run.*no second transfer was sent/);
		expect(items[2].json).toMatchObject({ status: 'PENDING_USER_APPROVAL', customerPaymentReference: 'VAT-DE-2025-Q2' });
		expect(createRequests()).toHaveLength(2);
		expect(storedWithReference('VAT-DE-2025-Q1')).toHaveLength(1);
		// a new run is a new execution: the same reference may be used again
		const again = await runWallet(emulator, { parameters: transferParameters(eur, { customerPaymentReference: 'VAT-DE-2025-Q1' }) });
		expect(jsonOf(again)[0].status).toBe('PENDING_USER_APPROVAL');
	});

	it('identical transfers without a reference: the second is refused unless allowed', async () => {
		const refused = await runWallet(emulator, { items: [{}, {}], continueOnFail: true, parameters: transferParameters(eur, { transactionDescription: 'Twice?' }) });
		expect(jsonOf(refused).map((json) => (json.error ? 'error' : json.status))).toEqual(['PENDING_USER_APPROVAL', 'error']);
		expect(String(jsonOf(refused)[1].error)).toMatch(/looks like a duplicate.*Allow Identical Transfers/);
		const allowed = await runWallet(emulator, { items: [{}, {}], parameters: transferParameters(eur, { transactionDescription: 'Twice!', options: { allowIdenticalTransfers: true } }) });
		expect(jsonOf(allowed).map((json) => json.status)).toEqual(['PENDING_USER_APPROVAL', 'PENDING_USER_APPROVAL']);
		expect(createRequests()).toHaveLength(3);
	});

	const UNCLEAR_CASES: Array<[string, () => void, Record<string, unknown>]> = [
		['HTTP 500 after Amazon committed', () => emulator.control.injectFault({ operation: 'createTransaction', status: 500, afterEffect: true }), {}],
		['a connection reset after Amazon committed', () => emulator.control.injectFault({ operation: 'createTransaction', connectionReset: true, afterEffect: true }), {}],
		[
			'a timeout after Amazon committed',
			() => emulator.control.injectFault({ operation: 'createTransaction', connectionReset: true, afterEffect: true, delayMs: 2500 }),
			{ options: { timeoutSeconds: 1 } },
		],
		['HTTP 408 from Amazon', () => emulator.control.injectFault({ operation: 'createTransaction', status: 408 }), {}],
	];

	it.each(UNCLEAR_CASES)('%s: sent once, never repeated, and the error says what to check without claiming success', async (_name, inject, extra) => {
		const reference = `PAY-${Math.random().toString(36).slice(2, 10)}`;
		const before = walletOf(emulator).transactions.length;
		inject();
		const result = await runWallet(emulator, { parameters: transferParameters(eur, { customerPaymentReference: reference, ...extra }) });
		const error = result.error(WALLET_NODE);
		expect(result.output(WALLET_NODE)).toEqual([]);
		expect(error?.message).toMatch(/^Unclear whether Amazon carried out the transfer of 125\.50 EUR .* to the account ending 471: .*may or may not have happened\. ACORN did not send it again\./);
		expect(error?.message).toContain(`list the transactions of Seller Wallet account ${eur} (this node: Transaction → Get Many)`);
		expect(error?.message).toContain(`customer payment reference ${reference}`);
		expect(error?.message).not.toMatch(/success|succeeded|completed|was created|has been sent/i);
		expect(createRequests()).toHaveLength(1);
		// what "fail after committing" means: Amazon has the transfer although the node saw a failure
		const created = walletOf(emulator).transactions.length - before;
		expect(created).toBe(_name.includes('408') ? 0 : 1);
		expect(storedWithReference(reference)).toHaveLength(created);
	}, 20_000);

	it('with Continue On Fail the unclear outcome is an error item with the facts to look the transfer up', async () => {
		emulator.control.injectFault({ operation: 'createTransaction', status: 503, afterEffect: true });
		const result = await runWallet(emulator, { continueOnFail: true, parameters: transferParameters(eur, { customerPaymentReference: 'INV-9001' }) });
		const [item] = jsonOf(result);
		expect(item).toMatchObject({
			outcome: 'unknown',
			mayHaveTakenEffect: true,
			httpStatus: 503,
			operation: 'createTransaction',
			checkBeforeRetrying: {
				sourceAccountId: eur,
				amount: { amount: '125.50', currency: 'EUR' },
				destinationAccountTail: '471',
				customerPaymentReference: 'INV-9001',
				requestedAt: expect.any(String),
				lookUpWith: 'Seller Wallet → Transaction → Get Many',
			},
		});
		expect(item.error).toMatch(/Unclear whether/);
		expect(item.status).toBeUndefined();
		expect(storedWithReference('INV-9001')).toHaveLength(1);
	});

	it('a 429 is waited out and repeated (Amazon did nothing), still exactly one transfer', async () => {
		emulator.control.injectFault({ operation: 'createTransaction', status: 429 });
		const result = await runWallet(emulator, { parameters: transferParameters(eur, { customerPaymentReference: 'THROTTLED-1' }) });
		expect(jsonOf(result)[0]).toMatchObject({ status: 'PENDING_USER_APPROVAL' });
		expect(createRequests().map((entry) => entry.status)).toEqual([429, 200]);
		expect(storedWithReference('THROTTLED-1')).toHaveLength(1);
	});

	it('422, 409, a refused signature and a missing role are told in plain words', async () => {
		const tooMuch = await runWallet(emulator, { continueOnFail: true, parameters: transferParameters(eur, { amount: '99999999.00', customerPaymentReference: 'BIG-1' }) });
		expect(jsonOf(tooMuch)[0]).toMatchObject({ httpStatus: 422, amazonCode: 'InsufficientBalance', mayHaveTakenEffect: false });
		expect(String(jsonOf(tooMuch)[0].error)).toMatch(/not enough available balance.*No money was moved\. Check the balance \(Account → Get Balances\)/);

		const schedule = {
			resource: 'transferSchedule',
			operation: 'create',
			marketplaceId: 'DE',
			sourceAccountId: eur,
			currency: 'EUR',
			destinationAccountId: 'amzn1.account.TWICE',
			destinationHolderName: 'Eichel & Söhne Handel Ltd.',
			destinationAccountNumber: IBAN,
			destinationCountry: 'DE',
			destinationCurrency: 'EUR',
			startDate: '2030-01-01T00:00:00Z',
			repeat: 'MONTHLY',
			paymentType: 'PERCENTAGE',
			paymentValue: '10',
			...SIGNATURES,
		};
		expect(jsonOf(await runWallet(emulator, { parameters: schedule }))[0].status).toBe('ENABLED');
		const conflict = await runWallet(emulator, { continueOnFail: true, parameters: schedule });
		expect(jsonOf(conflict)[0]).toMatchObject({ httpStatus: 409, error: expect.stringMatching(/already exists.*No schedule was created\. Change the existing one \(Transfer Schedule → Update\)/) });

		emulator.control.injectFault({
			operation: 'createTransaction',
			status: 400,
			body: { errors: [{ code: 'InvalidInput', message: 'Invalid or Missing signature.', details: 'Invalid destAccountDigitalSignature' }] },
		});
		const unsigned = await runWallet(emulator, { continueOnFail: true, parameters: transferParameters(eur, { customerPaymentReference: 'SIG-1' }) });
		expect(String(jsonOf(unsigned)[0].error)).toMatch(/did not accept the digital signatures.*No money was moved/);

		const noRolesRead = await runWallet(emulator, { seller: 'noRoles', continueOnFail: true, parameters: { resource: 'account', operation: 'getMany', marketplaceId: 'US' } });
		expect(String(jsonOf(noRolesRead)[0].error)).toMatch(/Account Information Service Provider/);
		const noRolesWrite = await runWallet(emulator, {
			seller: 'noRoles',
			continueOnFail: true,
			parameters: transferParameters('amzn1.account.ANY', { marketplaceId: 'US', currency: 'USD', customerPaymentReference: 'ROLE-1' }),
		});
		expect(String(jsonOf(noRolesWrite)[0].error)).toMatch(/Payment Initiation Service Provider/);
	});

	const EMPTY = '={{ $json.nothing ?? "" }}';
	const PAYEE = {
		payeeFirstName: 'Wei',
		payeeLastName: 'Li',
		payeeAddressLine1: '1 Keyuan Road',
		payeeCity: 'Shenzhen',
		payeeState: 'Guangdong',
		payeePostalCode: '518057',
		payeeCountryCode: 'CN',
		payeeEmail: 'ap@acorn-mfg.example',
		payeePhone: '+86 755 0000 0000',
	};
	const BAD_INPUT: Array<[string, Record<string, unknown>, RegExp]> = [
		['zero amount', { amount: '0' }, /"Amount" must be more than zero/],
		['a third decimal in EUR', { amount: '10.005' }, /"Amount" has 3 decimals, but EUR amounts have at most 2/],
		['decimals in JPY', { amount: '1500.5', currency: 'JPY' }, /JPY amounts have none/],
		['a currency that is not ISO 4217', { currency: 'RMB' }, /"Currency" must be a currency code in use \(ISO 4217\)/],
		['wrong IBAN check digits', { destinationAccountNumber: 'DE00 3704 0044 0532 0134 71' }, /The IBAN ending 471 is not valid/],
		['an IBAN of another country', { destinationCountry: 'FR' }, /belongs to country DE, but "Bank Country Code" is FR/],
		['an unknown country', { destinationCountry: 'XX', destinationNumberFormat: 'BBAN' }, /"Bank Country Code" must be a two-letter country code/],
		// n8n itself refuses empty required fields; an expression that comes out empty reaches the node
		['no holder name', { destinationHolderName: EMPTY }, /"Account Holder Name" is empty/],
		['a holder name over 50 characters', { destinationHolderName: 'H'.repeat(51) }, /at most 50/],
		["a payee missing for someone else's account", { destinationOwnership: 'THIRD_PARTY', ...PAYEE, payeeFirstName: EMPTY }, /"Payee First Name" is empty/],
		['a payee email that is none', { destinationOwnership: 'THIRD_PARTY', ...PAYEE, payeeEmail: 'not-an-email' }, /"Payee Email" not-an-email is not an email address/],
		['a missing signature', { amountDigitalSignature: EMPTY }, /"Amount Signature" is empty/],
		['a reference longer than 140 characters', { customerPaymentReference: 'R'.repeat(141) }, /at most 140/],
		['a preview for another amount', { transferRateDetails: JSON.stringify({ baseAmount: { currencyCode: 'EUR', currencyAmount: 100 }, fxRateDetails: { fxRateId: 'x' }, transferAmount: { currencyCode: 'EUR', currencyAmount: 100 }, fees: [] }) }, /preview was for 100\.00 EUR, but this transfer is 125\.50 EUR/],
		['a marketplace of another region', { marketplaceId: 'US' }, /belongs to the NA region/],
	];

	it.each(BAD_INPUT)('refuses %s before calling Amazon', async (_name, parameters, message) => {
		const result = await runWallet(emulator, { continueOnFail: true, parameters: transferParameters(eur, parameters) });
		expect(String(jsonOf(result)[0].error)).toMatch(message);
		expect(emulator.control.requests().filter((entry) => entry.operation)).toEqual([]);
	});

	it('shows the full bank account number nowhere: not in items, errors, hints or logs, also when Amazon echoes it', async () => {
		const runs = [
			await runWallet(emulator, { parameters: transferParameters(eur, { customerPaymentReference: 'MASK-1' }) }),
			await runWallet(emulator, { continueOnFail: true, parameters: transferParameters(eur, { destinationAccountNumber: 'DE00 3704 0044 0532 0134 71' }) }),
		];
		emulator.control.injectFault({
			operation: 'createTransaction',
			status: 400,
			body: { errors: [{ code: 'InvalidInput', message: `Invalid bankAccountNumber ${IBAN}`, details: `Account ${IBAN} is blocked` }] },
		});
		runs.push(await runWallet(emulator, { parameters: transferParameters(eur, { customerPaymentReference: 'MASK-2' }) }));
		emulator.control.injectFault({ operation: 'createTransaction', status: 500, afterEffect: true, body: { errors: [{ code: 'InternalFailure', message: `failed for ${IBAN_SPACED}` }] } });
		runs.push(await runWallet(emulator, { continueOnFail: true, parameters: transferParameters(eur, { customerPaymentReference: 'MASK-3' }) }));
		const echoed = runs[2].error(WALLET_NODE);
		expect(echoed?.message).toMatch(/^Amazon refused the transfer .* as invalid\. No money was moved\./);
		expect(echoed?.description).toMatch(/^Amazon said: Invalid bankAccountNumber \*\*\*\*471 \(Account \*\*\*\*471 is blocked\)$/m);
		expect(jsonOf(runs[3])[0].errors).toEqual([{ code: 'InternalFailure', message: 'failed for ****471' }]);
		const visible = runs.map(visibleOfWalletNode).join('\n');
		for (const form of [IBAN, IBAN_SPACED, IBAN.toLowerCase(), '0532013471', '0532 0134']) expect(visible).not.toContain(form);
		expect(visible).toContain('****471');
	});
});
