/**
 * The emulator's static sandbox (`/sandbox/{region}`): every case of the models' x-amzn-api-sandbox.static
 * answers with its status and body; anything else gets Amazon's "Could not match input arguments".
 */
import { OPERATIONS, type OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import { SANDBOX_CASES, type SandboxCase } from './generated/sandboxCases.generated';
import { startEmulator } from './index';
import { jsonEqual } from './sandbox';
import { grantlessToken, sellerToken, type HttpAnswer, type Json } from './testSupport';
import type { Emulator } from './types';

/** A case is shadowed when another one matches the same request and is preferred (more parameters, or earlier). */
function shadowedBy(list: readonly SandboxCase[], index: number): SandboxCase | undefined {
	const own = list[index];
	return list.find((other, otherIndex) => {
		if (otherIndex === index) return false;
		const covers = other.parameters.every((p) => own.parameters.some((q) => q.name === p.name && jsonEqual(q.value, p.value)));
		return covers && (other.parameters.length > own.parameters.length || (other.parameters.length === own.parameters.length && otherIndex < index));
	});
}

async function send(emulator: Emulator, token: string, operation: OperationKey, sandboxCase: SandboxCase, region = 'na'): Promise<HttpAnswer> {
	const spec = OPERATIONS[operation];
	let path: string = spec.path;
	const url = new URL(`${emulator.url}/sandbox/${region}`);
	const headers: Record<string, string> = { 'x-amz-access-token': token };
	let body: string | undefined;
	for (const parameter of sandboxCase.parameters) {
		const text = Array.isArray(parameter.value) ? parameter.value.join(',') : String(parameter.value);
		if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(text));
		else if (parameter.in === 'query') url.searchParams.set(parameter.name, text);
		else if (parameter.in === 'header') headers[parameter.name] = text;
		else if (parameter.in === 'body') body = JSON.stringify(parameter.value);
	}
	path = path.replace(/\{[^}]+\}/g, 'unnamed');
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${url.origin}${url.pathname}${path}${url.search}`, { method: spec.method, headers, body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : undefined, text };
}

describe('emulator static sandbox', () => {
	let emulator: Emulator;
	let sellerTokenNa: string;
	let appToken: string;
	beforeAll(async () => {
		emulator = await startEmulator({ enforceRateLimits: false, timeScale: 10 });
		sellerTokenNa = await sellerToken(emulator, 'na');
		appToken = await grantlessToken(emulator);
	});
	afterAll(() => emulator.close());

	test('every static case of every model answers with its own status and body', async () => {
		let checked = 0;
		const shadowed: Array<{ operation: OperationKey; status: number }> = [];
		for (const [operation, list] of Object.entries(SANDBOX_CASES) as Array<[OperationKey, readonly SandboxCase[]]>) {
			const token = OPERATIONS[operation].grantless ? appToken : sellerTokenNa;
			for (let index = 0; index < list.length; index++) {
				if (shadowedBy(list, index)) {
					shadowed.push({ operation, status: list[index].status });
					continue;
				}
				const answer = await send(emulator, token, operation, list[index]);
				expect([operation, index, answer.status]).toEqual([operation, index, list[index].status]);
				expect([operation, index, answer.body]).toEqual([operation, index, list[index].status === 204 ? undefined : list[index].response]);
				checked += 1;
			}
		}
		expect(checked).toBeGreaterThan(150);
		// Every Seller Wallet and Transfers case can be reached.
		const walletOrTransfers = (operation: OperationKey): boolean => OPERATIONS[operation].api === 'sellerWallet' || OPERATIONS[operation].model.includes('transfers_');
		expect(shadowed.filter((entry) => walletOrTransfers(entry.operation))).toEqual([]);
		expect(Object.keys(SANDBOX_CASES).filter((key) => walletOrTransfers(key as OperationKey))).toHaveLength(16);
		const sandboxRequests = emulator.control.requests().filter((entry) => entry.sandbox);
		expect(sandboxRequests).toHaveLength(checked);
	}, 60_000);

	test('the most specific case wins; a request matching none gets Amazon\'s "Could not match input arguments"', async () => {
		const previewCases = SANDBOX_CASES.getTransferPreview;
		const notFound = previewCases.find((c) => c.status === 404)!;
		// US/USD → US/USD also matches the 403 case (US → US); the 404 case names more parameters
		const answer = await send(emulator, sellerTokenNa, 'getTransferPreview', notFound);
		expect(answer.status).toBe(404);
		const unmatched = await send(emulator, sellerTokenNa, 'listAccounts', { status: 200, parameters: [{ name: 'marketplaceId', in: 'query', value: 'ATVPDKIKX0DER' }] });
		expect(unmatched.status).toBe(400);
		expect(unmatched.body).toEqual({ errors: [{ code: 'InvalidInput', message: 'Could not match input arguments', details: '' }] });
		expect(unmatched.headers.get('x-amzn-ratelimit-limit')).toBe('50');
	});

	test('a body must match whole: one changed field and the case no longer answers', async () => {
		const created = SANDBOX_CASES.createTransaction.find((c) => c.status === 200)!;
		const body = JSON.parse(JSON.stringify(created.parameters.find((p) => p.in === 'body')!.value)) as Json;
		body.requestTime = '2030-01-01T00:00:00Z';
		const changed: SandboxCase = { ...created, parameters: created.parameters.map((p) => (p.in === 'body' ? { ...p, value: body } : p)) };
		expect((await send(emulator, sellerTokenNa, 'createTransaction', changed)).status).toBe(400);
		expect((await send(emulator, sellerTokenNa, 'createTransaction', created)).body.callBackURL).toBe('https://www.example.com/callback/transaction_id');
	});

	test('sandbox credentials point at the sandbox prefix; production ones do not', () => {
		expect(emulator.credentialsFor('eu', { environment: 'sandbox' })).toMatchObject({ environment: 'sandbox', spApiEndpoint: `${emulator.url}/sandbox/{region}` });
		expect(emulator.credentialsFor('eu')).toMatchObject({ environment: 'production', spApiEndpoint: `${emulator.url}/{region}` });
	});

	test('sandbox still needs a valid token and the seller’s region', async () => {
		const listAccounts = SANDBOX_CASES.listAccounts[0];
		expect((await send(emulator, 'not-a-token', 'listAccounts', listAccounts)).status).toBe(403);
		expect((await send(emulator, sellerTokenNa, 'listAccounts', listAccounts, 'eu')).status).toBe(403);
	});
});
