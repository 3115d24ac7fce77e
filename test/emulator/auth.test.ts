import { OPERATIONS, type OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import { ROUTES } from './routes';
import { startEmulator } from './index';
import { call, grantlessToken, sellerToken } from './testSupport';
import type { Emulator } from './types';

const denied = (details: string) => ({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details }] });
const PARTICIPATIONS = '/sellers/v1/marketplaceParticipations';
const GROUPS = '/finances/v0/financialEventGroups';

describe('emulator SP-API auth and routing', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ now: '2025-03-15T12:00:00Z', tokenLifetimeSeconds: 600 });
	});
	afterEach(() => emulator.close());

	test('missing and garbled tokens', async () => {
		const missing = await call(emulator, PARTICIPATIONS);
		expect(missing.status).toBe(403);
		expect(missing.body).toEqual(denied('Access token is missing in the request header.'));
		const garbled = await call(emulator, PARTICIPATIONS, { token: ['Atza', 'not-a-token'].join('|') });
		expect(garbled.status).toBe(403);
		expect(garbled.body).toEqual(denied('The access token you provided is revoked, malformed or invalid.'));
		expect(garbled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
	});

	test('a token expires after its lifetime on the emulator clock', async () => {
		const token = await sellerToken(emulator, 'na');
		emulator.control.advanceClock(599_000);
		expect((await call(emulator, PARTICIPATIONS, { token })).status).toBe(200);
		emulator.control.advanceClock(2_000);
		const expired = await call(emulator, PARTICIPATIONS, { token });
		expect(expired.status).toBe(403);
		expect(expired.body).toEqual(denied('The access token you provided has expired.'));
	});

	test('expireAccessTokens expires every token issued so far, not later ones', async () => {
		const seller = await sellerToken(emulator, 'na');
		const grantless = await grantlessToken(emulator);
		emulator.control.expireAccessTokens();
		expect((await call(emulator, PARTICIPATIONS, { token: seller })).body).toEqual(denied('The access token you provided has expired.'));
		expect((await call(emulator, '/notifications/v1/destinations', { token: grantless })).body).toEqual(
			denied('The access token you provided has expired.'),
		);
		expect((await call(emulator, PARTICIPATIONS, { token: await sellerToken(emulator, 'na') })).status).toBe(200);
	});

	test('grantless and seller tokens only work on their own kind of operation', async () => {
		const grantless = await grantlessToken(emulator);
		const onSellerOperation = await call(emulator, PARTICIPATIONS, { token: grantless });
		expect(onSellerOperation.status).toBe(403);
		expect(onSellerOperation.body).toEqual(denied(''));
		const onGrantlessOperation = await call(emulator, '/notifications/v1/destinations', { token: await sellerToken(emulator, 'na') });
		expect(onGrantlessOperation.status).toBe(403);
		expect(onGrantlessOperation.body).toEqual(denied(''));
	});

	test('a seller token works on its own region prefix and the bare path only', async () => {
		const na = await sellerToken(emulator, 'na');
		expect((await call(emulator, PARTICIPATIONS, { token: na, region: 'NA' })).status).toBe(200);
		expect((await call(emulator, PARTICIPATIONS, { token: na, region: null })).status).toBe(200);
		for (const region of ['EU', 'FE'] as const) {
			const other = await call(emulator, PARTICIPATIONS, { token: na, region });
			expect(other.status).toBe(403);
			expect(other.body).toEqual(denied(''));
		}
		const eu = await sellerToken(emulator, 'eu');
		expect((await call(emulator, PARTICIPATIONS, { token: eu, region: 'EU' })).status).toBe(200);
		expect((await call(emulator, PARTICIPATIONS, { token: eu, region: 'NA' })).status).toBe(403);
	});

	test('roles: the noRoles seller fails role-protected and any-role operations', async () => {
		const token = await sellerToken(emulator, 'noRoles');
		for (const path of [PARTICIPATIONS, '/sellers/v1/account', GROUPS, '/finances/2024-06-19/balances', '/orders/v0/orders']) {
			const answer = await call(emulator, path, { token });
			expect([path, answer.status, answer.body]).toEqual([path, 403, denied('')]);
		}
		// The same operations pass auth for a seller holding the roles.
		const na = await sellerToken(emulator, 'na');
		expect((await call(emulator, GROUPS, { token: na })).status).toBe(200);
		expect((await call(emulator, '/orders/v0/orders', { token: na })).status).toBe(501);
	});

	test('app B and its seller are separate from app A', async () => {
		const token = await sellerToken(emulator, 'appB');
		const answer = await call(emulator, '/sellers/v1/account', { token });
		expect(answer.status).toBe(200);
		expect(answer.body.payload.marketplaceParticipationList[0].storeName).toBe(emulator.fixtures.sellers.appB.storeName);
	});

	test('unknown paths answer 404; known but unimplemented operations 501 naming the operation', async () => {
		const token = await sellerToken(emulator, 'na');
		const unknown = await call(emulator, '/finances/v9/nothing', { token });
		expect(unknown.status).toBe(404);
		expect(unknown.body.errors[0].code).toBe('NotFound');
		const wrongMethod = await call(emulator, PARTICIPATIONS, { token, method: 'DELETE' });
		expect(wrongMethod.status).toBe(404);
		// any seller GET the emulator does not implement yet (the set shrinks as APIs are added)
		const candidate = (Object.keys(OPERATIONS) as OperationKey[]).find((key) => {
			const spec = OPERATIONS[key];
			return !ROUTES[key] && spec.method === 'GET' && !spec.grantless && !spec.sandboxOnly && spec.parameters.every((p) => p.in === 'path' || !p.required);
		});
		if (!candidate) return;
		const unimplemented = await call(emulator, OPERATIONS[candidate].path.replace(/\{[^}]+\}/g, '123'), { token });
		expect(unimplemented.status).toBe(501);
		expect(unimplemented.body).toEqual({
			errors: [{ code: 'NotImplemented', message: `The SP-API emulator does not implement ${candidate} yet.`, details: '' }],
		});
	});

	test('every answer carries a unique request id, Date on the emulator clock and JSON content type', async () => {
		const token = await sellerToken(emulator, 'na');
		const answers = [await call(emulator, PARTICIPATIONS, { token }), await call(emulator, PARTICIPATIONS), await call(emulator, '/nope', { token })];
		const ids = answers.map((answer) => answer.headers.get('x-amzn-requestid'));
		expect(new Set(ids).size).toBe(3);
		for (const answer of answers) {
			expect(answer.headers.get('content-type')).toBe('application/json');
			expect(answer.headers.get('date')?.startsWith('Sat, 15 Mar 2025')).toBe(true);
		}
	});

	test('the request log names operation, region, seller and token kind, with the path stripped of its prefix', async () => {
		const token = await sellerToken(emulator, 'eu');
		emulator.control.clearRequests();
		await call(emulator, GROUPS, { token, region: 'EU', query: { MaxResultsPerPage: 5 } });
		await call(emulator, GROUPS, { region: 'EU' });
		const [ok, anonymous] = emulator.control.requests();
		expect(ok).toMatchObject({
			method: 'GET',
			path: GROUPS,
			region: 'EU',
			query: { MaxResultsPerPage: '5' },
			operation: 'listFinancialEventGroups',
			status: 200,
			sellerId: emulator.fixtures.sellers.eu.sellerId,
			clientId: emulator.fixtures.apps.A.clientId,
			tokenKind: 'seller',
		});
		expect(ok.headers['x-amz-access-token']).toBe(token);
		expect(anonymous).toMatchObject({ operation: 'listFinancialEventGroups', status: 403, tokenKind: 'none' });
		expect(Date.parse(ok.at)).toBeGreaterThanOrEqual(Date.parse('2025-03-15T12:00:00Z'));
		emulator.control.clearRequests();
		expect(emulator.control.requests()).toEqual([]);
	});
});
