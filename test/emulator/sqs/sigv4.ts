/**
 * Verifies AWS Signature Version 4 on requests to the emulated SQS with an implementation that has
 * nothing to do with ACORN's (which signs with aws4): AWS's own @smithy/signature-v4 recomputes the
 * signature over the headers the client says it signed, and the result is compared with the one sent.
 * Checks run in AWS's order and fail with AWS's codes and wording (JSON protocol, `x-amzn-query-error`).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import type { AwsKey } from './accounts';

/** sha256 for smithy's signer, from node:crypto (keeps the verifier free of further packages). */
class NodeSha256 {
	private hash: Hash | Hmac;
	constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
		this.hash = this.fresh();
	}
	private fresh(): Hash | Hmac {
		if (this.secret === undefined) return createHash('sha256');
		const key = typeof this.secret === 'string' ? Buffer.from(this.secret, 'utf8') : ArrayBuffer.isView(this.secret) ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength) : Buffer.from(this.secret);
		return createHmac('sha256', key);
	}
	update(data: string | ArrayBuffer | ArrayBufferView): void {
		this.hash.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
	}
	async digest(): Promise<Uint8Array> {
		return new Uint8Array(this.hash.digest());
	}
	reset(): void {
		this.hash = this.fresh();
	}
}

export interface SqsAuthError {
	status: number;
	type: string;
	queryCode: string;
	message: string;
}

const authError = (status: number, type: string, queryCode: string, message: string): SqsAuthError => ({ status, type, queryCode, message });

export const SIGNATURE_MISMATCH =
	'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** AWS accepts a signature made up to 15 minutes before or after its own clock. */
const MAX_SKEW_MS = 15 * 60_000;

export interface IncomingSigned {
	method: string;
	host: string;
	path: string;
	headers: Record<string, string>;
	body: string;
}

export interface VerifiedCaller {
	key: AwsKey;
	region: string;
}

function parseAuthorization(value: string): { accessKeyId: string; date: string; region: string; service: string; terminator: string; signedHeaders: string[]; signature: string } | undefined {
	const match = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/.exec(value);
	if (!match) return undefined;
	return {
		accessKeyId: match[1],
		date: match[2],
		region: match[3],
		service: match[4],
		terminator: match[5],
		signedHeaders: match[6].split(';'),
		signature: match[7],
	};
}

function parseAmzDate(value: string): Date | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!match) return undefined;
	return new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]));
}

function compact(date: Date): string {
	return date.toISOString().replace(/[:-]|\.\d{3}/g, '');
}

/** The caller's key and signed region, or the error AWS would answer with. */
export async function verifySigV4(
	request: IncomingSigned,
	findKey: (accessKeyId: string) => AwsKey | undefined,
	nowMs: number,
): Promise<{ ok: true; caller: VerifiedCaller } | { ok: false; error: SqsAuthError }> {
	const authorization = request.headers.authorization;
	if (!authorization) {
		return { ok: false, error: authError(400, 'com.amazon.coral.service#MissingAuthenticationTokenException', 'MissingAuthenticationToken', 'Request is missing Authentication Token') };
	}
	const auth = parseAuthorization(authorization);
	if (!auth) {
		return {
			ok: false,
			error: authError(400, 'com.amazon.coral.service#IncompleteSignatureException', 'IncompleteSignature', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`),
		};
	}
	const amzDate = request.headers['x-amz-date'];
	const signedAt = amzDate ? parseAmzDate(amzDate) : undefined;
	if (!signedAt) {
		return { ok: false, error: authError(400, 'com.amazon.coral.service#IncompleteSignatureException', 'IncompleteSignature', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.') };
	}
	const scopeProblems = [
		auth.service !== 'sqs' && `Credential should be scoped to correct service: 'sqs'.`,
		auth.terminator !== 'aws4_request' && `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`,
		auth.date !== amzDate!.slice(0, 8) && `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate!.slice(0, 8)}', from '${amzDate}'.`,
		!auth.signedHeaders.includes('host') && `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`,
	].filter(Boolean);
	if (scopeProblems.length) {
		return { ok: false, error: authError(403, 'com.amazon.coral.service#InvalidSignatureException', 'SignatureDoesNotMatch', scopeProblems.join(' ')) };
	}
	const key = findKey(auth.accessKeyId);
	if (!key) {
		return { ok: false, error: authError(403, 'com.amazon.coral.service#UnrecognizedClientException', 'InvalidClientTokenId', 'The security token included in the request is invalid.') };
	}
	if (Math.abs(nowMs - signedAt.getTime()) > MAX_SKEW_MS) {
		const now = new Date(nowMs);
		const limit = signedAt.getTime() < nowMs ? `${compact(now)} - 15 min.` : `${compact(now)} + 15 min.`;
		const bound = compact(new Date(signedAt.getTime() < nowMs ? nowMs - MAX_SKEW_MS : nowMs + MAX_SKEW_MS));
		return {
			ok: false,
			error: authError(403, 'com.amazon.coral.service#InvalidSignatureException', 'SignatureDoesNotMatch', `Signature expired: ${amzDate} is now ${signedAt.getTime() < nowMs ? 'earlier' : 'later'} than ${bound} (${limit})`),
		};
	}
	const sentToken = request.headers['x-amz-security-token'];
	if (key.sessionToken !== undefined && sentToken !== key.sessionToken) {
		return { ok: false, error: authError(403, 'com.amazon.coral.service#UnrecognizedClientException', 'InvalidClientTokenId', 'The security token included in the request is invalid.') };
	}
	if (key.expiresAtMs !== undefined && nowMs >= key.expiresAtMs) {
		return { ok: false, error: authError(403, 'com.amazon.coral.service#ExpiredTokenException', 'ExpiredToken', 'The security token included in the request is expired') };
	}

	// Recompute over exactly the headers the client listed, with AWS's reference signer.
	const headers: Record<string, string> = {};
	for (const name of auth.signedHeaders) {
		const value = name === 'host' ? request.host : request.headers[name];
		if (value === undefined) {
			return { ok: false, error: authError(403, 'com.amazon.coral.service#InvalidSignatureException', 'SignatureDoesNotMatch', SIGNATURE_MISMATCH) };
		}
		headers[name] = value;
	}
	const signer = new SignatureV4({
		service: 'sqs',
		region: auth.region,
		credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken },
		sha256: NodeSha256,
		applyChecksum: false,
	});
	const [hostname, port] = request.host.split(':');
	const signed = await signer.sign(
		{ method: request.method, protocol: 'http:', hostname, port: port ? Number(port) : undefined, path: request.path, query: {}, headers, body: request.body },
		{ signingDate: signedAt, signableHeaders: new Set(auth.signedHeaders), unsignableHeaders: new Set() },
	);
	const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? signed.headers.Authorization))?.[1] ?? '';
	const matches = expected.length === auth.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature));
	if (!matches) {
		return { ok: false, error: authError(403, 'com.amazon.coral.service#InvalidSignatureException', 'SignatureDoesNotMatch', SIGNATURE_MISMATCH) };
	}
	return { ok: true, caller: { key, region: auth.region } };
}
