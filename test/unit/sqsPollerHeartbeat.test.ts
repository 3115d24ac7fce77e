/**
 * SqsPoller while a handler works long (a report download): the heartbeat keeps the batch hidden,
 * `deleteNow` settles messages early, `retryLater` hides a message for its own pause, and a stop aborts
 * the batch's signal. Against the emulated SQS (its own SigV4 check), queue time scaled 50×.
 */
import { normalizeSqsCredentials } from '../../nodes/sp-api/aws/queueCredentials';
import { SqsClient } from '../../nodes/sp-api/aws/sqs';
import { SqsPoller, type HandleResult } from '../../nodes/sp-api/aws/sqsPoller';
import { EmulatedSqs } from '../emulator/sqs/service';
import { recordingLogger, sleep, until } from '../helpers/waiting';

const SCALE = 50;

describe('SQS poller: long handling', () => {
	const sqs = new EmulatedSqs({ timeScale: SCALE });
	let queueNo = 0;
	beforeAll(async () => sqs.start());
	afterAll(async () => sqs.close());
	afterEach(() => sqs.clearFaults());

	function setup() {
		const name = `long-${++queueNo}`;
		const queue = sqs.createQueue({ name });
		const settings = normalizeSqsCredentials(sqs.credentialsFor(name));
		const client = new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint, timeoutMs: 3000 });
		return { queue, client, queueUrl: settings.queueUrl! };
	}

	/** A second reader of the same queue (another n8n, or the next receive): what would it get now? */
	async function otherReaderGets(client: SqsClient, queueUrl: string): Promise<string[]> {
		const messages = await client.receiveMessages(queueUrl, { maxMessages: 10, waitSeconds: 0, visibilityTimeout: 0 });
		return messages.map((m) => m.body);
	}

	// 10 s of queue time are 200 ms here; the handler works 700 ms
	const VISIBILITY = 10;
	const WORK_MS = 700;
	// each beat hides the batch for 30 s of queue time (600 ms): a beat that a busy machine delays by a few
	// hundred ms still comes before the messages show again; every beat still lands past the 10 s of the receive
	const HEARTBEAT = { everyMs: 60, extendSeconds: 3 * VISIBILITY };

	it('with a heartbeat, a message stays hidden past its visibility timeout until the handler is done', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('big report');
		const seenByOther: string[][] = [];
		const poller = new SqsPoller({
			client,
			queueUrl,
			visibilityTimeout: VISIBILITY,
			heartbeat: HEARTBEAT,
			handle: async (messages) => {
				await sleep(400);
				seenByOther.push(await otherReaderGets(client, queueUrl));
				await sleep(WORK_MS - 400);
				return { delete: messages, emitted: true };
			},
		});
		void poller.start();
		await until(() => poller.stats.deleted === 1);
		await poller.stop();
		expect(seenByOther).toEqual([[]]);
		expect(poller.stats.heartbeats).toBeGreaterThanOrEqual(5);
		expect(poller.stats.extended).toBe(poller.stats.heartbeats);
		// no extension after the handler returned (it would only fail on the deleted message)
		const heartbeatsAtEnd = poller.stats.heartbeats;
		await sleep(200);
		expect(poller.stats.heartbeats).toBe(heartbeatsAtEnd);
		expect(poller.stats.heartbeatFailures).toBe(0);
		expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
	});

	it('without a heartbeat the same message is handed out again mid-work (what the heartbeat prevents)', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('big report');
		const seenByOther: string[][] = [];
		const poller = new SqsPoller({
			client,
			queueUrl,
			visibilityTimeout: VISIBILITY,
			handle: async (messages) => {
				await sleep(400);
				// only the first hand-over counts: the poller may take the message again before stop()
				if (seenByOther.length === 0) seenByOther.push(await otherReaderGets(client, queueUrl));
				return { delete: messages, emitted: true };
			},
		});
		void poller.start();
		await until(() => seenByOther.length === 1);
		await poller.stop();
		expect(seenByOther).toEqual([['big report']]);
	});

	it('deleteNow removes a message at once and the heartbeat keeps only the others hidden; nothing is deleted twice', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('first');
		queue.send('second');
		const countsAfterEarlyDelete: Array<ReturnType<typeof queue.counts>> = [];
		const poller = new SqsPoller({
			client,
			queueUrl,
			visibilityTimeout: VISIBILITY,
			heartbeat: HEARTBEAT,
			handle: async (messages, batch) => {
				expect(messages.map((m) => m.body)).toEqual(['first', 'second']);
				await batch.deleteNow([messages[0]]);
				countsAfterEarlyDelete.push(queue.counts());
				await sleep(500);
				return { delete: messages, emitted: true };
			},
		});
		void poller.start();
		await until(() => queue.counts().inFlight === 0 && poller.stats.deleted === 2);
		await poller.stop();
		expect(countsAfterEarlyDelete).toEqual([{ visible: 0, inFlight: 1, delayed: 0 }]);
		expect(poller.stats).toMatchObject({ deleted: 2, deleteFailures: 0, heartbeatFailures: 0 });
		expect(sqs.requests().filter((r) => r.action === 'DeleteMessageBatch' && r.queueUrl === queueUrl).map((r) => r.count)).toEqual([1, 1]);
	});

	it('retryLater hides a message for its own pause (a backoff SQS keeps), then it is received again', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('flaky');
		const receivedAt: number[] = [];
		const poller = new SqsPoller({
			client,
			queueUrl,
			visibilityTimeout: VISIBILITY,
			waitSeconds: 1,
			handle: async (messages): Promise<HandleResult> => {
				receivedAt.push(Date.now());
				// 30 s of queue time = 600 ms here
				if (receivedAt.length === 1) return { delete: [], retryLater: [{ message: messages[0], seconds: 30 }], emitted: false };
				return { delete: messages, emitted: true };
			},
		});
		void poller.start();
		await until(() => receivedAt.length === 1);
		// once SQS took the pause, the message is hidden for it (not back after the receive's 10 s)
		await until(() => sqs.requests().some((r) => r.action.startsWith('ChangeMessageVisibility') && r.queueUrl === queueUrl && r.status === 200), 3000, 'the pause taken by SQS');
		expect(queue.counts()).toMatchObject({ visible: 0, inFlight: 1 });
		await until(() => poller.stats.deleted === 1, 5000);
		await poller.stop();
		expect(receivedAt).toHaveLength(2);
		expect(receivedAt[1] - receivedAt[0]).toBeGreaterThanOrEqual(550);
		expect(poller.stats.deferred).toBe(1);
	});

	it('a stop aborts the batch signal; the handler returns its messages and they are visible again at once', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('interrupted');
		let handling = false;
		let aborted = false;
		const poller = new SqsPoller({
			client,
			queueUrl,
			visibilityTimeout: 600,
			heartbeat: { everyMs: 60, extendSeconds: 600 },
			handle: async (messages, batch) => {
				handling = true;
				await new Promise<void>((resolve) => batch.signal.addEventListener('abort', () => resolve(), { once: true }));
				aborted = true;
				return { delete: [], release: messages, emitted: false };
			},
		});
		const done = poller.start();
		// the handler has the batch (SQS handing it out is not enough: a stop before the hand-over releases it unhandled)
		await until(() => handling, 3000, 'the handler to start');
		// the handler ends only when the signal aborts: that the stop completes shows the abort
		await poller.stop();
		await done;
		expect(aborted).toBe(true);
		expect(queue.counts()).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
	});

	it('a failing heartbeat is reported once (then quietly) and the batch still finishes; `stop` in the result ends the loop', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('one');
		queue.send('two');
		sqs.injectFault({ action: 'ChangeMessageVisibilityBatch', queue: queue.name, status: 500, count: 100 });
		const { logs, logger } = recordingLogger();
		let batches = 0;
		const poller = new SqsPoller({
			client,
			queueUrl,
			logger,
			maxMessages: 1,
			visibilityTimeout: VISIBILITY,
			heartbeat: { everyMs: 40, extendSeconds: VISIBILITY },
			handle: async (messages) => {
				batches += 1;
				// works until the heartbeat has failed a few times (however slowly the machine runs)
				await until(() => poller.stats.heartbeatFailures >= 3, 5000, 'three failed heartbeats');
				return { delete: messages, emitted: true, stop: true };
			},
		});
		await poller.start();
		expect(batches).toBe(1);
		expect(poller.stats.deleted).toBe(1);
		expect(poller.stats.heartbeatFailures).toBeGreaterThanOrEqual(3);
		const reports = logs.filter((l) => /hidden while they are worked on failed/.test(l.message));
		expect(reports[0].level).toBe('warn');
		expect(reports.slice(1).every((l) => l.level === 'debug')).toBe(true);
		expect(queue.counts().visible + queue.counts().inFlight).toBe(1);
	});
});
