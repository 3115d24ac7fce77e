/**
 * HTTP control API for out-of-process users (demo, real-n8n end-to-end runs), mirroring
 * `emulator.control`. Control calls are not written to the request log.
 */
import { walletStore } from './data/walletStore';
import { SELLER_FIXTURE_KEYS } from './fixtures';
import type { ApiResponse } from './http/errors';
import type { EmulatorRuntime } from './runtime';
import type { FaultSpec } from './types';

function parseJson(rawBody: string): Record<string, unknown> {
	if (!rawBody.trim()) return {};
	const parsed = JSON.parse(rawBody) as unknown;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('the body must be a JSON object');
	return parsed as Record<string, unknown>;
}

export function fixturesPayload(runtime: EmulatorRuntime): unknown {
	return {
		...runtime.urls(),
		sqsUrl: runtime.sqs.url,
		now: runtime.clock.now().toISOString(),
		apps: runtime.fixtures.apps,
		sellers: runtime.fixtures.sellers,
		credentials: Object.fromEntries(SELLER_FIXTURE_KEYS.map((key) => [key, runtime.credentialsFor(key)])),
	};
}

function configPayload(runtime: EmulatorRuntime): unknown {
	return { timeScale: runtime.limiter.currentTimeScale, enforceRateLimits: runtime.limiter.isEnforced };
}

export async function handleControlRequest(runtime: EmulatorRuntime, method: string, path: string, rawBody: string): Promise<ApiResponse> {
	const { control } = runtime;
	try {
		const route = `${method} ${path.replace(/\/+$/, '')}`;
		const approval = /^(GET|POST) \/_emulator\/wallet\/transactions\/([^/]+)\/approve$/.exec(route);
		if (approval) {
			// A Seller Wallet callBackURL: opening it is the account holder's approval.
			const { record, status } = walletStore(runtime.state).approve(decodeURIComponent(approval[2]), runtime.clock.nowMs());
			return { status: 200, body: { transactionId: record.transactionId, transactionStatus: status } };
		}
		const queueRoute = /^(GET|POST) \/_emulator\/sqs\/queues\/([^/]+)(\/messages)?$/.exec(route);
		if (queueRoute) {
			const name = decodeURIComponent(queueRoute[2]);
			if (queueRoute[1] === 'GET' && !queueRoute[3]) return { status: 200, body: { depth: control.sqs.depth(name), credentials: control.sqs.credentialsFor(name) } };
			if (queueRoute[1] === 'POST' && queueRoute[3]) {
				const body = parseJson(rawBody).body;
				if (typeof body !== 'string' && (typeof body !== 'object' || body === null)) throw new TypeError('body (string or object) is required');
				return { status: 201, body: { messageId: control.sqs.send(name, body as string | Record<string, unknown>) } };
			}
		}
		switch (route) {
			case 'POST /_emulator/sqs/queues': {
				const options = parseJson(rawBody);
				if (typeof options.name !== 'string') throw new TypeError('name (string) is required');
				const queue = control.sqs.createQueue({ name: options.name, region: typeof options.region === 'string' ? options.region : undefined, allowSpApi: options.allowSpApi !== false });
				return { status: 201, body: { ...queue, credentials: control.sqs.credentialsFor(queue.name) } };
			}
			case 'GET /_emulator/notifications':
				return {
					status: 200,
					body: { destinations: control.notifications.destinations(), subscriptions: control.notifications.subscriptions(), deliveries: control.notifications.deliveries() },
				};
			case 'GET /_emulator/fixtures':
				return { status: 200, body: fixturesPayload(runtime) };
			case 'GET /_emulator/requests':
				return { status: 200, body: control.requests() };
			case 'DELETE /_emulator/requests':
				control.clearRequests();
				return { status: 204 };
			case 'POST /_emulator/faults':
				control.injectFault(parseJson(rawBody) as unknown as FaultSpec);
				return { status: 201, body: { ok: true } };
			case 'DELETE /_emulator/faults':
				control.clearFaults();
				return { status: 204 };
			case 'POST /_emulator/tokens/expire':
				control.expireAccessTokens();
				return { status: 200, body: { ok: true } };
			case 'POST /_emulator/tokens/revoke': {
				const target = parseJson(rawBody).refreshTokenOrSellerKey;
				if (typeof target !== 'string') throw new TypeError('refreshTokenOrSellerKey (string) is required');
				control.revokeRefreshToken(target);
				return { status: 200, body: { ok: true } };
			}
			case 'GET /_emulator/clock':
				return { status: 200, body: { now: control.now().toISOString() } };
			case 'POST /_emulator/clock/advance': {
				const ms = parseJson(rawBody).ms;
				if (typeof ms !== 'number') throw new TypeError('ms (number) is required');
				control.advanceClock(ms);
				return { status: 200, body: { now: control.now().toISOString() } };
			}
			case 'POST /_emulator/config': {
				const body = parseJson(rawBody);
				if (body.timeScale !== undefined) control.setTimeScale(Number(body.timeScale));
				if (body.enforceRateLimits !== undefined) control.setRateLimitsEnforced(Boolean(body.enforceRateLimits));
				return { status: 200, body: configPayload(runtime) };
			}
			case 'GET /_emulator/config':
				return { status: 200, body: configPayload(runtime) };
			default:
				return { status: 404, body: { error: `unknown control endpoint ${route}` } };
		}
	} catch (error) {
		return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
	}
}
