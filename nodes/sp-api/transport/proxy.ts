import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { tr } from '../i18n/translate';

/**
 * Standard proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower case too). Sellers in China often
 * reach Amazon through a corporate or local proxy, and HTTPS must be tunnelled with CONNECT: forwarding
 * an absolute https:// URL to the proxy, as axios does on its own, is refused by most proxies.
 */
export function proxyForUrl(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
	const raw =
		target.protocol === 'https:'
			? env.HTTPS_PROXY ?? env.https_proxy ?? env.ALL_PROXY ?? env.all_proxy
			: env.HTTP_PROXY ?? env.http_proxy ?? env.ALL_PROXY ?? env.all_proxy;
	if (!raw) return undefined;
	if (bypassesProxy(target, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
	try {
		return new URL(raw.includes('://') ? raw : `http://${raw}`);
	} catch {
		return undefined;
	}
}

function bypassesProxy(target: URL, noProxy: string): boolean {
	const host = target.hostname.toLowerCase();
	const port = target.port || (target.protocol === 'https:' ? '443' : '80');
	return noProxy
		.split(/[\s,]+/)
		.filter(Boolean)
		.some((entry) => {
			if (entry === '*') return true;
			const [entryHost, entryPort] = entry.toLowerCase().split(':');
			if (entryPort && entryPort !== port) return false;
			const bare = entryHost.replace(/^\*?\./, '');
			return host === bare || host.endsWith(`.${bare}`);
		});
}

/** An https agent whose sockets are TLS over a CONNECT tunnel through an HTTP proxy. */
export class HttpsOverHttpProxyAgent extends https.Agent {
	constructor(
		private readonly proxy: URL,
		options: https.AgentOptions = {},
	) {
		super(options);
	}

	createConnection(
		options: http.RequestOptions & tls.ConnectionOptions,
		callback?: (error: Error | null, socket: Duplex) => void,
	): Duplex | null | undefined {
		if (!callback) throw new ProxyTunnelError(tr`The proxy tunnel needs a callback-style agent.`);
		// node's agent reads the error first and ignores the socket argument when there is one
		const failWith = (error: Error): void => callback(error, undefined as never);
		const targetHost = String(options.host ?? options.hostname ?? 'localhost');
		const targetPort = Number(options.port ?? 443);
		const headers: http.OutgoingHttpHeaders = { host: `${targetHost}:${targetPort}` };
		if (this.proxy.username) {
			const user = decodeURIComponent(this.proxy.username);
			const password = decodeURIComponent(this.proxy.password);
			headers['proxy-authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
		}
		const connect = http.request({
			host: this.proxy.hostname,
			port: Number(this.proxy.port || 80),
			method: 'CONNECT',
			path: `${targetHost}:${targetPort}`,
			headers,
		});
		connect.once('connect', (response, socket) => {
			if (response.statusCode !== 200) {
				socket.destroy();
				failWith(new ProxyTunnelError(tr`The proxy ${this.proxy.host} refused to connect to ${targetHost}:${targetPort} (HTTP ${response.statusCode}).`));
				return;
			}
			// `path` here is the HTTP request path; tls.connect would read it as a unix socket
			const tlsOptions: tls.ConnectionOptions & http.RequestOptions = { ...options };
			delete tlsOptions.path;
			delete tlsOptions.socketPath;
			const secure = tls.connect({
				...tlsOptions,
				socket,
				servername: options.servername ?? (net.isIP(targetHost) ? undefined : targetHost),
			});
			callback(null, secure);
		});
		connect.once('error', (error) => failWith(new ProxyTunnelError(tr`Could not reach the proxy ${this.proxy.host}: ${error.message}`)));
		connect.end();
		return undefined;
	}
}

export class ProxyTunnelError extends Error {
	readonly code = 'EPROXY';
	constructor(message: string) {
		super(message);
		this.name = 'ProxyTunnelError';
	}
}
