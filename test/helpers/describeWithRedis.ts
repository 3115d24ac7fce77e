import { REDIS_SERVER_MISSING, redisServerBinary } from './redisServer';

/**
 * jest's `describe`, or `describe.skip` with a clear message when redis-server is missing and this is not
 * CI. Under CI=true a missing redis-server fails the suite (.ci/run installs it).
 */
export function describeWithRedis(name: string, body: () => void): void {
	if (redisServerBinary() || process.env.CI === 'true') {
		describe(name, body);
		return;
	}
	// eslint-disable-next-line no-console
	console.warn(`${name}: SKIPPED — ${REDIS_SERVER_MISSING}`);
	describe.skip(`${name} (skipped: redis-server is not installed)`, body);
}
