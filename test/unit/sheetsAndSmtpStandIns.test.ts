/**
 * The Google (OAuth token endpoint + Sheets API) and SMTP stand-ins used by the end-to-end runs: they
 * must refuse what Google and a mail server refuse, and record what was sent, decoded.
 */
import * as net from 'node:net';
import { googleOAuth, googleSheetsApi } from '../harness/thirdParty/googleSheets';
import { startSmtpReceiver, type SmtpReceiver } from '../harness/thirdParty/smtp';
import { startStandInServer, type StandInServer } from '../harness/thirdParty/standIns';

describe('Google OAuth + Sheets stand-ins', () => {
	let server: StandInServer;
	const oauth = googleOAuth({ clientId: 'client-1', clientSecret: 'secret-1', refreshToken: 'refresh-1' });
	const sheets = googleSheetsApi({ spreadsheetId: 'SHEET1', sheets: { Refunds: [['order', 'total']], Other: [] }, oauth });
	beforeAll(async () => {
		server = await startStandInServer([oauth, sheets]);
	});
	afterAll(async () => server.close());

	const token = async (fields: Record<string, string>) => {
		const response = await fetch(`${server.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
		return { status: response.status, body: (await response.json()) as Record<string, string> };
	};
	const api = async (method: string, path: string, accessToken: string, body?: unknown) => {
		const response = await fetch(`${server.url}/v4/spreadsheets/${path}`, {
			method,
			headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	it('issues access tokens for the refresh grant only, with the right client', async () => {
		expect((await token({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'client-1', client_secret: 'wrong' })).body.error).toBe('invalid_client');
		expect((await token({ grant_type: 'refresh_token', refresh_token: 'other', client_id: 'client-1', client_secret: 'secret-1' })).body.error).toBe('invalid_grant');
		const ok = await token({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'client-1', client_secret: 'secret-1' });
		expect(ok).toMatchObject({ status: 200, body: { token_type: 'Bearer', access_token: expect.stringMatching(/^ya29\./) } });
		expect(oauth.grants.map((grant) => grant.accepted)).toEqual([false, false, true]);
		expect((await api('GET', 'SHEET1', 'ya29.never-issued')).body).toEqual({ error: { code: 401, message: expect.stringContaining('invalid authentication credentials'), status: 'UNAUTHENTICATED' } });
	});

	it('lists sheets, reads rows, grows the grid and writes rows like the Sheets API', async () => {
		const { body } = await token({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'client-1', client_secret: 'secret-1' });
		const access = body.access_token;
		const meta = await api('GET', 'SHEET1?fields=sheets.properties', access);
		expect((meta.body.sheets as Array<{ properties: { title: string } }>).map((sheet) => sheet.properties.title)).toEqual(['Refunds', 'Other']);
		expect((await api('GET', "SHEET1/values/'Refunds'", access)).body.values).toEqual([['order', 'total']]);
		expect((await api('GET', "SHEET1/values/'Other'", access)).body).not.toHaveProperty('values');
		expect((await api('POST', 'SHEET1:batchUpdate', access, { requests: [{ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } }] })).status).toBe(200);
		// n8n's node sends the sheet id as text ("0"); Google reads integers given as numbers or numeric strings
		expect((await api('POST', 'SHEET1:batchUpdate', access, { requests: [{ appendDimension: { sheetId: '0', dimension: 'ROWS', length: '1' } }] })).status).toBe(200);
		expect((await api('POST', 'SHEET1:batchUpdate', access, { requests: [{ appendDimension: { sheetId: '7', dimension: 'ROWS', length: 1 } }] })).status).toBe(400);
		// valueInputOption is required
		expect((await api('PUT', 'SHEET1/values/Refunds!2:3', access, { range: 'Refunds!2:3', values: [['111', '-1.50']] })).status).toBe(400);
		const put = await api('PUT', 'SHEET1/values/Refunds!2:3?valueInputOption=USER_ENTERED', access, { range: 'Refunds!2:3', values: [['111', '-1.50'], ['222', null]] });
		expect(put.body).toMatchObject({ updatedRows: 2, updatedRange: 'Refunds!A2:B3' });
		const appended = await api('POST', 'SHEET1/values/Refunds!4:4:append?valueInputOption=RAW', access, { values: [['333', '-3']] });
		expect(appended.status).toBe(200);
		expect(sheets.rows('Refunds')).toEqual([['order', 'total'], ['111', '-1.50'], ['222', ''], ['333', '-3']]);
		expect(sheets.writes.map((w) => w.method)).toEqual(['update', 'append']);
		expect((await api('GET', 'OTHER/values/A1', access)).body).toMatchObject({ error: { status: 'NOT_FOUND' } });
		expect((await api('GET', "SHEET1/values/'Missing'", access)).body).toMatchObject({ error: { status: 'INVALID_ARGUMENT' } });
	});
});

describe('SMTP receiver', () => {
	let smtp: SmtpReceiver;
	beforeAll(async () => {
		smtp = await startSmtpReceiver({ user: 'shop@example.com', password: 'app-password' });
	});
	afterAll(async () => smtp.close());

	/** Sends lines one by one and collects the answers (a minimal SMTP client). */
	async function converse(lines: string[]): Promise<string[]> {
		const socket = net.connect(smtp.port, smtp.host);
		socket.setEncoding('utf8');
		const answers: string[] = [];
		let buffer = '';
		const next = () =>
			new Promise<string>((resolve) => {
				const check = () => {
					const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
					if (!match) return;
					socket.off('data', onData);
					const answer = buffer;
					buffer = '';
					resolve(answer);
				};
				const onData = (chunk: string) => {
					buffer += chunk;
					check();
				};
				socket.on('data', onData);
				check();
			});
		answers.push(await next());
		for (const line of lines) {
			socket.write(`${line}\r\n`);
			answers.push(await next());
		}
		socket.end();
		return answers.map((answer) => answer.trim().split('\r\n').pop()!.slice(0, 3));
	}

	it('refuses a wrong login and mail before login; accepts AUTH PLAIN and decodes the message', async () => {
		const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
		const subject = `=?UTF-8?B?${b64('结算核对 ')}?= =?UTF-8?B?${b64('Settlement check')}?=`;
		const html = '<p>Σ = 1234.50 EUR — 差额 0.00</p>';
		const qp = Buffer.from(html, 'utf8').toString('latin1').replace(/[^\x20-\x7e]|=/g, (ch) => `=${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
		const message = [
			'From: shop@example.com',
			'To: finance@example.com',
			`Subject: ${subject}`,
			'Content-Type: multipart/mixed; boundary="b1"',
			'',
			'--b1',
			'Content-Type: text/html; charset=utf-8',
			'Content-Transfer-Encoding: quoted-printable',
			'',
			qp,
			'--b1',
			'Content-Type: text/csv; name="s.csv"',
			'Content-Transfer-Encoding: base64',
			'Content-Disposition: attachment; filename="s.csv"',
			'',
			b64('a,b\r\n.1,2\r\n'),
			'--b1--',
		].join('\r\n');
		const codes = await converse([
			'EHLO client',
			'MAIL FROM:<shop@example.com>',
			'AUTH LOGIN',
			b64('shop@example.com'),
			b64('wrong'),
			`AUTH PLAIN ${b64('\u0000shop@example.com\u0000app-password')}`,
			'MAIL FROM:<shop@example.com>',
			'RCPT TO:<finance@example.com>',
			'DATA',
			`${message}\r\n.`,
			'QUIT',
		]);
		expect(codes).toEqual(['220', '250', '530', '334', '334', '535', '235', '250', '250', '354', '250', '221']);
		expect(smtp.refusedLogins).toEqual(['shop@example.com']);
		expect(smtp.messages).toHaveLength(1);
		const [mail] = smtp.messages;
		expect(mail).toMatchObject({ from: 'shop@example.com', to: ['finance@example.com'], subject: '结算核对 Settlement check', html });
		expect(mail.attachments).toEqual([{ filename: 's.csv', contentType: 'text/csv', content: Buffer.from('a,b\r\n.1,2\r\n') }]);
	});
});
