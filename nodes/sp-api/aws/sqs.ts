import * as aws4 from 'aws4';
import { createHash } from 'node:crypto';
import { redact } from '../redact';
import { NetworkError, send, type HttpResponse } from '../transport';
import type { AwsCredentials } from './queueCredentials';
import { SqsError, sqsHttpError } from './sqsErrors';
import { tr } from '../i18n/translate';

/**
 * A small Amazon SQS client: the JSON protocol (`application/x-amz-json-1.0`, `X-Amz-Target:
 * AmazonSQS.<Action>`) signed with SigV4 by aws4, sent through ACORN's one HTTP transport so proxy
 * settings and timeouts apply like everywhere else. It never retries on its own: callers decide what
 * a failure means (the poller backs off, a credential test reports).
 */
export type SqsAction =
	| 'ReceiveMessage'
	| 'DeleteMessage'
	| 'DeleteMessageBatch'
	| 'ChangeMessageVisibility'
	| 'ChangeMessageVisibilityBatch'
	| 'GetQueueAttributes'
	| 'GetQueueUrl'
	| 'CreateQueue'
	| 'SetQueueAttributes';

export interface SqsClientOptions {
	credentials: AwsCredentials;
	region: string;
	/** Base URL, e.g. https://sqs.us-east-1.amazonaws.com (requests go to its root path). */
	endpoint: string;
	/** Timeout of every call except ReceiveMessage, which waits its long poll plus this. */
	timeoutMs?: number;
	now?: () => Date;
}

export interface SqsMessage {
	messageId: string;
	receiptHandle: string;
	body: string;
	/** ApproximateReceiveCount: 1 on first delivery, more after redeliveries. */
	receiveCount?: number;
	/** When the message was sent to the queue (ISO). */
	sentAt?: string;
}

export interface BatchEntry {
	id: string;
	receiptHandle: string;
}

export interface BatchResult {
	successful: string[];
	failed: Array<{ id: string; code?: string; message?: string; senderFault?: boolean }>;
}

export const SQS_DEFAULT_TIMEOUT_MS = 20_000;
/** SQS's own limits for ReceiveMessage and the batch calls. */
export const SQS_MAX_MESSAGES = 10;
export const SQS_MAX_WAIT_SECONDS = 20;

const CONTENT_TYPE = 'application/x-amz-json-1.0';

export class SqsClient {
	private readonly credentials: AwsCredentials;
	readonly region: string;
	readonly endpoint: string;
	/** How long a call waits for an answer (ReceiveMessage: its long poll plus this). */
	readonly timeoutMs: number;
	private readonly now: () => Date;

	constructor(options: SqsClientOptions) {
		this.credentials = options.credentials;
		this.region = options.region;
		this.endpoint = options.endpoint.replace(/\/+$/, '');
		this.timeoutMs = options.timeoutMs ?? SQS_DEFAULT_TIMEOUT_MS;
		this.now = options.now ?? (() => new Date());
	}

	/** One signed call; the answer's JSON, or an SqsError that says what to do. */
	async call<T = Record<string, unknown>>(action: SqsAction, input: Record<string, unknown>, options: { signal?: AbortSignal; timeoutMs?: number; queueUrl?: string } = {}): Promise<T> {
		const url = new URL(`${this.endpoint}/`);
		const body = JSON.stringify(input);
		const signed = aws4.sign(
			{
				host: url.host,
				path: url.pathname,
				method: 'POST',
				service: 'sqs',
				region: this.region,
				headers: { 'Content-Type': CONTENT_TYPE, 'X-Amz-Target': `AmazonSQS.${action}`, 'X-Amz-Date': amzDate(this.now()) },
				body,
			},
			{ accessKeyId: this.credentials.accessKeyId, secretAccessKey: this.credentials.secretAccessKey, sessionToken: this.credentials.sessionToken },
		);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(signed.headers ?? {})) {
			if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : String(value);
		}
		let response: HttpResponse;
		try {
			response = await send({ method: 'POST', url: url.href, headers, body, timeoutMs: options.timeoutMs ?? this.timeoutMs, signal: options.signal });
		} catch (error) {
			throw networkFailure(action, error, this.endpoint);
		}
		if (response.status >= 200 && response.status < 300) return (response.data ?? {}) as T;
		throw sqsHttpError(action, response.status, response.headers, response.data, options.queueUrl, this.region);
	}

	/** Long-polls for up to `maxMessages` (≤ 10) messages, waiting up to `waitSeconds` (≤ 20). */
	async receiveMessages(queueUrl: string, options: { maxMessages: number; waitSeconds: number; visibilityTimeout?: number; signal?: AbortSignal }): Promise<SqsMessage[]> {
		const maxMessages = Math.min(SQS_MAX_MESSAGES, Math.max(1, Math.floor(options.maxMessages)));
		const waitSeconds = Math.min(SQS_MAX_WAIT_SECONDS, Math.max(0, Math.floor(options.waitSeconds)));
		const input: Record<string, unknown> = {
			QueueUrl: queueUrl,
			MaxNumberOfMessages: maxMessages,
			WaitTimeSeconds: waitSeconds,
			MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
		};
		if (options.visibilityTimeout !== undefined) input.VisibilityTimeout = Math.max(0, Math.floor(options.visibilityTimeout));
		const answer = await this.call<{ Messages?: Array<Record<string, unknown>> }>('ReceiveMessage', input, {
			signal: options.signal,
			timeoutMs: waitSeconds * 1000 + this.timeoutMs,
			queueUrl,
		});
		return (answer.Messages ?? []).map((message) => readMessage(message));
	}

	async deleteMessageBatch(queueUrl: string, entries: BatchEntry[], options: { signal?: AbortSignal } = {}): Promise<BatchResult> {
		const result: BatchResult = { successful: [], failed: [] };
		for (let i = 0; i < entries.length; i += SQS_MAX_MESSAGES) {
			const chunk = entries.slice(i, i + SQS_MAX_MESSAGES);
			const answer = await this.call<BatchAnswer>(
				'DeleteMessageBatch',
				{ QueueUrl: queueUrl, Entries: chunk.map((e) => ({ Id: e.id, ReceiptHandle: e.receiptHandle })) },
				{ signal: options.signal, queueUrl },
			);
			mergeBatch(result, answer);
		}
		return result;
	}

	/** Makes messages visible again after `visibilityTimeout` seconds (0 = now), e.g. when stopping before handling them. */
	async changeVisibilityBatch(queueUrl: string, entries: BatchEntry[], visibilityTimeout: number, options: { signal?: AbortSignal } = {}): Promise<BatchResult> {
		const result: BatchResult = { successful: [], failed: [] };
		for (let i = 0; i < entries.length; i += SQS_MAX_MESSAGES) {
			const chunk = entries.slice(i, i + SQS_MAX_MESSAGES);
			const answer = await this.call<BatchAnswer>(
				'ChangeMessageVisibilityBatch',
				{ QueueUrl: queueUrl, Entries: chunk.map((e) => ({ Id: e.id, ReceiptHandle: e.receiptHandle, VisibilityTimeout: visibilityTimeout })) },
				{ signal: options.signal, queueUrl },
			);
			mergeBatch(result, answer);
		}
		return result;
	}

	async getQueueAttributes(queueUrl: string, names: string[], options: { signal?: AbortSignal } = {}): Promise<Record<string, string>> {
		const answer = await this.call<{ Attributes?: Record<string, string> }>('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: names }, { signal: options.signal, queueUrl });
		return answer.Attributes ?? {};
	}

	/**
	 * Creates a standard queue and answers its URL. SQS answers the URL of an existing queue of that name
	 * only when every attribute given matches it (otherwise QueueNameExists): callers that adopt a queue
	 * look it up with getQueueUrl first and create it without attributes.
	 */
	async createQueue(queueName: string, attributes: Record<string, string> = {}, options: { signal?: AbortSignal } = {}): Promise<string> {
		const input: Record<string, unknown> = { QueueName: queueName };
		if (Object.keys(attributes).length) input.Attributes = attributes;
		const answer = await this.call<{ QueueUrl?: string }>('CreateQueue', input, { signal: options.signal, queueUrl: queueName });
		if (!answer.QueueUrl) {
			throw new SqsError({ kind: 'invalidRequest', action: 'CreateQueue', message: 'SQS CreateQueue answered without a QueueUrl', hint: tr`SQS did not return the new queue URL; try again.` });
		}
		return answer.QueueUrl;
	}

	/** Changes queue attributes (here: the access policy). SQS may take up to a minute to show the change everywhere. */
	async setQueueAttributes(queueUrl: string, attributes: Record<string, string>, options: { signal?: AbortSignal } = {}): Promise<void> {
		await this.call('SetQueueAttributes', { QueueUrl: queueUrl, Attributes: attributes }, { signal: options.signal, queueUrl });
	}

	async getQueueUrl(queueName: string, options: { signal?: AbortSignal } = {}): Promise<string> {
		const answer = await this.call<{ QueueUrl?: string }>('GetQueueUrl', { QueueName: queueName }, { signal: options.signal, queueUrl: queueName });
		if (!answer.QueueUrl) {
			throw new SqsError({ kind: 'invalidRequest', action: 'GetQueueUrl', message: 'SQS GetQueueUrl answered without a QueueUrl', hint: tr`SQS did not return the queue URL; paste the URL instead of the name.` });
		}
		return answer.QueueUrl;
	}
}

interface BatchAnswer {
	Successful?: Array<{ Id?: string }>;
	Failed?: Array<{ Id?: string; Code?: string; Message?: string; SenderFault?: boolean }>;
}

function mergeBatch(result: BatchResult, answer: BatchAnswer): void {
	for (const entry of answer.Successful ?? []) if (entry.Id) result.successful.push(entry.Id);
	for (const entry of answer.Failed ?? []) {
		if (entry.Id) result.failed.push({ id: entry.Id, code: entry.Code, message: entry.Message, senderFault: entry.SenderFault });
	}
}

function readMessage(message: Record<string, unknown>): SqsMessage {
	const body = typeof message.Body === 'string' ? message.Body : '';
	const md5 = typeof message.MD5OfBody === 'string' ? message.MD5OfBody : undefined;
	if (md5 !== undefined && createHash('md5').update(body, 'utf8').digest('hex') !== md5) {
		// SDKs check this too: a body damaged on the way must not be acted on (or deleted)
		throw new SqsError({
			kind: 'serverError',
			action: 'ReceiveMessage',
			message: `SQS message ${String(message.MessageId)} arrived with a body that does not match its MD5 checksum`,
			hint: tr`A message arrived damaged; it stays in the queue and is received again.`,
		});
	}
	const attributes = (message.Attributes ?? {}) as Record<string, string>;
	const count = Number(attributes.ApproximateReceiveCount);
	const sent = Number(attributes.SentTimestamp);
	return {
		messageId: String(message.MessageId ?? ''),
		receiptHandle: String(message.ReceiptHandle ?? ''),
		body,
		receiveCount: Number.isFinite(count) ? count : undefined,
		sentAt: Number.isFinite(sent) ? new Date(sent).toISOString() : undefined,
	};
}

/** SigV4's X-Amz-Date: 20260301T120000Z. */
function amzDate(date: Date): string {
	return date.toISOString().replace(/[:-]|\.\d{3}/g, '');
}

function networkFailure(action: string, error: unknown, endpoint: string): SqsError {
	if (error instanceof NetworkError && error.failure === 'aborted') {
		return new SqsError({ kind: 'aborted', action, message: `SQS ${action} was cancelled`, hint: tr`The trigger was stopped.` });
	}
	const reason = error instanceof Error ? error.message : String(error);
	const unreachable = error instanceof NetworkError && error.failure === 'unreachable';
	return new SqsError({
		kind: 'network',
		action,
		networkFailure: error instanceof NetworkError && error.failure !== 'aborted' ? error.failure : undefined,
		message: `SQS ${action}: ${redact(reason)}`,
		hint: unreachable
			? tr`The SQS endpoint ${safeHost(endpoint)} could not be reached. Check the internet connection, proxy settings (HTTPS_PROXY) and, if set, the endpoint override in the credential.`
			: tr`No answer from SQS (${safeHost(endpoint)}) in time; ACORN tries again.`,
	});
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
