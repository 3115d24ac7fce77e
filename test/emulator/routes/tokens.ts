/**
 * Tokens API 2021-03-01: createRestrictedDataToken. The Restricted Data Token (RDT) is an access token
 * that opens only the restricted resources (method + path) it was made for, for one hour. For report
 * documents Amazon accepts only a specific path (the document id), never the generic
 * `/reports/2021-06-30/documents/{reportDocumentId}`, and the app needs a tax role.
 */
import { invalidInput, unauthorized } from '../http/errors';
import type { RestrictedResource } from '../tokenStore';
import { sellerOf, type RouteHandler, type RouteTable } from './types';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE'];
const MAX_RESOURCES = 50;
const DOCUMENT_PATH = /^\/reports\/2021-06-30\/documents\//;
const TAX_ROLES = ['Tax Invoicing', 'Tax Remittance'];

function readResources(body: unknown): RestrictedResource[] {
	const list = (body as { restrictedResources?: unknown } | undefined)?.restrictedResources;
	if (!Array.isArray(list) || list.length === 0) throw invalidInput('Missing restrictedResources: give at least one restricted resource.');
	if (list.length > MAX_RESOURCES) throw invalidInput(`Invalid restrictedResources: at most ${MAX_RESOURCES} resources are allowed.`);
	return list.map((entry: { method?: unknown; path?: unknown }, index) => {
		if (typeof entry?.method !== 'string' || !METHODS.includes(entry.method)) throw invalidInput(`Invalid restrictedResources[${index}].method: use one of ${METHODS.join(', ')}.`);
		if (typeof entry.path !== 'string' || !entry.path.startsWith('/')) throw invalidInput(`Invalid restrictedResources[${index}].path: it must start with "/".`);
		if (DOCUMENT_PATH.test(entry.path) && /[{}]/.test(entry.path)) {
			throw invalidInput(`Invalid restrictedResources[${index}].path: for getReportDocument give the specific path with the report document id, not a generic path.`);
		}
		return { method: entry.method, path: entry.path };
	});
}

const createRestrictedDataToken: RouteHandler = (request, context) => {
	const seller = sellerOf(request);
	const resources = readResources(request.body);
	if (resources.some((resource) => DOCUMENT_PATH.test(resource.path)) && !seller.roles.some((role) => TAX_ROLES.includes(role))) throw unauthorized('');
	if (!context.tokens) throw new Error('the emulator runs the Tokens API without its token store');
	const record = context.tokens.issueRestrictedDataToken(request.app.clientId, seller.sellerId, resources);
	return { status: 200, body: { restrictedDataToken: record.token, expiresIn: Math.round((record.expiresAt - record.issuedAt) / 1000) } };
};

export const tokensRoutes: RouteTable = { createRestrictedDataToken };
