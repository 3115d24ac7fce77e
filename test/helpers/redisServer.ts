/**
 * A real redis-server on 127.0.0.1 for tests (Debian package `redis-server`): its own port and data
 * folder, started and stopped by the test. Used by the unit tests of the shared buckets, the queue-mode
 * benchmark and the queue-mode end-to-end run. Stopping and starting again on the same port stands in
 * for a Redis outage.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import IORedis from 'ioredis';
import { freePort } from './ports';

export const REDIS_SERVER_MISSING =
	'redis-server is not installed (Debian: apt-get install redis-server); the tests of ACORN’s shared rate limits need it. Under CI=true they fail instead of skipping.';

/** The redis-server binary, or undefined when it is not installed. */
export function redisServerBinary(): string | undefined {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	const bin = found.stdout.trim();
	return found.status === 0 && bin ? bin : undefined;
}

export interface RedisServerOptions {
	/** One-node Redis Cluster (all 16384 slots on this server), for QUEUE_BULL_REDIS_CLUSTER_NODES. */
	cluster?: boolean;
	/** Keep data across stop/start (append-only file), as n8n's Bull needs after a restart. */
	persistent?: boolean;
	port?: number;
}

export class RedisServer {
	private child?: ChildProcess;
	private output = '';

	private constructor(
		readonly port: number,
		readonly dir: string,
		private readonly options: RedisServerOptions,
	) {}

	static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
		const bin = redisServerBinary();
		if (!bin) throw new Error(REDIS_SERVER_MISSING);
		const server = new RedisServer(options.port ?? (await freePort()), fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-redis-')), options);
		await server.resume();
		return server;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.child !== undefined;
	}

	/** Starts the server (again) on its port and waits until it answers PING (and, as a cluster, serves every slot). */
	async resume(): Promise<void> {
		if (this.child) return;
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--protected-mode', 'no', '--loglevel', 'warning'];
		args.push('--appendonly', this.options.persistent ? 'yes' : 'no');
		if (this.options.persistent) args.push('--appendfsync', 'always');
		if (this.options.cluster) args.push('--cluster-enabled', 'yes', '--cluster-config-file', path.join(this.dir, 'nodes.conf'), '--cluster-announce-ip', '127.0.0.1');
		const child = spawn(redisServerBinary()!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		child.once('exit', () => {
			if (this.child === child) this.child = undefined;
		});
		this.child = child;
		const started = Date.now();
		for (;;) {
			if (!this.child) throw new Error(`redis-server exited at start:\n${this.output}`);
			if (await this.answers()) break;
			if (Date.now() - started > 15_000) throw new Error(`redis-server did not answer on ${this.port}:\n${this.output}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		if (this.options.cluster) await this.serveEverySlot();
	}

	private async answers(): Promise<boolean> {
		const client = new IORedis({ host: '127.0.0.1', port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
		client.on('error', () => undefined);
		try {
			await client.connect();
			return (await client.ping()) === 'PONG';
		} catch {
			return false;
		} finally {
			client.disconnect();
		}
	}

	private async serveEverySlot(): Promise<void> {
		const client = this.client();
		try {
			const info = String(await client.call('CLUSTER', 'INFO'));
			if (!info.includes('cluster_slots_assigned:16384')) await client.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
			const started = Date.now();
			while (!String(await client.call('CLUSTER', 'INFO')).includes('cluster_state:ok')) {
				if (Date.now() - started > 15_000) throw new Error('the one-node cluster did not become ready');
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		} finally {
			client.disconnect();
		}
	}

	/** A plain client for the test's own look at the data (the caller disconnects it). */
	client(): IORedis {
		const client = new IORedis({ host: '127.0.0.1', port: this.port, maxRetriesPerRequest: 1 });
		client.on('error', () => undefined);
		return client;
	}

	/** Stops the server (SIGTERM, then SIGKILL after 5 s); resume() starts it again on the same port. */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child) return;
		const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		await gone;
		clearTimeout(timer);
		this.child = undefined;
	}

	async dispose(): Promise<void> {
		await this.stop();
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
