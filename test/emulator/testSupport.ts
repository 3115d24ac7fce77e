/**
 * Helpers for the emulator's own tests: plain HTTP calls with Node's fetch, nothing from ACORN's client.
 * (No jest globals here: tsconfig.tools.json compiles this file without jest types.)
 */
import * as aws4 from 'aws4';
import type { Emulator, SellerFixtureKey, SpApiRegion } from './types';

/** Parsed JSON answers are untyped on purpose: the tests check their shape. */
export type Json = any;

export interface HttpAnswer {
	status: number;
	headers: Headers;
	body: Json;
	text: string;
}

async function answerOf(response: Response): Promise<HttpAnswer> {
	const text = await response.text();
	let body: Json = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, headers: response.headers, body, text };
}

export async function postToken(emulator: Emulator, fields: Record<string, string>, asJson = false): Promise<HttpAnswer> {
	const response = await fetch(emulator.lwaTokenUrl, {
		method: 'POST',
		headers: { 'content-type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
		body: asJson ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
	});
	return answerOf(response);
}

export function refreshGrant(emulator: Emulator, seller: SellerFixtureKey): Record<string, string> {
	const credentials = emulator.credentialsFor(seller);
	return {
		grant_type: 'refresh_token',
		refresh_token: credentials.refreshToken,
		client_id: credentials.clientId,
		client_secret: credentials.clientSecret,
	};
}

export async function sellerToken(emulator: Emulator, seller: SellerFixtureKey): Promise<string> {
	const answer = await postToken(emulator, refreshGrant(emulator, seller));
	if (answer.status !== 200) throw new Error(`token for ${seller}: ${answer.status} ${answer.text}`);
	return answer.body.access_token as string;
}

export async function grantlessToken(emulator: Emulator, app: 'A' | 'B' = 'A', scope = 'sellingpartnerapi::notifications'): Promise<string> {
	const { clientId, clientSecret } = emulator.fixtures.apps[app];
	const answer = await postToken(emulator, { grant_type: 'client_credentials', scope, client_id: clientId, client_secret: clientSecret });
	if (answer.status !== 200) throw new Error(`grantless token: ${answer.status} ${answer.text}`);
	return answer.body.access_token as string;
}

export interface CallOptions {
	/** Region prefix; null for the bare Amazon path. Default NA. */
	region?: SpApiRegion | null;
	method?: string;
	query?: Record<string, string | number | undefined>;
	token?: string;
	headers?: Record<string, string>;
	body?: unknown;
	signal?: AbortSignal;
}

export async function call(emulator: Emulator, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
	const region = options.region === undefined ? 'NA' : options.region;
	const base = region === null ? emulator.url : emulator.spApiUrl(region);
	const url = new URL(base + path);
	for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
	const headers: Record<string, string> = { ...options.headers };
	if (options.token) headers['x-amz-access-token'] = options.token;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(url, {
		method: options.method ?? 'GET',
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		signal: options.signal,
	});
	return answerOf(response);
}

/** Calls a paged operation until the token runs out; returns every answer. */
export async function allPages(
	emulator: Emulator,
	path: string,
	options: CallOptions,
	tokenOf: (body: Json) => string | undefined,
	tokenParam: string,
): Promise<HttpAnswer[]> {
	const answers: HttpAnswer[] = [];
	let token: string | undefined;
	do {
		const answer = await call(emulator, path, { ...options, query: { ...options.query, [tokenParam]: token } });
		if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`);
		answers.push(answer);
		token = tokenOf(answer.body);
		if (answers.length > 1000) throw new Error('paging does not end');
	} while (token);
	return answers;
}

/** Exact minor units of a JSON amount (12.99 → 1299n), read from its decimal text, never by float maths. */
export function toMinor(amount: number, currency: string): bigint {
	const digits = currency === 'JPY' ? 0 : 2;
	const text = String(amount);
	const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
	if (!match) throw new Error(`not a plain decimal: ${text}`);
	const fraction = match[3] ?? '';
	if (fraction.length > digits) throw new Error(`${text} ${currency} has more than ${digits} decimals`);
	const value = BigInt(match[2] + fraction.padEnd(digits, '0'));
	return match[1] === '-' ? -value : value;
}

/** ISO date-time `ms` before or after a Date. */
export function isoShift(from: Date, ms: number): string {
	return new Date(from.getTime() + ms).toISOString();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface SignedSqsOptions {
	/** Changes the signed request before it is sent (to prove the signature covers it). */
	tamper?: (signed: { headers: Record<string, string>; body: string }) => void;
	/** Sign with this secret instead of the key's. */
	secret?: string;
	/** Which of the emulator's access keys signs (default: consumer). */
	key?: string;
	region?: string;
}

/** One SQS JSON-protocol request to the emulated SQS, signed with aws4 (independent of ACORN's client). */
export async function signedSqs(emulator: Emulator, action: string, input: Record<string, unknown>, options: SignedSqsOptions = {}): Promise<{ status: number; queryError: string | null; body: Record<string, unknown> }> {
	const url = new URL(`${emulator.control.sqs.url}/`);
	const key = emulator.control.sqs.keys[options.key ?? 'consumer'];
	const body = JSON.stringify(input);
	const signed = aws4.sign(
		{ host: url.host, path: '/', method: 'POST', service: 'sqs', region: options.region ?? 'us-east-1', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${action}` }, body },
		{ accessKeyId: key.accessKeyId, secretAccessKey: options.secret ?? key.secretAccessKey },
	);
	const request = { headers: Object.fromEntries(Object.entries(signed.headers ?? {}).map(([k, v]) => [k, String(v)])), body };
	options.tamper?.(request);
	delete request.headers.Host;
	delete request.headers['Content-Length'];
	const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
	return { status: response.status, queryError: response.headers.get('x-amzn-query-error'), body: (await response.json()) as Record<string, unknown> };
}
