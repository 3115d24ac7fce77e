/**
 * ACORN's own connection to the Redis of n8n's queue mode (n8n gives nodes no handle to its own), and the
 * rule that keeps workflows running when Redis is not there: a call that fails or answers later than the
 * time limit makes every caller work without Redis for a cool-down, with one warning in n8n's log per
 * outage and one line when Redis answers again.
 *
 * `ioredis` (the client n8n itself uses for these settings) is loaded here, on the first call, so an n8n
 * that does not share never loads it.
 */
import { createHash } from 'node:crypto';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { tr } from '../i18n/translate';
import type { SharingSettings } from './settings';

export type RedisClient = Redis | Cluster;

/** Where sharing reports that it started, stopped or came back. */
export interface SharingLogger {
	info?(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
}

/** A Lua script run with EVALSHA (EVAL once when Redis does not know it yet, e.g. after a restart). */
export interface LuaScript {
	readonly lua: string;
	readonly sha: string;
}

export function luaScript(lua: string): LuaScript {
	return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** How often ioredis tries to reconnect in the background after losing Redis (n8n uses 1 s too). */
const RECONNECT_MS = 1000;

class TimedOut extends Error {}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new TimedOut(`no answer within ${ms} ms (${what})`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export type RedisState = 'unused' | 'shared' | 'unavailable';

export class SharedRedis {
	private client?: RedisClient;
	private opening?: Promise<RedisClient>;
	private unavailableUntil = 0;
	/** A warning was logged for the current outage; the next success logs the recovery. */
	private inOutage = false;
	private announced = false;
	/** Counters for operators and tests: calls answered by Redis, and calls that fell back. */
	readonly counts = { shared: 0, fallback: 0, outages: 0, recoveries: 0 };

	constructor(
		readonly settings: SharingSettings,
		private readonly clock: () => number = Date.now,
	) {}

	get state(): RedisState {
		if (this.inOutage) return 'unavailable';
		return this.client ? 'shared' : 'unused';
	}

	/** A key under ACORN's prefix whose `{tag}` decides the cluster slot: one bucket's keys share one. */
	key(kind: string, tag: string): string {
		return `${this.settings.prefix}:${kind}:{${tag}}`;
	}

	/**
	 * Runs a script on Redis. Undefined means "Redis cannot be used now": the caller then does the same
	 * work in its own memory. Never throws because of Redis.
	 */
	async run(script: LuaScript, keys: string[], args: Array<string | number>, logger?: SharingLogger): Promise<unknown> {
		if (this.clock() < this.unavailableUntil) {
			this.counts.fallback += 1;
			return undefined;
		}
		const { timeoutMs } = this.settings;
		try {
			const client = await within(this.connected(), timeoutMs, 'connecting');
			const answer = await within(evaluate(client, script, keys, args), timeoutMs, 'script');
			this.counts.shared += 1;
			this.succeeded(logger);
			return answer;
		} catch (error) {
			this.counts.fallback += 1;
			this.failed(error, logger);
			return undefined;
		}
	}

	private succeeded(logger?: SharingLogger): void {
		if (this.inOutage) {
			this.inOutage = false;
			this.counts.recoveries += 1;
			logger?.info?.(tr`ACORN reaches Redis at ${this.settings.label} again: Amazon rate limits are shared by all n8n processes again.`);
		} else if (!this.announced) {
			this.announced = true;
			logger?.info?.(tr`ACORN shares Amazon rate limits with the other n8n processes through Redis at ${this.settings.label}.`);
		}
	}

	private failed(error: unknown, logger?: SharingLogger): void {
		this.unavailableUntil = this.clock() + this.settings.retryAfterMs;
		if (this.inOutage) return;
		this.inOutage = true;
		this.counts.outages += 1;
		const reason = error instanceof Error ? error.message : String(error);
		logger?.warn(
			tr`ACORN cannot use Redis at ${this.settings.label} (${reason}). Until Redis answers again, each n8n process paces its Amazon calls on its own, so Amazon may answer "429 Too Many Requests" more often; workflows keep running. ACORN tries Redis again in ${Math.round(this.settings.retryAfterMs / 1000)} s.`,
		);
	}

	private async connected(): Promise<RedisClient> {
		if (this.client) {
			if (this.client.status === 'ready') return this.client;
			// ioredis reconnects in the background; until then this process works without Redis
			throw new Error(`connection ${this.client.status}`);
		}
		this.opening ??= this.open().finally(() => (this.opening = undefined));
		return await this.opening;
	}

	private async open(): Promise<RedisClient> {
		const { default: IORedis } = await import('ioredis');
		const client = createClient(IORedis, this.settings);
		// errors reach the callers through their commands; without a listener ioredis prints each one
		client.on('error', () => undefined);
		try {
			await client.connect();
		} catch (error) {
			client.disconnect();
			throw error;
		}
		this.client = client;
		return client;
	}

	async close(): Promise<void> {
		const client = this.client ?? (await this.opening?.catch(() => undefined));
		this.client = undefined;
		if (client) await client.quit().catch(() => client.disconnect());
	}
}

async function evaluate(client: RedisClient, script: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
	try {
		return await client.evalsha(script.sha, keys.length, ...keys, ...args);
	} catch (error) {
		if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
		return await client.eval(script.lua, keys.length, ...keys, ...args);
	}
}

type IORedisModule = typeof import('ioredis').default;

/** The client for the settings: n8n's options for a single Redis or a cluster, or ACORN_REDIS_URL. */
function createClient(IORedis: IORedisModule, settings: SharingSettings): RedisClient {
	const common: RedisOptions = {
		lazyConnect: true,
		// no queue while disconnected: a call fails at once and the caller carries on without Redis
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1,
		connectTimeout: Math.max(settings.timeoutMs, 1000),
		retryStrategy: () => RECONNECT_MS,
	};
	const target = settings.target;
	if (target.kind === 'url') return new IORedis(target.url, common);
	const auth: RedisOptions = {
		username: target.username,
		password: target.password,
		...(target.dualStack ? { family: 0 } : {}),
		...(target.tls ? { tls: { servername: target.tls.servername, rejectUnauthorized: target.tls.rejectUnauthorized } } : {}),
	};
	if (target.kind === 'cluster') {
		return new IORedis.Cluster(target.nodes, {
			lazyConnect: true,
			enableOfflineQueue: false,
			clusterRetryStrategy: () => RECONNECT_MS,
			redisOptions: { ...auth, connectTimeout: common.connectTimeout, maxRetriesPerRequest: 1 },
		});
	}
	return new IORedis({ ...common, ...auth, host: target.host, port: target.port, db: target.db });
}
