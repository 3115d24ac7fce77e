/** Reading requests and writing answers the way Amazon's front end does. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function newRequestId(): string {
	return randomUUID();
}

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw new Error('request body too large');
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

/** Query parameters as one string each; repeated parameters are joined with commas (Amazon's csv form). */
export function flattenQuery(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of new Set(params.keys())) out[name] = params.getAll(name).join(',');
	return out;
}

export interface SendOptions {
	requestId: string;
	/** HTTP Date header: the emulator clock, so a client can see the server's idea of now. */
	date: Date;
	headers?: Record<string, string>;
}

/** Writes a JSON answer (or a string body as-is, for faults that imitate a proxy's HTML page). */
export function send(res: ServerResponse, status: number, body: unknown, options: SendOptions): void {
	if (res.headersSent || res.destroyed) return;
	const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
	res.statusCode = status;
	res.setHeader('content-type', typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
	res.setHeader('x-amzn-RequestId', options.requestId);
	res.setHeader('Date', options.date.toUTCString());
	res.setHeader('content-length', Buffer.byteLength(text));
	for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
	res.end(text);
}
