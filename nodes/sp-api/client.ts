import { sleep as n8nSleep } from 'n8n-workflow';
import { AccessTokenCache, sharedTokenCache } from './auth/tokenCache';
import { LwaError, NOTIFICATIONS_SCOPE, type LwaApplication, type TokenGrant } from './auth/lwa';
import { spApiEndpoint, type SpApiCredentials } from './credentials';
import {
	hintForHttpError,
	isRejectedToken,
	messageForHttpError,
	readAmazonErrors,
	SpApiError,
	type AmazonErrorEntry,
} from './errors';
import { tr } from './i18n/translate';
import { getOperation, usagePlanFor, type OperationKey } from './operations';
import type { OperationSpec } from './operationSpec';
import type { BudgetSource } from './rateLimit/budget';
import { redact } from './redact';
import { processRateLimiter } from './sharing';
import type { SpApiRegion } from './regions';
import { DEFAULT_RETRY_POLICY, decideRetry, isTransientStatus, type RetryPolicy, type RetryState } from './retry';
import { buildQuery, NetworkError, send, sendForStream, type HttpResponse, type HttpStreamResponse } from './transport';

export type ParamValue = string | number | boolean | Date | readonly (string | number)[] | null | undefined;

export interface CallInput {
	/** Path, query and header parameters by their model names; the table says where each goes. */
	params?: Record<string, ParamValue>;
	body?: unknown;
	/** Another region than the credential's (used to tell a seller they picked the wrong one). */
	region?: SpApiRegion;
	/**
	 * A Restricted Data Token (auth/restrictedDataToken.ts) sent instead of the seller's access token, for
	 * this call only: restricted operations (e.g. documents of restricted report types) need one.
	 */
	restrictedDataToken?: string;
}

export interface ResponseMetadata {
	operation: string;
	api: string;
	apiVersion: string;
	method: string;
	path: string;
	httpStatus: number;
	requestId?: string;
	requestedAt: string;
	respondedAt: string;
	durationMs: number;
	/** `x-amzn-RateLimit-Limit` as Amazon sent it (requests per second), when it did. */
	rateLimit?: string;
	attempts: number;
}

export interface SpApiResponse<T = unknown> {
	data: T;
	status: number;
	headers: Record<string, string>;
	metadata: ResponseMetadata;
}

export interface CoreLogger {
	debug(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
	/** Optional: notes an operator wants in the log (shared rate limits started or came back). */
	info?(message: string, meta?: Record<string, unknown>): void;
}

export interface SpApiClientOptions {
	credentials: SpApiCredentials;
	/** Waiting goes through n8n's sleep so a cancelled execution stops waiting. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	signal?: AbortSignal;
	logger?: CoreLogger;
	timeoutMs?: number;
	retryPolicy?: RetryPolicy;
	tokenCache?: AccessTokenCache;
	/** Default: this process's buckets, shared with the other n8n processes through Redis in queue mode. */
	rateLimiter?: BudgetSource;
	now?: () => number;
	random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const silentLogger: CoreLogger = { debug: () => undefined, warn: () => undefined };

/**
 * The SP-API core every ACORN node calls. One method, `call`, does what each request needs:
 * token, usage-plan pacing, the request with a timeout, one refresh after an expired-token 403,
 * retries where repeating is harmless, and errors a seller can read.
 */
export class SpApiClient {
	readonly credentials: SpApiCredentials;
	private readonly sleepFn: (ms: number, signal?: AbortSignal) => Promise<void>;
	private readonly signal?: AbortSignal;
	readonly logger: CoreLogger;
	private readonly timeoutMs: number;
	private readonly retryPolicy: RetryPolicy;
	private readonly tokens: AccessTokenCache;
	private readonly limiter: BudgetSource;
	private readonly now: () => number;
	private readonly random: () => number;

	constructor(options: SpApiClientOptions) {
		this.credentials = options.credentials;
		this.sleepFn = options.sleep ?? n8nSleep;
		this.signal = options.signal;
		this.logger = options.logger ?? silentLogger;
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
		this.tokens = options.tokenCache ?? sharedTokenCache;
		this.limiter = options.rateLimiter ?? processRateLimiter();
		this.now = options.now ?? Date.now;
		this.random = options.random ?? Math.random;
	}

	private get application(): LwaApplication {
		return {
			clientId: this.credentials.clientId,
			clientSecret: this.credentials.clientSecret,
			tokenUrl: this.credentials.lwaTokenUrl,
		};
	}

	private grantFor(operation: OperationSpec): TokenGrant {
		return operation.grantless
			? { kind: 'grantless', scope: NOTIFICATIONS_SCOPE }
			: { kind: 'refreshToken', refreshToken: this.credentials.refreshToken };
	}

	/**
	 * The seller's (or, for grantless calls, the app's) access token, from the shared cache. Asking
	 * Login with Amazon again is harmless, so its outages (5xx, no answer) are retried like reads.
	 */
	async accessToken(operation: OperationSpec): Promise<string> {
		const state: RetryState = { throttledRetries: 0, transientRetries: 0, waitedMs: 0 };
		for (;;) {
			try {
				return await this.tokens.get(this.application, this.grantFor(operation), {
					timeoutMs: this.timeoutMs,
					signal: this.signal,
				});
			} catch (error) {
				const transient = error instanceof LwaError && (error.failure === 'unreachable' || (error.status ?? 0) >= 500);
				if (transient) {
					const decision = decideRetry({ kind: 'serverError', status: error.status ?? 503 }, state, true, this.retryPolicy, {
						random: this.random,
						refillMs: 0,
					});
					if (decision.retry) {
						state.transientRetries += 1;
						this.logger.warn(`Login with Amazon did not answer properly (${error.status ?? error.failure}); trying again in ${decision.delayMs} ms`);
						await this.pause(decision.delayMs, operation);
						continue;
					}
				}
				if (error instanceof LwaError) {
					const unreachable = error.failure === 'unreachable';
					throw new SpApiError({
						kind: unreachable ? 'network' : 'auth',
						operation,
						message: unreachable
							? tr`Login with Amazon could not be reached for ${operation.operationId}.`
							: tr`Login with Amazon refused an access token for ${operation.operationId}.`,
						hint: error.message,
						httpStatus: error.status,
						// only what Amazon itself sent: its error code and error_description
						errors: error.lwaCode || error.amazonSaid ? [{ code: error.lwaCode, message: error.amazonSaid }] : [],
						attempts: state.transientRetries + 1,
						details: error.details,
						cause: error,
					});
				}
				throw this.networkError(operation, error, 1);
			}
		}
	}

	async call<T = unknown>(key: OperationKey, input: CallInput = {}): Promise<SpApiResponse<T>> {
		const operation = getOperation(key);
		const region = input.region ?? this.credentials.region;
		const { url, headers } = buildRequest(operation, spApiEndpoint(this.credentials, region), input.params ?? {});
		const grant = this.grantFor(operation);
		const bucket = this.limiter.budget(
			{
				clientId: this.credentials.clientId,
				subject: grant.kind === 'refreshToken' ? grant.refreshToken : 'grantless',
				region,
				environment: this.credentials.environment,
				operation: operation.key,
			},
			usagePlanFor(operation, this.credentials.environment),
			{ now: this.now, logger: this.logger },
		);
		const state: RetryState = { throttledRetries: 0, transientRetries: 0, waitedMs: 0 };
		let refreshedToken = false;
		let attempts = 0;

		for (;;) {
			const token = input.restrictedDataToken ?? (await this.accessToken(operation));
			const wait = await bucket.reserve();
			if (wait > 0) await this.pauseUntilDue(wait, operation);
			attempts += 1;
			const requestedAt = this.now();
			let response: HttpResponse;
			try {
				response = await send({
					method: operation.method,
					url,
					headers: { ...headers, 'x-amz-access-token': token, 'user-agent': USER_AGENT },
					body: input.body,
					timeoutMs: this.timeoutMs,
					signal: this.signal,
				});
			} catch (error) {
				const failure = error instanceof NetworkError ? error.failure : 'reset';
				const decision = decideRetry({ kind: 'network', failure }, state, operation.safeToRepeat, this.retryPolicy, {
					random: this.random,
					refillMs: bucket.refillMs,
				});
				if (!decision.retry) throw this.networkError(operation, error, attempts);
				state.transientRetries += 1;
				this.logger.warn(`SP-API ${operation.operationId}: ${redact(String((error as Error).message))}; trying again in ${decision.delayMs} ms`);
				await this.pause(decision.delayMs, operation);
				continue;
			}
			const respondedAt = this.now();
			const rateHeader = response.headers['x-amzn-ratelimit-limit'];
			if (rateHeader) await bucket.learnRate(Number(rateHeader), requestedAt, respondedAt);
			const metadata: ResponseMetadata = {
				operation: operation.key,
				api: operation.api,
				apiVersion: operation.apiVersion,
				method: operation.method,
				path: new URL(url).pathname,
				httpStatus: response.status,
				requestId: response.headers['x-amzn-requestid'],
				requestedAt: new Date(requestedAt).toISOString(),
				respondedAt: new Date(respondedAt).toISOString(),
				durationMs: respondedAt - requestedAt,
				rateLimit: rateHeader,
				attempts,
			};
			this.logger.debug(`SP-API ${operation.method} ${operation.operationId} → ${response.status}`, {
				requestId: metadata.requestId,
				durationMs: metadata.durationMs,
			});
			if (response.status >= 200 && response.status < 300) {
				return { data: response.data as T, status: response.status, headers: response.headers, metadata };
			}
			const errors = readAmazonErrors(response.data);
			// a refused Restricted Data Token is not renewed here: the caller asks for a new one
			if (isRejectedToken(response.status, errors) && !refreshedToken && input.restrictedDataToken === undefined) {
				// the request was refused before Amazon did anything, so even a write may be sent again
				refreshedToken = true;
				this.tokens.invalidate(this.application, grant, token);
				this.logger.debug(`SP-API ${operation.operationId}: access token refused (${errors[0]?.details ?? 'expired'}); refreshing once`);
				continue;
			}
			if (response.status === 429) {
				await bucket.drain();
				const decision = decideRetry({ kind: 'throttled' }, state, operation.safeToRepeat, this.retryPolicy, {
					random: this.random,
					refillMs: bucket.refillMs,
				});
				if (decision.retry) {
					state.throttledRetries += 1;
					state.waitedMs += decision.delayMs;
					this.logger.debug(`SP-API ${operation.operationId}: throttled (429), waiting ${decision.delayMs} ms`);
					await this.pause(decision.delayMs, operation);
					continue;
				}
				throw this.throttledError(operation, metadata, bucket.rate, state, errors);
			}
			if (isTransientStatus(response.status)) {
				const decision = decideRetry({ kind: 'serverError', status: response.status }, state, operation.safeToRepeat, this.retryPolicy, {
					random: this.random,
					refillMs: bucket.refillMs,
				});
				if (decision.retry) {
					state.transientRetries += 1;
					this.logger.warn(`SP-API ${operation.operationId}: HTTP ${response.status}; trying again in ${decision.delayMs} ms`, {
						requestId: metadata.requestId,
					});
					await this.pause(decision.delayMs, operation);
					continue;
				}
			}
			const mayHaveTakenEffect = !operation.safeToRepeat && (response.status >= 500 || response.status === 408);
			throw new SpApiError({
				kind: 'http',
				operation,
				httpStatus: response.status,
				errors,
				requestId: metadata.requestId,
				message: messageForHttpError(operation, response.status),
				hint: hintForHttpError(operation, response.status, errors, { attempts, mayHaveTakenEffect }),
				mayHaveTakenEffect,
				attempts,
			});
		}
	}

	/** The client's clock (injectable in tests). */
	nowMs(): number {
		return this.now();
	}

	/**
	 * Waits the way the client waits between retries: through n8n's sleep, ended early (with an
	 * `aborted` SpApiError) when the execution is cancelled. For callers that poll, e.g. report status.
	 */
	async wait(ms: number, what = 'Amazon'): Promise<void> {
		try {
			await this.sleepFn(ms, this.signal);
		} catch (error) {
			throw new SpApiError({
				kind: 'aborted',
				operation: { key: 'wait', operationId: 'wait', method: 'GET', path: '' },
				message: tr`The execution was cancelled while waiting for ${what}.`,
				hint: tr`The workflow was stopped.`,
				cause: error,
			});
		}
	}

	/**
	 * A GET of a presigned URL Amazon handed out (report documents): no access token is sent, no usage
	 * plan applies, the body comes back as a stream. Failures without an answer are NetworkErrors.
	 */
	async openUrl(url: string, headers: Record<string, string> = {}): Promise<HttpStreamResponse> {
		return await sendForStream({
			method: 'GET',
			url,
			headers: { accept: '*/*', 'user-agent': USER_AGENT, ...headers },
			timeoutMs: this.timeoutMs,
			signal: this.signal,
		});
	}

	private async pause(ms: number, operation: OperationSpec): Promise<void> {
		await this.wait(ms, `Amazon (${operation.operationId})`);
	}

	/**
	 * Waits until a paced request's turn. Node starts a timer from the event loop's cached time, which lags
	 * behind the clock after a long callback (a big page parsed), so the timer can fire that much early;
	 * a request sent early may reach Amazon before its token. What is left is waited again, once.
	 */
	private async pauseUntilDue(ms: number, operation: OperationSpec): Promise<void> {
		const due = this.now() + ms;
		await this.pause(ms, operation);
		const early = due - this.now();
		// early ≥ ms means the clock did not move while "sleeping" (a test's clock): nothing to make up
		if (early >= 1 && early < ms) await this.pause(early, operation);
	}

	private networkError(operation: OperationSpec, error: unknown, attempts: number): SpApiError {
		const network = error instanceof NetworkError ? error : undefined;
		const details = network ? `${network.code}: ${network.message}` : error instanceof Error ? error.message : String(error);
		if (network?.failure === 'aborted') {
			return new SpApiError({ kind: 'aborted', operation, message: tr`${operation.operationId} was cancelled.`, hint: tr`The workflow was stopped.`, attempts, details });
		}
		const failure = network?.failure ?? 'reset';
		const mayHaveTakenEffect = !operation.safeToRepeat && (network ? network.mayHaveReachedServer : true);
		return new SpApiError({
			kind: 'network',
			operation,
			message: tr`${operation.operationId} got no answer from Amazon.`,
			hint: networkHint(operation, failure, { attempts, mayHaveTakenEffect, timeoutSeconds: Number((this.timeoutMs / 1000).toFixed(2)) }),
			mayHaveTakenEffect,
			attempts,
			details,
			cause: error,
		});
	}

	private throttledError(operation: OperationSpec, metadata: ResponseMetadata, rate: number, state: RetryState, errors: AmazonErrorEntry[]): SpApiError {
		const plan = usagePlanFor(operation, this.credentials.environment);
		return new SpApiError({
			kind: 'rateLimited',
			operation,
			httpStatus: 429,
			requestId: metadata.requestId,
			// what Amazon really sent with its last 429 (often nothing)
			errors,
			message: tr`${operation.operationId} was refused with HTTP 429 (too many requests) ${state.throttledRetries + 1} times.`,
			hint: tr`Amazon kept refusing ${operation.operationId} as too many requests (HTTP 429), also after ${state.throttledRetries} pauses over ${Math.round(state.waitedMs / 1000)} s. Amazon allows about ${formatRate(rate)} with bursts of ${plan.burst}; another workflow may be using this seller's quota. Run less often or fetch fewer pages.`,
			attempts: metadata.attempts,
		});
	}
}

/** ACORN's advice when no answer came, for exactly this failure and operation. */
function networkHint(
	operation: OperationSpec,
	failure: 'timeout' | 'reset' | 'unreachable',
	circumstances: { attempts: number; mayHaveTakenEffect: boolean; timeoutSeconds: number },
): string {
	const name = operation.operationId;
	if (circumstances.mayHaveTakenEffect) {
		return failure === 'timeout'
			? tr`Amazon did not answer ${name} within ${circumstances.timeoutSeconds} s, so it may or may not have been carried out. Check on Amazon before trying again; ACORN does not repeat changes by itself.`
			: tr`The connection to Amazon broke before the answer to ${name} arrived, so it may or may not have been carried out. Check on Amazon before trying again; ACORN does not repeat changes by itself.`;
	}
	const tries = circumstances.attempts;
	if (failure === 'unreachable') {
		return tries > 1
			? tr`Amazon could not be reached (${tries} tries), so nothing was sent. Check the internet connection, the proxy settings (HTTPS_PROXY) and, if set, the endpoint of the credential.`
			: tr`Amazon could not be reached, so nothing was sent. Check the internet connection, the proxy settings (HTTPS_PROXY) and, if set, the endpoint of the credential.`;
	}
	if (failure === 'timeout') {
		return tries > 1
			? tr`Amazon did not answer ${name} within ${circumstances.timeoutSeconds} s, in ${tries} tries. Try again later.`
			: tr`Amazon did not answer ${name} within ${circumstances.timeoutSeconds} s. Try again later.`;
	}
	return tries > 1
		? tr`The connection to Amazon broke before the answer to ${name} arrived, in ${tries} tries. Try again later.`
		: tr`The connection to Amazon broke before the answer to ${name} arrived. Try again later.`;
}

const USER_AGENT = 'n8n-nodes-acorn (Language=TypeScript; n8n community node)';

function formatRate(rate: number): string {
	return rate >= 1 ? tr`${Number(rate.toFixed(2))} requests per second` : tr`one request every ${Math.round(1 / rate)} s`;
}

function paramText(value: Exclude<ParamValue, null | undefined>): string {
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.join(',');
	return String(value);
}

/** Puts each parameter where the model says it goes; unknown or missing ones never reach Amazon. */
export function buildRequest(
	operation: OperationSpec,
	endpoint: string,
	params: Record<string, ParamValue>,
): { url: string; headers: Record<string, string> } {
	let path = operation.path;
	const query: Record<string, string> = {};
	const headers: Record<string, string> = {};
	for (const [name, given] of Object.entries(params)) {
		// an expression that came out empty is no value, also inside a list
		const value = Array.isArray(given) ? given.filter((entry) => entry !== '' && entry !== null && entry !== undefined) : given;
		if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		const spec = operation.parameters.find((p) => p.name === name);
		if (!spec) {
			throw validationError(
				operation,
				tr`${operation.operationId} has no parameter "${name}".`,
				tr`ACORN did not send the request. This is a problem of the node, not of your data: please report it to ACORN.`,
			);
		}
		const text = paramText(value);
		if (spec.in === 'path') path = path.replace(`{${name}}`, encodeURIComponent(text));
		else if (spec.in === 'header') headers[name] = text;
		else query[name] = text;
	}
	const missing = operation.parameters.filter(
		(p) => p.required && (p.in === 'path' ? path.includes(`{${p.name}}`) : p.in === 'header' ? !(p.name in headers) : !(p.name in query)),
	);
	if (missing.length) {
		throw validationError(
			operation,
			tr`${operation.operationId} needs ${missing.map((p) => p.name).join(', ')}.`,
			tr`ACORN did not send the request because a value it needs is empty. Fill in the node's fields; an expression may have come out empty.`,
		);
	}
	return { url: `${endpoint}${path}${buildQuery(query)}`, headers };
}

function validationError(operation: OperationSpec, message: string, hint: string): SpApiError {
	return new SpApiError({ kind: 'validation', operation, message, hint });
}
