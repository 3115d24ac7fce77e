/**
 * Feishu custom bot ("飞书自定义机器人") with the signature security setting (签名校验):
 * POST https://open.feishu.cn/open-apis/bot/v2/hook/<token> with a JSON body carrying `timestamp`
 * (seconds, within one hour of Feishu's clock) and `sign` = base64(HMAC-SHA256 keyed with
 * `${timestamp}\n${secret}` over an empty message) next to `msg_type` and `content`.
 * Feishu answers HTTP 200 with `code` 0 on success and 19021 when the signature or timestamp is wrong.
 * Formats checked: `text` (content.text) and `post` (content.post.<lang>.title/content), body ≤ 20 KB.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RecordedRequest, StandIn, StandInAnswer } from './standIns';

export const FEISHU_MAX_BODY_BYTES = 20 * 1024;
const ONE_HOUR_S = 3600;

/** Feishu's documented signature: the key is "timestamp\nsecret", the signed message is empty. */
export function feishuSign(timestamp: number | string, secret: string): string {
	return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

/** What a sender posts: the message with `timestamp` and `sign` added. */
export function signedFeishuBody(message: Record<string, unknown>, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> {
	return { timestamp: String(timestampSeconds), sign: feishuSign(timestampSeconds, secret), ...message };
}

export interface FeishuMessage {
	msgType: 'text' | 'post';
	/** The text, or for `post` the title and every text run of every line, joined with newlines. */
	text: string;
	title?: string;
	timestamp: string;
	request: RecordedRequest;
}

interface PostRun {
	tag?: unknown;
	text?: unknown;
}

/** Plain text of a `post` message's lines (each line is a list of runs; `text` and `a` runs carry text). */
function postText(lines: unknown): string | undefined {
	if (!Array.isArray(lines)) return undefined;
	const out: string[] = [];
	for (const line of lines) {
		if (!Array.isArray(line)) return undefined;
		out.push((line as PostRun[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join(''));
	}
	return out.join('\n');
}

export function feishuBot(options: { token: string; secret: string; now?: () => number }): StandIn & { messages: FeishuMessage[]; rejected: Array<{ code: number; msg: string }> } {
	const messages: FeishuMessage[] = [];
	const rejected: Array<{ code: number; msg: string }> = [];
	const now = options.now ?? Date.now;
	const refuse = (code: number, msg: string): StandInAnswer => {
		rejected.push({ code, msg });
		return { status: 200, body: { code, data: {}, msg } };
	};
	const prefix = '/open-apis/bot/v2/hook/';
	return {
		name: 'Feishu custom bot',
		messages,
		rejected,
		handle(request) {
			if (!request.path.startsWith(prefix)) return undefined;
			if (request.method !== 'POST') return refuse(9499, 'Bad Request');
			if (request.path.slice(prefix.length) !== options.token) return refuse(19001, 'param invalid: incoming webhook access token invalid');
			if (Buffer.byteLength(request.rawBody, 'utf8') > FEISHU_MAX_BODY_BYTES) return refuse(9499, 'request body exceeds 20 KB');
			const body = request.json as { timestamp?: unknown; sign?: unknown; msg_type?: unknown; content?: Record<string, unknown> } | undefined;
			if (!body || typeof body !== 'object') return refuse(9499, 'Bad Request');
			const timestamp = typeof body.timestamp === 'number' ? String(body.timestamp) : body.timestamp;
			const sign = body.sign;
			const mismatch = 'sign match fail or timestamp is not within one hour from current time';
			if (typeof timestamp !== 'string' || !/^\d{10}$/.test(timestamp) || typeof sign !== 'string') return refuse(19021, mismatch);
			if (Math.abs(now() / 1000 - Number(timestamp)) > ONE_HOUR_S) return refuse(19021, mismatch);
			const expected = Buffer.from(feishuSign(timestamp, options.secret));
			const given = Buffer.from(sign);
			if (expected.length !== given.length || !timingSafeEqual(expected, given)) return refuse(19021, mismatch);
			const content = body.content ?? {};
			if (body.msg_type === 'text' && typeof content.text === 'string' && content.text !== '') {
				messages.push({ msgType: 'text', text: content.text, timestamp, request });
			} else if (body.msg_type === 'post' && content.post && typeof content.post === 'object') {
				const languages = Object.values(content.post as Record<string, { title?: unknown; content?: unknown }>);
				const first = languages[0];
				const text = first ? postText(first.content) : undefined;
				if (!first || text === undefined) return refuse(9499, 'Bad Request: post content must be a list of lines of runs');
				messages.push({ msgType: 'post', title: typeof first.title === 'string' ? first.title : undefined, text, timestamp, request });
			} else {
				return refuse(9499, 'Bad Request: msg_type or content is missing');
			}
			return { status: 200, body: { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' } };
		},
	};
}
