import type { CoreLogger } from '../client';
import { fullJitter } from '../retry';
import type { SqsClient, SqsMessage } from './sqs';
import { SqsError } from './sqsErrors';

/**
 * The long-poll loop of a queue consumer: receive, hand the messages over, then delete what was handed
 * over. Transient SQS failures back off (full jitter, capped) and are logged once, then at most every
 * few minutes, then once more when SQS answers again; permanent ones (wrong keys, missing queue, no
 * permission) end the loop through `onFatal`. Stopping aborts the waiting long poll; messages received
 * after the stop are made visible again at once, and deletes of messages already handed over finish.
 *
 * Handling can take long (a report download waits for Amazon's usage plan and streams a big file). With
 * `heartbeat`, the messages of the batch still being worked on are kept hidden (ChangeMessageVisibility)
 * until the handler is done, so SQS does not hand them out again mid-work; a stop aborts the batch's
 * signal so the handler can end early and return its messages.
 */
export interface HandleResult {
	/** Handed over (or deliberately dropped): delete them. */
	delete: SqsMessage[];
	/** Not handled: make them visible again now instead of after the visibility timeout. */
	release?: SqsMessage[];
	/** Not handled yet, to be tried again later: hidden this many seconds, then received again (a backoff SQS keeps). */
	retryLater?: Array<{ message: SqsMessage; seconds: number }>;
	/** Whether something reached the workflow (manual mode stops after the first time). */
	emitted: boolean;
	/** End the loop after this batch (e.g. the editor's test run that reports a failure). */
	stop?: boolean;
}

/** What the handler gets besides the messages. */
export interface BatchContext {
	/** Aborted when the poller stops: long work should end and return its messages in `release`. */
	readonly signal: AbortSignal;
	/** Deletes messages right away (they reached the workflow) and stops keeping them hidden. */
	deleteNow(messages: SqsMessage[]): Promise<void>;
}

export interface HeartbeatOptions {
	/** Real milliseconds between two extensions; well below the visibility timeout. */
	everyMs: number;
	/** Each extension hides the messages this many seconds from then on (ChangeMessageVisibility). */
	extendSeconds: number;
}

export interface PollerLogger extends CoreLogger {
	info?(message: string, meta?: Record<string, unknown>): void;
}

export interface SqsPollerOptions {
	client: SqsClient;
	queueUrl: string;
	handle(messages: SqsMessage[], batch: BatchContext): Promise<HandleResult>;
	/** 1–10, default 10. */
	maxMessages?: number;
	/** 0–20, default 20. */
	waitSeconds?: number;
	/** Seconds a received message stays hidden; default: the queue's own setting. */
	visibilityTimeout?: number;
	/** Keep messages hidden while the handler works on them (off when absent). */
	heartbeat?: HeartbeatOptions;
	/** Manual ("test") mode: end after the first batch that reached the workflow. */
	stopAfterFirstEmit?: boolean;
	onFatal?(error: SqsError): void;
	logger?: PollerLogger;
	sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
	random?: () => number;
	backoff?: { baseMs: number; maxMs: number };
	/** How often a still-failing queue is reported again. */
	reportEveryMs?: number;
	now?: () => number;
}

export interface PollerStats {
	receives: number;
	received: number;
	deleted: number;
	released: number;
	/** Messages hidden again for a later try (retryLater). */
	deferred: number;
	deleteFailures: number;
	failures: number;
	/** ChangeMessageVisibility calls of the heartbeat, and messages they kept hidden. */
	heartbeats: number;
	extended: number;
	heartbeatFailures: number;
}

const DEFAULT_BACKOFF = { baseMs: 1000, maxMs: 60_000 };

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, { once: true });
		function done(): void {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
	});
}

export class SqsPoller {
	readonly stats: PollerStats = { receives: 0, received: 0, deleted: 0, released: 0, deferred: 0, deleteFailures: 0, failures: 0, heartbeats: 0, extended: 0, heartbeatFailures: 0 };
	private readonly controller = new AbortController();
	private stopping = false;
	private loop?: Promise<void>;
	private consecutiveFailures = 0;
	private lastReportAt = 0;
	private readonly logger: PollerLogger;
	private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
	private readonly random: () => number;
	private readonly now: () => number;

	constructor(private readonly options: SqsPollerOptions) {
		this.logger = options.logger ?? { debug: () => undefined, warn: () => undefined };
		this.sleep = options.sleep ?? abortableSleep;
		this.random = options.random ?? Math.random;
		this.now = options.now ?? Date.now;
	}

	get stopped(): boolean {
		return this.stopping;
	}

	/** Starts the loop; the promise settles when it has ended (stopped, fatal error, or manual mode done). */
	start(): Promise<void> {
		this.loop ??= this.run();
		return this.loop;
	}

	/** Ends the loop: aborts the waiting long poll and waits (bounded) for deletes already under way. */
	async stop(timeoutMs = 15_000): Promise<void> {
		this.stopping = true;
		this.controller.abort();
		if (!this.loop) return;
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([this.loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
		if (timer) clearTimeout(timer);
	}

	private async run(): Promise<void> {
		const { client, queueUrl } = this.options;
		while (!this.stopping) {
			let messages: SqsMessage[];
			try {
				this.stats.receives += 1;
				messages = await client.receiveMessages(queueUrl, {
					maxMessages: this.options.maxMessages ?? 10,
					waitSeconds: this.options.waitSeconds ?? 20,
					visibilityTimeout: this.options.visibilityTimeout,
					signal: this.controller.signal,
				});
			} catch (error) {
				if (this.stopping || (error instanceof SqsError && error.kind === 'aborted')) break;
				const sqsError = error instanceof SqsError ? error : undefined;
				if (sqsError && !sqsError.transient) {
					this.logger.warn(`Amazon SQS refused to deliver messages: ${sqsError.hint}`, { code: sqsError.code, httpStatus: sqsError.httpStatus, requestId: sqsError.requestId });
					this.options.onFatal?.(sqsError);
					break;
				}
				await this.backOff(sqsError ?? error);
				continue;
			}
			this.recovered();
			if (messages.length === 0) continue;
			this.stats.received += messages.length;
			if (this.stopping) {
				// received after the stop: never handed over, so make them visible again right away
				await this.release(messages);
				break;
			}
			const pending = new Set(messages);
			const deletedEarly = new Set<SqsMessage>();
			const batch: BatchContext = {
				signal: this.controller.signal,
				deleteNow: async (done) => {
					const fresh = done.filter((m) => !deletedEarly.has(m));
					for (const message of fresh) {
						pending.delete(message);
						deletedEarly.add(message);
					}
					await this.delete(fresh);
				},
			};
			const heartbeat = this.startHeartbeat(pending);
			let result: HandleResult;
			try {
				result = await this.options.handle(messages, batch);
			} catch (error) {
				this.logger.warn(`Handling ${messages.length} SQS message(s) failed; they come back after the visibility timeout: ${error instanceof Error ? error.message : String(error)}`);
				result = { delete: [], emitted: false };
			} finally {
				await heartbeat.stop();
			}
			await this.delete(result.delete.filter((m) => !deletedEarly.has(m)));
			if (result.release?.length) await this.release(result.release);
			if (result.retryLater?.length) await this.defer(result.retryLater);
			if (result.stop || (this.options.stopAfterFirstEmit && result.emitted)) break;
		}
	}

	/**
	 * While the handler works, hides the messages still pending again every `everyMs`: SQS would
	 * otherwise hand them out again once the visibility timeout runs out mid-work. One extension at a
	 * time; a message SQS refuses to extend (gone, or past SQS's 12-hour limit) is reported once and
	 * dropped from the heartbeat; a failed call is reported once per batch and tried again next beat.
	 */
	private startHeartbeat(pending: Set<SqsMessage>): { stop(): Promise<void> } {
		const options = this.options.heartbeat;
		if (!options || !(options.everyMs > 0)) return { stop: async () => undefined };
		let running: Promise<void> | undefined;
		let callFailureReported = false;
		const beat = async (): Promise<void> => {
			const messages = [...pending];
			if (messages.length === 0) return;
			this.stats.heartbeats += 1;
			try {
				const result = await this.options.client.changeVisibilityBatch(
					this.options.queueUrl,
					messages.map((m, index) => ({ id: String(index), receiptHandle: m.receiptHandle })),
					options.extendSeconds,
				);
				this.stats.extended += result.successful.length;
				for (const failure of result.failed) {
					const message = messages[Number(failure.id)];
					if (!message || !pending.has(message)) continue;
					pending.delete(message);
					this.stats.heartbeatFailures += 1;
					this.logger.warn(
						`SQS would not keep message ${message.messageId} hidden any longer (${failure.code ?? 'refused'}): it may be received again while ACORN still works on it; once handed over, a second copy is recognised as a duplicate.`,
					);
				}
			} catch (error) {
				this.stats.heartbeatFailures += 1;
				const hint = error instanceof SqsError ? error.hint : error instanceof Error ? error.message : String(error);
				const text = `Keeping ${messages.length} SQS message(s) hidden while they are worked on failed: ${hint} Trying again in ${Math.round(options.everyMs / 1000)} s.`;
				if (callFailureReported) this.logger.debug(text);
				else this.logger.warn(text);
				callFailureReported = true;
			}
		};
		const timer = setInterval(() => {
			if (running) return;
			running = beat().finally(() => (running = undefined));
		}, options.everyMs);
		timer.unref?.();
		return {
			stop: async () => {
				clearInterval(timer);
				// an extension racing the delete would only fail on a deleted handle; let it finish first
				await running;
			},
		};
	}

	private async backOff(error: unknown): Promise<void> {
		this.consecutiveFailures += 1;
		this.stats.failures += 1;
		const { baseMs, maxMs } = this.options.backoff ?? DEFAULT_BACKOFF;
		const delay = Math.max(baseMs, fullJitter(this.consecutiveFailures, baseMs, maxMs, this.random));
		const hint = error instanceof SqsError ? error.hint : error instanceof Error ? error.message : String(error);
		const now = this.now();
		if (this.consecutiveFailures === 1 || now - this.lastReportAt >= (this.options.reportEveryMs ?? 10 * 60_000)) {
			this.lastReportAt = now;
			this.logger.warn(
				this.consecutiveFailures === 1
					? `Amazon SQS did not answer as expected: ${hint} Trying again in ${Math.round(delay / 1000)} s.`
					: `Amazon SQS still failing after ${this.consecutiveFailures} attempts: ${hint}`,
			);
		} else {
			this.logger.debug(`SQS attempt ${this.consecutiveFailures} failed; next in ${delay} ms`);
		}
		await this.sleep(delay, this.controller.signal);
	}

	private recovered(): void {
		if (this.consecutiveFailures === 0) return;
		(this.logger.info ?? this.logger.warn)(`Amazon SQS answers again after ${this.consecutiveFailures} failed attempt(s).`);
		this.consecutiveFailures = 0;
	}

	/**
	 * Deletes finish even while stopping: the messages reached the workflow. A failed delete is tried
	 * once more; if it still fails the message comes back later and the dedupe window absorbs it.
	 */
	private async delete(messages: SqsMessage[]): Promise<void> {
		if (messages.length === 0) return;
		const entries = messages.map((m, index) => ({ id: String(index), receiptHandle: m.receiptHandle }));
		for (let attempt = 1; attempt <= 2; attempt++) {
			try {
				const result = await this.options.client.deleteMessageBatch(this.options.queueUrl, entries);
				this.stats.deleted += result.successful.length;
				if (result.failed.length) {
					// per-entry failures (a receipt handle that expired) do not get better by asking again
					this.stats.deleteFailures += result.failed.length;
					this.logger.warn(`SQS could not delete ${result.failed.length} handled message(s) (${[...new Set(result.failed.map((f) => f.code))].join(', ')}); if they arrive again they are recognised as duplicates.`);
				}
				return;
			} catch (error) {
				const hint = error instanceof SqsError ? error.hint : String(error);
				if (attempt === 2 || !(error instanceof SqsError) || !error.transient) {
					this.stats.deleteFailures += entries.length;
					this.logger.warn(`Deleting ${entries.length} handled message(s) from SQS failed: ${hint} If they arrive again they are recognised as duplicates.`);
					return;
				}
			}
		}
	}

	/** Hides messages again for their own number of seconds (grouped: one call per delay). */
	private async defer(entries: Array<{ message: SqsMessage; seconds: number }>): Promise<void> {
		const bySeconds = new Map<number, SqsMessage[]>();
		for (const { message, seconds } of entries) {
			const key = Math.max(0, Math.min(43_200, Math.round(seconds)));
			bySeconds.set(key, [...(bySeconds.get(key) ?? []), message]);
		}
		for (const [seconds, messages] of bySeconds) {
			try {
				const result = await this.options.client.changeVisibilityBatch(
					this.options.queueUrl,
					messages.map((m, index) => ({ id: String(index), receiptHandle: m.receiptHandle })),
					seconds,
				);
				this.stats.deferred += result.successful.length;
			} catch (error) {
				// they come back on their own after the visibility timeout: a shorter pause, not a lost message
				this.logger.debug(`Pausing ${messages.length} message(s) for ${seconds} s failed: ${error instanceof SqsError ? error.hint : String(error)}`);
			}
		}
	}

	private async release(messages: SqsMessage[]): Promise<void> {
		try {
			const result = await this.options.client.changeVisibilityBatch(
				this.options.queueUrl,
				messages.map((m, index) => ({ id: String(index), receiptHandle: m.receiptHandle })),
				0,
			);
			this.stats.released += result.successful.length;
		} catch (error) {
			// they come back on their own after the visibility timeout
			this.logger.debug(`Returning ${messages.length} message(s) to the queue early failed: ${error instanceof SqsError ? error.hint : String(error)}`);
		}
	}
}
