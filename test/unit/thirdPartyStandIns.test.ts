/**
 * The local stand-ins used by the end-to-end run and the demo must refuse what the real services refuse,
 * or the e2e checks could pass on a wrongly signed or unauthenticated request.
 */
import { createHmac } from 'node:crypto';
import { dingTalkRobot, dingTalkSign, signedDingTalkUrl } from '../harness/thirdParty/dingTalk';
import { erpWebhook, slackWebApi, startStandInServer, type StandInServer } from '../harness/thirdParty/standIns';

const SECRET = 'SEC0123456789abcdef';
const NOW = 1_790_000_000_000;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('DingTalk robot stand-in', () => {
	const robot = dingTalkRobot({ accessToken: 'tok', secret: SECRET, now: () => NOW });
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

	const message = { msgtype: 'markdown', markdown: { title: 'T', text: '### hi' } };

	it('signs like DingTalk documents it: base64 HMAC-SHA256 of "timestamp\\nsecret" keyed with the secret', () => {
		const expected = createHmac('sha256', SECRET).update(`${NOW}\n${SECRET}`).digest('base64');
		expect(dingTalkSign(NOW, SECRET)).toBe(expected);
		const url = new URL(signedDingTalkUrl('http://x/robot/send?access_token=tok', SECRET, NOW));
		expect(url.searchParams.get('sign')).toBe(expected);
		// '+', '/' and '=' of base64 are percent-encoded in the URL.
		expect(url.search).not.toMatch(/sign=[^&]*[+/=]/);
	});

	it('accepts a correctly signed message', async () => {
		const answer = await post(signedDingTalkUrl(`${server.url}/robot/send?access_token=tok`, SECRET, NOW), message);
		expect(answer).toEqual({ status: 200, json: { errcode: 0, errmsg: 'ok' } });
		expect(robot.messages).toHaveLength(1);
		expect(robot.messages[0]).toMatchObject({ msgtype: 'markdown', title: 'T', text: '### hi' });
	});

	it.each([
		['a wrong secret', signedDingTalkUrl('http://x/robot/send?access_token=tok', 'SECwrong', NOW), 310000],
		['a timestamp two hours old', signedDingTalkUrl('http://x/robot/send?access_token=tok', SECRET, NOW - 7_200_000), 310000],
		['an unknown access token', signedDingTalkUrl('http://x/robot/send?access_token=other', SECRET, NOW), 300001],
		['no signature', `/robot/send?access_token=tok&timestamp=${NOW}`, 310000],
	])('refuses %s with HTTP 200 and errcode, like DingTalk', async (_what, pathAndQuery, errcode) => {
		const answer = await post(`${server.url}${pathAndQuery.replace(/^http:\/\/x/, '')}`, message);
		expect(answer.status).toBe(200);
		expect(answer.json.errcode).toBe(errcode);
		expect(robot.messages).toEqual([]);
	});

	it('refuses a signature sent without URL encoding (its "+" arrives as a space)', async () => {
		let timestamp = NOW;
		while (!dingTalkSign(timestamp, SECRET).includes('+')) timestamp++;
		const answer = await post(`${server.url}/robot/send?access_token=tok&timestamp=${timestamp}&sign=${dingTalkSign(timestamp, SECRET)}`, message);
		expect(answer.json.errcode).toBe(310000);
		expect(robot.messages).toEqual([]);
	});
});

describe('Slack and ERP stand-ins', () => {
	const slack = slackWebApi({ botToken: 'xoxb-test' });
	const erp = erpWebhook({ path: '/in', headerName: 'X-Api-Key', apiKey: 'k' });
	let server: StandInServer;
	beforeAll(async () => {
		server = await startStandInServer([slack, erp]);
	});
	afterAll(async () => {
		await server.close();
	});

	it('Slack answers ok:false without the bot token and records posted messages with it', async () => {
		expect((await post(`${server.url}/api/chat.postMessage`, { channel: '#a', text: 'x' })).json).toEqual({ ok: false, error: 'invalid_auth' });
		const ok = await post(`${server.url}/api/chat.postMessage`, { channel: '#a', text: 'hello' }, { authorization: 'Bearer xoxb-test' });
		expect(ok.json.ok).toBe(true);
		expect(slack.messages.map((m) => [m.channel, m.text])).toEqual([['#a', 'hello']]);
	});

	it('the ERP webhook needs its API key header', async () => {
		expect((await post(`${server.url}/in`, { a: 1 })).status).toBe(401);
		expect((await post(`${server.url}/in`, { a: 1 }, { 'x-api-key': 'k' })).status).toBe(201);
		expect(erp.received.map((r) => r.body)).toEqual([{ a: 1 }]);
	});
});
