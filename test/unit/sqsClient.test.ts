import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizeSqsCredentials, queueArnFor } from '../../nodes/sp-api/aws/queueCredentials';
import { SqsClient } from '../../nodes/sp-api/aws/sqs';
import { SqsError } from '../../nodes/sp-api/aws/sqsErrors';
import { EmulatedSqs } from '../emulator/sqs/service';

function clientFor(sqs: EmulatedSqs, queue: string, overrides: Record<string, unknown> = {}, now?: () => Date): { client: SqsClient; queueUrl: string } {
	const settings = normalizeSqsCredentials({ ...sqs.credentialsFor(queue), ...overrides });
	return { client: new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint, timeoutMs: 5000, now }), queueUrl: settings.queueUrl! };
}

async function failure(promise: Promise<unknown>): Promise<SqsError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof SqsError) return error;
		throw error;
	}
	throw new Error('expected the call to fail');
}

describe('SQS client (JSON protocol, SigV4 via aws4) against the emulated SQS (SigV4 checked by @smithy/signature-v4)', () => {
	const sqs = new EmulatedSqs({ timeScale: 20 });
	beforeAll(async () => {
		await sqs.start();
		sqs.createQueue({ name: 'acorn-main' });
		sqs.createQueue({ name: 'acorn-eu', region: 'eu-west-1' });
	});
	afterAll(async () => sqs.close());

	it('long-polls, receives, hides for the visibility timeout, and deletes', async () => {
		const { client, queueUrl } = clientFor(sqs, 'acorn-main');
		const queue = sqs.queue('acorn-main')!;
		const started = Date.now();
		setTimeout(() => queue.send('{"hello":"world"}'), 100);
		const [message] = await client.receiveMessages(queueUrl, { maxMessages: 10, waitSeconds: 20, visibilityTimeout: 30 });
		expect(Date.now() - started).toBeLessThan(900); // answered as soon as the message arrived, not after 20 s / 20
		expect(message).toMatchObject({ body: '{"hello":"world"}', receiveCount: 1, messageId: expect.any(String), sentAt: expect.any(String) });
		expect(queue.counts()).toMatchObject({ visible: 0, inFlight: 1 });
		const empty = await client.receiveMessages(queueUrl, { maxMessages: 10, waitSeconds: 0 });
		expect(empty).toEqual([]);
		const result = await client.deleteMessageBatch(queueUrl, [{ id: 'a', receiptHandle: message.receiptHandle }]);
		expect(result).toEqual({ successful: ['a'], failed: [] });
		expect(queue.counts()).toMatchObject({ visible: 0, inFlight: 0 });
	});

	it('gives a message back after its visibility timeout, counting the receives; visibility 0 gives it back at once', async () => {
		const { client, queueUrl } = clientFor(sqs, 'acorn-main');
		sqs.queue('acorn-main')!.send('again');
		const [first] = await client.receiveMessages(queueUrl, { maxMessages: 1, waitSeconds: 0, visibilityTimeout: 2 });
		const [second] = await client.receiveMessages(queueUrl, { maxMessages: 1, waitSeconds: 20 }); // 2 s / 20 = 100 ms later
		expect(second).toMatchObject({ messageId: first.messageId, receiveCount: 2 });
		const stale = await client.deleteMessageBatch(queueUrl, [{ id: 'old', receiptHandle: first.receiptHandle }]);
		expect(stale.failed).toEqual([expect.objectContaining({ id: 'old', code: 'ReceiptHandleIsInvalid' })]);
		await client.changeVisibilityBatch(queueUrl, [{ id: 'x', receiptHandle: second.receiptHandle }], 0);
		const [third] = await client.receiveMessages(queueUrl, { maxMessages: 1, waitSeconds: 0 });
		expect(third).toMatchObject({ messageId: first.messageId, receiveCount: 3 });
		await client.deleteMessageBatch(queueUrl, [{ id: 'y', receiptHandle: third.receiptHandle }]);
	});

	it('works with temporary credentials (session token) and resolves a queue by name', async () => {
		const settings = normalizeSqsCredentials(sqs.credentialsFor('acorn-eu', 'temporary', 'name'));
		const client = new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint });
		const url = await client.getQueueUrl(settings.queueName!);
		expect(url).toBe(sqs.queue('acorn-eu')!.url);
		expect(queueArnFor(url, settings.region)).toBe(sqs.queue('acorn-eu')!.arn);
		const attributes = await client.getQueueAttributes(url, ['QueueArn', 'Policy', 'ApproximateNumberOfMessages']);
		expect(attributes.QueueArn).toBe('arn:aws:sqs:eu-west-1:123456789012:acorn-eu');
		expect(JSON.parse(attributes.Policy).Statement[0].Principal.AWS).toBe('arn:aws:iam::437568002678:root');
	});

	it('says in plain words what is wrong, never showing a secret', async () => {
		const consumer = sqs.keys.consumer;
		const cases: Array<[string, Promise<unknown>, string, RegExp]> = [
			['wrong secret', clientFor(sqs, 'acorn-main', { secretAccessKey: 'not-the-secret-at-all-0000000000' }).client.receiveMessages(sqs.queue('acorn-main')!.url, { maxMessages: 1, waitSeconds: 0 }), 'badSecret', /Secret Access Key does not match/],
			['unknown key', clientFor(sqs, 'acorn-main', { accessKeyId: 'AKIANOBODYKNOWSTHIS0' }).client.getQueueAttributes(sqs.queue('acorn-main')!.url, ['QueueArn']), 'unknownKey', /does not recognise the Access Key ID/],
			['temporary key without its token', clientFor(sqs, 'acorn-main', { accessKeyId: sqs.keys.temporary.accessKeyId, secretAccessKey: sqs.keys.temporary.secretAccessKey }).client.getQueueAttributes(sqs.queue('acorn-main')!.url, ['QueueArn']), 'unknownKey', /Access Key ID/],
			['missing queue', clientFor(sqs, 'acorn-main', { queueUrl: `${sqs.url}/123456789012/no-such-queue` }).client.getQueueAttributes(`${sqs.url}/123456789012/no-such-queue`, ['QueueArn']), 'queueNotFound', /does not exist in us-east-1/],
			['queue of another region', clientFor(sqs, 'acorn-eu', { region: 'us-east-1' }).client.getQueueAttributes(sqs.queue('acorn-eu')!.url, ['QueueArn']), 'queueNotFound', /does not exist/],
			['user without SQS permissions', clientFor(sqs, 'acorn-main', { accessKeyId: sqs.keys.noPermissions.accessKeyId, secretAccessKey: sqs.keys.noPermissions.secretAccessKey }).client.receiveMessages(sqs.queue('acorn-main')!.url, { maxMessages: 1, waitSeconds: 0 }), 'accessDenied', /sqs:ReceiveMessage, sqs:DeleteMessage/],
			['clock 20 minutes slow', clientFor(sqs, 'acorn-main', {}, () => new Date(Date.now() - 20 * 60_000)).client.getQueueAttributes(sqs.queue('acorn-main')!.url, ['QueueArn']), 'clockSkew', /clock is wrong/],
			['endpoint unreachable', clientFor(sqs, 'acorn-main', { sqsEndpoint: 'http://127.0.0.1:9' }).client.getQueueAttributes(sqs.queue('acorn-main')!.url, ['QueueArn']), 'network', /could not be reached/],
		];
		for (const [name, call, kind, hint] of cases) {
			const error = await failure(call);
			expect([name, error.kind]).toEqual([name, kind]);
			expect([name, error.hint]).toEqual([name, expect.stringMatching(hint)]);
			const visible = JSON.stringify({ message: error.message, json: error.toJSON(), stack: error.stack });
			for (const secret of [consumer.secretAccessKey, sqs.keys.temporary.secretAccessKey, sqs.keys.temporary.sessionToken!, sqs.keys.noPermissions.secretAccessKey]) {
				expect(visible).not.toContain(secret);
			}
			expect(error.transient).toBe(kind === 'network');
		}
		// AWS's own codes reached the client
		const signature = await failure(clientFor(sqs, 'acorn-main', { secretAccessKey: 'wrong-wrong-wrong-wrong-0000' }).client.getQueueAttributes(sqs.queue('acorn-main')!.url, ['QueueArn']));
		expect(signature).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403 });
		const missing = await failure(clientFor(sqs, 'acorn-main').client.getQueueAttributes(`${sqs.url}/123456789012/nope`, ['QueueArn']));
		expect(missing).toMatchObject({ code: 'AWS.SimpleQueueService.NonExistentQueue', httpStatus: 400 });
	});

	it('stops a long poll at once when cancelled, and the queue keeps the messages that came later', async () => {
		const { client, queueUrl } = clientFor(sqs, 'acorn-main');
		const controller = new AbortController();
		const started = Date.now();
		const poll = client.receiveMessages(queueUrl, { maxMessages: 10, waitSeconds: 20, signal: controller.signal });
		setTimeout(() => controller.abort(), 50);
		const error = await failure(poll);
		expect(error.kind).toBe('aborted');
		expect(Date.now() - started).toBeLessThan(500);
		sqs.queue('acorn-main')!.send('after the cancel');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(sqs.queue('acorn-main')!.counts()).toMatchObject({ visible: 1, inFlight: 0 });
		const [message] = await client.receiveMessages(queueUrl, { maxMessages: 1, waitSeconds: 0 });
		await client.deleteMessageBatch(queueUrl, [{ id: '1', receiptHandle: message.receiptHandle }]);
	});

	it('goes through the proxy of HTTP_PROXY like every ACORN request, and the signature still holds', async () => {
		const seen: string[] = [];
		const proxy = http.createServer((req, res) => {
			seen.push(`${req.method} ${req.url}`);
			const target = new URL(req.url ?? '');
			const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers }, (answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			});
			req.pipe(upstream);
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		const previous = process.env.HTTP_PROXY;
		process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		try {
			const { client, queueUrl } = clientFor(sqs, 'acorn-main');
			const attributes = await client.getQueueAttributes(queueUrl, ['QueueArn']);
			expect(attributes.QueueArn).toBe('arn:aws:sqs:us-east-1:123456789012:acorn-main');
			expect(seen).toEqual([`POST ${sqs.url}/`]);
		} finally {
			if (previous === undefined) delete process.env.HTTP_PROXY;
			else process.env.HTTP_PROXY = previous;
			proxy.closeAllConnections();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
		}
	});

	it('refuses a message whose body does not match its MD5 (never acted on, never deleted)', async () => {
		const { client, queueUrl } = clientFor(sqs, 'acorn-main');
		const stored = sqs.queue('acorn-main')!.send('intact');
		stored.md5 = '00000000000000000000000000000000';
		const error = await failure(client.receiveMessages(queueUrl, { maxMessages: 1, waitSeconds: 0, visibilityTimeout: 0 }));
		expect(error).toMatchObject({ kind: 'serverError', transient: true });
		sqs.queue('acorn-main')!.messages.splice(0);
	});
});

describe('SQS credential settings', () => {
	it('reads the region from the queue URL and refuses what SP-API cannot deliver to', () => {
		const base = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example-value' };
		expect(normalizeSqsCredentials({ ...base, queueUrl: 'https://sqs.ap-northeast-1.amazonaws.com/111122223333/acorn' })).toMatchObject({
			region: 'ap-northeast-1',
			endpoint: 'https://sqs.ap-northeast-1.amazonaws.com',
			queueName: 'acorn',
		});
		expect(() => normalizeSqsCredentials({ ...base, queueUrl: 'https://sqs.cn-north-1.amazonaws.com.cn/1/q' })).toThrow(/AWS China/);
		expect(() => normalizeSqsCredentials({ ...base, queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q.fifo' })).toThrow(/FIFO/);
		expect(() => normalizeSqsCredentials({ ...base, queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', region: 'eu-west-1' })).toThrow(/queue URL is in us-east-1/);
		expect(() => normalizeSqsCredentials({ ...base, queueBy: 'name', queueName: 'q' })).toThrow(/region/);
		expect(() => normalizeSqsCredentials({ accessKeyId: 'A', queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q' })).toThrow(/Secret Access Key/);
		expect(queueArnFor('https://sqs.us-east-1.amazonaws.com/111122223333/acorn', 'us-east-1')).toBe('arn:aws:sqs:us-east-1:111122223333:acorn');
	});
});
