/**
 * An SMTP receiver on 127.0.0.1 for end-to-end runs of n8n's Send Email node (nodemailer): greeting,
 * EHLO/HELO, AUTH PLAIN and AUTH LOGIN checked against one user and password, MAIL FROM, RCPT TO, DATA
 * (dot-stuffing undone), RSET, NOOP, QUIT. It offers no STARTTLS, like a plain submission port inside a
 * company network. Received messages are decoded enough for assertions: headers (RFC 2047 words),
 * and the text/html parts (quoted-printable or base64, multipart or not), attachments by file name.
 */
import * as net from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
	headers: Record<string, string>;
	subject: string;
	html?: string;
	text?: string;
	attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface SmtpReceiver {
	host: string;
	port: number;
	messages: ReceivedMail[];
	/** AUTH attempts refused (wrong user or password). */
	refusedLogins: string[];
	close(): Promise<void>;
}

function decodeWords(value: string): string {
	// adjacent encoded words are joined without the whitespace between them (RFC 2047, 6.2)
	return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, encoding: string, text: string) => {
		if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
		return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
	});
}

function parseHeaders(block: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function decodeBody(body: string, encoding = ''): Buffer {
	if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64');
	if (/quoted-printable/i.test(encoding)) {
		const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
		return Buffer.from(bytes, 'latin1');
	}
	return Buffer.from(body, 'utf8');
}

function parsePart(part: string, mail: ReceivedMail): void {
	const split = part.indexOf('\r\n\r\n');
	const headers = parseHeaders(split < 0 ? part : part.slice(0, split));
	const body = split < 0 ? '' : part.slice(split + 4);
	const type = headers['content-type'] ?? 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (/^multipart\//i.test(type) && boundary) {
		for (const child of body.split(`--${boundary}`).slice(1)) {
			if (child.startsWith('--')) break;
			parsePart(child.replace(/^\r\n/, '').replace(/\r\n$/, ''), mail);
		}
		return;
	}
	const content = decodeBody(body, headers['content-transfer-encoding']);
	const filename = /filename="?([^";]+)"?/i.exec(headers['content-disposition'] ?? '')?.[1] ?? /name="?([^";]+)"?/i.exec(type)?.[1];
	if (/attachment/i.test(headers['content-disposition'] ?? '') || (filename && !/^text\/(html|plain)/i.test(type))) {
		mail.attachments.push({ filename: decodeWords(filename ?? 'attachment'), contentType: type.split(';')[0], content });
	} else if (/^text\/html/i.test(type)) mail.html = content.toString('utf8');
	else if (/^text\/plain/i.test(type)) mail.text = content.toString('utf8');
}

export function parseMail(from: string, to: string[], raw: string): ReceivedMail {
	const split = raw.indexOf('\r\n\r\n');
	const headers = Object.fromEntries(Object.entries(parseHeaders(split < 0 ? raw : raw.slice(0, split))).map(([name, value]) => [name, decodeWords(value)]));
	const mail: ReceivedMail = { from, to, raw, headers, subject: headers.subject ?? '', attachments: [] };
	parsePart(raw, mail);
	return mail;
}

export async function startSmtpReceiver(options: { user: string; password: string; hostName?: string }): Promise<SmtpReceiver> {
	const messages: ReceivedMail[] = [];
	const refusedLogins: string[] = [];
	const sockets = new Set<net.Socket>();
	const name = options.hostName ?? 'smtp.acorn-e2e.test';
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		const reply = (line: string) => socket.write(`${line}\r\n`);
		let buffer = '';
		let authenticated = false;
		let state: 'command' | 'data' | 'authLoginUser' | 'authLoginPassword' | 'authPlain' = 'command';
		let loginUser = '';
		let from = '';
		let to: string[] = [];
		const login = (user: string, password: string) => {
			if (user === options.user && password === options.password) {
				authenticated = true;
				reply('235 2.7.0 Authentication successful');
			} else {
				refusedLogins.push(user);
				reply('535 5.7.8 Authentication credentials invalid');
			}
		};
		const plain = (b64: string) => {
			const [, user = '', password = ''] = Buffer.from(b64, 'base64').toString('utf8').split('\u0000');
			login(user, password);
		};
		const command = (line: string) => {
			const verb = line.split(' ')[0].toUpperCase();
			if (verb === 'EHLO') return socket.write(`250-${name} at your service\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 26214400\r\n`);
			if (verb === 'HELO') return reply(`250 ${name}`);
			if (verb === 'AUTH') {
				const [, mechanism = '', initial] = line.split(' ');
				if (mechanism.toUpperCase() === 'PLAIN') return initial ? plain(initial) : ((state = 'authPlain'), reply('334 '));
				if (mechanism.toUpperCase() === 'LOGIN') {
					if (initial) return (loginUser = Buffer.from(initial, 'base64').toString('utf8')), (state = 'authLoginPassword'), reply('334 UGFzc3dvcmQ6');
					return (state = 'authLoginUser'), reply('334 VXNlcm5hbWU6');
				}
				return reply('504 5.5.4 Unrecognized authentication type');
			}
			if (verb === 'MAIL') {
				if (!authenticated) return reply('530 5.7.0 Authentication required');
				from = /<([^>]*)>/.exec(line)?.[1] ?? '';
				to = [];
				return reply('250 2.1.0 OK');
			}
			if (verb === 'RCPT') {
				if (!from) return reply('503 5.5.1 MAIL first');
				to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
				return reply('250 2.1.5 OK');
			}
			if (verb === 'DATA') {
				if (!to.length) return reply('503 5.5.1 RCPT first');
				state = 'data';
				return reply('354 End data with <CR><LF>.<CR><LF>');
			}
			if (verb === 'RSET') return (from = ''), (to = []), reply('250 2.0.0 OK');
			if (verb === 'NOOP') return reply('250 2.0.0 OK');
			if (verb === 'QUIT') return reply('221 2.0.0 Bye'), socket.end();
			return reply('502 5.5.2 Command not recognized');
		};
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (;;) {
				if (state === 'data') {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					const raw = buffer.slice(0, end).replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					messages.push(parseMail(from, to, raw));
					state = 'command';
					from = '';
					to = [];
					reply('250 2.0.0 OK: queued');
					continue;
				}
				const newline = buffer.indexOf('\r\n');
				if (newline < 0) return;
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				if (state === 'authPlain') (state = 'command'), plain(line);
				else if (state === 'authLoginUser') (loginUser = Buffer.from(line, 'base64').toString('utf8')), (state = 'authLoginPassword'), reply('334 UGFzc3dvcmQ6');
				else if (state === 'authLoginPassword') (state = 'command'), login(loginUser, Buffer.from(line, 'base64').toString('utf8'));
				else command(line);
			}
		});
		reply(`220 ${name} ESMTP ACORN test receiver`);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	return {
		host: '127.0.0.1',
		port: (server.address() as net.AddressInfo).port,
		messages,
		refusedLogins,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
