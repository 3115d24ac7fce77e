/**
 * An HTTPS front for the emulator, for the `amazon-sp-api` peer in the benchmarks: its HTTP layer only
 * speaks https (and, for downloads, port 443). The front ends TLS with a throw-away self-signed
 * certificate made with the system's openssl and forwards each request (method, headers, body) over
 * plain HTTP to the URL `target` picks for it. TLS checks are relaxed only in the peer's process.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throw-away self-signed certificate for 127.0.0.1 / localhost, made with openssl in a temporary folder. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-bench-tls-'));
	try {
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
			{ stdio: 'ignore' },
		);
		return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

export interface HttpsFront {
	readonly port: number;
	close(): Promise<void>;
}

/**
 * Listens on https://127.0.0.1:`port` (0 = any free port). `target(request)` gives the http base URL the
 * request's path is appended to.
 */
export async function startHttpsFront(port: number, target: (request: http.IncomingMessage) => string): Promise<HttpsFront> {
	const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const server = https.createServer(selfSignedCertificate(), (req, res) => {
		let base: string;
		try {
			base = target(req);
		} catch (error) {
			res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
			return;
		}
		const headers = { ...req.headers };
		delete headers.host;
		const upstream = http.request(`${base}${req.url ?? '/'}`, { method: req.method, headers, agent: upstreamAgent }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.address() as AddressInfo).port,
		close: async () => {
			upstreamAgent.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
