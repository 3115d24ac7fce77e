import { startEmulator } from './index';
import { call, grantlessToken, postToken, refreshGrant } from './testSupport';
import type { Emulator } from './types';

const INVALID_CLIENT = { error_description: 'Client authentication failed', error: 'invalid_client' };
const INVALID_GRANT = { error_description: 'The request has an invalid grant parameter : refresh_token', error: 'invalid_grant' };

describe('emulator LWA token endpoint', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ now: '2025-03-15T12:00:00Z', tokenLifetimeSeconds: 1800 });
	});
	afterEach(() => emulator.close());

	test('a refresh-token grant returns a usable bearer token', async () => {
		const answer = await postToken(emulator, refreshGrant(emulator, 'na'));
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toContain('application/json');
		expect(answer.body).toEqual({
			access_token: expect.stringMatching(/^emulator-access-[0-9a-f]+$/),
			refresh_token: emulator.fixtures.sellers.na.refreshToken,
			token_type: 'bearer',
			expires_in: 1800,
		});
		const sellers = await call(emulator, '/sellers/v1/marketplaceParticipations', { token: answer.body.access_token });
		expect(sellers.status).toBe(200);
	});

	test('accepts a JSON body as well as a form', async () => {
		const answer = await postToken(emulator, refreshGrant(emulator, 'eu'), true);
		expect(answer.status).toBe(200);
		expect(answer.body.token_type).toBe('bearer');
	});

	test('client-credentials grants a grantless token for both scopes', async () => {
		const { clientId, clientSecret } = emulator.fixtures.apps.A;
		for (const scope of ['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation']) {
			const answer = await postToken(emulator, { grant_type: 'client_credentials', scope, client_id: clientId, client_secret: clientSecret });
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ access_token: expect.stringMatching(/^emulator-access-/), scope, token_type: 'bearer', expires_in: 1800 });
		}
		// The grantless token passes auth on a grantless operation.
		const destinations = await call(emulator, '/notifications/v1/destinations', { token: await grantlessToken(emulator) });
		expect(destinations.status).toBe(200);
		expect(destinations.body.payload).toEqual([]);
	});

	test('unknown client or wrong secret: 401 invalid_client', async () => {
		const unknown = await postToken(emulator, { ...refreshGrant(emulator, 'na'), client_id: 'amzn1.application-oa2-client.00000000000000000000000000000000' });
		expect(unknown.status).toBe(401);
		expect(unknown.body).toEqual(INVALID_CLIENT);
		const wrongSecret = await postToken(emulator, { ...refreshGrant(emulator, 'na'), client_secret: 'nope' });
		expect(wrongSecret.status).toBe(401);
		expect(wrongSecret.body).toEqual(INVALID_CLIENT);
	});

	test('unknown, revoked or foreign refresh tokens: 400 invalid_grant', async () => {
		const unknown = await postToken(emulator, { ...refreshGrant(emulator, 'na'), refresh_token: 'emulator-refresh-nobody' });
		expect(unknown.status).toBe(400);
		expect(unknown.body).toEqual(INVALID_GRANT);

		// App B's seller token presented with app A's client.
		const foreign = await postToken(emulator, { ...refreshGrant(emulator, 'na'), refresh_token: emulator.fixtures.sellers.appB.refreshToken });
		expect(foreign.status).toBe(400);
		expect(foreign.body).toEqual(INVALID_GRANT);
		expect((await postToken(emulator, refreshGrant(emulator, 'appB'))).status).toBe(200);

		emulator.control.revokeRefreshToken('na2');
		const revoked = await postToken(emulator, refreshGrant(emulator, 'na2'));
		expect(revoked.status).toBe(400);
		expect(revoked.body).toEqual(INVALID_GRANT);
		emulator.control.revokeRefreshToken(emulator.fixtures.sellers.fe.refreshToken);
		expect((await postToken(emulator, refreshGrant(emulator, 'fe'))).body).toEqual(INVALID_GRANT);
		expect((await postToken(emulator, refreshGrant(emulator, 'na'))).status).toBe(200);
	});

	test('unsupported grant type and bad scope', async () => {
		const grant = await postToken(emulator, { ...refreshGrant(emulator, 'na'), grant_type: 'authorization_code' });
		expect(grant.status).toBe(400);
		expect(grant.body.error).toBe('unsupported_grant_type');
		const { clientId, clientSecret } = emulator.fixtures.apps.A;
		const scope = await postToken(emulator, { grant_type: 'client_credentials', scope: 'sellingpartnerapi::everything', client_id: clientId, client_secret: clientSecret });
		expect(scope.status).toBe(400);
		expect(scope.body.error).toBe('invalid_scope');
		const noScope = await postToken(emulator, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
		expect(noScope.body.error).toBe('invalid_scope');
	});

	test('token requests are logged as lwa with client and seller', async () => {
		await postToken(emulator, refreshGrant(emulator, 'fe'));
		const [entry] = emulator.control.requests();
		expect(entry).toMatchObject({
			method: 'POST',
			path: '/auth/o2/token',
			status: 200,
			tokenKind: 'lwa',
			clientId: emulator.fixtures.apps.A.clientId,
			sellerId: emulator.fixtures.sellers.fe.sellerId,
		});
		expect(entry.operation).toBeUndefined();
		expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('fixtures and credential data are not shaped like real Amazon secrets', () => {
		for (const app of Object.values(emulator.fixtures.apps)) {
			expect(app.clientId).toMatch(/^amzn1\.application-oa2-client\.[0-9a-f]{32}$/);
			expect(app.clientSecret).not.toMatch(/^amzn1\.oa2-cs\.v1\./);
		}
		for (const seller of Object.values(emulator.fixtures.sellers)) expect(seller.refreshToken).not.toMatch(/^Atzr\|/);
		expect(emulator.credentialsFor('eu')).toEqual({
			clientId: emulator.fixtures.apps.A.clientId,
			clientSecret: emulator.fixtures.apps.A.clientSecret,
			refreshToken: emulator.fixtures.sellers.eu.refreshToken,
			region: 'EU',
			environment: 'production',
			useCustomEndpoints: true,
			lwaTokenUrl: `${emulator.url}/auth/o2/token`,
			spApiEndpoint: `${emulator.url}/{region}`,
		});
	});
});
