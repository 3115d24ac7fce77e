import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { tr } from '../i18n/translate';
import { HttpsOverHttpProxyAgent, proxyForUrl } from './proxy';

/**
 * The one place ACORN talks HTTP (axios, the user's choice). It never throws for an HTTP status:
 * callers decide what a 403 or 429 means. It throws a NetworkError, classified, when no answer came.
 */

export interface HttpRequest {
	method: string;
	url: string;
	headers?: Record<string, string>;
	/** JSON-serialisable body, or a string sent as is (form bodies). */
	body?: unknown;
	timeoutMs: number;
	signal?: AbortSignal;
}

export interface HttpResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON when the answer is JSON, otherwise the text. */
	data: T;
}

export interface HttpStreamResponse {
	status: number;
	headers: Record<string, string>;
	stream: Readable;
}

export type NetworkFailure =
	/** no answer within the timeout: the server may have acted */
	| 'timeout'
	/** the connection broke after the request left: the server may have acted */
	| 'reset'
	/** nothing was sent (refused, unknown host, proxy refused) */
	| 'unreachable'
	/** the workflow execution was cancelled */
	| 'aborted';

export class NetworkError extends Error {
	constructor(
		readonly failure: NetworkFailure,
		readonly code: string,
		readonly url: string,
		message: string,
	) {
		super(message);
		this.name = 'NetworkError';
	}

	/** True when the request may have reached the server and done its work. */
	get mayHaveReachedServer(): boolean {
		return this.failure === 'timeout' || this.failure === 'reset';
	}
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
const tunnelAgents = new Map<string, HttpsOverHttpProxyAgent>();

function agentConfig(url: URL): Pick<AxiosRequestConfig, 'httpAgent' | 'httpsAgent' | 'proxy'> {
	if (url.protocol === 'https:') {
		const proxy = proxyForUrl(url);
		if (!proxy) return { httpsAgent, proxy: false };
		let agent = tunnelAgents.get(proxy.href);
		if (!agent) {
			agent = new HttpsOverHttpProxyAgent(proxy, { keepAlive: true, maxSockets: 64 });
			tunnelAgents.set(proxy.href, agent);
		}
		return { httpsAgent: agent, proxy: false };
	}
	const proxy = proxyForUrl(url);
	if (!proxy) return { httpAgent, proxy: false };
	// plain http through a proxy is absolute-form forwarding, which axios does itself
	return {
		httpAgent,
		proxy: {
			protocol: proxy.protocol.replace(':', ''),
			host: proxy.hostname,
			port: Number(proxy.port || 80),
			...(proxy.username
				? { auth: { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) } }
				: {}),
		},
	};
}

function flattenHeaders(headers: AxiosResponse['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value === undefined || value === null) continue;
		out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

/** Classifies a failure without an answer. The message names no error code: n8n would replace such a message by its own generic text. */
function classify(error: unknown, url: string): NetworkError {
	const e = error as { code?: string; message?: string; name?: string };
	const code = e.code ?? e.name ?? 'UNKNOWN';
	const host = safeHost(url);
	if (code === 'ERR_CANCELED' || e.name === 'CanceledError' || e.name === 'AbortError') {
		return new NetworkError('aborted', code, url, tr`The request was cancelled because the execution stopped.`);
	}
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
		return new NetworkError('timeout', code, url, tr`No answer from ${host} in time.`);
	}
	if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(e.message ?? '')) {
		return new NetworkError('reset', code, url, tr`The connection to ${host} was closed before an answer arrived.`);
	}
	if (code === 'EPROXY') return new NetworkError('unreachable', code, url, e.message ?? tr`Could not connect to ${host}.`);
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
		return new NetworkError('unreachable', code, url, tr`Could not connect to ${host}.`);
	}
	return new NetworkError('reset', code, url, tr`The request to ${host} failed before an answer arrived.`);
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return tr`the server`;
	}
}

function baseConfig(request: HttpRequest): AxiosRequestConfig {
	const url = new URL(request.url);
	const isText = typeof request.body === 'string';
	return {
		method: request.method,
		url: request.url,
		headers: {
			accept: 'application/json',
			...(request.body !== undefined && !isText ? { 'content-type': 'application/json' } : {}),
			...request.headers,
		},
		data: request.body === undefined ? undefined : isText ? request.body : JSON.stringify(request.body),
		timeout: request.timeoutMs,
		signal: request.signal,
		validateStatus: () => true,
		maxRedirects: 0,
		transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
		...agentConfig(url),
	};
}

function parseBody(text: string, headers: Record<string, string>): unknown {
	if (text === '') return undefined;
	const type = headers['content-type'] ?? '';
	if (type.includes('json') || /^\s*[[{]/.test(text)) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

export async function send<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
	let response: AxiosResponse<string>;
	try {
		response = await axios.request<string>({
			...baseConfig(request),
			responseType: 'text',
			transformResponse: [(data: string) => data],
		});
	} catch (error) {
		throw classify(error, request.url);
	}
	const headers = flattenHeaders(response.headers);
	return { status: response.status, headers, data: parseBody(response.data ?? '', headers) as T };
}

/** For report documents: the body as a stream, never buffered here. */
export async function sendForStream(request: HttpRequest): Promise<HttpStreamResponse> {
	try {
		const response = await axios.request<Readable>({
			...baseConfig(request),
			responseType: 'stream',
			// the download pipeline decides about gunzip itself, so it never happens twice
			decompress: false,
		});
		return { status: response.status, headers: flattenHeaders(response.headers), stream: response.data };
	} catch (error) {
		throw classify(error, request.url);
	}
}

/** Query strings are built here so tokens with + / = are encoded exactly once. */
export function buildQuery(query: Record<string, string>): string {
	const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
	return parts.length ? `?${parts.join('&')}` : '';
}
