/**
 * The HTTP pipeline. SP-API calls go: route → auth → injected fault → not-implemented check → usage
 * plan → request check against the model (requestCheck.ts, where one is generated) → handler (on the
 * `/sandbox/{region}` prefix: the model's static sandbox cases, see sandbox.ts). Faults come after auth so a test can fail a call of one seller only; a status or
 * reset fault bypasses the usage plan, a delay-only fault does not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPERATIONS } from '../../nodes/sp-api/generated/operations.generated';
import { authorise } from './auth';
import { handleControlRequest } from './control';
import { ApiError, defaultFaultBody, defaultLwaFaultBody, type ApiResponse } from './http/errors';
import { flattenHeaders, flattenQuery, newRequestId, readBody, send } from './http/io';
import { handleTokenRequest, parseTokenRequest, sellerOfRefreshToken } from './lwa';
import { DEFAULT_BURST, DEFAULT_RATE } from './rateLimiter';
import type { RouteHandler } from './routes/types';
import { DOCUMENT_PATH_PREFIX, serveDocument } from './reports/download';
import { EmptyPageNow } from './paging';
import { requestError } from './requestCheck';
import { matchOperation, splitRegion } from './router';
import { SANDBOX_BURST, SANDBOX_RATE, sandboxAnswer } from './sandbox';
import { sleep, type EmulatorRuntime } from './runtime';
import type { FaultSpec, RequestLogEntry } from './types';

const QUOTA_EXCEEDED = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] };
/** The request log keeps the newest entries only. */
const MAX_LOGGED_REQUESTS = 100_000;
const NOT_FOUND = { errors: [{ code: 'NotFound', message: 'Resource not found.', details: '' }] };

/** Amazon sends x-amzn-RateLimit-Limit on 2xx, 400 and 404 answers only (never on 429). */
function carriesRateHeader(status: number): boolean {
	return (status >= 200 && status < 300) || status === 400 || status === 404;
}

interface Exchange {
	runtime: EmulatorRuntime;
	req: IncomingMessage;
	res: ServerResponse;
	entry: RequestLogEntry;
	rawBody: string;
	query: URLSearchParams;
	reply(status: number, body: unknown, headers?: Record<string, string>): void;
	reset(): void;
}

function parseJsonBody(exchange: Exchange): unknown {
	if (!exchange.rawBody) return undefined;
	try {
		return JSON.parse(exchange.rawBody) as unknown;
	} catch {
		return exchange.rawBody;
	}
}

/** Answers with the fault's status and body, or resets the connection. */
function fail(exchange: Exchange, fault: FaultSpec, defaultBody: (status: number) => unknown, rateHeader?: string): void {
	if (fault.connectionReset || fault.status === undefined) return exchange.reset();
	const headers: Record<string, string> = {};
	if (rateHeader !== undefined && carriesRateHeader(fault.status)) headers['x-amzn-RateLimit-Limit'] = rateHeader;
	exchange.reply(fault.status, fault.body !== undefined ? fault.body : defaultBody(fault.status), { ...headers, ...fault.headers });
}

async function handleLwa(exchange: Exchange): Promise<void> {
	const { runtime, req, entry } = exchange;
	const fields = parseTokenRequest(exchange.rawBody, req.headers['content-type'], req.headers.authorization);
	const seller = sellerOfRefreshToken(runtime.fixtures, fields.refresh_token);
	entry.tokenKind = 'lwa';
	entry.clientId = fields.client_id;
	entry.sellerId = seller?.sellerId;
	const fault = runtime.faults.take('lwaToken', seller?.sellerId);
	if (fault?.delayMs) await sleep(runtime, fault.delayMs);
	if (fault && !fault.afterEffect && (fault.connectionReset || fault.status !== undefined)) return fail(exchange, fault, defaultLwaFaultBody);
	const result = handleTokenRequest(fields, runtime.fixtures, runtime.tokens);
	if (fault?.afterEffect) return fail(exchange, fault, defaultLwaFaultBody);
	exchange.reply(result.status, result.body);
}

async function handleSpApi(exchange: Exchange, path: string): Promise<void> {
	const { runtime, req, entry } = exchange;
	const match = matchOperation(req.method ?? 'GET', path);
	if (!match) return exchange.reply(404, NOT_FOUND);
	const { operation } = match;
	entry.operation = operation;
	const spec = OPERATIONS[operation];
	const accessToken = req.headers['x-amz-access-token'];
	const auth = authorise(operation, Array.isArray(accessToken) ? accessToken[0] : accessToken, entry.region, runtime.tokens, runtime.fixtures, { method: req.method ?? 'GET', path });
	if (!auth.ok) {
		Object.assign(entry, { tokenKind: auth.tokenKind, clientId: auth.clientId, sellerId: auth.sellerId });
		return exchange.reply(auth.error.status, auth.error.toResponse().body);
	}
	Object.assign(entry, { tokenKind: auth.token.kind, clientId: auth.app.clientId, sellerId: auth.seller?.sellerId });
	const sandbox = entry.sandbox === true;
	const rate = sandbox ? SANDBOX_RATE : (spec.rate ?? DEFAULT_RATE);
	const burst = sandbox ? SANDBOX_BURST : (spec.burst ?? DEFAULT_BURST);
	const rateHeader = runtime.limiter.headerValue(rate);

	const fault = runtime.faults.take(operation, auth.seller?.sellerId);
	const failsNow = fault !== undefined && !fault.afterEffect && (fault.connectionReset === true || fault.status !== undefined);
	if (fault?.delayMs && !fault.afterEffect) await sleep(runtime, fault.delayMs);
	if (fault && failsNow) return fail(exchange, fault, defaultFaultBody, rateHeader);

	// The static sandbox answers every operation from its model's cases, implemented here or not.
	const handler: RouteHandler | undefined = sandbox ? (request) => sandboxAnswer(request) : runtime.routes[operation];
	if (!handler) {
		return exchange.reply(501, {
			errors: [{ code: 'NotImplemented', message: `The SP-API emulator does not implement ${operation} yet.`, details: '' }],
		});
	}
	if (!fault?.afterEffect) {
		const bucketKey = `${sandbox ? 'sandbox|' : ''}${auth.app.clientId}|${auth.seller?.sellerId ?? 'grantless'}|${operation}`;
		if (!runtime.limiter.take(bucketKey, rate, burst)) return exchange.reply(429, QUOTA_EXCEEDED);
	}

	const body = parseJsonBody(exchange);
	let result: ApiResponse;
	try {
		const refused = sandbox ? undefined : requestError(operation, { pathParams: match.pathParams, query: exchange.query, body });
		if (refused) throw refused;
		result = await handler(
			{
				operation,
				pathParams: match.pathParams,
				query: exchange.query,
				body,
				headers: req.headers,
				app: auth.app,
				seller: auth.seller,
				region: entry.region,
				restrictedDataToken: auth.token.restrictedResources !== undefined,
			},
			{
				state: runtime.state,
				clock: runtime.clock,
				seed: runtime.seed,
				emptyPages: fault?.emptyPage ? new EmptyPageNow() : runtime.emptyPages,
				events: runtime.events,
				notifications: runtime.notifications,
				reports: runtime.reports,
				tokens: runtime.tokens,
			},
		);
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		result = error.toResponse();
	}
	if (fault?.afterEffect) {
		if (fault.delayMs) await sleep(runtime, fault.delayMs);
		return fail(exchange, fault, defaultFaultBody, rateHeader);
	}
	// sandbox-only operations (sendTestNotification) declare no rate-limit header in their model
	const headers: Record<string, string> = carriesRateHeader(result.status) && !spec.sandboxOnly ? { 'x-amzn-RateLimit-Limit': rateHeader } : {};
	exchange.reply(result.status, result.body, { ...headers, ...result.headers });
}

export function createRequestListener(runtime: EmulatorRuntime): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		void handleRequest(runtime, req, res).catch((error: unknown) => {
			// A bug in the emulator: answer 500 like Amazon would, and say why on stderr for whoever runs it.
			console.error('SP-API emulator internal error:', error);
			if (!res.headersSent) send(res, 500, defaultFaultBody(500), { requestId: newRequestId(), date: runtime.clock.now() });
		});
	};
}

async function handleRequest(runtime: EmulatorRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const requestId = newRequestId();
	const arrivedAt = runtime.clock.now();
	const url = new URL(req.url ?? '/', 'http://emulator');
	const rawBody = await readBody(req);
	if (url.pathname.startsWith('/_emulator/')) {
		const answer = await handleControlRequest(runtime, req.method ?? 'GET', url.pathname, rawBody);
		return send(res, answer.status, answer.body, { requestId, date: runtime.clock.now() });
	}
	const { region, sandbox, path } = splitRegion(url.pathname);
	const entry: RequestLogEntry = {
		at: arrivedAt.toISOString(),
		method: req.method ?? 'GET',
		path,
		region,
		...(sandbox ? { sandbox: true } : {}),
		query: flattenQuery(url.searchParams),
		status: 0,
		tokenKind: 'none',
		requestId,
		headers: flattenHeaders(req.headers),
	};
	runtime.requestLog.push(entry);
	// Long benchmark runs must not grow without bound; tests never come near this. Trimmed in chunks to stay cheap.
	if (runtime.requestLog.length > MAX_LOGGED_REQUESTS + 10_000) runtime.requestLog.splice(0, runtime.requestLog.length - MAX_LOGGED_REQUESTS);
	const exchange: Exchange = {
		runtime,
		req,
		res,
		entry,
		rawBody,
		query: url.searchParams,
		reply(status, body, headers) {
			entry.status = status;
			send(res, status, body, { requestId, date: runtime.clock.now(), headers });
			runtime.answered(entry);
		},
		reset() {
			entry.status = 0;
			req.socket.destroy();
			runtime.answered(entry);
		},
	};
	if (path === '/auth/o2/token' && region === undefined && req.method === 'POST') return handleLwa(exchange);
	if (url.pathname.startsWith(DOCUMENT_PATH_PREFIX)) {
		// report documents: presigned storage URLs, no SP-API token or usage plan
		entry.status = await serveDocument(runtime.reports, runtime.clock, req, res, url);
		runtime.answered(entry);
		return;
	}
	return handleSpApi(exchange, path);
}
