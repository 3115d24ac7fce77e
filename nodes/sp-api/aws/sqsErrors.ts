import { tr } from '../i18n/translate';
import { redact } from '../redact';

/**
 * SQS failures in words a seller can act on. SQS (JSON protocol) answers errors with a body
 * `{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"..."}` and, because it keeps the codes of
 * its older query protocol, a header `x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender`.
 */
export type SqsErrorKind =
	/** AWS does not know the access key id */
	| 'unknownKey'
	/** the secret does not match the key id */
	| 'badSecret'
	/** this computer's clock is too far off for the signature */
	| 'clockSkew'
	/** temporary credentials (session token) expired */
	| 'expiredToken'
	| 'queueNotFound'
	/** CreateQueue: a queue of that name exists with other attributes */
	| 'queueExists'
	/** CreateQueue: a queue of that name was deleted less than 60 seconds ago */
	| 'queueDeletedRecently'
	| 'accessDenied'
	/** SQS refused the request itself (a bug or an unsupported setting) */
	| 'invalidRequest'
	| 'throttled'
	| 'serverError'
	/** no answer: endpoint unreachable, timeout, connection broken */
	| 'network'
	| 'aborted';

/** Kinds that will not go away by waiting: the workflow needs a fixed credential or queue. */
const PERMANENT: ReadonlySet<SqsErrorKind> = new Set([
	'unknownKey',
	'badSecret',
	'clockSkew',
	'expiredToken',
	'queueNotFound',
	'queueExists',
	'queueDeletedRecently',
	'accessDenied',
	'invalidRequest',
]);

export interface SqsErrorInit {
	kind: SqsErrorKind;
	action: string;
	message: string;
	hint: string;
	code?: string;
	httpStatus?: number;
	requestId?: string;
	awsSaid?: string;
	networkFailure?: SqsError['networkFailure'];
}

export class SqsError extends Error {
	readonly kind: SqsErrorKind;
	readonly action: string;
	readonly code?: string;
	readonly httpStatus?: number;
	readonly requestId?: string;
	readonly hint: string;
	/** AWS's own words (the `message` of its error answer), kept apart from ACORN's. */
	readonly awsSaid?: string;
	/** For `network`: no answer in time, a broken connection, or nothing sent (the poller and Prepare word them apart). */
	readonly networkFailure?: 'timeout' | 'reset' | 'unreachable';

	constructor(init: SqsErrorInit) {
		super(redact(init.message));
		this.name = 'SqsError';
		this.kind = init.kind;
		this.action = init.action;
		this.code = init.code;
		this.httpStatus = init.httpStatus;
		this.requestId = init.requestId;
		this.hint = redact(init.hint);
		this.awsSaid = init.awsSaid ? redact(init.awsSaid) : undefined;
		this.networkFailure = init.networkFailure;
	}

	/** The same failure with other advice (e.g. once the caller knows how many tries it made). */
	withHint(hint: string): SqsError {
		return new SqsError({ kind: this.kind, action: this.action, message: this.message, hint, code: this.code, httpStatus: this.httpStatus, requestId: this.requestId, awsSaid: this.awsSaid, networkFailure: this.networkFailure });
	}

	/** Waiting and trying again can help (throttling, AWS hiccups, network). */
	get transient(): boolean {
		return !PERMANENT.has(this.kind) && this.kind !== 'aborted';
	}

	toJSON(): Record<string, unknown> {
		return { message: this.message, hint: this.hint, kind: this.kind, action: this.action, code: this.code, httpStatus: this.httpStatus, requestId: this.requestId, awsSaid: this.awsSaid };
	}
}

function classify(code: string | undefined, status: number, message: string): SqsErrorKind {
	const c = (code ?? '').replace(/^AWS\.SimpleQueueService\./, '');
	if (c === 'InvalidClientTokenId' || c === 'UnrecognizedClientException') return 'unknownKey';
	if (c === 'SignatureDoesNotMatch' || c === 'InvalidSignatureException') {
		return /signature expired|earlier than|later than|not yet current/i.test(message) ? 'clockSkew' : 'badSecret';
	}
	if (c === 'RequestExpired' || c === 'RequestTimeTooSkewed') return 'clockSkew';
	if (c === 'ExpiredToken' || c === 'ExpiredTokenException') return 'expiredToken';
	if (c === 'NonExistentQueue' || c === 'QueueDoesNotExist') return 'queueNotFound';
	if (c === 'QueueNameExists' || c === 'QueueAlreadyExists') return 'queueExists';
	if (c === 'QueueDeletedRecently') return 'queueDeletedRecently';
	if (/AccessDenied/.test(c)) return 'accessDenied';
	if (c === 'RequestThrottled' || c === 'ThrottlingException' || c === 'Throttling' || status === 429) return 'throttled';
	if (status >= 500 || c === 'InternalFailure' || c === 'ServiceUnavailable' || c === 'KmsThrottled') return 'serverError';
	return 'invalidRequest';
}

/** Builds the error of a non-2xx SQS answer. */
export function sqsHttpError(action: string, status: number, headers: Record<string, string>, body: unknown, queueUrl?: string, region?: string): SqsError {
	const object = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
	const queryCode = headers['x-amzn-query-error']?.split(';')[0];
	const typeCode = typeof object.__type === 'string' ? object.__type.split('#').pop() : undefined;
	const code = queryCode || typeCode;
	const awsMessage = String(object.message ?? object.Message ?? (typeof body === 'string' ? body.slice(0, 300) : '')).trim();
	const kind = classify(code, status, awsMessage);
	const requestId = headers['x-amzn-requestid'];
	let hint: string;
	switch (kind) {
		case 'queueNotFound':
			hint = tr`The queue ${queueUrl ? `${queueUrl} ` : ''}does not exist${region ? tr` in ${region}` : ''}. Check the queue URL (or name and region) in the credential.`;
			break;
		case 'queueExists':
			hint = tr`A queue named ${queueUrl ?? ''} already exists with other settings. ACORN uses an existing queue as it is: run it again.`;
			break;
		case 'queueDeletedRecently':
			hint = tr`A queue named ${queueUrl ?? ''} was deleted less than a minute ago. AWS lets you create it again 60 seconds after deleting it: wait a minute and run it again.`;
			break;
		case 'throttled':
			hint = tr`AWS is throttling requests to the queue; ACORN waits and tries again.`;
			break;
		case 'serverError':
			hint = tr`AWS SQS had a temporary problem (HTTP ${status}); ACORN waits and tries again.`;
			break;
		case 'invalidRequest':
			// AWS's own words stay as AWS wrote them
			hint = tr`SQS refused the ${action} request${awsMessage ? `: ${awsMessage}` : ''}.`;
			break;
		case 'unknownKey':
			hint = tr`AWS does not recognise the Access Key ID. Copy it again from the AWS console (IAM → Users → your user → Security credentials); a deleted or deactivated key gives this error too.`;
			break;
		case 'badSecret':
			hint = tr`The Secret Access Key does not match the Access Key ID (the request signature was wrong). Copy the secret again; AWS shows it only once, so create a new access key if you no longer have it.`;
			break;
		case 'clockSkew':
			hint = tr`AWS refused the request because this computer's clock is wrong by more than a few minutes. Fix the system clock (enable NTP time sync) of the machine n8n runs on.`;
			break;
		case 'expiredToken':
			hint = tr`The temporary AWS credentials (Session Token) have expired. Paste fresh ones, or use a long-term access key without a session token.`;
			break;
		case 'accessDenied':
			hint = tr`AWS refused: this AWS user may not use the queue. Give the user permission for sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:GetQueueAttributes and sqs:GetQueueUrl on the queue (IAM → Users → your user → Add permissions).`;
			break;
		default:
			hint = tr`SQS ${action} failed (HTTP ${status}).`;
	}
	return new SqsError({
		kind,
		action,
		code,
		httpStatus: status,
		requestId,
		hint,
		awsSaid: awsMessage || undefined,
		message: `SQS ${action} failed with HTTP ${status}${code ? ` ${code}` : ''}${awsMessage ? `: ${awsMessage}` : ''}`,
	});
}
