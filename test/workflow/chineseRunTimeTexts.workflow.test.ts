/**
 * What a seller reads when something goes wrong, with ACORN_LANGUAGE=zh-CN (issue 12, point 1): failing
 * operations of several nodes run in n8n-core against the emulator — an input refused before any call,
 * an Amazon 403, a report Amazon ended with FATAL, a Seller Wallet amount ACORN refuses, two trigger
 * errors (New Refund Trigger, Notifications Trigger with a wrong AWS secret) and an execution that had
 * nothing to output. Each case runs once in English and once in Chinese: the Chinese message and
 * description contain Chinese and none of the English run's sentences, and Amazon's (or AWS's) own words
 * are quoted unchanged. test/unit/runtimeTexts.test.ts keeps every such text written with tr.
 */
import type { ICredentialDataDecryptedObject, INodeCredentials, INodeParameters } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { runPoll, runWorkflow, spApiCredentialRef, type WorkflowResult, type WorkflowSpec } from '../harness/n8nHarness';
import { activateWorkflow } from '../harness/triggerHarness';
import { withLanguage } from '../helpers/language';
import { DESTINATION, SIGNATURES } from '../helpers/walletFixture';
import { credentialsOf, NEW_REFUND_TRIGGER, REFUNDS, singleNode } from './support';

const NOW = new Date('2025-03-15T12:00:00Z');
const NODE = 'Node';
const HAN = /\p{Script=Han}/u;

interface Shown {
	message: string;
	description?: string;
}

/** ACORN's sentences of an English text: Amazon's or AWS's quoted words (`keep`) taken out first. */
function englishSentences(text: string, keep: readonly string[]): string[] {
	let rest = text;
	for (const words of keep) rest = rest.split(words).join('\n');
	return rest
		.split(/(?<=[.:;!?])\s+|\n/)
		.map((sentence) => sentence.trim())
		// a sentence of words (not an id, a code or "HTTP 403" alone)
		.filter((sentence) => /[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(sentence));
}

/**
 * The Chinese texts are Chinese: message and description have Chinese characters, no sentence of the
 * English run is left in them, and the words of Amazon or AWS (`keep`) are there exactly as they were sent.
 */
function expectChinese(chinese: Shown, english: Shown, keep: readonly string[] = []): void {
	expect(chinese.message).toMatch(HAN);
	if (english.description) expect(chinese.description ?? '').toMatch(HAN);
	const both = `${chinese.message}\n${chinese.description ?? ''}`;
	const left = [...englishSentences(english.message, keep), ...englishSentences(english.description ?? '', keep)].filter((sentence) => both.includes(sentence));
	expect(left).toEqual([]);
	for (const words of keep) expect(both).toContain(words);
	// and no run of English words outside what Amazon or AWS said (product names and codes are fine)
	let ours = both;
	for (const words of keep) ours = ours.split(words).join(' ');
	expect(ours).not.toMatch(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i);
}

/** Runs `run` in English and in Chinese. */
async function inBothLanguages<T>(run: () => Promise<T>): Promise<{ english: T; chinese: T }> {
	const english = await withLanguage('en', run);
	const chinese = await withLanguage('zh-CN', run);
	return { english, chinese };
}

function shownError(result: WorkflowResult, node = NODE): Shown {
	const error = result.error(node);
	if (!error) throw new Error(`${node} did not fail`);
	return { message: error.message, description: error.description };
}

describe('ACORN speaks Chinese at run time with ACORN_LANGUAGE=zh-CN', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, timeScale: 100, ordersPerDay: 4, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
		for (const seller of ['na', 'eu'] as const) emulator.control.state.dataFor(seller);
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});
	const amazonCalls = () => emulator.control.requests().filter((request) => request.operation);
	const reports = (parameters: Record<string, unknown>) =>
		runWorkflow(singleNode(emulator, 'na', { type: 'n8n-nodes-acorn.amazonSpApiReports', parameters: { resource: 'report', ...parameters } }));
	const fast = { firstCheckSeconds: 0.05, timeoutMinutes: 1 };

	it('an input refused before any call: the fields are named as the editor shows them', async () => {
		const { english, chinese } = await inBothLanguages(async () =>
			shownError(
				await runWorkflow(
					singleNode(emulator, 'na', { type: REFUNDS, typeVersion: 1.1, parameters: { resource: 'refund', operation: 'getMany', postedAfter: '2025-03-10T00:00:00Z', postedBefore: '2025-03-01T00:00:00Z' } }),
				),
			),
		);
		expect(english.message).toMatch(/^"Posted Before" \(2025-03-01T00:00:00Z\) is not after "Posted After"/);
		expect(chinese.message).toBe('“入账时间早于”（2025-03-01T00:00:00Z）不晚于“入账时间晚于”（2025-03-10T00:00:00Z）：时间范围的结束必须在开始之后。');
		expectChinese(chinese, english);
		expect(amazonCalls()).toEqual([]);
	});

	it('Amazon refuses with 403: ACORN’s advice in Chinese, Amazon’s words quoted as Amazon sent them', async () => {
		const amazon = 'Access to requested resource is denied.';
		const { english, chinese } = await inBothLanguages(async () => {
			emulator.control.injectFault({ operation: 'createReport', status: 403, count: 2, body: { errors: [{ code: 'Unauthorized', message: amazon, details: '' }] } });
			try {
				return shownError(await reports({ operation: 'create', reportType: { __rl: true, mode: 'id', value: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA' }, marketplaceIds: ['US'] }));
			} finally {
				emulator.control.clearFaults();
			}
		});
		expect(english.message).toMatch(/^Amazon refused access to createReport\./);
		expect(chinese.message).toMatch(/^亚马逊拒绝访问 createReport。/);
		expect(chinese.description).toMatch(new RegExp(`^亚马逊原话：${amazon.replace(/\./g, '\\.')}\n操作：createReport · HTTP 403`));
		expectChinese(chinese, english, [amazon]);
	});

	it('a report Amazon ended with FATAL: why in Chinese, Amazon’s explanation untouched', async () => {
		const { english, chinese } = await inBothLanguages(async () =>
			shownError(await reports({ operation: 'createAndDownload', reportType: { __rl: true, mode: 'id', value: 'GET_MERCHANT_LISTINGS_ALL_DATA' }, marketplaceIds: ['US'], options: fast })),
		);
		const amazon = /Amazon said: (.+)$/m.exec(english.description ?? '')?.[1];
		expect(amazon).toMatch(/^The SP-API emulator does not generate GET_MERCHANT_LISTINGS_ALL_DATA/);
		expect(chinese.message).toMatch(/^亚马逊未能生成报告 \S+（GET_MERCHANT_LISTINGS_ALL_DATA）：处理以 FATAL（失败）结束。$/);
		expect(chinese.description).toContain(`亚马逊原话：${amazon}`);
		expectChinese(chinese, english, [amazon!]);
	});

	it('a Seller Wallet transfer ACORN refuses before calling Amazon', async () => {
		const transfer = {
			resource: 'transaction',
			operation: 'create',
			marketplaceId: 'A1PA6795UKMFR9',
			sourceAccountId: 'amzn1.account.ANY',
			amount: '10.005',
			currency: 'EUR',
			...DESTINATION,
			...SIGNATURES,
		};
		const { english, chinese } = await inBothLanguages(async () =>
			shownError(await runWorkflow(singleNode(emulator, 'eu', { type: 'n8n-nodes-acorn.amazonSpApiSellerWallet', parameters: transfer }))),
		);
		expect(english.message).toBe('"Amount" has 3 decimals, but EUR amounts have at most 2: "10.005" cannot be sent.');
		expect(chinese.message).toBe('“金额”有 3 位小数，但 EUR 金额最多只有 2 位小数：无法发送“10.005”。');
		expectChinese(chinese, english);
		expect(amazonCalls()).toEqual([]);
	});

	it('the New Refund Trigger refuses a setting when it polls', async () => {
		const spec: WorkflowSpec & { triggerNode: string } = {
			nodes: [{ name: 'New Refund', type: NEW_REFUND_TRIGGER, parameters: { kinds: [], marketplaceIds: ['US'] } as INodeParameters, credentials: spApiCredentialRef() }],
			connections: {},
			credentials: { amazonSpApi: credentialsOf(emulator, 'na') },
			triggerNode: 'New Refund',
		};
		const { english, chinese } = await inBothLanguages(async () => {
			const failure = await runPoll(spec).then(
				() => undefined,
				(error: Error & { description?: string }) => error,
			);
			if (!failure) throw new Error('the poll did not fail');
			return { message: failure.message, description: failure.description };
		});
		expect(english.message).toBe('Pick at least one refund type in "Refund Types".');
		expect(chinese.message).toBe('请在“退款类型”中至少选择一种退款类型。');
		expectChinese(chinese, english);
	});

	it('the Notifications Trigger with a wrong AWS secret: the fix in Chinese, AWS’s own words untouched', async () => {
		const queue = emulator.control.sqs.createQueue({ name: 'zh-runtime-texts' }).name;
		const refs: INodeCredentials = { amazonSpApi: { id: 'amazonSpApi', name: 'Amazon' }, amazonSqsApi: { id: 'amazonSqsApi', name: 'Queue' } };
		const spec: WorkflowSpec = {
			nodes: [
				{
					name: 'Amazon Notifications',
					type: 'n8n-nodes-acorn.amazonSpApiNotificationsTrigger',
					parameters: { notificationTypes: ['TRANSACTION_UPDATE'], manageSubscriptions: false },
					credentials: refs,
				},
			],
			connections: {},
			credentials: {
				amazonSpApi: credentialsOf(emulator, 'na'),
				amazonSqsApi: { ...emulator.control.sqs.credentialsFor(queue), secretAccessKey: 'this-is-not-the-secret-0000' } as unknown as ICredentialDataDecryptedObject,
			},
		};
		const { english, chinese } = await inBothLanguages(async () => {
			const failure = await activateWorkflow(spec).then(
				async (active) => {
					await active.deactivate();
					return undefined;
				},
				(error: Error & { description?: string; cause?: Error }) => error,
			);
			if (!failure) throw new Error('the activation did not fail');
			// n8n wraps it ("There was a problem activating the workflow: …", n8n's own words) and shows ACORN's
			// message inside, with ACORN's description
			return { message: failure.cause?.message ?? '', description: failure.description };
		});
		expect(english.message).toMatch(/^The Secret Access Key does not match the Access Key ID/);
		expect(chinese.message).toMatch(/^秘密访问密钥与访问密钥 ID 不匹配/);
		// AWS's own words on their line; the call, its status, AWS's code and request ID on the next
		const aws = /^AWS said: (.+)$/m.exec(english.description ?? '')?.[1];
		expect(aws).toMatch(/^The request signature we calculated does not match/);
		expect(english.description).toMatch(/\nSQS action: \w+ · HTTP 403 · AWS code: SignatureDoesNotMatch · AWS request ID: \S+$/);
		expect(chinese.description).toMatch(/^AWS 原话：.+\nSQS 操作：\w+ · HTTP 403 · AWS 错误代码：SignatureDoesNotMatch · AWS 请求 ID：\S+$/);
		expect(chinese.description).toContain(`AWS 原话：${aws}`);
		expectChinese(chinese, english, [aws!]);
	});

	it('refunds: kindLabel (for people, e.g. a sheet column) in Chinese; kind (for a workflow to test) stays the code', async () => {
		const { english, chinese } = await inBothLanguages(async () => {
			const result = await runWorkflow(
				singleNode(emulator, 'na', {
					type: 'n8n-nodes-acorn.amazonSpApiRefunds',
					typeVersion: 1.1,
					parameters: { resource: 'refund', operation: 'getMany', postedAfter: new Date(NOW.getTime() - 10 * 86_400_000).toISOString(), postedBefore: new Date(NOW.getTime() - 86_400_000).toISOString(), returnAll: true },
				}),
			);
			expect(result.error(NODE)).toBeUndefined();
			return result.output(NODE).map((item) => [item.json.kind, item.json.kindLabel]);
		});
		expect(english.length).toBeGreaterThan(0);
		expect(chinese.map(([kind]) => kind)).toEqual(english.map(([kind]) => kind));
		expect(new Set(english.filter(([kind]) => kind === 'refund').map(([, label]) => label))).toEqual(new Set(['Refund']));
		expect(new Set(chinese.filter(([kind]) => kind === 'refund').map(([, label]) => label))).toEqual(new Set(['退款']));
		for (const [, label] of chinese) expect(String(label)).toMatch(HAN);
	});

	it('nothing to output: the output pane says why, in Chinese', async () => {
		const { english, chinese } = await inBothLanguages(async () => {
			const result = await runWorkflow(
				singleNode(emulator, 'na', {
					type: 'n8n-nodes-acorn.amazonSpApiFinances',
					parameters: { resource: 'financialEventGroup', operation: 'getMany', startedAfter: '2025-01-01T00:00:00Z', startedBefore: '2025-01-02T00:00:00Z', returnAll: true },
				}),
			);
			expect(result.error(NODE)).toBeUndefined();
			expect(result.output(NODE)).toEqual([]);
			const hints = result.hints(NODE);
			expect(hints).toHaveLength(1);
			return { message: hints[0].message };
		});
		expect(english.message).toMatch(/^No settlement periods to output\./);
		expect(chinese.message).toMatch(/^没有可输出的结算周期。/);
		expectChinese(chinese, english);
	});
});
