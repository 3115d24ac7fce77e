/**
 * Local stand-ins for the third parties a seller's workflow talks to (Slack, DingTalk, an ERP webhook).
 * Each stand-in answers like the real service for the calls our examples make, records what it got, and
 * refuses what the real one would refuse. They are served either on a plain 127.0.0.1 port
 * (`startStandInServer`) or under their real host names through `startInterceptingProxy`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	/** Host name the client addressed (real name when intercepted, 127.0.0.1 otherwise). */
	host: string;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	rawBody: string;
	/** The body parsed as JSON or as a form, when it is one. */
	json?: unknown;
	at: string;
}

export interface StandInAnswer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface StandIn {
	name: string;
	/** Returns undefined when the request is not for this stand-in (the server answers 404). */
	handle(request: RecordedRequest): StandInAnswer | undefined;
}

function parseBody(rawBody: string, contentType: string): unknown {
	if (!rawBody) return undefined;
	if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(rawBody));
	try {
		return JSON.parse(rawBody) as unknown;
	} catch {
		return undefined;
	}
}

async function readRequest(req: IncomingMessage, fallbackHost: string): Promise<RecordedRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks).toString('utf8');
	const hostHeader = String(req.headers.host ?? fallbackHost);
	// A proxy gets absolute URLs for plain-http targets; a server gets paths.
	const url = new URL(req.url ?? '/', req.url?.startsWith('http') ? undefined : `http://${hostHeader}`);
	const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
	return {
		host: url.hostname,
		method: req.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers,
		rawBody,
		json: parseBody(rawBody, headers['content-type'] ?? ''),
		at: new Date().toISOString(),
	};
}

/** Dispatches requests to the stand-in of their host (or to every stand-in when hosts are not used). */
export function createDispatcher(route: (host: string) => StandIn[], log: RecordedRequest[]) {
	return (req: IncomingMessage, res: ServerResponse): void => {
		void readRequest(req, '127.0.0.1').then(
			(request) => {
				log.push(request);
				let answer: StandInAnswer | undefined;
				for (const standIn of route(request.host)) {
					answer = standIn.handle(request);
					if (answer) break;
				}
				answer ??= { status: 404, body: { error: `no stand-in for ${request.method} ${request.host}${request.path}` } };
				const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
				res.writeHead(answer.status, {
					'content-type': typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
					'content-length': String(Buffer.byteLength(text)),
					...answer.headers,
				});
				res.end(text);
			},
			(error: unknown) => {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(String(error));
			},
		);
	};
}

export interface StandInServer {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

async function listen(server: Server, port = 0): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	return (server.address() as AddressInfo).port;
}

export async function closeServer(server: Server): Promise<void> {
	await new Promise<void>((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

/** Serves stand-ins on http://127.0.0.1:<port> (every request is offered to each stand-in in turn). */
export async function startStandInServer(standIns: StandIn[], port = 0): Promise<StandInServer> {
	const requests: RecordedRequest[] = [];
	const server = createServer(createDispatcher(() => standIns, requests));
	const actualPort = await listen(server, port);
	return { url: `http://127.0.0.1:${actualPort}`, requests, close: () => closeServer(server) };
}

export { listen as listenOnLoopback };

/** Slack Web API `chat.postMessage` with a bot token (what n8n's Slack node calls to post a message). */
/** A Slack message as posted; `blocks` when the poster used Block Kit (n8n's "Send and Wait" does, without `text`). */
export interface SlackMessage {
	channel: string;
	/** `text`, or for a message of blocks only, the text of its blocks joined with newlines. */
	text: string;
	blocks?: SlackBlock[];
	request: RecordedRequest;
}

export interface SlackBlock {
	type: string;
	text?: { type: string; text: string };
	elements?: Array<{ type: string; text?: { text: string }; url?: string; style?: string }>;
}

export function slackWebApi(options: { botToken: string }): StandIn & { messages: SlackMessage[] } {
	const messages: SlackMessage[] = [];
	return {
		name: 'Slack Web API',
		messages,
		handle(request) {
			if (!request.path.startsWith('/api/')) return undefined;
			// Slack answers HTTP 200 with ok:false for API errors.
			if (request.headers.authorization !== `Bearer ${options.botToken}`) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
			if (request.path !== '/api/chat.postMessage') return { status: 200, body: { ok: false, error: 'unknown_method' } };
			const body = (request.json ?? {}) as { channel?: string; text?: string; blocks?: SlackBlock[] };
			if (!body.channel) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
			const blocks = Array.isArray(body.blocks) && body.blocks.length > 0 ? body.blocks : undefined;
			if (!body.text && !blocks) return { status: 200, body: { ok: false, error: 'no_text' } };
			const blockText = blocks?.map((block) => block.text?.text?.trim() ?? '').filter(Boolean).join('\n');
			messages.push({ channel: body.channel, text: body.text || blockText || '', blocks, request });
			const ts = `${Math.floor(Date.now() / 1000)}.${String(messages.length).padStart(6, '0')}`;
			return { status: 200, body: { ok: true, channel: 'C0ACORNE2E', ts, message: { type: 'message', text: body.text ?? '', ts, bot_id: 'B0ACORN' } } };
		},
	};
}

/** A company ERP/finance system's inbound webhook protected by an API key header. */
export function erpWebhook(options: { path: string; headerName: string; apiKey: string }): StandIn & { received: Array<{ body: unknown; request: RecordedRequest }> } {
	const received: Array<{ body: unknown; request: RecordedRequest }> = [];
	return {
		name: 'ERP webhook',
		received,
		handle(request) {
			if (request.path !== options.path) return undefined;
			if (request.method !== 'POST') return { status: 405, body: { error: 'method not allowed' } };
			if (request.headers[options.headerName.toLowerCase()] !== options.apiKey) return { status: 401, body: { error: 'bad api key' } };
			if (request.json === undefined) return { status: 400, body: { error: 'JSON body expected' } };
			received.push({ body: request.json, request });
			return { status: 201, body: { received: true, id: `erp-${received.length}` } };
		},
	};
}
