/**
 * Amazon SQS on loopback, speaking the JSON protocol (POST /, `Content-Type: application/x-amz-json-1.0`,
 * `X-Amz-Target: AmazonSQS.<Action>`): ReceiveMessage with long polling and visibility timeouts,
 * DeleteMessage(Batch), ChangeMessageVisibility(Batch), GetQueueAttributes, GetQueueUrl, SendMessage,
 * CreateQueue (SQS's rule for an existing name: its URL when every given attribute matches, else
 * QueueNameExists) and SetQueueAttributes (the access policy is kept and read by the notifications part).
 * Every request must carry a valid SigV4 signature (checked with AWS's own signer, see sigv4.ts), every
 * action is checked against the IAM policy of the key's user (accounts.ts, policy.ts), and errors use
 * AWS's status codes, `__type`s, `x-amzn-query-error` codes and wording.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { createAwsKeys, EMULATOR_AWS_ACCOUNT, type AwsKey, type AwsKeyName } from './accounts';
import { EmulatedQueue, type QueueAttributes, type StoredMessage } from './queue';
import { identityPolicyAllows, spApiSendPolicy } from './policy';
import { SP_API_NOTIFICATIONS_PRINCIPAL } from './accounts';
import { verifySigV4 } from './sigv4';

export interface SqsFault {
	/** SQS action, e.g. ReceiveMessage or DeleteMessageBatch. */
	action: string;
	/** Only requests for this queue (name or URL); default any queue. */
	queue?: string;
	/** Answer with this status and AWS error (default 500 InternalFailure). */
	status?: number;
	/** Query-protocol code for x-amzn-query-error, e.g. AWS.SimpleQueueService.NonExistentQueue. */
	code?: string;
	/** JSON `__type`, e.g. com.amazonaws.sqs#QueueDoesNotExist. */
	type?: string;
	message?: string;
	/** How many matching requests fail, default 1. */
	count?: number;
	connectionReset?: boolean;
	/** Hold the answer this long (real ms). */
	delayMs?: number;
	/** Do the work first (messages received or deleted), then fail or hold the answer. */
	afterEffect?: boolean;
}

export interface CreateQueueOptions {
	name: string;
	region?: string;
	/** Attach the access policy that lets Amazon SP-API send (default true). */
	allowSpApi?: boolean;
	/** A policy document of your own (overrides allowSpApi). */
	policy?: string;
	/** Encrypt with a customer managed KMS key (its id or ARN) instead of SSE-SQS. */
	kmsMasterKeyId?: string;
	visibilityTimeout?: number;
	/** Move messages to this queue (created if needed) after maxReceiveCount receives. */
	deadLetter?: { name: string; maxReceiveCount: number };
}

export interface SqsRequestLogEntry {
	/** When the request arrived (a long poll may then wait for messages). */
	at: string;
	/** When it was answered: for ReceiveMessage, when the messages were handed out. */
	answeredAt?: string;
	action: string;
	status: number;
	accessKeyId?: string;
	queueUrl?: string;
	/** Messages returned (ReceiveMessage) or entries sent (batch calls). */
	count?: number;
}

/** The n8n `amazonSqsApi` credential data for a queue of the emulator. */
export interface SqsCredentialData {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	queueBy: 'url' | 'name';
	queueUrl?: string;
	queueName?: string;
	region: string;
	useCustomEndpoint: true;
	sqsEndpoint: string;
}

interface AwsErrorAnswer {
	status: number;
	type: string;
	queryCode: string;
	message: string;
}

const JSON_TYPE = 'application/x-amz-json-1.0';
const MAX_WAIT_SECONDS = 20;

const awsError = (status: number, type: string, queryCode: string, message: string): AwsErrorAnswer => ({ status, type, queryCode, message });

const nonExistentQueue = () =>
	awsError(400, 'com.amazonaws.sqs#QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');

const invalidParameter = (name: string, value: unknown, reason: string) =>
	awsError(400, 'com.amazonaws.sqs#InvalidParameterValue', 'InvalidParameterValue', `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);

class AwsFailure extends Error {
	constructor(readonly answer: AwsErrorAnswer) {
		super(answer.message);
	}
}

export class EmulatedSqs {
	/** The fixed keys (accounts.ts) plus any a test adds with addKey. */
	readonly keys: Record<AwsKeyName, AwsKey> & Record<string, AwsKey> = createAwsKeys();
	readonly accountId = EMULATOR_AWS_ACCOUNT;
	private readonly queues = new Map<string, EmulatedQueue>();
	private readonly faults: Array<SqsFault & { remaining: number }> = [];
	private readonly log: SqsRequestLogEntry[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	private server?: Server;
	private scale = 1;
	url = '';
	/** Called before every look into a queue (the notifications part announces what time made visible). */
	beforeReceive?: () => void;

	constructor(options: { timeScale?: number } = {}) {
		this.scale = options.timeScale ?? 1;
	}

	setTimeScale(scale: number): void {
		if (!(scale > 0)) throw new RangeError(`queue time scale must be > 0, got ${scale}`);
		this.scale = scale;
	}

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			void this.handle(req, res).catch((error: unknown) => {
				console.error('SQS emulator internal error:', error);
				if (!res.headersSent) this.answerError(res, awsError(500, 'com.amazon.coral.service#InternalFailure', 'InternalFailure', 'We encountered an internal error. Please try again.'));
			});
		});
		this.server.keepAliveTimeout = 5000;
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		if (!this.server) return;
		const server = this.server;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	createQueue(options: CreateQueueOptions): EmulatedQueue {
		const region = options.region ?? 'us-east-1';
		const url = `${this.url}/${this.accountId}/${options.name}`;
		if (this.queues.has(url)) throw new Error(`queue ${options.name} already exists`);
		const attributes: QueueAttributes = {
			VisibilityTimeout: options.visibilityTimeout ?? 30,
			MessageRetentionPeriod: 345_600,
			ReceiveMessageWaitTimeSeconds: 0,
			DelaySeconds: 0,
		};
		const queue = new EmulatedQueue(this.accountId, region, options.name, url, attributes, () => this.scale);
		attributes.Policy = options.policy ?? (options.allowSpApi === false ? undefined : spApiSendPolicy(queue.arn, SP_API_NOTIFICATIONS_PRINCIPAL));
		if (options.kmsMasterKeyId) attributes.KmsMasterKeyId = options.kmsMasterKeyId;
		if (options.deadLetter) {
			const dlqUrl = `${this.url}/${this.accountId}/${options.deadLetter.name}`;
			const dlq = this.queues.get(dlqUrl) ?? this.createQueue({ name: options.deadLetter.name, region, allowSpApi: false });
			queue.deadLetterTarget = dlq;
			attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: options.deadLetter.maxReceiveCount });
		}
		this.queues.set(url, queue);
		return queue;
	}

	/** A queue by URL, ARN or name. */
	queue(ref: string): EmulatedQueue | undefined {
		const direct = this.queues.get(ref);
		if (direct) return direct;
		for (const queue of this.queues.values()) if (queue.arn === ref || queue.name === ref) return queue;
		return undefined;
	}

	/**
	 * A new access key of an IAM user of the account whose identity policy is `identityPolicy` (JSON): what
	 * a seller makes in IAM → Users → Create access key after attaching a policy.
	 */
	addKey(name: string, identityPolicy?: string): AwsKey {
		if (this.keys[name]) throw new Error(`key ${name} exists`);
		const serial = String(Object.keys(this.keys).length + 1).padStart(4, '0');
		const key: AwsKey = {
			accessKeyId: `AKIAEMULATORACN${serial}`.slice(0, 20),
			secretAccessKey: `emulator/aws+secret-${name}-NOT-REAL-${randomBytes(6).toString('hex')}`,
			userArn: `arn:aws:iam::${this.accountId}:user/${name}`,
			identityPolicy,
		};
		this.keys[name] = key;
		return key;
	}

	/** Credential data that names a queue by region and name, whether or not it exists yet (for "Prepare"). */
	credentialsForName(queueName: string, options: { key?: string; region?: string } = {}): SqsCredentialData {
		const k = this.keys[options.key ?? 'consumer'];
		if (!k) throw new Error(`no key ${options.key}`);
		return {
			accessKeyId: k.accessKeyId,
			secretAccessKey: k.secretAccessKey,
			...(k.sessionToken ? { sessionToken: k.sessionToken } : {}),
			queueBy: 'name',
			queueName,
			region: options.region ?? 'us-east-1',
			useCustomEndpoint: true,
			sqsEndpoint: this.url,
		};
	}

	credentialsFor(queueName: string, key: AwsKeyName | string = 'consumer', by: 'url' | 'name' = 'url'): SqsCredentialData {
		const queue = this.queue(queueName);
		if (!queue) throw new Error(`no queue ${queueName}`);
		const k = this.keys[key];
		return {
			accessKeyId: k.accessKeyId,
			secretAccessKey: k.secretAccessKey,
			...(k.sessionToken ? { sessionToken: k.sessionToken } : {}),
			queueBy: by,
			...(by === 'url' ? { queueUrl: queue.url } : { queueName: queue.name }),
			region: queue.region,
			useCustomEndpoint: true,
			sqsEndpoint: this.url,
		};
	}

	injectFault(fault: SqsFault): void {
		this.faults.push({ ...fault, remaining: fault.count ?? 1 });
	}

	clearFaults(): void {
		this.faults.splice(0);
	}

	requests(): SqsRequestLogEntry[] {
		return this.log.map((entry) => ({ ...entry }));
	}

	clearRequests(): void {
		this.log.splice(0);
	}

	private takeFault(action: string, queueUrl: string | undefined): SqsFault | undefined {
		const matchesQueue = (f: SqsFault) => {
			if (!f.queue) return true;
			const queue = this.queue(f.queue);
			return !!queue && !!queueUrl && queueUrl.endsWith(new URL(queue.url).pathname);
		};
		const index = this.faults.findIndex((f) => f.action === action && f.remaining > 0 && matchesQueue(f));
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	private answer(res: ServerResponse, status: number, body: unknown, entry: SqsRequestLogEntry): void {
		entry.status = status;
		entry.answeredAt = new Date().toISOString();
		if (res.headersSent || res.destroyed) return;
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': JSON_TYPE, 'x-amzn-RequestId': randomUUID(), 'content-length': Buffer.byteLength(text) });
		res.end(text);
	}

	private answerError(res: ServerResponse, error: AwsErrorAnswer, entry?: SqsRequestLogEntry): void {
		if (entry) entry.status = error.status;
		if (res.headersSent || res.destroyed) return;
		const text = JSON.stringify({ __type: error.type, message: error.message });
		res.writeHead(error.status, {
			'content-type': JSON_TYPE,
			'x-amzn-RequestId': randomUUID(),
			'x-amzn-query-error': `${error.queryCode};Sender`,
			'content-length': Buffer.byteLength(text),
		});
		res.end(text);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
		const target = headers['x-amz-target'] ?? '';
		const action = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
		const entry: SqsRequestLogEntry = { at: new Date().toISOString(), action: action || '(none)', status: 0 };
		this.log.push(entry);

		if (req.method !== 'POST' || !(headers['content-type'] ?? '').startsWith(JSON_TYPE)) {
			return this.answerError(res, awsError(400, 'com.amazonaws.sqs#InvalidAction', 'InvalidAction', 'This emulator speaks the SQS JSON protocol only (POST, application/x-amz-json-1.0).'), entry);
		}
		const verified = await verifySigV4(
			{ method: 'POST', host: headers.host ?? '', path: new URL(req.url ?? '/', 'http://x').pathname, headers, body: rawBody },
			(id) => Object.values(this.keys).find((k) => k.accessKeyId === id),
			Date.now(),
		);
		if (!verified.ok) return this.answerError(res, verified.error, entry);
		entry.accessKeyId = verified.caller.key.accessKeyId;
		let input: Record<string, unknown>;
		try {
			input = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
		} catch {
			return this.answerError(res, awsError(400, 'com.amazon.coral.service#SerializationException', 'SerializationException', 'Start of structure or map found where not expected.'), entry);
		}
		entry.queueUrl = typeof input.QueueUrl === 'string' ? input.QueueUrl : undefined;

		const fault = this.takeFault(action, entry.queueUrl);
		if (fault && !fault.afterEffect) {
			if (fault.delayMs) await this.sleep(fault.delayMs);
			if (fault.connectionReset) {
				entry.status = 0;
				req.socket.destroy();
				return;
			}
			return this.answerError(res, this.faultAnswer(fault), entry);
		}
		let result: { status: number; body: unknown };
		try {
			result = await this.dispatch(action, input, verified.caller.key, verified.caller.region, req, res, entry);
		} catch (error) {
			if (!(error instanceof AwsFailure)) throw error;
			return this.answerError(res, error.answer, entry);
		}
		if (fault?.afterEffect) {
			if (fault.delayMs) await this.sleep(fault.delayMs);
			if (fault.connectionReset) {
				entry.status = 0;
				req.socket.destroy();
				return;
			}
			if (fault.status !== undefined || fault.code !== undefined) return this.answerError(res, this.faultAnswer(fault), entry);
		}
		this.answer(res, result.status, result.body, entry);
	}

	private faultAnswer(fault: SqsFault): AwsErrorAnswer {
		return awsError(
			fault.status ?? 500,
			fault.type ?? 'com.amazon.coral.service#InternalFailure',
			fault.code ?? 'InternalFailure',
			fault.message ?? 'We encountered an internal error. Please try again.',
		);
	}

	private queueOf(input: Record<string, unknown>, key: AwsKey, region: string, action: string): EmulatedQueue {
		const queueUrl = input.QueueUrl;
		if (typeof queueUrl !== 'string' || !queueUrl) throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#MissingParameter', 'MissingParameter', 'The request must contain the parameter QueueUrl.'));
		let path = '';
		try {
			path = new URL(queueUrl).pathname;
		} catch {
			throw new AwsFailure(nonExistentQueue());
		}
		const queue = [...this.queues.values()].find((q) => new URL(q.url).pathname === path);
		// a queue lives in one region: signing for (and calling) another region does not find it
		if (!queue || queue.region !== region) throw new AwsFailure(nonExistentQueue());
		this.authorize(key, action, queue.arn);
		return queue;
	}

	/** IAM: may the key's user call this action on this queue? (The batch calls need the single call's permission.) */
	private authorize(key: AwsKey, action: string, resource: string): void {
		const verb = `sqs:${action.replace(/Batch$/, '')}`;
		if (identityPolicyAllows(key.identityPolicy, verb, resource)) return;
		const shown = verb.toLowerCase();
		throw new AwsFailure(
			awsError(403, 'com.amazon.coral.service#AccessDeniedException', 'AccessDenied', `User: ${key.userArn} is not authorized to perform: ${shown} on resource: ${resource} because no identity-based policy allows the ${shown} action`),
		);
	}

	private queueByName(name: string, region: string): EmulatedQueue | undefined {
		return [...this.queues.values()].find((q) => q.name === name && q.region === region);
	}

	/** CreateQueue: a new standard queue, or the URL of an existing one when every given attribute matches it. */
	private createQueueAction(input: Record<string, unknown>, key: AwsKey, region: string): { status: number; body: unknown } {
		const name = typeof input.QueueName === 'string' ? input.QueueName : '';
		if (!name) throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#MissingParameter', 'MissingParameter', 'The request must contain the parameter QueueName.'));
		this.authorize(key, 'CreateQueue', `arn:aws:sqs:${region}:${this.accountId}:${name}`);
		if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
			throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#InvalidParameterValue', 'InvalidParameterValue', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length'));
		}
		const given = queueAttributesInput(input.Attributes);
		const existing = this.queueByName(name, region);
		if (existing) {
			const differs = Object.entries(given).find(([attribute, value]) => currentAttribute(existing, attribute) !== value);
			if (differs) {
				throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#QueueNameExists', 'QueueAlreadyExists', `A queue already exists with the same name and a different value for attribute ${differs[0]}`));
			}
			return { status: 200, body: { QueueUrl: existing.url } };
		}
		// one emulated endpoint serves every region, so a queue URL cannot tell regions apart
		if ([...this.queues.values()].some((q) => q.name === name)) {
			throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#InvalidParameterValue', 'InvalidParameterValue', `(emulator) a queue named ${name} exists in another region; use another name`));
		}
		const queue = this.createQueue({ name, region, allowSpApi: false });
		applyAttributes(queue, given);
		return { status: 200, body: { QueueUrl: queue.url } };
	}
	private async dispatch(
		action: string,
		input: Record<string, unknown>,
		key: AwsKey,
		region: string,
		req: IncomingMessage,
		res: ServerResponse,
		entry: SqsRequestLogEntry,
	): Promise<{ status: number; body: unknown }> {
		switch (action) {
			case 'ReceiveMessage':
				return this.receiveMessage(this.queueOf(input, key, region, action), input, req, res, entry);
			case 'DeleteMessage': {
				const queue = this.queueOf(input, key, region, action);
				const outcome = queue.delete(String(input.ReceiptHandle ?? ''));
				if (outcome !== 'ok') throw new AwsFailure(receiptHandleInvalid(input.ReceiptHandle));
				return { status: 200, body: {} };
			}
			case 'DeleteMessageBatch':
			case 'ChangeMessageVisibilityBatch': {
				const queue = this.queueOf(input, key, region, action);
				const entries = batchEntries(input.Entries);
				entry.count = entries.length;
				const successful: Array<{ Id: string }> = [];
				const failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message: string }> = [];
				for (const e of entries) {
					const outcome =
						action === 'DeleteMessageBatch'
							? queue.delete(String(e.ReceiptHandle ?? ''))
							: queue.changeVisibility(String(e.ReceiptHandle ?? ''), visibilitySeconds(e.VisibilityTimeout, 'VisibilityTimeout'));
					if (outcome === 'ok') successful.push({ Id: String(e.Id) });
					else if (outcome === 'notInFlight') failed.push({ Id: String(e.Id), SenderFault: true, Code: 'MessageNotInflight', Message: 'The message referred to is not in flight.' });
					else failed.push({ Id: String(e.Id), SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: `The input receipt handle "${String(e.ReceiptHandle)}" is not a valid receipt handle.` });
				}
				return { status: 200, body: { Successful: successful, Failed: failed } };
			}
			case 'ChangeMessageVisibility': {
				const queue = this.queueOf(input, key, region, action);
				const outcome = queue.changeVisibility(String(input.ReceiptHandle ?? ''), visibilitySeconds(input.VisibilityTimeout, 'VisibilityTimeout'));
				if (outcome === 'notInFlight') throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 'The message referred to is not in flight.'));
				if (outcome !== 'ok') throw new AwsFailure(receiptHandleInvalid(input.ReceiptHandle));
				return { status: 200, body: {} };
			}
			case 'GetQueueAttributes':
				return { status: 200, body: { Attributes: this.attributesOf(this.queueOf(input, key, region, action), input.AttributeNames) } };
			case 'GetQueueUrl': {
				const queue = this.queueByName(String(input.QueueName ?? ''), region);
				if (!queue) throw new AwsFailure(nonExistentQueue());
				this.authorize(key, action, queue.arn);
				return { status: 200, body: { QueueUrl: queue.url } };
			}
			case 'CreateQueue':
				return this.createQueueAction(input, key, region);
			case 'SetQueueAttributes': {
				const queue = this.queueOf(input, key, region, action);
				applyAttributes(queue, queueAttributesInput(input.Attributes));
				queue.lastModifiedMs = Date.now();
				return { status: 200, body: {} };
			}
			case 'SendMessage': {
				const queue = this.queueOf(input, key, region, action);
				if (typeof input.MessageBody !== 'string' || !input.MessageBody) throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#MissingParameter', 'MissingParameter', 'The request must contain the parameter MessageBody.'));
				const message = queue.send(input.MessageBody);
				return { status: 200, body: { MessageId: message.messageId, MD5OfMessageBody: message.md5 } };
			}
			default:
				throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#InvalidAction', 'InvalidAction', `The action ${action || '(none)'} is not valid for this endpoint.`));
		}
	}

	private async receiveMessage(queue: EmulatedQueue, input: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, entry: SqsRequestLogEntry): Promise<{ status: number; body: unknown }> {
		const max = input.MaxNumberOfMessages === undefined ? 1 : Number(input.MaxNumberOfMessages);
		if (!Number.isInteger(max) || max < 1 || max > 10) throw new AwsFailure(invalidParameter('MaxNumberOfMessages', input.MaxNumberOfMessages, 'Must be between 1 and 10, if provided.'));
		const wait = input.WaitTimeSeconds === undefined ? queue.attributes.ReceiveMessageWaitTimeSeconds : Number(input.WaitTimeSeconds);
		if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) throw new AwsFailure(invalidParameter('WaitTimeSeconds', input.WaitTimeSeconds, 'Must be >= 0 and <= 20, if provided.'));
		const visibility = input.VisibilityTimeout === undefined ? queue.attributes.VisibilityTimeout : visibilitySeconds(input.VisibilityTimeout, 'VisibilityTimeout');
		const deadline = Date.now() + queue.realMs(wait);
		let closed = false;
		const markClosed = () => void (closed = true);
		res.once('close', markClosed);
		req.socket.once('close', markClosed);
		try {
			for (;;) {
				// a client that hung up takes nothing: the messages stay for the next receive
				if (closed || res.destroyed || req.socket.destroyed) return { status: 499, body: {} };
				this.beforeReceive?.();
				const taken = queue.receive(max, visibility);
				if (taken.length > 0 || Date.now() >= deadline) {
					entry.count = taken.length;
					return { status: 200, body: taken.length ? { Messages: taken.map(messageJson) } : {} };
				}
				const next = queue.nextVisibleAtMs();
				const until = Math.min(deadline, next ?? deadline, Date.now() + 250);
				await new Promise<void>((resolve) => {
					const stop = queue.onAvailable(done);
					const timer = setTimeout(done, Math.max(1, until - Date.now()));
					this.timers.add(timer);
					res.once('close', done);
					function done(): void {
						stop();
						clearTimeout(timer);
						res.off('close', done);
						// let pending socket events (a client that just hung up) arrive before taking messages
						setImmediate(resolve);
					}
				});
			}
		} finally {
			res.off('close', markClosed);
			req.socket.off('close', markClosed);
		}
	}

	private attributesOf(queue: EmulatedQueue, names: unknown): Record<string, string> {
		const wanted = Array.isArray(names) ? names.map(String) : [];
		const counts = queue.counts();
		const all: Record<string, string | undefined> = {
			QueueArn: queue.arn,
			VisibilityTimeout: String(queue.attributes.VisibilityTimeout),
			MessageRetentionPeriod: String(queue.attributes.MessageRetentionPeriod),
			ReceiveMessageWaitTimeSeconds: String(queue.attributes.ReceiveMessageWaitTimeSeconds),
			DelaySeconds: String(queue.attributes.DelaySeconds),
			ApproximateNumberOfMessages: String(counts.visible),
			ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
			ApproximateNumberOfMessagesDelayed: String(counts.delayed),
			CreatedTimestamp: String(Math.floor(queue.createdAtMs / 1000)),
			LastModifiedTimestamp: String(Math.floor(queue.lastModifiedMs / 1000)),
			Policy: queue.attributes.Policy,
			RedrivePolicy: queue.attributes.RedrivePolicy,
			KmsMasterKeyId: queue.attributes.KmsMasterKeyId,
			SqsManagedSseEnabled: queue.attributes.KmsMasterKeyId ? 'false' : 'true',
		};
		const out: Record<string, string> = {};
		const keys = wanted.includes('All') ? Object.keys(all) : wanted;
		for (const name of keys) {
			if (!(name in all)) throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`));
			if (all[name] !== undefined) out[name] = all[name]!;
		}
		return out;
	}
}

/** Attributes CreateQueue and SetQueueAttributes take here, with AWS's checks of their values. */
const SETTABLE = ['VisibilityTimeout', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'DelaySeconds', 'Policy', 'RedrivePolicy', 'KmsMasterKeyId'] as const;
type Settable = (typeof SETTABLE)[number];

function invalidAttribute(name: string): AwsErrorAnswer {
	return awsError(400, 'com.amazonaws.sqs#InvalidAttributeValue', 'InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}

function queueAttributesInput(value: unknown): Partial<Record<Settable, string>> {
	if (value === undefined) return {};
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new AwsFailure(awsError(400, 'com.amazon.coral.service#SerializationException', 'SerializationException', 'Attributes must be a map.'));
	const out: Partial<Record<Settable, string>> = {};
	for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
		if (!(SETTABLE as readonly string[]).includes(name)) throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`));
		if (typeof raw !== 'string') throw new AwsFailure(invalidAttribute(name));
		if (name === 'Policy' || name === 'RedrivePolicy') {
			try {
				const parsed = JSON.parse(raw) as unknown;
				if (!parsed || typeof parsed !== 'object' || (name === 'Policy' && !('Statement' in parsed))) throw new Error('not a policy');
			} catch {
				throw new AwsFailure(invalidAttribute(name));
			}
		} else if (name !== 'KmsMasterKeyId' && !/^\d+$/.test(raw)) {
			throw new AwsFailure(invalidAttribute(name));
		}
		out[name as Settable] = raw;
	}
	return out;
}

function currentAttribute(queue: EmulatedQueue, name: string): string | undefined {
	const value = queue.attributes[name as keyof QueueAttributes];
	return value === undefined ? undefined : String(value);
}

function applyAttributes(queue: EmulatedQueue, attributes: Partial<Record<Settable, string>>): void {
	for (const [name, value] of Object.entries(attributes) as Array<[Settable, string]>) {
		if (name === 'Policy' || name === 'RedrivePolicy' || name === 'KmsMasterKeyId') queue.attributes[name] = value || undefined;
		else queue.attributes[name] = Number(value);
	}
}

function receiptHandleInvalid(handle: unknown): AwsErrorAnswer {
	return awsError(400, 'com.amazonaws.sqs#ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', `The input receipt handle "${String(handle)}" is not a valid receipt handle.`);
}

function visibilitySeconds(value: unknown, name: string): number {
	const seconds = Number(value);
	if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) throw new AwsFailure(invalidParameter(name, value, 'Must be >= 0 and <= 43200, if provided.'));
	return seconds;
}

function batchEntries(value: unknown): Array<Record<string, unknown>> {
	if (!Array.isArray(value) || value.length === 0) {
		throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.'));
	}
	if (value.length > 10) throw new AwsFailure(awsError(400, 'com.amazonaws.sqs#TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10. You have sent 11.'));
	return value.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
}

function messageJson(message: StoredMessage): Record<string, unknown> {
	return {
		MessageId: message.messageId,
		ReceiptHandle: message.receiptHandle,
		MD5OfBody: message.md5,
		Body: message.body,
		Attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(message.sentAtMs) },
	};
}
