/**
 * When ACORN shares its state across n8n processes, and with which Redis: read from n8n's own queue-mode
 * settings (and their _FILE variants), or from ACORN's own; and `ioredis` stays unloaded unless sharing is on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSharingSettings } from '../../nodes/sp-api/sharing/settings';

describe('sharing settings', () => {
	it('are off without queue mode, and with ACORN_SHARING=off', () => {
		expect(readSharingSettings({})).toBeUndefined();
		expect(readSharingSettings({ EXECUTIONS_MODE: 'regular' })).toBeUndefined();
		expect(readSharingSettings({ EXECUTIONS_MODE: 'queue', ACORN_SHARING: 'off' })).toBeUndefined();
		// on by choice without queue mode (several regular n8n instances on one Redis)
		expect(readSharingSettings({ ACORN_SHARING: 'on', ACORN_REDIS_URL: 'redis://127.0.0.1:7000' })?.target).toEqual({ kind: 'url', url: 'redis://127.0.0.1:7000' });
	});

	it('use n8n’s Redis in queue mode, with n8n’s defaults', () => {
		expect(readSharingSettings({ EXECUTIONS_MODE: 'queue' })).toEqual({
			target: { kind: 'single', host: 'localhost', port: 6379, db: 0 },
			source: 'n8n',
			label: 'localhost:6379',
			prefix: 'acorn',
			timeoutMs: 1000,
			retryAfterMs: 30_000,
		});
	});

	it('read host, port, db, user, password and TLS the way n8n does, also from _FILE variants', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-settings-'));
		try {
			fs.writeFileSync(path.join(dir, 'password'), 's3cret-from-a-file\n');
			fs.writeFileSync(path.join(dir, 'host'), 'redis.internal');
			const settings = readSharingSettings({
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST_FILE: path.join(dir, 'host'),
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_DB: '"2"',
				QUEUE_BULL_REDIS_USERNAME: 'n8n',
				QUEUE_BULL_REDIS_PASSWORD_FILE: path.join(dir, 'password'),
				QUEUE_BULL_REDIS_TLS: 'true',
				QUEUE_BULL_REDIS_TLS_SERVERNAME: 'redis.example.com',
				QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE: 'false',
				QUEUE_BULL_REDIS_DUALSTACK: 'true',
			});
			expect(settings?.target).toEqual({
				kind: 'single',
				host: 'redis.internal',
				port: 6380,
				db: 2,
				username: 'n8n',
				password: 's3cret-from-a-file',
				dualStack: true,
				tls: { servername: 'redis.example.com', rejectUnauthorized: false },
			});
			// the label goes into log lines: never the password
			expect(settings?.label).toBe('redis.internal:6380/2');
			// the variable itself wins over its _FILE form, as in n8n
			expect(readSharingSettings({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'direct', QUEUE_BULL_REDIS_HOST_FILE: path.join(dir, 'host') })?.label).toBe('direct:6379');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('use the cluster nodes when given (host and port are then ignored, as in n8n)', () => {
		const settings = readSharingSettings({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'ignored', QUEUE_BULL_REDIS_CLUSTER_NODES: 'a:7000, b:7001', QUEUE_BULL_REDIS_PASSWORD: 'p' });
		expect(settings?.target).toEqual({ kind: 'cluster', nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }], password: 'p' });
		expect(settings?.label).toBe('a:7000,b:7001');
	});

	it('ACORN_REDIS_URL points ACORN at another Redis; its own prefix, time limit and retry pause', () => {
		const settings = readSharingSettings({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: 'n8n-redis',
			ACORN_REDIS_URL: 'rediss://acorn:pw@limits.example.com:6390/4',
			ACORN_REDIS_PREFIX: 'shop1',
			ACORN_REDIS_TIMEOUT_MS: '250',
			ACORN_REDIS_RETRY_SECONDS: '5',
		});
		expect(settings).toMatchObject({ source: 'acorn', label: 'limits.example.com:6390/4', prefix: 'shop1', timeoutMs: 250, retryAfterMs: 5000 });
		expect(settings?.label).not.toContain('pw');
	});
});

describe('loading ioredis', () => {
	afterEach(() => {
		delete process.env.EXECUTIONS_MODE;
		jest.resetModules();
	});

	async function callOnce(): Promise<boolean> {
		let loaded = false;
		await jest.isolateModulesAsync(async () => {
			jest.doMock('ioredis', () => {
				loaded = true;
				throw new Error('ioredis is not reachable in this test');
			});
			const { processRateLimiter } = await import('../../nodes/sp-api/sharing');
			const { SpApiClient } = await import('../../nodes/sp-api/client');
			const limiter = processRateLimiter();
			new SpApiClient({ credentials: { clientId: 'a', clientSecret: 'b', refreshToken: 'c', region: 'NA', environment: 'production' } as never });
			// the first reservation is when a shared limiter first needs Redis
			const budget = limiter.budget({ clientId: 'a', subject: 'b', region: 'NA', environment: 'production', operation: 'getMarketplaceParticipations' }, { rate: 1, burst: 2, published: true }, { now: Date.now });
			expect(await budget.reserve()).toBe(0);
		});
		return loaded;
	}

	it('is not loaded without queue mode, not even when a request is made', async () => {
		expect(await callOnce()).toBe(false);
	});

	it('is loaded in queue mode, on the first request (and its failure falls back instead of failing)', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		expect(await callOnce()).toBe(true);
	});
});
