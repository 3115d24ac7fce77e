/**
 * Google stand-ins for end-to-end runs of n8n's Google Sheets node (OAuth2): the OAuth token endpoint
 * (oauth2.googleapis.com/token, refresh-token grant with the client id and secret in the body, as n8n's
 * Google OAuth2 credential sends them) and the Sheets API v4 calls the node makes to append rows:
 * spreadsheet metadata, values get / update / append, and batchUpdate's addSheet (n8n's "Create" sheet) and
 * appendDimension. It keeps a
 * real grid per sheet, answers in Google's shapes and with Google's errors (401 UNAUTHENTICATED for an
 * unknown or expired access token, 404 NOT_FOUND for another spreadsheet), and records every write.
 */
import type { RecordedRequest, StandIn, StandInAnswer } from './standIns';

export interface GoogleOAuthOptions {
	clientId: string;
	clientSecret: string;
	refreshToken: string;
	/** Lifetime of issued access tokens (Google: 3599 s). */
	expiresInSeconds?: number;
	now?: () => number;
}

export interface GoogleOAuth extends StandIn {
	/** Refresh grants answered (accepted or not). */
	grants: Array<{ accepted: boolean; request: RecordedRequest }>;
	isValid(accessToken: string): boolean;
}

export function googleOAuth(options: GoogleOAuthOptions): GoogleOAuth {
	const now = options.now ?? Date.now;
	const issued = new Map<string, number>();
	const grants: GoogleOAuth['grants'] = [];
	let counter = 0;
	return {
		name: 'Google OAuth token endpoint',
		grants,
		isValid: (token) => (issued.get(token) ?? 0) > now(),
		handle(request) {
			if (request.path !== '/token') return undefined;
			if (request.method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
			const form = (request.json ?? {}) as Record<string, string>;
			const refuse = (status: number, error: string, description: string): StandInAnswer => {
				grants.push({ accepted: false, request });
				return { status, body: { error, error_description: description } };
			};
			if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) return refuse(401, 'invalid_client', 'The OAuth client was not found.');
			if (form.grant_type !== 'refresh_token') return refuse(400, 'unsupported_grant_type', 'Invalid grant_type: ' + String(form.grant_type));
			if (form.refresh_token !== options.refreshToken) return refuse(400, 'invalid_grant', 'Token has been expired or revoked.');
			const expiresIn = options.expiresInSeconds ?? 3599;
			const accessToken = `ya29.acorn-e2e-${++counter}-${Math.random().toString(36).slice(2, 10)}`;
			issued.set(accessToken, now() + expiresIn * 1000);
			grants.push({ accepted: true, request });
			return {
				status: 200,
				body: { access_token: accessToken, expires_in: expiresIn, scope: 'https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/drive.file', token_type: 'Bearer' },
			};
		},
	};
}

export interface SheetsWrite {
	method: string;
	range: string;
	valueInputOption?: string;
	values: unknown[][];
	request: RecordedRequest;
}

export interface GoogleSheetsOptions {
	spreadsheetId: string;
	/** Sheet title → rows (row 1 first). */
	sheets: Record<string, unknown[][]>;
	oauth: GoogleOAuth;
}

export interface GoogleSheetsApi extends StandIn {
	/** The grid of a sheet as it is now. */
	rows(title: string): unknown[][];
	/** Titles of the sheets (tabs), in order. */
	titles(): string[];
	/** Test control: removes a sheet, as if the seller deleted the tab (e.g. between two runs of a test). */
	removeSheet(title: string): void;
	writes: SheetsWrite[];
	/** Requests refused for the access token. */
	unauthorized: RecordedRequest[];
}

interface Sheet {
	sheetId: number;
	title: string;
	rows: unknown[][];
	rowCount: number;
	columnCount: number;
}

function googleError(status: number, code: string, message: string): StandInAnswer {
	return { status, body: { error: { code: status, message, status: code } } };
}

/** "'Refunds'", "Refunds", "Refunds!3:5", "Refunds!A1:C2" → sheet title and rows/columns (1-based). */
function parseRange(text: string): { title: string; startRow?: number; endRow?: number; startColumn?: number } {
	const [rawTitle, cells] = text.split('!');
	const title = rawTitle.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
	if (!cells) return { title };
	const [start, end] = cells.split(':');
	const cell = (ref: string | undefined) => {
		const match = /^([A-Z]*)(\d*)$/.exec(ref ?? '');
		if (!match) return {};
		const column = match[1] ? [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : undefined;
		return { row: match[2] ? Number(match[2]) : undefined, column };
	};
	const a = cell(start);
	const b = cell(end);
	return { title, startRow: a.row, endRow: b.row ?? a.row, startColumn: a.column };
}

function columnName(n: number): string {
	let name = '';
	for (let left = n; left > 0; left = Math.floor((left - 1) / 26)) name = String.fromCharCode(65 + ((left - 1) % 26)) + name;
	return name;
}

export function googleSheetsApi(options: GoogleSheetsOptions): GoogleSheetsApi {
	const sheets = new Map<string, Sheet>();
	Object.entries(options.sheets).forEach(([title, rows], index) => {
		sheets.set(title, { sheetId: index === 0 ? 0 : 1000 + index, title, rows: rows.map((row) => [...row]), rowCount: Math.max(1000, rows.length), columnCount: 26 });
	});
	const writes: SheetsWrite[] = [];
	const unauthorized: RecordedRequest[] = [];
	const prefix = `/v4/spreadsheets/${options.spreadsheetId}`;

	const write = (sheet: Sheet, firstRow: number, values: unknown[][]) => {
		values.forEach((row, offset) => {
			const index = firstRow - 1 + offset;
			while (sheet.rows.length <= index) sheet.rows.push([]);
			sheet.rows[index] = [...row];
		});
		if (sheet.rows.length > sheet.rowCount) sheet.rowCount = sheet.rows.length;
	};
	const updated = (sheet: Sheet, firstRow: number, values: unknown[][]) => {
		const width = Math.max(0, ...values.map((row) => row.length));
		return {
			spreadsheetId: options.spreadsheetId,
			updatedRange: `${sheet.title}!A${firstRow}:${columnName(Math.max(1, width))}${firstRow + values.length - 1}`,
			updatedRows: values.length,
			updatedColumns: width,
			updatedCells: values.reduce((n, row) => n + row.length, 0),
		};
	};

	return {
		name: 'Google Sheets API',
		writes,
		unauthorized,
		rows: (title) => (sheets.get(title)?.rows ?? []).map((row) => [...row]),
		titles: () => [...sheets.keys()],
		removeSheet: (title) => void sheets.delete(title),
		handle(request) {
			if (!request.path.startsWith('/v4/spreadsheets/')) return undefined;
			const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
			if (!options.oauth.isValid(token)) {
				unauthorized.push(request);
				return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
			}
			if (!request.path.startsWith(prefix) || !/^(\/|:|$)/.test(request.path.slice(prefix.length))) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
			const rest = request.path.slice(prefix.length);
			if (rest === '' && request.method === 'GET') {
				return {
					status: 200,
					body: {
						spreadsheetId: options.spreadsheetId,
						sheets: [...sheets.values()].map((sheet, index) => ({
							properties: { sheetId: sheet.sheetId, title: sheet.title, index, sheetType: 'GRID', gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount } },
						})),
					},
				};
			}
			if (rest === ':batchUpdate' && request.method === 'POST') {
				// Google's JSON mapping accepts integers as numbers or numeric strings (n8n's node sends "0").
				type BatchRequest = { appendDimension?: { sheetId?: number | string; dimension?: string; length?: number | string }; addSheet?: { properties?: { title?: string } } };
				const requests = (request.json as { requests?: BatchRequest[] })?.requests ?? [];
				const replies: unknown[] = [];
				for (const entry of requests) {
					if (entry.addSheet) {
						// what n8n's "Create" sheet operation sends; Google refuses a title that exists
						const title = entry.addSheet.properties?.title ?? `Sheet${sheets.size + 1}`;
						if (sheets.has(title)) return googleError(400, 'INVALID_ARGUMENT', `Invalid requests[0].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`);
						const sheet: Sheet = { sheetId: 2000 + sheets.size + writes.length, title, rows: [], rowCount: 1000, columnCount: 26 };
						sheets.set(title, sheet);
						replies.push({ addSheet: { properties: { sheetId: sheet.sheetId, title, index: sheets.size - 1, sheetType: 'GRID', gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount } } } });
						continue;
					}
					const append = entry.appendDimension;
					if (!append) return googleError(400, 'INVALID_ARGUMENT', `Invalid requests: this stand-in knows only addSheet and appendDimension, got ${Object.keys(entry).join(', ')}`);
					replies.push({});
					const sheet = [...sheets.values()].find((s) => s.sheetId === Number(append.sheetId));
					if (!sheet) return googleError(400, 'INVALID_ARGUMENT', `Invalid requests[0].appendDimension: No grid with id: ${append.sheetId}`);
					if (append.dimension === 'ROWS') sheet.rowCount += Number(append.length ?? 0);
					else sheet.columnCount += Number(append.length ?? 0);
				}
				return { status: 200, body: { spreadsheetId: options.spreadsheetId, replies } };
			}
			const values = /^\/values\/(.+?)(:append)?$/.exec(rest);
			if (!values) return googleError(404, 'NOT_FOUND', `This stand-in does not serve ${request.method} ${request.path}`);
			const range = parseRange(decodeURIComponent(values[1]));
			const sheet = sheets.get(range.title);
			if (!sheet) return googleError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${decodeURIComponent(values[1])}`);
			if (request.method === 'GET') {
				const from = (range.startRow ?? 1) - 1;
				const to = range.endRow ?? sheet.rows.length;
				const rows = sheet.rows.slice(from, to);
				while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
				const body: Record<string, unknown> = { range: `${sheet.title}!A${from + 1}:Z${Math.max(from + 1, to)}`, majorDimension: 'ROWS' };
				if (rows.length) body.values = rows; // Google leaves "values" out for an empty range
				return { status: 200, body };
			}
			const body = (request.json ?? {}) as { values?: unknown[][] };
			const rows = (body.values ?? []).map((row) => row.map((cell) => (cell === null ? '' : cell)));
			const valueInputOption = request.query.valueInputOption;
			if (valueInputOption !== 'RAW' && valueInputOption !== 'USER_ENTERED') return googleError(400, 'INVALID_ARGUMENT', "Invalid valueInputOption: ''");
			if (values[2] && request.method === 'POST') {
				const firstRow = sheet.rows.length + 1;
				write(sheet, firstRow, rows);
				writes.push({ method: 'append', range: range.title, valueInputOption, values: rows, request });
				return { status: 200, body: { spreadsheetId: options.spreadsheetId, tableRange: `${sheet.title}!A1:Z${firstRow - 1}`, updates: updated(sheet, firstRow, rows) } };
			}
			if (request.method === 'PUT') {
				const firstRow = range.startRow ?? 1;
				if (firstRow + rows.length - 1 > sheet.rowCount) return googleError(400, 'INVALID_ARGUMENT', `Range (${sheet.title}!A${firstRow}) exceeds grid limits. Max rows: ${sheet.rowCount}`);
				write(sheet, firstRow, rows);
				writes.push({ method: 'update', range: decodeURIComponent(values[1]), valueInputOption, values: rows, request });
				return { status: 200, body: updated(sheet, firstRow, rows) };
			}
			return googleError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed here`);
		},
	};
}
