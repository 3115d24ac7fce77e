import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { HttpsOverHttpProxyAgent, proxyForUrl } from '../../nodes/sp-api/transport/proxy';
import { NetworkError, send } from '../../nodes/sp-api/transport';

/** A loopback HTTP proxy that tunnels CONNECT and forwards absolute-form requests, recording both. */
async function startProxy() {
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		const target = new URL(req.url ?? '');
		const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (up) => {
			res.writeHead(up.statusCode ?? 502, up.headers);
			up.pipe(res);
		});
		req.pipe(upstream);
	});
	const tunnels = new Set<net.Socket>();
	server.on('connect', (req, clientSocket: net.Socket, head) => {
		seen.push(`CONNECT ${req.url}`);
		tunnels.add(clientSocket);
		const [host, port] = (req.url ?? '').split(':');
		const upstream = net.connect(Number(port), host, () => {
			clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(clientSocket);
			clientSocket.pipe(upstream);
		});
		upstream.on('error', () => clientSocket.destroy());
		clientSocket.on('error', () => upstream.destroy());
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const close = () =>
		new Promise<void>((resolve) => {
			// tunnelled sockets are not HTTP connections: closeAllConnections does not see them
			for (const socket of tunnels) socket.destroy();
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return { url, seen, close };
}

function selfSignedCertificate(): { key: string; cert: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-tls-'));
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
		'-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
		'-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
	], { stdio: 'ignore' });
	return { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
}

describe('proxy environment variables', () => {
	const saved = { ...process.env };
	afterEach(() => {
		for (const key of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']) {
			if (saved[key] === undefined) delete process.env[key];
			else process.env[key] = saved[key];
		}
	});

	it('chooses the proxy by scheme and honours NO_PROXY', () => {
		const env = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'proxy2:8080', NO_PROXY: 'localhost,.internal.example,10.0.0.1:8443' };
		expect(proxyForUrl(new URL('https://sellingpartnerapi-na.amazon.com/x'), env)?.href).toBe('http://proxy:3128/');
		expect(proxyForUrl(new URL('http://example.com/'), env)?.host).toBe('proxy2:8080');
		expect(proxyForUrl(new URL('https://localhost/'), env)).toBeUndefined();
		expect(proxyForUrl(new URL('https://api.internal.example/'), env)).toBeUndefined();
		expect(proxyForUrl(new URL('https://10.0.0.1:8443/'), env)).toBeUndefined();
		expect(proxyForUrl(new URL('https://10.0.0.1:9443/'), env)).toBeDefined();
		expect(proxyForUrl(new URL('https://x/'), {})).toBeUndefined();
	});

	it('tunnels HTTPS through CONNECT and speaks TLS end to end', async () => {
		const proxy = await startProxy();
		const tlsPair = selfSignedCertificate();
		const target = https.createServer(tlsPair, (_req, res) => res.end('{"ok":true}'));
		await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
		const port = (target.address() as AddressInfo).port;
		try {
			const agent = new HttpsOverHttpProxyAgent(new URL(proxy.url), { ca: tlsPair.cert });
			const body = await new Promise<string>((resolve, reject) => {
				https
					.get({ host: '127.0.0.1', port, path: '/hello', agent, ca: tlsPair.cert }, (res) => {
						let text = '';
						res.on('data', (c) => (text += c));
						res.on('end', () => resolve(text));
					})
					.on('error', reject);
			});
			expect(body).toBe('{"ok":true}');
			expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${port}`]);
			agent.destroy();
		} finally {
			target.closeAllConnections();
			target.close();
			await proxy.close();
		}
	});

	it('sends https requests of the transport through HTTPS_PROXY', async () => {
		const proxy = await startProxy();
		const tlsPair = selfSignedCertificate();
		const target = https.createServer(tlsPair, (_req, res) => res.end('{}'));
		await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
		const port = (target.address() as AddressInfo).port;
		process.env.HTTPS_PROXY = proxy.url;
		try {
			// the certificate is self-signed, so TLS fails after the tunnel: what matters is the CONNECT
			await expect(send({ method: 'GET', url: `https://127.0.0.1:${port}/x`, timeoutMs: 3000 })).rejects.toBeInstanceOf(NetworkError);
			expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${port}`);
		} finally {
			target.closeAllConnections();
			target.close();
			await proxy.close();
		}
	});

	it('forwards plain http through HTTP_PROXY', async () => {
		const proxy = await startProxy();
		const target = http.createServer((_req, res) => res.end('{"via":"proxy"}'));
		await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
		const port = (target.address() as AddressInfo).port;
		process.env.HTTP_PROXY = proxy.url;
		try {
			const response = await send({ method: 'GET', url: `http://127.0.0.1:${port}/y`, timeoutMs: 3000 });
			expect(response.data).toEqual({ via: 'proxy' });
			expect(proxy.seen).toEqual([`GET http://127.0.0.1:${port}/y`]);
		} finally {
			target.close();
			await proxy.close();
		}
	});

	it('reports a refused proxy as unreachable, so even writes know nothing was sent', async () => {
		process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
		const error = (await send({ method: 'POST', url: 'https://127.0.0.1:1/z', timeoutMs: 2000 }).catch((e: unknown) => e)) as NetworkError;
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.failure).toBe('unreachable');
		expect(error.mayHaveReachedServer).toBe(false);
	});
});
