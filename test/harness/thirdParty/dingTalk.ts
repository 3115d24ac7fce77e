/**
 * DingTalk custom robot ("钉钉机器人") with the "加签" security setting: the webhook URL carries
 * `timestamp` (ms) and `sign` = URL-encoded base64(HMAC-SHA256(key = secret, data = `${timestamp}\n${secret}`)).
 * DingTalk answers HTTP 200 in every case and reports problems in `errcode`/`errmsg`; it refuses
 * timestamps more than one hour away from its clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RecordedRequest, StandIn, StandInAnswer } from './standIns';

export function dingTalkSign(timestamp: number | string, secret: string): string {
	return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The robot URL a sender posts to, with the signature in the query. */
export function signedDingTalkUrl(webhookUrl: string, secret: string, timestamp = Date.now()): string {
	const url = new URL(webhookUrl);
	url.searchParams.set('timestamp', String(timestamp));
	url.searchParams.set('sign', dingTalkSign(timestamp, secret));
	return url.toString();
}

export interface DingTalkRobotOptions {
	/** `access_token` of the robot's webhook URL. */
	accessToken: string;
	/** The robot's signing secret (starts with SEC in DingTalk). */
	secret: string;
	/** Clock used to judge the timestamp; DingTalk allows ±1 hour. */
	now?: () => number;
}

export interface DingTalkMessage {
	msgtype: string;
	title?: string;
	text: string;
	atMobiles?: string[];
	/** Query and signature as received, for assertions. */
	timestamp: string;
	request: RecordedRequest;
}

const ONE_HOUR_MS = 3_600_000;

/** Answers like DingTalk's robot endpoint: POST /robot/send?access_token=…&timestamp=…&sign=… */
export function dingTalkRobot(options: DingTalkRobotOptions): StandIn & { messages: DingTalkMessage[]; rejected: Array<{ errcode: number; errmsg: string }> } {
	const messages: DingTalkMessage[] = [];
	const rejected: Array<{ errcode: number; errmsg: string }> = [];
	const now = options.now ?? Date.now;
	const refuse = (errcode: number, errmsg: string): StandInAnswer => {
		rejected.push({ errcode, errmsg });
		return { status: 200, body: { errcode, errmsg } };
	};
	return {
		name: 'DingTalk robot',
		messages,
		rejected,
		handle(request) {
			if (request.method !== 'POST' || request.path !== '/robot/send') return undefined;
			const token = request.query.access_token;
			if (token !== options.accessToken) return refuse(300001, 'token is not exist');
			const timestamp = request.query.timestamp ?? '';
			const sign = request.query.sign ?? '';
			if (!/^\d{13}$/.test(timestamp)) return refuse(310000, 'sign not match, timestamp is invalid');
			if (Math.abs(now() - Number(timestamp)) > ONE_HOUR_MS) return refuse(310000, 'sign not match, timestamp is more than 1 hour from server time');
			const expected = Buffer.from(dingTalkSign(timestamp, options.secret));
			const given = Buffer.from(sign);
			if (expected.length !== given.length || !timingSafeEqual(expected, given)) return refuse(310000, 'sign not match');
			const body = request.json as { msgtype?: string; text?: { content?: string }; markdown?: { title?: string; text?: string }; at?: { atMobiles?: string[] } } | undefined;
			if (!body || typeof body !== 'object') return refuse(40035, 'missing body');
			if (body.msgtype === 'text' && typeof body.text?.content === 'string') {
				messages.push({ msgtype: 'text', text: body.text.content, atMobiles: body.at?.atMobiles, timestamp, request });
			} else if (body.msgtype === 'markdown' && typeof body.markdown?.text === 'string' && typeof body.markdown.title === 'string') {
				messages.push({ msgtype: 'markdown', title: body.markdown.title, text: body.markdown.text, atMobiles: body.at?.atMobiles, timestamp, request });
			} else {
				return refuse(40035, 'msgtype or content is missing');
			}
			return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
		},
	};
}
