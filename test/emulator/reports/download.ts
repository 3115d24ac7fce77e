/**
 * The emulated document storage behind presigned URLs (Amazon uses S3): checks the signature and the
 * five-minute expiry against the emulator clock, answers S3-style XML errors, and streams the document
 * encoded in its charset and gzip-compressed. Generated documents of any size are produced while they
 * are sent (chunked, nothing stored); the others are sent with a Content-Length, like S3 does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform, pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { encodeText } from './encoding';
import { URL_LIFETIME_SECONDS, type DocumentRecord, type ReportStore } from './store';
import type { EmulatorClock } from '../clock';

export const DOCUMENT_PATH_PREFIX = '/s3/';

function s3Error(res: ServerResponse, status: number, code: string, message: string, extra = ''): void {
	const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>EMU${Date.now().toString(16).toUpperCase()}</RequestId></Error>`;
	res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

function amzDateMs(value: string | null): number {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
	return match ? Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]) : NaN;
}

function contentType(document: DocumentRecord, charsetInHeader: boolean): string {
	return charsetInHeader ? `${document.mediaType};charset=${document.charset}` : document.mediaType;
}

function* encoded(document: DocumentRecord, charset: DocumentRecord['charset']): Generator<Buffer> {
	for (const text of document.render()) yield encodeText(text, charset);
}

/** Handles GET /s3/<bucket>/<key>?X-Amz-...; returns the HTTP status sent (0 when the connection was cut). */
export async function serveDocument(store: ReportStore, clock: EmulatorClock, req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
	if (req.method !== 'GET') {
		s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
		return 405;
	}
	const key = decodeURIComponent(url.pathname.split('/').slice(3).join('/'));
	const document = store.documentByKey(key);
	if (!document) {
		s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
		return 404;
	}
	const query = url.searchParams;
	const signature = query.get('X-Amz-Signature');
	if (!signature || signature !== store.signature(key, query)) {
		s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
		return 403;
	}
	const signedAt = amzDateMs(query.get('X-Amz-Date'));
	const expires = Number(query.get('X-Amz-Expires') ?? URL_LIFETIME_SECONDS);
	const now = clock.nowMs();
	if (!Number.isFinite(signedAt) || now > signedAt + expires * 1000) {
		const expiredAt = new Date(signedAt + expires * 1000).toISOString().replace(/\.\d{3}/, '');
		s3Error(res, 403, 'AccessDenied', 'Request has expired', `<X-Amz-Expires>${expires}</X-Amz-Expires><Expires>${expiredAt}</Expires><ServerTime>${new Date(now).toISOString().replace(/\.\d{3}/, '')}</ServerTime>`);
		return 403;
	}

	const style = store.documentStyle;
	const charset = style.charset && document.mediaType === 'text/plain' ? style.charset : document.charset;
	const served: DocumentRecord = { ...document, charset };
	const compress = style.compression === 'gzip';
	const headers: Record<string, string> = {
		'content-type': contentType(served, style.charsetInHeader),
		'x-amz-request-id': `EMU${now.toString(16).toUpperCase()}`,
		'last-modified': new Date(now).toUTCString(),
	};
	if (compress && query.get('response-content-encoding') === 'gzip') headers['content-encoding'] = 'gzip';
	const fault = store.takeDownloadFault();

	if (document.generated) {
		res.writeHead(200, headers);
		const source = Readable.from(encoded(document, charset));
		const stages: NodeJS.ReadWriteStream[] = compress ? [zlib.createGzip({ level: document.gzipLevel })] : [];
		if (fault) stages.push(cutter(fault.afterBytes, () => (fault.mode === 'connectionReset' ? req.socket.destroy() : undefined)));
		await new Promise<void>((resolve) => {
			pipeline([source, ...stages, res] as unknown as [Readable, NodeJS.WritableStream], () => resolve());
		});
		return fault?.mode === 'connectionReset' ? 0 : 200;
	}

	const chunks: Buffer[] = [];
	for (const chunk of encoded(document, charset)) chunks.push(chunk);
	const plain = Buffer.concat(chunks);
	const body = compress ? zlib.gzipSync(plain, { level: document.gzipLevel }) : plain;
	if (fault?.mode === 'truncatedFile') {
		const cut = body.subarray(0, Math.min(fault.afterBytes, body.length));
		res.writeHead(200, { ...headers, 'content-length': String(cut.length) });
		res.end(cut);
		return 200;
	}
	res.writeHead(200, { ...headers, 'content-length': String(body.length) });
	if (fault?.mode === 'connectionReset') {
		res.write(body.subarray(0, Math.min(fault.afterBytes, body.length)));
		// let the bytes leave, then drop the connection mid-body
		await new Promise((resolve) => setTimeout(resolve, 20));
		req.socket.destroy();
		return 0;
	}
	res.end(body);
	return 200;
}

/** Passes the first `limit` bytes, then ends the body (and calls `onCut`). */
function cutter(limit: number, onCut: () => void): Transform {
	let sent = 0;
	let cut = false;
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			if (cut) return callback();
			const room = limit - sent;
			if (chunk.length < room) {
				sent += chunk.length;
				return callback(null, chunk);
			}
			cut = true;
			this.push(chunk.subarray(0, room));
			this.push(null);
			setTimeout(onCut, 20);
			callback();
		},
	});
}
