import { buildQuery, NetworkError, send } from '../transport';
import { registerSecrets } from '../redact';

/** The two Login with Amazon grants SP-API uses. */
export type TokenGrant =
	| { readonly kind: 'refreshToken'; readonly refreshToken: string }
	| { readonly kind: 'grantless'; readonly scope: string };

export const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';

export interface LwaApplication {
	readonly clientId: string;
	readonly clientSecret: string;
	readonly tokenUrl: string;
}

export interface IssuedToken {
	readonly accessToken: string;
	readonly expiresInSeconds: number;
}

export type LwaFailure =
	/** client id unknown or secret wrong */
	| 'invalidClient'
	/** refresh token revoked, expired, or issued to another app */
	| 'invalidGrant'
	/** the app may not use this grant or scope */
	| 'unauthorizedClient'
	| 'unreachable'
	| 'unexpected';

export class LwaError extends Error {
	constructor(
		readonly failure: LwaFailure,
		message: string,
		readonly status?: number,
		readonly lwaCode?: string,
	) {
		super(message);
		this.name = 'LwaError';
	}
}

const PLAIN_WORDS: Record<Exclude<LwaFailure, 'unexpected'>, string> = {
	invalidClient:
		'Amazon did not accept the LWA Client ID or Client Secret. Copy both again from Seller Central → Apps and Services → Develop Apps → View (LWA credentials); client secrets must be rotated every 180 days.',
	invalidGrant:
		'Amazon did not accept the refresh token: it was revoked, has expired, or belongs to a different app. Authorise the app again (Seller Central → Develop Apps → Authorize) and paste the new refresh token.',
	unauthorizedClient:
		'This app is not allowed to request that kind of token (grantless scope). Check the app registration in the Developer Console.',
	unreachable: 'Could not reach the Login with Amazon token service.',
};

function failureFor(status: number, code: string | undefined): LwaFailure {
	if (code === 'invalid_client' || status === 401) return 'invalidClient';
	if (code === 'invalid_grant') return 'invalidGrant';
	if (code === 'unauthorized_client' || code === 'invalid_scope') return 'unauthorizedClient';
	return 'unexpected';
}

/** Exchanges a refresh token (or client credentials) for an access token: one POST, no caching. */
export async function requestAccessToken(
	app: LwaApplication,
	grant: TokenGrant,
	options: { timeoutMs: number; signal?: AbortSignal },
): Promise<IssuedToken> {
	const form: Record<string, string> =
		grant.kind === 'refreshToken'
			? { grant_type: 'refresh_token', refresh_token: grant.refreshToken, client_id: app.clientId, client_secret: app.clientSecret }
			: { grant_type: 'client_credentials', scope: grant.scope, client_id: app.clientId, client_secret: app.clientSecret };
	let response;
	try {
		response = await send<Record<string, unknown> | string>({
			method: 'POST',
			url: app.tokenUrl,
			headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
			body: buildQuery(form).slice(1),
			timeoutMs: options.timeoutMs,
			signal: options.signal,
		});
	} catch (error) {
		if (error instanceof NetworkError && error.failure === 'aborted') throw error;
		const detail = error instanceof Error ? ` ${error.message}` : '';
		throw new LwaError('unreachable', `${PLAIN_WORDS.unreachable} (${safeHost(app.tokenUrl)})${detail}`);
	}
	const body = typeof response.data === 'object' && response.data !== null ? response.data : {};
	if (response.status === 200 && typeof body.access_token === 'string') {
		registerSecrets(body.access_token, typeof body.refresh_token === 'string' ? body.refresh_token : undefined);
		const expires = Number(body.expires_in);
		return { accessToken: body.access_token, expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 3600 };
	}
	const code = typeof body.error === 'string' ? body.error : undefined;
	const failure = failureFor(response.status, code);
	const amazonText = typeof body.error_description === 'string' ? ` (Amazon: ${body.error_description})` : '';
	const message =
		failure === 'unexpected'
			? `Login with Amazon answered HTTP ${response.status}${code ? ` ${code}` : ''}${amazonText}.`
			: `${PLAIN_WORDS[failure]}${amazonText}`;
	throw new LwaError(failure, message, response.status, code);
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
