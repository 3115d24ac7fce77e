import { normalizeSqsCredentials } from '../../nodes/sp-api/aws/queueCredentials';
import { SqsClient, type SqsMessage } from '../../nodes/sp-api/aws/sqs';
import { SqsError } from '../../nodes/sp-api/aws/sqsErrors';
import { SqsPoller, type HandleResult } from '../../nodes/sp-api/aws/sqsPoller';
import { EmulatedSqs } from '../emulator/sqs/service';
import { recordingLogger, until } from '../helpers/waiting';

describe('SQS poller: receive, hand over, then delete', () => {
	const sqs = new EmulatedSqs({ timeScale: 50 });
	let queueNo = 0;
	beforeAll(async () => sqs.start());
	afterAll(async () => sqs.close());
	afterEach(() => sqs.clearFaults());

	function setup(overrides: Record<string, unknown> = {}) {
		const name = `poll-${++queueNo}`;
		const queue = sqs.createQueue({ name });
		const settings = normalizeSqsCredentials({ ...sqs.credentialsFor(name), ...overrides });
		const client = new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint, timeoutMs: 3000 });
		return { queue, client, queueUrl: settings.queueUrl! };
	}

	it('deletes only after the handler handed the messages over', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('one');
		queue.send('two');
		const seen: Array<{ bodies: string[]; inFlightWhileHandling: number }> = [];
		const poller = new SqsPoller({
			client,
			queueUrl,
			waitSeconds: 20,
			handle: async (messages) => {
				seen.push({ bodies: messages.map((m) => m.body), inFlightWhileHandling: queue.counts().inFlight });
				return { delete: messages, emitted: true };
			},
		});
		const done = poller.start();
		await until(() => poller.stats.deleted === 2);
		await poller.stop();
		await done;
		expect(seen).toEqual([{ bodies: ['one', 'two'], inFlightWhileHandling: 2 }]);
		expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
	});

	it('backs off on SQS errors, logs once (not per attempt), and says when SQS answers again', async () => {
		const { queue, client, queueUrl } = setup();
		sqs.injectFault({ action: 'ReceiveMessage', queue: queue.name, status: 500, count: 6 });
		sqs.injectFault({ action: 'ReceiveMessage', queue: queue.name, connectionReset: true, count: 2 });
		queue.send('after the storm');
		const { logs, logger } = recordingLogger();
		const handled: string[] = [];
		const poller = new SqsPoller({
			client,
			queueUrl,
			logger,
			backoff: { baseMs: 5, maxMs: 20 },
			handle: async (messages) => {
				handled.push(...messages.map((m) => m.body));
				return { delete: messages, emitted: true };
			},
		});
		void poller.start();
		await until(() => handled.length === 1);
		await poller.stop();
		expect(poller.stats.failures).toBe(8);
		expect(logs.filter((l) => l.level === 'warn')).toHaveLength(1);
		expect(logs.find((l) => l.level === 'warn')?.message).toMatch(/temporary problem \(HTTP 500\).*Trying again/);
		expect(logs.filter((l) => l.level === 'info').map((l) => l.message)).toEqual(['Amazon SQS answers again after 8 failed attempt(s).']);
	});

	it('ends on a permanent error (wrong secret) and reports it once', async () => {
		const { queue, client, queueUrl } = setup({ secretAccessKey: 'definitely-not-the-right-secret' });
		queue.send('never read');
		const fatal: SqsError[] = [];
		const { logs, logger } = recordingLogger();
		const poller = new SqsPoller({ client, queueUrl, logger, onFatal: (e) => fatal.push(e), handle: async () => ({ delete: [], emitted: false }) });
		await poller.start();
		expect(fatal.map((e) => e.kind)).toEqual(['badSecret']);
		expect(logs.filter((l) => l.level === 'warn')).toHaveLength(1);
		expect(queue.counts().visible).toBe(1);
	});

	it('leaves messages in the queue when the handler fails; they come back after the visibility timeout', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('fragile');
		let calls = 0;
		const poller = new SqsPoller({
			client,
			queueUrl,
			visibilityTimeout: 5,
			handle: async (messages): Promise<HandleResult> => {
				calls += 1;
				if (calls === 1) throw new Error('boom');
				return { delete: messages, emitted: true };
			},
		});
		void poller.start();
		await until(() => poller.stats.deleted === 1);
		await poller.stop();
		expect(calls).toBe(2);
	});

	it('stops a waiting long poll at once; messages sent afterwards stay for the next consumer', async () => {
		const { queue, client, queueUrl } = setup();
		const poller = new SqsPoller({ client, queueUrl, waitSeconds: 20, handle: async (m) => ({ delete: m, emitted: true }) });
		const receives = () => sqs.requests().filter((r) => r.action === 'ReceiveMessage' && r.queueUrl === queueUrl);
		const done = poller.start();
		await until(() => receives().length === 1);
		await poller.stop();
		await done;
		// SQS saw the poller hang up the long poll (499), not a poll that ran its 20 s out (200 without messages)
		await until(() => receives().every((r) => r.status !== 0), 3000, 'SQS to notice the hang-up');
		expect(receives().at(-1)?.status).toBe(499);
		// nothing is left waiting at SQS: a message sent now stays for the next consumer
		queue.send('for later');
		expect(queue.counts()).toMatchObject({ visible: 1, inFlight: 0 });
	});

	it('makes messages that arrive after the stop visible again at once, without handing them over', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('late');
		let resolveReceive: (messages: SqsMessage[]) => void = () => undefined;
		const realReceive = client.receiveMessages.bind(client);
		// a receive that was already answered by SQS when the stop came: its abort has no effect
		client.receiveMessages = async (url, options) => {
			const messages = await realReceive(url, { ...options, signal: undefined, waitSeconds: 0 });
			return await new Promise<SqsMessage[]>((resolve) => {
				resolveReceive = resolve;
				setTimeout(() => resolve(messages), 5);
			}).then(() => messages);
		};
		const handled: string[] = [];
		const poller = new SqsPoller({ client, queueUrl, visibilityTimeout: 600, handle: async (m) => (handled.push(...m.map((x) => x.body)), { delete: m, emitted: true }) });
		const done = poller.start();
		const stopping = poller.stop();
		resolveReceive([]);
		await stopping;
		await done;
		expect(handled).toEqual([]);
		expect(poller.stats.released).toBe(1);
		expect(queue.counts()).toMatchObject({ visible: 1, inFlight: 0 }); // not after 600 s: now
	});

	it('tries a failed delete once more, then leaves it to dedupe', async () => {
		const { queue, client, queueUrl } = setup();
		queue.send('stubborn');
		sqs.injectFault({ action: 'DeleteMessageBatch', queue: queue.name, connectionReset: true, count: 2 });
		const { logs, logger } = recordingLogger();
		const poller = new SqsPoller({ client, queueUrl, logger, stopAfterFirstEmit: true, visibilityTimeout: 5, handle: async (m) => ({ delete: m, emitted: true }) });
		await poller.start();
		expect(poller.stats).toMatchObject({ deleted: 0, deleteFailures: 1 });
		expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringMatching(/recognised as duplicates/)]);
		expect(sqs.requests().filter((r) => r.action === 'DeleteMessageBatch' && r.queueUrl === queueUrl)).toHaveLength(2);
		await until(() => queue.counts().visible === 1); // back after 5 s / 50
	});
});
