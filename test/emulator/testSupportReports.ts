/**
 * Helpers for the emulator's Reports tests: raw downloads (no automatic gunzip, unlike fetch), gunzip
 * and decoding with Node's own tools, TSV splitting. Nothing from ACORN's client.
 * (No jest globals here: tsconfig.tools.json compiles this file without jest types.)
 */
import * as http from 'node:http';
import { TextDecoder } from 'node:util';
import * as zlib from 'node:zlib';
import { call, type HttpAnswer, type Json } from './testSupport';
import type { Emulator, SpApiRegion } from './types';

export interface RawDownload {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	/** Set when the connection broke before the answer was complete. */
	error?: string;
}

export function rawGet(url: string): Promise<RawDownload> {
	return new Promise((resolve) => {
		const request = http.get(url, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
			response.on('error', (error) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), error: error.message }));
		});
		request.on('error', (error) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: error.message }));
	});
}

/** The document's text: gunzipped and decoded with the given WHATWG decoder label. */
export function documentText(download: RawDownload, decoderLabel: string): string {
	const plain = download.body[0] === 0x1f && download.body[1] === 0x8b ? zlib.gunzipSync(download.body) : download.body;
	return new TextDecoder(decoderLabel).decode(plain, { stream: true });
}

export function tsvRows(text: string): Record<string, string>[] {
	const [header, ...lines] = text.split('\n').filter((line) => line !== '');
	const names = header.split('\t');
	return lines.map((line) => {
		const fields = line.split('\t');
		return Object.fromEntries(names.map((name, i) => [name, fields[i] ?? '']));
	});
}

export interface ReportsApi {
	create(body: Json): Promise<HttpAnswer>;
	get(reportId: string): Promise<HttpAnswer>;
	document(documentId: string, query?: Record<string, string>): Promise<HttpAnswer>;
	list(query: Record<string, string | number | undefined>): Promise<HttpAnswer>;
}

export function reportsApi(emulator: Emulator, region: SpApiRegion, token: string): ReportsApi {
	return {
		create: (body) => call(emulator, '/reports/2021-06-30/reports', { region, token, method: 'POST', body }),
		get: (reportId) => call(emulator, `/reports/2021-06-30/reports/${reportId}`, { region, token }),
		document: (documentId, query) => call(emulator, `/reports/2021-06-30/documents/${encodeURIComponent(documentId)}`, { region, token, query }),
		list: (query) => call(emulator, '/reports/2021-06-30/reports', { region, token, query }),
	};
}
