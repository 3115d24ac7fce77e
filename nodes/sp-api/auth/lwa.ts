import { tr } from '../i18n/translate';
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

/**
 * A refusal or failure of Login with Amazon. `message` is ACORN's explanation; `amazonSaid` is exactly
 * what Amazon wrote (its error_description), kept apart so it is never mixed into ACORN's words.
 */
export class LwaError extends Error {
	constructor(
		readonly failure: LwaFailure,
		message: string,
		readonly status?: number,
		readonly lwaCode?: string,
		readonly amazonSaid?: string,
		/** Technical detail (e.g. the network error), for the error's details only. */
		readonly details?: string,
	) {
		super(message);
		this.name = 'LwaError';
	}
}

function plainWordsFor(failure: LwaFailure, status: number | undefined, host: string): string {
	switch (failure) {
		case 'invalidClient':
			return tr`Amazon did not accept the LWA Client ID or Client Secret. Copy both again from Seller Central → Apps and Services → Develop Apps → View (LWA credentials); client secrets must be rotated every 180 days.`;
		case 'invalidGrant':
			return tr`Amazon did not accept the refresh token: it was revoked, has expired, or belongs to a different app. Authorise the app again (Seller Central → Develop Apps → Authorize) and paste the new refresh token.`;
		case 'unauthorizedClient':
			return tr`This app is not allowed to request that kind of token (grantless scope). Check the app registration in the Developer Console.`;
		case 'unreachable':
			return tr`Could not reach the Login with Amazon token service (${host}). Check the internet connection, the proxy settings (HTTPS_PROXY) and, if set, the LWA Token URL of the credential.`;
		default:
			return tr`Login with Amazon answered HTTP ${status} instead of an access token. Try again later.`;
	}
}

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
		const details = error instanceof NetworkError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
		throw new LwaError('unreachable', plainWordsFor('unreachable', undefined, safeHost(app.tokenUrl)), undefined, undefined, undefined, details);
	}
	const body = typeof response.data === 'object' && response.data !== null ? response.data : {};
	if (response.status === 200 && typeof body.access_token === 'string') {
		registerSecrets(body.access_token, typeof body.refresh_token === 'string' ? body.refresh_token : undefined);
		const expires = Number(body.expires_in);
		return { accessToken: body.access_token, expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 3600 };
	}
	const code = typeof body.error === 'string' ? body.error : undefined;
	const failure = failureFor(response.status, code);
	const amazonSaid =
		typeof body.error_description === 'string' ? body.error_description : typeof response.data === 'string' && response.data.trim() ? response.data.slice(0, 2000) : undefined;
	throw new LwaError(failure, plainWordsFor(failure, response.status, safeHost(app.tokenUrl)), response.status, code, amazonSaid);
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
