/**
 * Whether ACORN shares its per-seller state across n8n processes, and through which Redis. Read from the
 * environment of each n8n process (main and every worker), the way n8n reads its own settings:
 *
 *   EXECUTIONS_MODE=queue            n8n's queue mode: sharing is on (unless ACORN_SHARING=off)
 *   QUEUE_BULL_REDIS_HOST/PORT/DB/USERNAME/PASSWORD, QUEUE_BULL_REDIS_TLS (+ _TLS_SERVERNAME,
 *   _TLS_VALIDATE_CERTIFICATE), QUEUE_BULL_REDIS_DUALSTACK, QUEUE_BULL_REDIS_CLUSTER_NODES
 *                                    the Redis n8n itself uses (each also as <NAME>_FILE)
 *   ACORN_SHARING=auto|on|off        auto (default): on in queue mode; on: also without queue mode
 *   ACORN_REDIS_URL                  another Redis for ACORN (redis://user:pass@host:port/db, rediss:// for TLS)
 *   ACORN_REDIS_PREFIX               key prefix, default "acorn"
 *   ACORN_REDIS_TIMEOUT_MS           slower answers count as "Redis unavailable", default 1000
 *   ACORN_REDIS_RETRY_SECONDS        how long to work without Redis before trying again, default 30
 */
import { readFileSync } from 'node:fs';

export interface RedisNode {
	host: string;
	port: number;
}

export interface RedisTls {
	servername?: string;
	rejectUnauthorized: boolean;
}

interface RedisAuth {
	username?: string;
	password?: string;
	tls?: RedisTls;
	/** QUEUE_BULL_REDIS_DUALSTACK: look host names up as IPv4 and IPv6. */
	dualStack?: boolean;
}

export type RedisTarget =
	| ({ kind: 'single'; host: string; port: number; db: number } & RedisAuth)
	| ({ kind: 'cluster'; nodes: RedisNode[] } & RedisAuth)
	| { kind: 'url'; url: string };

export interface SharingSettings {
	target: RedisTarget;
	/** Where the connection came from: n8n's queue settings or ACORN_REDIS_URL. */
	source: 'n8n' | 'acorn';
	/** Host and port(s) for log lines; never a password. */
	label: string;
	prefix: string;
	timeoutMs: number;
	retryAfterMs: number;
}

type Env = NodeJS.ProcessEnv;

/** n8n's rule: the variable itself, else the file named by <NAME>_FILE (trimmed); quotes around a value are dropped. */
export function readSetting(env: Env, name: string): string | undefined {
	let value = env[name];
	if (value === undefined) {
		const file = env[`${name}_FILE`];
		if (!file) return undefined;
		value = readFileSync(file, 'utf8');
	}
	return value.trim().replace(/^(['"])(.*)\1$/, '$2');
}

function flag(env: Env, name: string, fallback: boolean): boolean {
	const value = readSetting(env, name)?.toLowerCase();
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	return fallback;
}

function number(env: Env, name: string, fallback: number): number {
	const value = readSetting(env, name);
	const parsed = value === undefined || value === '' ? Number.NaN : Number(value);
	return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

export type SharingChoice = 'auto' | 'on' | 'off';

export function sharingChoice(env: Env): SharingChoice {
	const value = (readSetting(env, 'ACORN_SHARING') ?? 'auto').toLowerCase();
	if (['off', 'false', '0', 'no'].includes(value)) return 'off';
	if (['on', 'true', '1', 'yes'].includes(value)) return 'on';
	return 'auto';
}

export function isQueueMode(env: Env): boolean {
	return readSetting(env, 'EXECUTIONS_MODE')?.toLowerCase() === 'queue';
}

function n8nTarget(env: Env): { target: RedisTarget; label: string } {
	const auth: RedisAuth = {
		username: readSetting(env, 'QUEUE_BULL_REDIS_USERNAME') || undefined,
		password: readSetting(env, 'QUEUE_BULL_REDIS_PASSWORD') || undefined,
		dualStack: flag(env, 'QUEUE_BULL_REDIS_DUALSTACK', false) || undefined,
		tls: flag(env, 'QUEUE_BULL_REDIS_TLS', false)
			? {
					servername: readSetting(env, 'QUEUE_BULL_REDIS_TLS_SERVERNAME') || undefined,
					rejectUnauthorized: flag(env, 'QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE', true),
				}
			: undefined,
	};
	// n8n: when cluster nodes are given, host and port are ignored
	const nodes = (readSetting(env, 'QUEUE_BULL_REDIS_CLUSTER_NODES') ?? '')
		.split(',')
		.map((pair) => pair.trim())
		.filter(Boolean)
		.map((pair) => {
			const [host, port] = pair.split(':');
			return { host, port: Number.parseInt(port, 10) || 6379 };
		});
	if (nodes.length) return { target: { kind: 'cluster', nodes, ...auth }, label: nodes.map((n) => `${n.host}:${n.port}`).join(',') };
	const host = readSetting(env, 'QUEUE_BULL_REDIS_HOST') || 'localhost';
	const port = number(env, 'QUEUE_BULL_REDIS_PORT', 6379);
	const db = number(env, 'QUEUE_BULL_REDIS_DB', 0);
	return { target: { kind: 'single', host, port, db, ...auth }, label: `${host}:${port}${db ? `/${db}` : ''}` };
}

function urlLabel(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.host}${parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : ''}`;
	} catch {
		return 'ACORN_REDIS_URL';
	}
}

/** The sharing settings of this process, or undefined when ACORN keeps everything in its own memory. */
export function readSharingSettings(env: Env = process.env): SharingSettings | undefined {
	const choice = sharingChoice(env);
	if (choice === 'off' || (choice === 'auto' && !isQueueMode(env))) return undefined;
	const url = readSetting(env, 'ACORN_REDIS_URL');
	const { target, label } = url ? { target: { kind: 'url', url } as RedisTarget, label: urlLabel(url) } : n8nTarget(env);
	return {
		target,
		source: url ? 'acorn' : 'n8n',
		label,
		prefix: readSetting(env, 'ACORN_REDIS_PREFIX') || 'acorn',
		timeoutMs: Math.max(1, number(env, 'ACORN_REDIS_TIMEOUT_MS', 1000)),
		retryAfterMs: number(env, 'ACORN_REDIS_RETRY_SECONDS', 30) * 1000,
	};
}
