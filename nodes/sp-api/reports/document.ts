/**
 * Report documents: the presigned URL from getReportDocument (valid five minutes), the download as a
 * stream, gunzip when Amazon says the document is compressed (compressionAlgorithm GZIP or
 * Content-Encoding gzip, checked against the gzip signature so it never happens twice), and decoding.
 * Nothing here holds the whole document: memory stays flat whatever its size.
 */
import { PassThrough, pipeline, Transform, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { restrictedDataToken } from '../auth/restrictedDataToken';
import type { ResponseMetadata, SpApiClient } from '../client';
import { getOperation } from '../operations';
import type { Marketplace } from '../marketplaces';
import { NetworkError, type HttpStreamResponse } from '../transport';
import { charsetFromContentType, defaultCharsetFor, ReportTextDecoder } from './charset';
import { tr } from '../i18n/translate';
import { ReportError } from './errors';
import type { CharsetSource } from './types';

/** Amazon: "This URL expires after 5 minutes." */
export const DOCUMENT_URL_LIFETIME_MS = 5 * 60_000;
/** A URL older than this is fetched again before a download starts. */
export const DOCUMENT_URL_MAX_AGE_MS = DOCUMENT_URL_LIFETIME_MS - 30_000;

export interface ReportDocumentRef {
	reportDocumentId: string;
	/** Presigned and secret-like: never put it in errors or logs. */
	url: string;
	compressionAlgorithm?: string;
	/** Client clock (ms) when getReportDocument answered. */
	fetchedAt: number;
	metadata?: ResponseMetadata;
}

interface DocumentAnswer {
	reportDocumentId?: string;
	url?: string;
	compressionAlgorithm?: string;
}

export async function getReportDocument(
	client: SpApiClient,
	reportDocumentId: string,
	options: { enableContentEncodingUrlHeader?: boolean; restricted?: boolean } = {},
): Promise<ReportDocumentRef> {
	const id = reportDocumentId.trim();
	if (!id) throw new ReportError({ kind: 'input', message: tr`A report document ID is needed (it looks like amzn1.spdoc.1.4.na...).` });
	// documents of restricted report types: with a Restricted Data Token made for this document's path
	const rdt = options.restricted
		? await restrictedDataToken(client, [{ method: 'GET', path: `${getOperation('getReportDocument').path.replace('{reportDocumentId}', encodeURIComponent(id))}` }])
		: undefined;
	const response = await client.call<DocumentAnswer>('getReportDocument', {
		params: { reportDocumentId: id, enableContentEncodingUrlHeader: options.enableContentEncodingUrlHeader ? 'true' : undefined },
		restrictedDataToken: rdt,
	});
	const url = response.data?.url;
	if (typeof url !== 'string' || url === '') {
		throw new ReportError({ kind: 'download', reportDocumentId: id, message: tr`Amazon returned no download address for report document ${id}.` });
	}
	return {
		reportDocumentId: response.data.reportDocumentId ?? id,
		url,
		compressionAlgorithm: response.data.compressionAlgorithm,
		fetchedAt: client.nowMs(),
		metadata: response.metadata,
	};
}

export interface OpenDocumentOptions {
	/** Decides the fallback charset (windows-1252 EU/NA, windows-31j JP) when nothing is declared. */
	marketplace?: Marketplace;
	/** Forces the charset, whatever the header says. */
	charset?: string;
	/** Ask for `Content-Encoding: gzip` on the URL (Amazon's enableContentEncodingUrlHeader). */
	enableContentEncodingUrlHeader?: boolean;
	/** A restricted report type (buyer data): the download address is asked for with a Restricted Data Token. */
	restricted?: boolean;
}

export interface DocumentStats {
	/** Bytes received over HTTP. */
	downloadedBytes: number;
	/** Bytes after gunzip (= downloaded when not compressed). */
	decompressedBytes: number;
	compressed: boolean;
	charset?: string;
	charsetSource?: CharsetSource;
	/** Characters the charset could not map (shown as U+FFFD). */
	undecodableCharacters: number;
	/** True once the whole document was read without error. */
	complete: boolean;
}

export interface OpenedReportDocument {
	reportDocumentId: string;
	/** Of the getReportDocument call behind the download address, when this open made one. */
	metadata?: ResponseMetadata;
	contentType?: string;
	/** Charset from the Content-Type header, if Amazon sent one. */
	declaredCharset?: string;
	stats: DocumentStats;
	/** The document's bytes after gunzip, in Amazon's charset. Read it once. */
	readonly bytes: Readable;
	/** Decoded text, chunk by chunk. Read one of bytes / text / utf8 only. */
	text(): AsyncGenerator<string>;
	/** Decoded and re-encoded as UTF-8: for n8n binary data, streamed. */
	utf8(): Readable;
	/** Stops the download (e.g. after enough rows). */
	close(): void;
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return tr`the download server`;
	}
}

function isGzipDeclared(ref: ReportDocumentRef, headers: Record<string, string>): boolean {
	return (ref.compressionAlgorithm ?? '').toUpperCase() === 'GZIP' || /\bgzip\b/i.test(headers['content-encoding'] ?? '');
}

async function readSmall(stream: Readable, limit = 4096): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const buffer = chunk as Buffer;
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// the error answer itself is best effort
	}
	stream.destroy();
	return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}

/** S3 says an expired presigned URL is "Request has expired" (HTTP 403, or 400 for some regions). */
function looksExpired(status: number, body: string): boolean {
	return (status === 403 || status === 400) && /expired/i.test(body);
}

function s3Message(body: string): string {
	const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
	return (message ?? body.replace(/\s+/g, ' ')).trim().slice(0, 300);
}

const MAX_DOWNLOAD_ATTEMPTS = 3;
/** A difference between this computer's clock and the storage's above this is worth mentioning. */
const CLOCK_SKEW_WORTH_SAYING_MS = 15 * 60_000;

/** Minutes between this computer's clock and the time in S3's error answer (<ServerTime>), when it says one. */
function clockSkewMinutes(body: string, nowMs: number): number | undefined {
	const serverTime = /<ServerTime>([^<]+)<\/ServerTime>/.exec(body)?.[1];
	const serverMs = serverTime ? Date.parse(serverTime) : Number.NaN;
	if (!Number.isFinite(serverMs) || Math.abs(nowMs - serverMs) < CLOCK_SKEW_WORTH_SAYING_MS) return undefined;
	return Math.round((nowMs - serverMs) / 60_000);
}

/** The download address expired although ACORN had just renewed it. */
function expiredAgainError(ref: ReportDocumentRef, status: number, body: string, nowMs: number): ReportError {
	const skew = clockSkewMinutes(body, nowMs);
	return new ReportError({
		kind: 'download',
		reportDocumentId: ref.reportDocumentId,
		httpStatus: status,
		message: tr`Amazon's storage refused report document ${ref.reportDocumentId} twice as "expired" (HTTP ${status}), also with the new download address ACORN asked for after the first refusal.`,
		amazonSaid: s3Message(body) || undefined,
		hint:
			skew !== undefined
				? skew > 0
					? tr`The download address expired again right after ACORN asked Amazon for a new one: this computer's clock is ${skew} minutes ahead of Amazon's storage. Set the clock right (automatic time), then run the node again.`
					: tr`The download address expired again right after ACORN asked Amazon for a new one: this computer's clock is ${-skew} minutes behind Amazon's storage. Set the clock right (automatic time), then run the node again.`
				: tr`The download address expired again right after ACORN asked Amazon for a new one. Run the node again in a few minutes; if it keeps failing, download the report in Seller Central.`,
	});
}

/**
 * GETs the document. The address is renewed (getReportDocument) before the download when it is older
 * than DOCUMENT_URL_MAX_AGE_MS, and once more when Amazon's storage answers that it expired, whether
 * this is the first download with the address or not; a second "expired" answer is an error.
 */
async function fetchDocument(client: SpApiClient, start: ReportDocumentRef | string, options: OpenDocumentOptions): Promise<{ ref: ReportDocumentRef; response: HttpStreamResponse }> {
	let ref = typeof start === 'string' ? await getReportDocument(client, start, options) : start;
	let renewedAfterExpiry = false;
	for (let attempt = 1; ; attempt++) {
		if (client.nowMs() - ref.fetchedAt > DOCUMENT_URL_MAX_AGE_MS) {
			client.logger.debug(`Report document ${ref.reportDocumentId}: the download address is older than ${DOCUMENT_URL_MAX_AGE_MS / 60_000} minutes; asking Amazon for a new one`);
			ref = await getReportDocument(client, ref.reportDocumentId, options);
		}
		let response: HttpStreamResponse;
		try {
			response = await client.openUrl(ref.url);
		} catch (error) {
			const network = error instanceof NetworkError ? error : undefined;
			if (network?.failure === 'aborted') throw error;
			if (attempt < MAX_DOWNLOAD_ATTEMPTS) {
				client.logger.warn(`Report document ${ref.reportDocumentId}: ${network?.message ?? 'download failed'}; trying again`);
				await client.wait(1000 * attempt, tr`the report download`);
				continue;
			}
			throw new ReportError({
				kind: 'download',
				reportDocumentId: ref.reportDocumentId,
				message: tr`Could not download report document ${ref.reportDocumentId} from ${hostOf(ref.url)}: ${network?.message ?? (error as Error).message}`,
				hint: tr`Check the internet connection or proxy settings (HTTPS_PROXY), then run the node again.`,
				cause: error,
			});
		}
		if (response.status >= 200 && response.status < 300) return { ref, response };
		const body = await readSmall(response.stream);
		if (looksExpired(response.status, body)) {
			if (renewedAfterExpiry) throw expiredAgainError(ref, response.status, body, client.nowMs());
			client.logger.debug(`Report document ${ref.reportDocumentId}: the download address expired; asking Amazon for a new one`);
			ref = await getReportDocument(client, ref.reportDocumentId, options);
			renewedAfterExpiry = true;
			attempt -= 1;
			continue;
		}
		if (response.status >= 500 && attempt < MAX_DOWNLOAD_ATTEMPTS) {
			await client.wait(1000 * attempt, tr`the report download`);
			continue;
		}
		throw new ReportError({
			kind: 'download',
			reportDocumentId: ref.reportDocumentId,
			httpStatus: response.status,
			message: tr`Downloading report document ${ref.reportDocumentId} failed with HTTP ${response.status}.`,
			amazonSaid: s3Message(body) || undefined,
			hint: tr`Amazon's storage refused the download. Run the node again; if it keeps failing, download the report in Seller Central.`,
		});
	}
}

/**
 * Passes bytes through unchanged and reports the first two (the gzip signature check) as soon as they
 * have passed, so the rest of the pipeline can be chosen without holding or re-inserting any data.
 */
function signatureWatcher(): { stream: Transform; head: Promise<Buffer> } {
	let head = Buffer.alloc(0);
	let decided = false;
	let resolveHead: (value: Buffer) => void = () => undefined;
	let rejectHead: (error: Error) => void = () => undefined;
	const headPromise = new Promise<Buffer>((resolve, reject) => {
		resolveHead = resolve;
		rejectHead = reject;
	});
	const decide = (): void => {
		if (decided) return;
		decided = true;
		resolveHead(head);
	};
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			if (!decided) {
				head = Buffer.concat([head, chunk.subarray(0, 2)]).subarray(0, 2);
				if (head.length >= 2) decide();
			}
			callback(null, chunk);
		},
		flush(callback) {
			decide();
			callback();
		},
	});
	stream.once('error', (error) => {
		if (!decided) {
			decided = true;
			rejectHead(error);
		}
	});
	stream.once('close', decide);
	return { stream, head: headPromise };
}

function counter(onChunk: (size: number) => void, onEnd?: () => void): Transform {
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			onChunk(chunk.length);
			callback(null, chunk);
		},
		flush(callback) {
			onEnd?.();
			callback();
		},
	});
}

function truncatedError(ref: ReportDocumentRef, error: unknown, stats: DocumentStats): ReportError {
	const code = (error as { code?: string }).code ?? '';
	const zlibProblem = code.startsWith('Z_') || /unexpected end of file|incorrect header check|invalid/i.test((error as Error).message ?? '');
	return new ReportError({
		kind: 'truncated',
		reportDocumentId: ref.reportDocumentId,
		message: zlibProblem
			? tr`Report document ${ref.reportDocumentId} is cut off or damaged (its gzip data ends early after ${stats.decompressedBytes} bytes): the report is incomplete, so no result is given as complete.`
			: tr`The download of report document ${ref.reportDocumentId} stopped after ${stats.downloadedBytes} bytes (${(error as Error).message}): the report is incomplete, so no result is given as complete.`,
		hint: tr`Run the node again to download the report once more.`,
		cause: error,
	});
}

/**
 * Opens a report document for streaming. `documentOrId` is a document id (the URL is fetched) or a
 * document from getReportDocument (fetched again when older than DOCUMENT_URL_MAX_AGE_MS).
 */
export async function openReportDocument(
	client: SpApiClient,
	documentOrId: ReportDocumentRef | string,
	options: OpenDocumentOptions = {},
): Promise<OpenedReportDocument> {
	const { ref, response } = await fetchDocument(client, documentOrId, options);
	const headers = response.headers;
	const stats: DocumentStats = { downloadedBytes: 0, decompressedBytes: 0, compressed: false, undecodableCharacters: 0, complete: false };
	const raw = response.stream;
	const watcher = signatureWatcher();
	let failure: unknown;
	const remember = (error: Error | null | undefined): void => {
		if (error) failure ??= error;
	};
	pipeline(raw, counter((size) => (stats.downloadedBytes += size)), watcher.stream, remember);
	let head: Buffer;
	try {
		head = await watcher.head;
	} catch (error) {
		raw.destroy();
		throw truncatedError(ref, error, stats);
	}
	// gunzip only what says it is gzip AND starts with the gzip signature: never twice
	stats.compressed = isGzipDeclared(ref, headers) && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
	const stream = counter(
		(size) => (stats.decompressedBytes += size),
		() => (stats.complete = true),
	);
	if (stats.compressed) pipeline(watcher.stream, zlib.createGunzip(), stream, remember);
	else pipeline(watcher.stream, stream, remember);
	const declaredCharset = charsetFromContentType(headers['content-type']);
	const decoder = new ReportTextDecoder({
		declared: declaredCharset,
		override: options.charset,
		fallback: defaultCharsetFor(options.marketplace, client.credentials.region),
	});
	let consumed = false;
	const claim = (how: string): void => {
		if (consumed) throw new Error(`report document ${ref.reportDocumentId} was already read (${how})`);
		consumed = true;
	};

	const noteCharset = (): void => {
		stats.charset = decoder.charset;
		stats.charsetSource = decoder.source;
		stats.undecodableCharacters = decoder.replacements;
	};

	async function* text(): AsyncGenerator<string> {
		claim('text');
		try {
			for await (const chunk of stream) {
				const decoded = decoder.write(chunk as Buffer);
				if (decoded !== '') yield decoded;
			}
		} catch (error) {
			if (error instanceof ReportError) throw error;
			throw truncatedError(ref, failure ?? error, stats);
		} finally {
			noteCharset();
			if (!stats.complete) stream.destroy();
		}
		if (!stats.complete) throw truncatedError(ref, failure ?? new Error(tr`the download ended early`), stats);
		const rest = decoder.end();
		noteCharset();
		if (rest !== '') yield rest;
	}

	const opened: OpenedReportDocument = {
		reportDocumentId: ref.reportDocumentId,
		metadata: ref.metadata,
		contentType: headers['content-type'],
		declaredCharset,
		stats,
		get bytes(): Readable {
			claim('bytes');
			return stream;
		},
		text,
		utf8(): Readable {
			const out = new PassThrough();
			const source = text();
			void (async () => {
				try {
					for await (const chunk of source) {
						if (!out.write(Buffer.from(chunk, 'utf8'))) await waitForDrain(out);
						if (out.destroyed) break;
					}
					out.end();
				} catch (error) {
					out.destroy(error as Error);
				}
			})();
			out.on('close', () => {
				if (!stats.complete) stream.destroy();
			});
			return out;
		},
		close(): void {
			stream.destroy();
			raw.destroy();
		},
	};
	return opened;
}

function waitForDrain(stream: PassThrough): Promise<void> {
	return new Promise((resolve) => {
		const done = (): void => {
			stream.off('drain', done);
			stream.off('close', done);
			resolve();
		};
		stream.on('drain', done);
		stream.on('close', done);
	});
}

/** The whole document as text, for small documents (error documents); stops after `maxChars`. */
export async function readReportDocumentText(client: SpApiClient, documentOrId: ReportDocumentRef | string, maxChars = 20_000, options: OpenDocumentOptions = {}): Promise<string> {
	const opened = await openReportDocument(client, documentOrId, options);
	let text = '';
	const source = opened.text();
	try {
		for await (const chunk of source) {
			text += chunk;
			if (text.length >= maxChars) break;
		}
	} finally {
		opened.close();
	}
	return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
