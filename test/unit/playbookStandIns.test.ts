/**
 * The stand-ins the playbook examples need in the e2e run:
 * - WeCom and Feishu refuse what the real robots refuse (wrong key, wrong signature, stale timestamp,
 *   unknown format, content too long), so an e2e check cannot pass on a message the real group would
 *   never show;
 * - Slack accepts messages made of blocks only (n8n's "Send and Wait for Response") and keeps their buttons;
 * - Google Sheets creates a sheet (tab) like Google, and refuses a second one of the same name.
 */
import { createHmac } from 'node:crypto';
import { feishuBot, feishuSign, signedFeishuBody } from '../harness/thirdParty/feishu';
import { googleOAuth, googleSheetsApi } from '../harness/thirdParty/googleSheets';
import { slackWebApi, startStandInServer, type StandInServer } from '../harness/thirdParty/standIns';
import { weComRobot, WECOM_MARKDOWN_MAX_BYTES } from '../harness/thirdParty/weCom';

const NOW_MS = 1_790_000_000_000;
const NOW_S = NOW_MS / 1000;
const SECRET = 'feishu-test-secret';

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('WeCom robot stand-in', () => {
	const robot = weComRobot({ key: 'wecom-key' });
	let server: StandInServer;
	beforeAll(async () => {
		server = await startStandInServer([robot]);
	});
	afterAll(async () => {
		await server.close();
	});
	beforeEach(() => {
		robot.messages.splice(0);
		robot.rejected.splice(0);
	});

	it('accepts a markdown message and a text message with the right key', async () => {
		const url = `${server.url}/cgi-bin/webhook/send?key=wecom-key`;
		expect(await post(url, { msgtype: 'markdown', markdown: { content: '### 退货提醒\n> 还剩 **3** 小时' } })).toEqual({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
		expect(await post(url, { msgtype: 'text', text: { content: 'hi', mentioned_list: ['@all'] } })).toEqual({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
		expect(robot.messages.map(({ msgtype, content, mentionedList }) => ({ msgtype, content, mentionedList }))).toEqual([
			{ msgtype: 'markdown', content: '### 退货提醒\n> 还剩 **3** 小时', mentionedList: undefined },
			{ msgtype: 'text', content: 'hi', mentionedList: ['@all'] },
		]);
	});

	it.each([
		['an unknown key', 'other', { msgtype: 'markdown', markdown: { content: 'x' } }, 93000],
		['a DingTalk-shaped markdown body', 'wecom-key', { msgtype: 'markdown', markdown: { title: 't', text: 'x' } }, 41009],
		['an unknown message type', 'wecom-key', { msgtype: 'card', card: {} }, 40008],
		['markdown longer than 4096 bytes (UTF-8)', 'wecom-key', { msgtype: 'markdown', markdown: { content: '退'.repeat(Math.floor(WECOM_MARKDOWN_MAX_BYTES / 3) + 1) } }, 40058],
	])('refuses %s with HTTP 200 and errcode, like WeCom', async (_what, key, body, errcode) => {
		const answer = await post(`${server.url}/cgi-bin/webhook/send?key=${key}`, body);
		expect(answer.status).toBe(200);
		expect(answer.json.errcode).toBe(errcode);
		expect(robot.messages).toEqual([]);
	});
});

describe('Feishu custom bot stand-in', () => {
	const bot = feishuBot({ token: 'hook-token', secret: SECRET, now: () => NOW_MS });
	let server: StandInServer;
	const url = () => `${server.url}/open-apis/bot/v2/hook/hook-token`;
	beforeAll(async () => {
		server = await startStandInServer([bot]);
	});
	afterAll(async () => {
		await server.close();
	});
	beforeEach(() => {
		bot.messages.splice(0);
		bot.rejected.splice(0);
	});

	it('signs like Feishu documents it: base64 HMAC-SHA256 keyed with "timestamp\\nsecret" over an empty message', () => {
		const expected = createHmac('sha256', `${NOW_S}\n${SECRET}`).update(Buffer.alloc(0)).digest('base64');
		expect(feishuSign(NOW_S, SECRET)).toBe(expected);
		// not DingTalk's scheme (secret as key, "timestamp\nsecret" as message)
		expect(feishuSign(NOW_S, SECRET)).not.toBe(createHmac('sha256', SECRET).update(`${NOW_S}\n${SECRET}`).digest('base64'));
	});

	it('accepts a signed text message and a signed post (rich text) message', async () => {
		const text = signedFeishuBody({ msg_type: 'text', content: { text: '退货请求待处理' } }, SECRET, NOW_S);
		const richText = signedFeishuBody(
			{ msg_type: 'post', content: { post: { zh_cn: { title: '退货提醒', content: [[{ tag: 'text', text: '第一行' }], [{ tag: 'text', text: '第二行 ' }, { tag: 'a', text: '链接', href: 'https://example.com' }]] } } } },
			SECRET,
			NOW_S,
		);
		expect((await post(url(), text)).json).toMatchObject({ code: 0, msg: 'success' });
		expect((await post(url(), richText)).json).toMatchObject({ code: 0, msg: 'success' });
		expect(bot.messages.map(({ msgType, title, text: body }) => ({ msgType, title, text: body }))).toEqual([
			{ msgType: 'text', title: undefined, text: '退货请求待处理' },
			{ msgType: 'post', title: '退货提醒', text: '第一行\n第二行 链接' },
		]);
	});

	it.each([
		['a wrong secret', signedFeishuBody({ msg_type: 'text', content: { text: 'x' } }, 'other-secret', NOW_S), 19021],
		['a timestamp two hours old', signedFeishuBody({ msg_type: 'text', content: { text: 'x' } }, SECRET, NOW_S - 7200), 19021],
		['a timestamp in milliseconds (DingTalk style)', { ...signedFeishuBody({ msg_type: 'text', content: { text: 'x' } }, SECRET, NOW_S), timestamp: String(NOW_MS) }, 19021],
		['no signature', { msg_type: 'text', content: { text: 'x' } }, 19021],
		['a message without content', signedFeishuBody({ msg_type: 'text' }, SECRET, NOW_S), 9499],
	])('refuses %s with HTTP 200 and a code, like Feishu', async (_what, body, code) => {
		const answer = await post(url(), body);
		expect(answer.status).toBe(200);
		expect(answer.json.code).toBe(code);
		expect(bot.messages).toEqual([]);
	});

	it('refuses an unknown hook token', async () => {
		const answer = await post(`${server.url}/open-apis/bot/v2/hook/wrong`, signedFeishuBody({ msg_type: 'text', content: { text: 'x' } }, SECRET, NOW_S));
		expect(answer.json.code).toBe(19001);
	});
});

describe('Slack stand-in and Block Kit messages', () => {
	const slack = slackWebApi({ botToken: 'xoxb-test' });
	let server: StandInServer;
	beforeAll(async () => {
		server = await startStandInServer([slack]);
	});
	afterAll(async () => {
		await server.close();
	});

	it('accepts a message made of blocks only (what n8n’s Send and Wait posts) and keeps its button URLs', async () => {
		const blocks = [
			{ type: 'section', text: { type: 'mrkdwn', text: 'Refund 120.00 USD needs approval' } },
			{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' }, url: 'http://n8n/webhook-waiting/1/n?approved=true' }] },
		];
		const response = await fetch(`${server.url}/api/chat.postMessage`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' },
			body: JSON.stringify({ channel: '#approvals', blocks }),
		});
		expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
		expect(slack.messages).toHaveLength(1);
		expect(slack.messages[0]).toMatchObject({ channel: '#approvals', text: 'Refund 120.00 USD needs approval', blocks });
	});
});

describe('Google Sheets stand-in: a sheet per month', () => {
	const oauth = googleOAuth({ clientId: 'client-1', clientSecret: 'secret-1', refreshToken: 'refresh-1' });
	const sheets = googleSheetsApi({ spreadsheetId: 'BOOK', sheets: { Refunds: [] }, oauth });
	let server: StandInServer;
	beforeAll(async () => {
		server = await startStandInServer([oauth, sheets]);
	});
	afterAll(async () => {
		await server.close();
	});

	it('adds a sheet with batchUpdate addSheet (n8n’s "Create" sheet), refuses the same name twice, and the test can remove it', async () => {
		const grant = await fetch(`${server.url}/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'client-1', client_secret: 'secret-1' }),
		});
		const { access_token: access } = (await grant.json()) as { access_token: string };
		const addSheet = async () => {
			const response = await fetch(`${server.url}/v4/spreadsheets/BOOK:batchUpdate`, {
				method: 'POST',
				headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
				body: JSON.stringify({ requests: [{ addSheet: { properties: { title: 'Tax 2026-11' } } }] }),
			});
			return { status: response.status, body: (await response.json()) as { replies?: Array<{ addSheet: { properties: { title: string; sheetId: number } } }> } };
		};
		const first = await addSheet();
		expect(first.status).toBe(200);
		expect(first.body.replies?.[0].addSheet.properties).toMatchObject({ title: 'Tax 2026-11', sheetId: expect.any(Number) });
		expect(sheets.titles()).toEqual(['Refunds', 'Tax 2026-11']);
		expect((await addSheet()).status).toBe(400);
		sheets.removeSheet('Tax 2026-11');
		expect(sheets.titles()).toEqual(['Refunds']);
	});
});
