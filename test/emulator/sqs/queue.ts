/**
 * One emulated SQS standard queue: messages become invisible when received, come back when their
 * visibility timeout runs out, count their receives, and move to a dead-letter queue after the
 * redrive policy's maxReceiveCount. Durations are divided by the queue time scale so tests can run
 * a 30-second visibility timeout in a fraction of a second.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface StoredMessage {
	messageId: string;
	body: string;
	md5: string;
	sentAtMs: number;
	/** Real-time ms from which the message can be received again. */
	visibleAtMs: number;
	receiveCount: number;
	firstReceivedAtMs?: number;
	/** The handle of the latest receive; older handles no longer work (AWS: "the most recently received"). */
	receiptHandle?: string;
}

export interface QueueAttributes {
	VisibilityTimeout: number;
	MessageRetentionPeriod: number;
	ReceiveMessageWaitTimeSeconds: number;
	DelaySeconds: number;
	Policy?: string;
	RedrivePolicy?: string;
	KmsMasterKeyId?: string;
}

export class EmulatedQueue {
	readonly messages: StoredMessage[] = [];
	/** Handles of messages already deleted: deleting twice succeeds like on AWS. */
	private readonly deletedHandles = new Set<string>();
	readonly createdAtMs = Date.now();
	lastModifiedMs = this.createdAtMs;
	private readonly waiters = new Set<() => void>();
	/** Messages moved here by the redrive policy. */
	deadLetterTarget?: EmulatedQueue;

	constructor(
		readonly accountId: string,
		readonly region: string,
		readonly name: string,
		readonly url: string,
		readonly attributes: QueueAttributes,
		private readonly scale: () => number,
	) {}

	get arn(): string {
		return `arn:aws:sqs:${this.region}:${this.accountId}:${this.name}`;
	}

	/** Seconds of queue time in real milliseconds. */
	realMs(seconds: number): number {
		return (seconds * 1000) / this.scale();
	}

	send(body: string, nowMs = Date.now()): StoredMessage {
		const message: StoredMessage = {
			messageId: randomUUID(),
			body,
			md5: createHash('md5').update(body, 'utf8').digest('hex'),
			sentAtMs: nowMs,
			visibleAtMs: nowMs + this.realMs(this.attributes.DelaySeconds),
			receiveCount: 0,
		};
		this.messages.push(message);
		this.wake();
		return message;
	}

	private expire(nowMs: number): void {
		const oldest = nowMs - this.realMs(this.attributes.MessageRetentionPeriod);
		for (let i = this.messages.length - 1; i >= 0; i--) if (this.messages[i].sentAtMs < oldest) this.messages.splice(i, 1);
	}

	private maxReceiveCount(): number | undefined {
		if (!this.attributes.RedrivePolicy || !this.deadLetterTarget) return undefined;
		try {
			const count = Number((JSON.parse(this.attributes.RedrivePolicy) as { maxReceiveCount?: unknown }).maxReceiveCount);
			return Number.isFinite(count) && count > 0 ? count : undefined;
		} catch {
			return undefined;
		}
	}

	/** Takes up to `max` visible messages and hides them for `visibilitySeconds`. */
	receive(max: number, visibilitySeconds: number, nowMs = Date.now()): StoredMessage[] {
		this.expire(nowMs);
		const limit = this.maxReceiveCount();
		const taken: StoredMessage[] = [];
		for (let i = 0; i < this.messages.length && taken.length < max; i++) {
			const message = this.messages[i];
			if (message.visibleAtMs > nowMs) continue;
			if (limit !== undefined && message.receiveCount >= limit) {
				this.messages.splice(i, 1);
				i -= 1;
				this.deadLetterTarget!.moveIn(message, nowMs);
				continue;
			}
			message.receiveCount += 1;
			message.firstReceivedAtMs ??= nowMs;
			message.receiptHandle = randomBytes(48).toString('base64');
			message.visibleAtMs = nowMs + this.realMs(visibilitySeconds);
			taken.push(message);
		}
		return taken;
	}

	private moveIn(message: StoredMessage, nowMs: number): void {
		this.messages.push({ ...message, visibleAtMs: nowMs, receiptHandle: undefined });
		this.wake();
	}

	private byHandle(handle: string): StoredMessage | undefined {
		return this.messages.find((m) => m.receiptHandle === handle);
	}

	/** 'ok', or why AWS would refuse. */
	delete(handle: string): 'ok' | 'invalidHandle' {
		if (this.deletedHandles.has(handle)) return 'ok';
		const message = this.byHandle(handle);
		if (!message) return 'invalidHandle';
		this.messages.splice(this.messages.indexOf(message), 1);
		this.deletedHandles.add(handle);
		return 'ok';
	}

	changeVisibility(handle: string, seconds: number, nowMs = Date.now()): 'ok' | 'invalidHandle' | 'notInFlight' {
		const message = this.byHandle(handle);
		if (!message) return 'invalidHandle';
		if (message.visibleAtMs <= nowMs) return 'notInFlight';
		message.visibleAtMs = nowMs + this.realMs(seconds);
		if (seconds === 0) this.wake();
		return 'ok';
	}

	counts(nowMs = Date.now()): { visible: number; inFlight: number; delayed: number } {
		this.expire(nowMs);
		let visible = 0;
		let inFlight = 0;
		let delayed = 0;
		for (const m of this.messages) {
			if (m.visibleAtMs <= nowMs) visible += 1;
			else if (m.receiveCount > 0) inFlight += 1;
			else delayed += 1;
		}
		return { visible, inFlight, delayed };
	}

	/** When the next hidden message becomes visible (for long polls to wake up in time). */
	nextVisibleAtMs(nowMs = Date.now()): number | undefined {
		let next: number | undefined;
		for (const m of this.messages) if (m.visibleAtMs > nowMs && (next === undefined || m.visibleAtMs < next)) next = m.visibleAtMs;
		return next;
	}

	onAvailable(listener: () => void): () => void {
		this.waiters.add(listener);
		return () => void this.waiters.delete(listener);
	}

	private wake(): void {
		for (const listener of [...this.waiters]) listener();
	}
}
