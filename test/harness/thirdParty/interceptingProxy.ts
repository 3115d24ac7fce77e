/**
 * An HTTPS-intercepting proxy on 127.0.0.1 for end-to-end runs: a real n8n started with
 * `HTTPS_PROXY=<proxy>` and `NODE_EXTRA_CA_CERTS=<ca>` reaches "slack.com", "oapi.dingtalk.com", … as
 * usual, but the TLS tunnel ends here and the stand-in for that host answers. So example workflows run
 * exactly as shipped (real URLs, real n8n-nodes-base nodes) and nothing leaves the machine: a host
 * without a stand-in is refused (and listed in `refused`) instead of being forwarded.
 *
 * Certificates come from the `openssl` command (a throwaway CA and one server certificate naming every
 * intercepted host, valid for two days, in a temporary folder).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { closeServer, createDispatcher, listenOnLoopback, type RecordedRequest, type StandIn } from './standIns';

export interface TestCertificates {
	dir: string;
	caPath: string;
	key: string;
	cert: string;
}

function openssl(args: string[], cwd: string): void {
	const result = spawnSync('openssl', args, { cwd, encoding: 'utf8', timeout: 30_000 });
	if (result.error) throw new Error(`The e2e tests need the "openssl" command to make test certificates: ${result.error.message}`);
	if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

export function createTestCertificates(hosts: string[]): TestCertificates {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-e2e-tls-'));
	const subject = (cn: string) => `/CN=${cn}/O=ACORN end-to-end tests (not trusted anywhere else)`;
	openssl(
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', subject('ACORN e2e test CA'),
			'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
		dir,
	);
	openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', subject('ACORN e2e stand-ins')], dir);
	fs.writeFileSync(
		path.join(dir, 'server.ext'),
		[`subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`, 'extendedKeyUsage=serverAuth', 'basicConstraints=CA:FALSE'].join('\n'),
	);
	openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext'], dir);
	return {
		dir,
		caPath: path.join(dir, 'ca.pem'),
		key: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
		cert: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
	};
}

export interface InterceptingProxy {
	/** http://127.0.0.1:<port>, for HTTPS_PROXY / HTTP_PROXY. */
	url: string;
	/** PEM file of the CA that signed the stand-ins' certificate, for NODE_EXTRA_CA_CERTS. */
	caPath: string;
	requests: RecordedRequest[];
	/** host:port of every tunnel or request that was refused because no stand-in serves that host. */
	refused: string[];
	close(): Promise<void>;
}

export async function startInterceptingProxy(standInsByHost: Record<string, StandIn[]>): Promise<InterceptingProxy> {
	const hosts = Object.keys(standInsByHost);
	const certificates = createTestCertificates(hosts);
	const requests: RecordedRequest[] = [];
	const refused: string[] = [];
	const route = (host: string): StandIn[] => standInsByHost[host] ?? [];
	const dispatch = createDispatcher(route, requests);
	// Serves the decrypted requests of every tunnel; it never listens on a port itself.
	const inner = createServer(dispatch);
	const openSockets = new Set<Duplex>();

	const proxy = createServer((req, res) => {
		// Plain-http requests through the proxy carry an absolute URL.
		const host = new URL(req.url ?? '/', 'http://unknown').hostname;
		if (!standInsByHost[host]) {
			refused.push(`${host}:80`);
			res.writeHead(403, { 'content-type': 'text/plain' });
			res.end(`ACORN e2e proxy: no stand-in for ${host}; nothing leaves this machine`);
			return;
		}
		dispatch(req, res);
	});
	proxy.on('connect', (req, socket, head) => {
		openSockets.add(socket);
		socket.once('close', () => openSockets.delete(socket));
		const [host] = String(req.url ?? '').split(':');
		if (!standInsByHost[host]) {
			refused.push(String(req.url));
			socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) socket.unshift(head);
		const secure = new tls.TLSSocket(socket as import('node:net').Socket, { isServer: true, key: certificates.key, cert: certificates.cert });
		openSockets.add(secure);
		secure.once('close', () => openSockets.delete(secure));
		secure.on('error', () => secure.destroy());
		inner.emit('connection', secure);
	});
	const port = await listenOnLoopback(proxy as Server);
	return {
		url: `http://127.0.0.1:${port}`,
		caPath: certificates.caPath,
		requests,
		refused,
		close: async () => {
			for (const socket of openSockets) socket.destroy();
			await closeServer(proxy);
			inner.closeAllConnections();
			fs.rmSync(certificates.dir, { recursive: true, force: true });
		},
	};
}
