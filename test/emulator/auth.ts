/**
 * SP-API access checks in Amazon's order: token present, known, not expired, of the right kind
 * (seller or grantless), seller authorised in the region of the host, and the app holds the role.
 * Every failure is 403 Unauthorized, differing only in `details`, as Amazon answers.
 */
import { OPERATIONS, type OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import { ApiError, unauthorized } from './http/errors';
import { requiredRole, sellerHasRole } from './roles';
import type { AccessTokenRecord, TokenStore } from './tokenStore';
import type { AppFixture, EmulatorFixtures, SellerFixture, SpApiRegion, TokenKind } from './types';

export interface AuthSuccess {
	ok: true;
	/** A Restricted Data Token when `token.restrictedResources` is set. */
	token: AccessTokenRecord;
	app: AppFixture;
	seller?: SellerFixture;
}

export interface AuthFailure {
	ok: false;
	error: ApiError;
	tokenKind: TokenKind;
	clientId?: string;
	sellerId?: string;
}

/** Whether a Restricted Data Token covers this request: same method, and the same specific path. */
function coversRequest(token: AccessTokenRecord, request: { method: string; path: string }): boolean {
	return (token.restrictedResources ?? []).some((resource) => resource.method === request.method && resource.path.replace(/\/+$/, '') === request.path.replace(/\/+$/, ''));
}

export function authorise(
	operation: OperationKey,
	accessToken: string | undefined,
	region: SpApiRegion | undefined,
	tokens: TokenStore,
	fixtures: EmulatorFixtures,
	request: { method: string; path: string } = { method: OPERATIONS[operation].method, path: OPERATIONS[operation].path },
): AuthSuccess | AuthFailure {
	if (!accessToken) return { ok: false, tokenKind: 'none', error: unauthorized('Access token is missing in the request header.') };
	const token = tokens.find(accessToken);
	if (!token) {
		return { ok: false, tokenKind: 'none', error: unauthorized('The access token you provided is revoked, malformed or invalid.') };
	}
	const who = { tokenKind: token.kind, clientId: token.clientId, sellerId: token.sellerId } as const;
	if (tokens.isExpired(token)) return { ok: false, ...who, error: unauthorized('The access token you provided has expired.') };
	const app = Object.values(fixtures.apps).find((candidate) => candidate.clientId === token.clientId);
	if (!app) return { ok: false, ...who, error: unauthorized('The access token you provided is revoked, malformed or invalid.') };

	const grantlessOperation = OPERATIONS[operation].grantless;
	if ((token.kind === 'grantless') !== grantlessOperation) return { ok: false, ...who, error: unauthorized('') };
	// an RDT opens only the resources it was made for
	if (token.restrictedResources && !coversRequest(token, request)) return { ok: false, ...who, error: unauthorized('') };
	if (token.kind === 'grantless') return { ok: true, token, app };

	const seller = Object.values(fixtures.sellers).find((candidate) => candidate.sellerId === token.sellerId && candidate.app === app.key);
	if (!seller) return { ok: false, ...who, error: unauthorized('') };
	// The seller authorised the app in one region only; another region's host refuses the token.
	if (region !== undefined && region !== seller.region) return { ok: false, ...who, error: unauthorized('') };
	if (!sellerHasRole(seller, requiredRole(operation))) return { ok: false, ...who, error: unauthorized('') };
	return { ok: true, token, app, seller };
}
