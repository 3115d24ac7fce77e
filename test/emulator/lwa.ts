/**
 * Login with Amazon's token endpoint (`POST /auth/o2/token`): refresh-token grants for seller calls and
 * client-credentials grants for grantless calls, with LWA's error answers.
 */
import type { ApiResponse } from './http/errors';
import type { TokenStore } from './tokenStore';
import type { AppFixture, EmulatorFixtures, SellerFixture } from './types';

export const GRANTLESS_SCOPES = ['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation'];

export interface LwaResult extends ApiResponse {
	clientId?: string;
	sellerId?: string;
}

const lwaError = (status: number, error: string, description: string): LwaResult => ({
	status,
	body: { error_description: description, error },
});

const INVALID_CLIENT = lwaError(401, 'invalid_client', 'Client authentication failed');
const INVALID_REFRESH_TOKEN = lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');

/** Form-encoded like LWA expects; JSON accepted too. Client credentials may also come as HTTP Basic. */
export function parseTokenRequest(rawBody: string, contentType: string | undefined, authorization: string | undefined): Record<string, string> {
	const fields: Record<string, string> = {};
	if (contentType?.includes('application/json')) {
		try {
			const parsed = JSON.parse(rawBody) as unknown;
			if (parsed && typeof parsed === 'object') {
				for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string') fields[name] = value;
			}
		} catch {
			// An unparsable body simply lacks every parameter.
		}
	} else {
		for (const [name, value] of new URLSearchParams(rawBody)) fields[name] = value;
	}
	const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
	if (basic && fields.client_id === undefined) {
		const [clientId, ...secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		fields.client_id = decodeURIComponent(clientId);
		fields.client_secret = decodeURIComponent(secret.join(':'));
	}
	return fields;
}

/** The seller a refresh token belongs to, for fault matching and the request log. */
export function sellerOfRefreshToken(fixtures: EmulatorFixtures, refreshToken: string | undefined): SellerFixture | undefined {
	return Object.values(fixtures.sellers).find((seller) => seller.refreshToken === refreshToken);
}

export function handleTokenRequest(fields: Record<string, string>, fixtures: EmulatorFixtures, tokens: TokenStore): LwaResult {
	const grantType = fields.grant_type;
	if (!grantType) return lwaError(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
	if (grantType !== 'refresh_token' && grantType !== 'client_credentials') {
		return lwaError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
	}
	const app: AppFixture | undefined = Object.values(fixtures.apps).find((candidate) => candidate.clientId === fields.client_id);
	if (!app || app.clientSecret !== fields.client_secret) return INVALID_CLIENT;

	if (grantType === 'client_credentials') {
		const scope = fields.scope;
		if (!scope || !GRANTLESS_SCOPES.includes(scope)) {
			return { ...lwaError(400, 'invalid_scope', 'The request has an invalid parameter : scope'), clientId: app.clientId };
		}
		const record = tokens.issueGrantlessToken(app, scope);
		return {
			status: 200,
			clientId: app.clientId,
			body: { access_token: record.token, scope, token_type: 'bearer', expires_in: tokens.tokenLifetimeSeconds },
		};
	}

	const refreshToken = fields.refresh_token;
	if (!refreshToken) {
		return { ...lwaError(400, 'invalid_request', 'The request is missing a required parameter : refresh_token'), clientId: app.clientId };
	}
	const seller = sellerOfRefreshToken(fixtures, refreshToken);
	// A refresh token only works with the app it was issued to.
	if (!seller || seller.app !== app.key || tokens.isRefreshTokenRevoked(refreshToken)) {
		return { ...INVALID_REFRESH_TOKEN, clientId: app.clientId, sellerId: seller?.sellerId };
	}
	const record = tokens.issueSellerToken(app, seller);
	return {
		status: 200,
		clientId: app.clientId,
		sellerId: seller.sellerId,
		body: { access_token: record.token, refresh_token: refreshToken, token_type: 'bearer', expires_in: tokens.tokenLifetimeSeconds },
	};
}
