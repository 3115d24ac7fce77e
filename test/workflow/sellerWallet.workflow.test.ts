/**
 * The Seller Wallet node inside n8n-core against the emulator: every operation of Seller Wallet
 * 2024-03-01 and Transfers 2024-06-01, paging, load-options, the sandbox, and the usage plan adopted
 * from x-amzn-RateLimit-Limit.
 */
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { parseDecimal, sumMoney } from '../../nodes/sp-api/money';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { loadAcornPackage } from '../harness/n8nHarness';
import { accountOf, DE, IBAN, jsonOf, runWallet, SIGNATURES, transferParameters, walletOf, WALLET_NODE } from './sellerWalletSupport';

describe('Seller Wallet node: every operation through n8n', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 50, emptyPageEvery: 3 });
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	const requestsOf = (operation: string) => emulator.control.requests().filter((entry) => entry.operation === operation);

	it('loads as a community node with usableAsTool, icons and the credential test', async () => {
		const loader = await loadAcornPackage();
		const description = loader.types.nodes.find((node) => node.name === 'amazonSpApiSellerWallet');
		expect(description).toMatchObject({ usableAsTool: true, credentials: [{ name: 'amazonSpApi', testedBy: 'amazonSpApiConnectionTest' }] });
		expect(description?.codex?.categories).toEqual(['Finance & Accounting']);
		const node = loader.nodeTypes.amazonSpApiSellerWallet.type as INodeType;
		expect(Object.keys(node.methods?.loadOptions ?? {}).sort()).toEqual(['getMarketplaces', 'getWalletAccounts']);
	});

	it('Account: Get Many, Get and Get Balances (exact money; total = available + locked)', async () => {
		const accounts = jsonOf(await runWallet(emulator, { parameters: { resource: 'account', operation: 'getMany', marketplaceId: 'DE' } }));
		expect(accounts.map((a) => a.currency)).toEqual(['GBP', 'EUR']);
		expect(accounts[1]).toMatchObject({ bankName: 'Amazon Seller Wallet', bankAccountNumberTail: '000', holderStatus: 'ACTIVE', countryCode: 'DE' });
		const eur = String(accounts[1].accountId);
		const one = jsonOf(await runWallet(emulator, { parameters: { resource: 'account', operation: 'get', marketplaceId: DE, accountId: eur } }));
		expect(one).toEqual([accounts[1]]);
		const [balances] = jsonOf(
			await runWallet(emulator, { parameters: { resource: 'account', operation: 'getBalances', marketplaceId: DE, accountId: eur, options: { includeResponseMetadata: true } } }),
		);
		expect(balances).toMatchObject({ accountId: eur, currency: 'EUR', available: { currency: 'EUR', amount: expect.stringMatching(/^\d+\.\d{2}$/) } });
		const parts = [balances.available, balances.lockedIn, balances.lockedOut] as Array<{ amount: string; currency: string }>;
		expect(sumMoney(parts, 'EUR')).toEqual(balances.total);
		expect(balances.responseMetadata).toMatchObject({ operation: 'listAccountBalances', httpStatus: 200, rateLimit: '50' });
		expect(requestsOf('listAccountBalances')[0].query).toEqual({ marketplaceId: DE });
	});

	it('Transaction → Get Many follows nextPageToken across pages (and empty pages), or stops at the limit', async () => {
		const eur = accountOf(emulator, 'EUR');
		const all = jsonOf(await runWallet(emulator, { parameters: { resource: 'transaction', operation: 'getMany', marketplaceId: DE, accountId: eur, returnAll: true } }));
		const requests = requestsOf('listAccountTransactions');
		expect(all.length).toBeGreaterThan(100);
		expect(new Set(all.map((t) => t.transactionId)).size).toBe(all.length);
		expect(requests.length).toBeGreaterThanOrEqual(2);
		expect(requests.slice(1).every((entry) => entry.query.nextPageToken && entry.query.accountId === eur && entry.query.marketplaceId === DE)).toBe(true);
		expect(all[0]).toMatchObject({ type: expect.stringMatching(/DEBIT|CREDIT/), amount: { currency: 'EUR' }, requestedAtLocal: expect.stringMatching(/[+-]0[12]:00$/) });
		const china = all.find((t) => (t.destination as IDataObject | undefined)?.currency === 'CNY' && t.status === 'SUCCESSFUL');
		expect(china).toMatchObject({ finalAmount: { currency: 'CNY' }, fees: [{ type: 'TRANSACTION_FEE' }, { type: 'TAX' }] });
		emulator.control.clearRequests();
		const five = jsonOf(await runWallet(emulator, { parameters: { resource: 'transaction', operation: 'getMany', marketplaceId: DE, accountId: eur, returnAll: false, limit: 5 } }));
		expect(five.map((t) => t.transactionId)).toEqual(all.slice(0, 5).map((t) => t.transactionId));
		expect(requestsOf('listAccountTransactions').length).toBeLessThanOrEqual(2);
	});

	it('Transfer Preview → Create (honouring the rate) → Get; the approval link is the first field and a hint', async () => {
		const eur = accountOf(emulator, 'EUR');
		const [preview] = jsonOf(
			await runWallet(emulator, {
				parameters: { resource: 'transferPreview', operation: 'get', marketplaceId: DE, amount: '500', sourceCurrency: 'EUR', destinationCurrency: 'CNY', destinationCountry: 'CN' },
			}),
		);
		expect(preview).toMatchObject({
			sourceAmount: { amount: '500.00', currency: 'EUR' },
			transferAmount: { amount: '3804.22', currency: 'CNY' },
			baseRate: '7.6915',
			effectiveFxRate: '7.6084',
			totalFees: [{ amount: '5.40', currency: 'EUR' }],
		});
		expect(requestsOf('getTransferPreview')[0].query).toMatchObject({ sourceCountryCode: 'DE', baseAmount: '500.00', marketplaceId: DE });

		const result = await runWallet(emulator, {
			parameters: transferParameters(eur, {
				amount: '500',
				destinationOwnership: 'THIRD_PARTY',
				destinationHolderName: 'Shenzhen Acorn Manufacturing',
				destinationAccountNumber: '6222 0202 0011 2233 321',
				destinationNumberFormat: 'BBAN',
				destinationCountry: 'CN',
				destinationCurrency: 'CNY',
				destinationBankCode: 'BKCHCNBJ',
				payeeEntityType: 'BUSINESS',
				payeeFirstName: 'Wei',
				payeeLastName: 'Li',
				payeeAddressLine1: '1 Keyuan Road',
				payeeCity: 'Shenzhen',
				payeeState: 'Guangdong',
				payeePostalCode: '518057',
				payeeCountryCode: 'CN',
				payeeEmail: 'ap@acorn-mfg.example',
				payeePhone: '+86 755 0000 0000',
				customerPaymentReference: 'PO-77031',
				transferRateDetails: JSON.stringify(preview.transferRateDetails),
			}),
		});
		const [created] = jsonOf(result);
		expect(Object.keys(created)[0]).toBe('approvalUrl');
		expect(created).toMatchObject({
			approvalUrl: expect.stringMatching(/\/_emulator\/wallet\/transactions\/.+\/approve$/),
			status: 'PENDING_USER_APPROVAL',
			statusInWords: expect.stringMatching(/approve/),
			amount: { amount: '500.00', currency: 'EUR' },
			transferAmount: { amount: '3804.22', currency: 'CNY' },
			destination: { bankAccountNumberTail: '321', currency: 'CNY', ownership: 'THIRD_PARTY' },
			customerPaymentReference: 'PO-77031',
		});
		expect(created.callBackURL).toBe(created.approvalUrl);
		expect(result.run.data.resultData.runData[WALLET_NODE][0].hints).toEqual([expect.objectContaining({ message: expect.stringMatching(/approvalUrl/), type: 'warning' })]);
		const sent = requestsOf('createTransaction')[0];
		expect(sent.headers).toMatchObject({ destaccountdigitalsignature: SIGNATURES.destAccountDigitalSignature, amountdigitalsignature: SIGNATURES.amountDigitalSignature });
		const stored = walletOf(emulator).transactions.find((t) => t.transactionId === created.transactionId);
		expect(stored).toMatchObject({ customerPaymentReference: 'PO-77031', amountMinor: 50000, fxRateId: preview.fxRateId });

		// the account holder opens the link; then Get shows the money on its way
		expect((await fetch(String(created.approvalUrl))).status).toBe(200);
		const [fetched] = jsonOf(await runWallet(emulator, { parameters: { resource: 'transaction', operation: 'get', marketplaceId: DE, transactionId: created.transactionId } }));
		expect(fetched).toMatchObject({ transactionId: created.transactionId, status: 'IN_PROGRESS', expectedCompletionDate: expect.any(String) });
	});

	it('Transfer Schedule: Create, Get Many, Get, Update (keeps what is not changed), Delete', async () => {
		const gbp = accountOf(emulator, 'GBP');
		const [created] = jsonOf(
			await runWallet(emulator, {
				parameters: {
					resource: 'transferSchedule',
					operation: 'create',
					marketplaceId: 'UK',
					sourceAccountId: gbp,
					currency: 'GBP',
					destinationAccountId: 'amzn1.account.HOMEBANK0001',
					destinationHolderName: 'Eichel & Söhne Handel Ltd.',
					destinationAccountNumber: 'GB29 NWBK 6016 1331 9268 19',
					destinationCountry: 'GB',
					destinationCurrency: 'GBP',
					startDate: '2030-01-01T00:00:00Z',
					repeat: 'WEEKLY',
					paymentType: 'PERCENTAGE',
					paymentValue: '12.5',
					...SIGNATURES,
				},
			}),
		);
		expect(created).toMatchObject({ status: 'ENABLED', repeat: 'WEEKLY', paymentPreference: { type: 'PERCENTAGE', value: '12.5' }, destination: { bankAccountNumberTail: '819' } });
		const id = String(created.transferScheduleId);
		const listed = jsonOf(await runWallet(emulator, { parameters: { resource: 'transferSchedule', operation: 'getMany', marketplaceId: 'UK', accountId: gbp, returnAll: true } }));
		expect(listed.map((s) => s.transferScheduleId)).toContain(id);
		const [updated] = jsonOf(
			await runWallet(emulator, {
				parameters: { resource: 'transferSchedule', operation: 'update', marketplaceId: 'UK', transferScheduleId: id, updateFields: { status: 'DISABLED' }, ...SIGNATURES },
			}),
		);
		expect(updated).toMatchObject({ status: 'DISABLED', repeat: 'WEEKLY', startDate: '2030-01-01T00:00:00Z', paymentPreference: { value: '12.5' } });
		const [amountChange] = jsonOf(
			await runWallet(emulator, {
				parameters: { resource: 'transferSchedule', operation: 'update', marketplaceId: 'UK', transferScheduleId: id, updateFields: { paymentType: 'AMOUNT', paymentValue: '250.00', repeat: 'MONTHLY' }, ...SIGNATURES },
			}),
		);
		expect(amountChange).toMatchObject({ status: 'DISABLED', repeat: 'MONTHLY', paymentPreference: { type: 'AMOUNT', value: '250' } });
		const [deleted] = jsonOf(await runWallet(emulator, { parameters: { resource: 'transferSchedule', operation: 'delete', marketplaceId: 'UK', transferScheduleId: id } }));
		expect(deleted).toMatchObject({ transferScheduleId: id, deleted: true, code: 'Successful' });
		const [gone] = jsonOf(await runWallet(emulator, { parameters: { resource: 'transferSchedule', operation: 'get', marketplaceId: 'UK', transferScheduleId: id } }));
		expect(gone.status).toBe('DELETED');
	});

	it('Payout: Get Many (paged), Get Expected, Initiate; Payment Method: Get Many', async () => {
		const payouts = jsonOf(await runWallet(emulator, { parameters: { resource: 'payout', operation: 'getMany', marketplaceIds: [], returnAll: true } }));
		const groups = emulator.control.state.dataFor('eu').groups.filter((group) => group.fundTransferAt <= Date.now());
		expect(payouts).toHaveLength(groups.length);
		expect(requestsOf('listPayouts').length).toBeGreaterThan(1);
		const paid = payouts.find((p) => p.status === 'PAID');
		expect(paid).toMatchObject({ type: 'SCHEDULED', amount: { currency: expect.stringMatching(/EUR|GBP/) }, settlementId: paid?.payoutId, createdAtLocal: expect.any(String) });
		const group = groups.find((g) => g.settlementId === paid?.payoutId)!;
		expect(parseDecimal(String((paid?.amount as IDataObject).amount)).units).toBe(BigInt(group.totalMinor));

		const expected = jsonOf(await runWallet(emulator, { parameters: { resource: 'payout', operation: 'getExpected', marketplaceIds: ['DE'], returnAll: true } }));
		expect(expected).toEqual([expect.objectContaining({ status: 'SCHEDULED', marketplaceId: DE, amount: { amount: expect.any(String), currency: 'EUR' } })]);
		expect(requestsOf('listExpectedPayouts')[0].query.marketplaceIds).toBe(DE);

		const [initiated] = jsonOf(await runWallet(emulator, { parameters: { resource: 'payout', operation: 'initiate', marketplaceId: 'FR', accountType: 'Standard Orders' } }));
		expect(initiated).toMatchObject({ payoutReferenceId: expect.stringMatching(/^[\w-]{43}$/), marketplaceId: 'A13V1IB3VIYZZH' });
		expect(requestsOf('initiatePayout')[0]).toMatchObject({ status: 200 });

		const methods = jsonOf(await runWallet(emulator, { parameters: { resource: 'paymentMethod', operation: 'getMany', marketplaceId: DE, paymentMethodTypes: ['SELLER_WALLET', 'BANK_ACCOUNT'] } }));
		expect(methods.map((m) => m.type)).toEqual(['BANK_ACCOUNT', 'SELLER_WALLET', 'SELLER_WALLET']);
		expect(methods[0].isDefaultDepositMethod).toBe(true);
		expect(methods.filter((m) => m.type === 'SELLER_WALLET').map((m) => m.paymentMethodId)).toEqual(walletOf(emulator).accounts.map((a) => a.accountId));
		expect(requestsOf('getPaymentMethods')[0].query.paymentMethodTypes).toBe('SELLER_WALLET,BANK_ACCOUNT');
	});

	it('the account picker lists the accounts of the chosen marketplace, live from Amazon; until the form has what it needs it is an empty list, not an error', async () => {
		const loader = await loadAcornPackage();
		const node = loader.nodeTypes.amazonSpApiSellerWallet.type as INodeType;
		const loadOptions = node.methods!.loadOptions!.getWalletAccounts;
		const context = (marketplaceId: string, credential = true) =>
			({
				getCredentials: async () => {
					if (!credential) throw new Error('Node does not have any credentials set');
					return { ...emulator.credentialsFor('eu') };
				},
				getCurrentNodeParameter: (name: string) => (name === 'marketplaceId' ? marketplaceId : undefined),
				getNode: () => ({ id: 'wallet', name: 'Seller Wallet', type: 'n8n-nodes-acorn.amazonSpApiSellerWallet', typeVersion: 1, position: [0, 0], parameters: {} }),
				getExecutionCancelSignal: () => undefined,
				logger: { debug: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined },
			}) as never;
		const options = await loadOptions.call(context('DE'));
		expect(options.map((o) => o.value)).toEqual(walletOf(emulator).accounts.map((a) => a.accountId));
		expect(options[1].name).toMatch(/^EUR account/);
		// a new node: no marketplace yet, no credential yet, an expression, a store of another region — nothing to ask Amazon
		emulator.control.clearRequests();
		expect(await loadOptions.call(context(''))).toEqual([]);
		expect(await loadOptions.call(context('DE', false))).toEqual([]);
		expect(await loadOptions.call(context('={{ $json.marketplace }}'))).toEqual([]);
		expect(await loadOptions.call(context('US'))).toEqual([]);
		expect(requestsOf('listAccounts')).toHaveLength(0);
		// Amazon's own refusal, once there is something to ask, is still said
		emulator.control.injectFault({ operation: 'listAccounts', status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] } });
		await expect(loadOptions.call(context('DE'))).rejects.toThrow(/./);
		// the account field says what to do while its list is empty; both signatures say what they are and where they come from
		const fields = (node.description.properties as INodeProperties[]).filter((field) => ['accountId', 'sourceAccountId', 'destAccountDigitalSignature', 'amountDigitalSignature'].includes(field.name));
		for (const field of fields.filter((f) => f.name.endsWith('ccountId'))) expect(field.placeholder).toBe('Choose the marketplace first');
		for (const field of fields.filter((f) => f.name.endsWith('Signature'))) expect(field.hint).toMatch(/payment service provider.*(ask|Ask)/);
	});

	it('never shows the full bank account number of a successful transfer', async () => {
		const result = await runWallet(emulator, { parameters: transferParameters(accountOf(emulator, 'EUR'), { transactionDescription: 'Masking check' }) });
		const visible = JSON.stringify({ data: result.run.data.resultData.runData[WALLET_NODE], logs: result.logs });
		expect(jsonOf(result)[0].destination).toMatchObject({ bankAccountNumberTail: '471' });
		expect(visible).not.toContain(IBAN);
		expect(visible).not.toContain('0532 0134');
	});
});

describe('Seller Wallet node: the usage plan nobody published', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		// x-amzn-RateLimit-Limit will say 40 requests per second; the emulator's bucket holds 5
		emulator = await startEmulator({ timeScale: 40 });
	});
	afterAll(async () => emulator.close());

	it('starts at a cautious 0.5/s and adopts the rate Amazon announces, so 15 calls take seconds, not half a minute', async () => {
		const account = accountOf(emulator, 'USD', 'na2');
		const started = Date.now();
		const result = await runWallet(emulator, {
			seller: 'na2',
			items: Array.from({ length: 15 }, (_, index) => ({ index })),
			parameters: { resource: 'account', operation: 'getBalances', marketplaceId: 'US', accountId: account, options: { includeResponseMetadata: true } },
		});
		const elapsed = Date.now() - started;
		const items = jsonOf(result);
		expect(items).toHaveLength(15);
		expect(items.every((item) => (item.responseMetadata as IDataObject).rateLimit === '40')).toBe(true);
		const statuses = emulator.control.requests().filter((entry) => entry.operation === 'listAccountBalances').map((entry) => entry.status);
		// pacing at exactly Amazon's rate: on a loaded machine one request can arrive a few ms early and be
		// throttled (then retried); more than that would mean the announced rate was not adopted
		expect(statuses.filter((status) => status === 200)).toHaveLength(15);
		expect(statuses.filter((status) => status === 429).length).toBeLessThanOrEqual(1);
		// at the starting 0.5/s with a burst of 5, ten more calls would need 20 s
		expect(elapsed).toBeLessThan(8_000);
	}, 30_000);
});

describe('Seller Wallet node in the sandbox', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 10 });
	});
	afterAll(async () => emulator.close());

	it("answers with the model's static sandbox cases when the credential says sandbox", async () => {
		const [account] = jsonOf(
			await runWallet(emulator, {
				environment: 'sandbox',
				parameters: { resource: 'account', operation: 'get', marketplaceId: 'ES', accountId: 'accountIdCase200', options: { includeResponseMetadata: true } },
			}),
		);
		expect(account).toMatchObject({ accountId: 'amzn1.account.AGUGL2EM3ZHYSRJWH2UCRPIM5JFQ', currency: 'USD', bankName: 'Amazon Seller Wallet' });
		expect((account.responseMetadata as IDataObject).rateLimit).toBe('50');
		const [preview] = jsonOf(
			await runWallet(emulator, {
				environment: 'sandbox',
				parameters: {
					resource: 'transferPreview',
					operation: 'get',
					marketplaceId: 'ES',
					amount: '500',
					sourceCurrency: 'EUR',
					destinationCurrency: 'CNY',
					destinationCountry: 'CN',
					options: { sourceCountry: 'EU' },
				},
			}),
		);
		expect(preview).toMatchObject({ transferAmount: { amount: '3804.20', currency: 'CNY' }, fxRateId: 'UNIQUE_FX_RATE_ID_1', totalFees: [{ amount: '5.40', currency: 'EUR' }] });
		const [deleted] = jsonOf(
			await runWallet(emulator, { environment: 'sandbox', parameters: { resource: 'transferSchedule', operation: 'delete', marketplaceId: 'ES', transferScheduleId: 'transferScheduleIdCase200' } }),
		);
		expect(deleted).toMatchObject({ deleted: true, details: 'Deleted transfer schedule for ID transferScheduleIdCase200' });
		expect(emulator.control.requests().filter((entry) => entry.operation).every((entry) => entry.sandbox === true)).toBe(true);
	});
});
