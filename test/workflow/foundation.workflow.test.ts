import type { ICredentialDataDecryptedObject, INodeType } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAcornPackage, REPO_ROOT, runWorkflow, spApiCredentialRef, type WorkflowResult } from '../harness/n8nHarness';

const START = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };

function credentialsOf(emulator: Emulator, seller: SellerFixtureKey): ICredentialDataDecryptedObject {
	return { ...emulator.credentialsFor(seller) } as unknown as ICredentialDataDecryptedObject;
}

function sellerAccountWorkflow(emulator: Emulator, seller: SellerFixtureKey, parameters: Record<string, unknown> = {}) {
	return {
		nodes: [
			START,
			{
				name: 'Seller Account',
				type: 'n8n-nodes-acorn.amazonSpApiSellers',
				parameters: { resource: 'seller', operation: 'getMarketplaceParticipations', ...parameters },
				credentials: spApiCredentialRef(),
			},
		],
		connections: { Start: ['Seller Account'] },
		credentials: { amazonSpApi: credentialsOf(emulator, seller) },
	};
}

function eventGroupsWorkflow(emulator: Emulator, seller: SellerFixtureKey, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return {
		nodes: [
			START,
			{
				name: 'Finances',
				type: 'n8n-nodes-acorn.amazonSpApiFinances',
				parameters: { resource: 'financialEventGroup', operation: 'getMany', ...parameters },
				credentials: spApiCredentialRef(),
				...extra,
			},
		],
		connections: { Start: ['Finances'] },
		credentials: { amazonSpApi: credentialsOf(emulator, seller) },
	};
}

/** Every secret the run could have leaked: the credential's and every access token the emulator saw. */
function secretsOf(emulator: Emulator, seller: SellerFixtureKey): string[] {
	const credential = emulator.credentialsFor(seller);
	const tokens = emulator.control
		.requests()
		.map((r) => r.headers['x-amz-access-token'])
		.filter((t): t is string => typeof t === 'string' && t.length > 0);
	return [credential.clientSecret, credential.refreshToken, ...new Set(tokens)];
}

function everythingVisible(result: WorkflowResult): string {
	return JSON.stringify({
		runData: result.run.data.resultData.runData,
		error: result.run.data.resultData.error,
		logs: result.logs,
	});
}

describe('the built package inside n8n-core', () => {
	it('loads through PackageDirectoryLoader like a community package', async () => {
		const loader = await loadAcornPackage();
		// every node and credential package.json registers, and nothing else
		const n8nSection = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } }).n8n;
		const classNames = (files: string[], suffix: string) =>
			files.map((file) => {
				const base = file.split('/').pop()!.replace(suffix, '');
				return base.charAt(0).toLowerCase() + base.slice(1);
			});
		const registered = classNames(n8nSection.nodes, '.node.js');
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([...registered].sort());
		expect(registered).toEqual(expect.arrayContaining(['amazonSpApiFinances', 'amazonSpApiSellers']));
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(classNames(n8nSection.credentials, '.credentials.js').sort());
		for (const description of loader.types.nodes) {
			// trigger nodes start workflows; only action nodes can be tools of an AI agent
			if (!description.group.includes('trigger')) expect(description.usableAsTool).toBe(true);
			expect(description.iconUrl).toEqual({ light: expect.stringMatching(/acorn\.svg$/), dark: expect.stringMatching(/acorn\.dark\.svg$/) });
			expect(description.codex?.categories?.length).toBeGreaterThan(0);
			expect(description.credentials?.[0]).toMatchObject({ name: 'amazonSpApi', testedBy: 'amazonSpApiConnectionTest' });
		}
		expect(loader.types.credentials.find((c) => c.name === 'amazonSpApi')?.supportedNodes).toEqual(expect.arrayContaining(['amazonSpApiSellers', 'amazonSpApiFinances']));
	});
});

describe('workflows against the emulator', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100, historyDays: 400, emptyPageEvery: 3 });
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	it('lists marketplace participations of a NA seller', async () => {
		const result = await runWorkflow(sellerAccountWorkflow(emulator, 'na', { options: { includeResponseMetadata: true } }));
		const items = result.output('Seller Account');
		expect(items.map((i) => i.json.countryCode).sort()).toEqual(['CA', 'MX', 'US']);
		expect(items[0].json.responseMetadata).toMatchObject({ operation: 'getMarketplaceParticipations', httpStatus: 200, requestId: expect.any(String) });
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('pages settlement periods over several 180-day windows, across empty pages', async () => {
		const result = await runWorkflow(eventGroupsWorkflow(emulator, 'eu', { returnAll: true, startedAfter: new Date(Date.now() - 390 * 86_400_000).toISOString() }));
		const groups = result.output('Finances');
		const requests = emulator.control.requests().filter((r) => r.operation === 'listFinancialEventGroups');
		expect(groups.length).toBeGreaterThan(20);
		expect(new Set(groups.map((g) => g.json.financialEventGroupId)).size).toBe(groups.length);
		expect(new Set(groups.map((g) => (g.json.originalTotal as { currency: string }).currency))).toEqual(new Set(['GBP', 'EUR']));
		expect(requests.length).toBeGreaterThan(3);
		expect(requests.every((r) => r.status === 200)).toBe(true);
	});

	it('keeps going when the access token expires in the middle of a run', async () => {
		let expired = false;
		// Amazon-side expiry right after the first page, while the client still trusts its token
		const stop = emulator.control.onResponse((entry) => {
			if (!expired && entry.operation === 'listFinancialEventGroups' && entry.status === 200) {
				emulator.control.expireAccessTokens();
				expired = true;
			}
		});
		try {
			const result = await runWorkflow(eventGroupsWorkflow(emulator, 'eu', { returnAll: true, startedAfter: new Date(Date.now() - 390 * 86_400_000).toISOString() }));
			expect(result.output('Finances').length).toBeGreaterThan(20);
		} finally {
			stop();
		}
		const log = emulator.control.requests().filter((r) => r.operation === 'listFinancialEventGroups' || r.tokenKind === 'lwa');
		const refused = log.findIndex((r) => r.status === 403);
		expect(expired).toBe(true);
		expect(refused).toBeGreaterThan(0);
		// one refresh, then the same page again, then the rest of the pages
		expect(log[refused + 1]).toMatchObject({ tokenKind: 'lwa', status: 200 });
		expect(log[refused + 2]).toMatchObject({ operation: 'listFinancialEventGroups', status: 200, query: log[refused].query });
		expect(log.filter((r) => r.status === 403)).toHaveLength(1);
		expect(log.length - refused).toBeGreaterThan(3);
	});

	it('rides out a burst of 429s and still returns everything', async () => {
		// after the first answer the client knows the (time-scaled) rate from x-amzn-RateLimit-Limit
		emulator.control.injectFault({ operation: 'listFinancialEventGroups', status: 429, count: 4, afterRequests: 1 });
		const result = await runWorkflow(eventGroupsWorkflow(emulator, 'na2', { returnAll: true, startedAfter: new Date(Date.now() - 390 * 86_400_000).toISOString() }));
		const statuses = emulator.control.requests().filter((r) => r.operation === 'listFinancialEventGroups').map((r) => r.status);
		expect(statuses.filter((s) => s === 429)).toHaveLength(4);
		expect(statuses.slice(0, 6)).toEqual([200, 429, 429, 429, 429, 200]);
		expect(statuses.at(-1)).toBe(200);
		expect(result.output('Finances').length).toBeGreaterThan(0);
	}, 60_000);

	it('refuses bad dates before calling Amazon, and Continue On Fail turns it into an error item', async () => {
		const future = new Date(Date.now() + 86_400_000).toISOString();
		const failing = await runWorkflow(eventGroupsWorkflow(emulator, 'na', { startedAfter: future }));
		expect(failing.error('Finances')?.message).toMatch(/future/);
		const continuing = await runWorkflow(eventGroupsWorkflow(emulator, 'na', { startedAfter: future }, { continueOnFail: true }));
		expect(continuing.output('Finances')).toEqual([{ json: { error: expect.stringMatching(/future/) }, pairedItem: { item: 0 } }]);
		expect(emulator.control.requests().filter((r) => r.operation === 'listFinancialEventGroups')).toHaveLength(0);
	});

	it("explains a missing role with Amazon's words and the request id", async () => {
		const result = await runWorkflow(eventGroupsWorkflow(emulator, 'noRoles', { returnAll: true }, { continueOnFail: true }));
		const [item] = result.output('Finances');
		expect(item.json).toMatchObject({ httpStatus: 403, amazonCode: 'Unauthorized', operation: 'listFinancialEventGroups', requestId: expect.any(String) });
		expect(String(item.json.error)).toMatch(/role/);
	});

	it('never shows a secret in items, errors or logs', async () => {
		const runs = [
			await runWorkflow(sellerAccountWorkflow(emulator, 'fe', { options: { includeResponseMetadata: true } })),
			await runWorkflow(eventGroupsWorkflow(emulator, 'noRoles', { returnAll: true })),
			await runWorkflow(eventGroupsWorkflow(emulator, 'noRoles', { returnAll: true }, { continueOnFail: true })),
		];
		emulator.control.injectFault({ operation: 'lwaToken', status: 500, body: { error: 'server_error' } });
		runs.push(await runWorkflow(sellerAccountWorkflow(emulator, 'appB')));
		const visible = runs.map(everythingVisible).join('\n');
		const secrets = [...secretsOf(emulator, 'fe'), ...secretsOf(emulator, 'noRoles'), ...secretsOf(emulator, 'appB')];
		expect(secrets.length).toBeGreaterThan(6);
		for (const secret of secrets) expect(visible).not.toContain(secret);
		expect(runs[1].error('Finances')).toBeDefined();
	});
});

describe('credential test (real calls, plain words)', () => {
	let emulator: Emulator;
	let test: (data: Record<string, unknown>) => Promise<{ status: string; message: string }>;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100 });
		const loader = await loadAcornPackage();
		const node = loader.nodeTypes.amazonSpApiSellers.type as INodeType;
		const fn = node.methods!.credentialTest!.amazonSpApiConnectionTest;
		test = async (data) =>
			await fn.call({ logger: { debug: () => undefined, warn: () => undefined } } as never, { id: '1', name: 'x', type: 'amazonSpApi', data: data as never });
	});
	afterAll(async () => emulator.close());

	it('succeeds and names the store and the stores it sells in, in English or Chinese', async () => {
		const result = await test({ ...emulator.credentialsFor('eu') });
		expect(result).toEqual({ status: 'OK', message: 'Connected to "Eichel & Söhne Handel" — amazon.co.uk, amazon.de, amazon.fr, amazon.it, amazon.es.' });
		process.env.ACORN_LANGUAGE = 'zh-CN';
		try {
			const chinese = await test({ ...emulator.credentialsFor('na') });
			expect(chinese).toEqual({ status: 'OK', message: '已连接“Acorn Outdoor Supply”— amazon.com, amazon.ca, amazon.com.mx。' });
			const wrongRegion = await test({ ...emulator.credentialsFor('fe'), region: 'EU' });
			expect(wrongRegion.message).toMatch(/FE.*EU/);
			expect(wrongRegion.message).toMatch(/[\u4e00-\u9fff]/);
		} finally {
			delete process.env.ACORN_LANGUAGE;
		}
	});

	it('says the client id or secret is wrong', async () => {
		const result = await test({ ...emulator.credentialsFor('na'), clientSecret: 'wrong-secret-value' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/Step 1.*Client ID or Client Secret/) });
	});

	it('says the refresh token was revoked', async () => {
		emulator.control.revokeRefreshToken('na2');
		const result = await test({ ...emulator.credentialsFor('na2') });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/refresh token.*revoked/) });
	});

	it('says the app lacks a role', async () => {
		const result = await test({ ...emulator.credentialsFor('noRoles') });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/lacks a role/) });
	});

	it('says which region the seller really is in', async () => {
		const result = await test({ ...emulator.credentialsFor('fe'), region: 'EU' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/region FE.*not EU.*Change "Region" to FE/) });
	});

	it('says the endpoint is unreachable', async () => {
		const result = await test({ ...emulator.credentialsFor('na'), spApiEndpoint: 'http://127.0.0.1:9/{region}' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/could not be reached/) });
	});
});
