import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface ScriptedReply {
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** destroy the socket instead of answering */
	reset?: boolean;
	/** answer after this many ms */
	delayMs?: number;
}

export type Responder = (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>;

/**
 * A tiny loopback server for unit tests of the core: each test scripts exactly what "Amazon" answers
 * and reads back exactly what was sent. (Behaviour-level tests use the emulator instead.)
 */
export class ScriptedServer {
	readonly requests: ScriptedRequest[] = [];
	private server?: http.Server;
	private routes: Array<{ match: (r: ScriptedRequest) => boolean; respond: Responder }> = [];
	url = '';

	on(method: string, pathPrefix: string, respond: Responder): this {
		this.routes.push({ match: (r) => r.method === method && r.path.startsWith(pathPrefix), respond });
		return this;
	}

	/** LWA token endpoint issuing `token-1`, `token-2`, ... and counting grants. */
	withLwa(options: { lifetimeSeconds?: number } = {}): this {
		let issued = 0;
		return this.on('POST', '/auth/o2/token', () => {
			issued += 1;
			return { status: 200, body: { access_token: `access-token-${issued}`, token_type: 'bearer', expires_in: options.lifetimeSeconds ?? 3600 } };
		});
	}

	count(method: string, pathPrefix: string): number {
		return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)).length;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const request: ScriptedRequest = {
					method: req.method ?? 'GET',
					path: url.pathname,
					query: Object.fromEntries(url.searchParams.entries()),
					headers: req.headers,
					body: Buffer.concat(chunks).toString('utf8'),
				};
				this.requests.push(request);
				const route = this.routes.find((r) => r.match(request));
				void Promise.resolve(route ? route.respond(request) : { status: 404, body: { errors: [{ code: 'NotFound', message: 'no route' }] } }).then(
					(reply) => {
						const send = () => {
							if (reply.reset) {
								req.socket.destroy();
								return;
							}
							res.writeHead(reply.status ?? 200, {
								'content-type': 'application/json',
								'x-amzn-requestid': `req-${this.requests.length}`,
								...reply.headers,
							});
							res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
						};
						if (reply.delayMs) setTimeout(send, reply.delayMs);
						else send();
					},
				);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}

export const AMAZON_EXPIRED_TOKEN = {
	errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }],
};
export const AMAZON_ACCESS_DENIED = {
	errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }],
};
export const AMAZON_QUOTA_EXCEEDED = {
	errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }],
};
