/**
 * WeCom group robot ("企业微信群机器人"): POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>
 * with a JSON body. The key in the URL is the only secret (WeCom robots have no signature). Like the
 * real endpoint it answers HTTP 200 in every case and reports problems in `errcode`/`errmsg`.
 * Formats checked: `text` (content ≤ 2048 bytes UTF-8) and `markdown` (content ≤ 4096 bytes UTF-8).
 */
import type { RecordedRequest, StandIn, StandInAnswer } from './standIns';

export const WECOM_TEXT_MAX_BYTES = 2048;
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

export interface WeComMessage {
	msgtype: 'text' | 'markdown';
	content: string;
	mentionedList?: string[];
	request: RecordedRequest;
}

interface WeComBody {
	msgtype?: unknown;
	text?: { content?: unknown; mentioned_list?: unknown };
	markdown?: { content?: unknown };
}

/** Answers like WeCom's robot webhook for one robot key. */
export function weComRobot(options: { key: string }): StandIn & { messages: WeComMessage[]; rejected: Array<{ errcode: number; errmsg: string }> } {
	const messages: WeComMessage[] = [];
	const rejected: Array<{ errcode: number; errmsg: string }> = [];
	const refuse = (errcode: number, errmsg: string): StandInAnswer => {
		rejected.push({ errcode, errmsg });
		return { status: 200, body: { errcode, errmsg } };
	};
	return {
		name: 'WeCom robot',
		messages,
		rejected,
		handle(request) {
			if (request.path !== '/cgi-bin/webhook/send') return undefined;
			if (request.method !== 'POST') return refuse(43002, 'require POST method');
			if (request.query.key !== options.key) return refuse(93000, 'invalid webhook url');
			const body = request.json as WeComBody | undefined;
			if (!body || typeof body !== 'object') return refuse(40035, 'invalid parameter, body is not JSON');
			if (body.msgtype === 'markdown') {
				const content = body.markdown?.content;
				if (typeof content !== 'string' || content === '') return refuse(41009, 'missing markdown.content');
				if (Buffer.byteLength(content, 'utf8') > WECOM_MARKDOWN_MAX_BYTES) return refuse(40058, `markdown.content exceed max length ${WECOM_MARKDOWN_MAX_BYTES}`);
				messages.push({ msgtype: 'markdown', content, request });
			} else if (body.msgtype === 'text') {
				const content = body.text?.content;
				if (typeof content !== 'string' || content === '') return refuse(41009, 'missing text.content');
				if (Buffer.byteLength(content, 'utf8') > WECOM_TEXT_MAX_BYTES) return refuse(40058, `text.content exceed max length ${WECOM_TEXT_MAX_BYTES}`);
				const mentioned = body.text?.mentioned_list;
				messages.push({ msgtype: 'text', content, mentionedList: Array.isArray(mentioned) ? mentioned.map(String) : undefined, request });
			} else {
				return refuse(40008, 'invalid message type');
			}
			return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
		},
	};
}
