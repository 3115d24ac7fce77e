import type { OperationSpec } from './operationSpec';
import { redact, redactDeep } from './redact';

/** Amazon's error entry: `{"errors":[{"code","message","details"}]}`. */
export interface AmazonErrorEntry {
	code?: string;
	message?: string;
	details?: string;
}

export type SpApiErrorKind =
	/** Amazon answered with an error status */
	| 'http'
	/** 429 after every allowed retry */
	| 'rateLimited'
	/** no answer (timeout, reset, unreachable) */
	| 'network'
	/** Login with Amazon refused to issue a token */
	| 'auth'
	/** the request was not sent: ACORN found a problem with the input first */
	| 'validation'
	/** the execution was cancelled */
	| 'aborted';

export interface SpApiErrorInit {
	kind: SpApiErrorKind;
	operation: OperationSpec | { key: string; operationId: string; method: string; path: string };
	message: string;
	hint: string;
	httpStatus?: number;
	errors?: AmazonErrorEntry[];
	requestId?: string;
	/** A write whose outcome is unknown: it may have happened on Amazon's side. */
	mayHaveTakenEffect?: boolean;
	attempts?: number;
	cause?: unknown;
}

/** Every failure of the SP-API core, with Amazon's own words and a sentence a seller can act on. */
export class SpApiError extends Error {
	readonly kind: SpApiErrorKind;
	readonly operation: string;
	readonly method: string;
	readonly path: string;
	readonly httpStatus?: number;
	readonly errors: AmazonErrorEntry[];
	readonly requestId?: string;
	readonly hint: string;
	readonly mayHaveTakenEffect: boolean;
	readonly attempts: number;

	constructor(init: SpApiErrorInit) {
		super(redact(init.message));
		this.name = 'SpApiError';
		this.kind = init.kind;
		this.operation = init.operation.key;
		this.method = init.operation.method;
		this.path = init.operation.path;
		this.httpStatus = init.httpStatus;
		this.errors = redactDeep(init.errors ?? []);
		this.requestId = init.requestId;
		this.hint = redact(init.hint);
		this.mayHaveTakenEffect = init.mayHaveTakenEffect ?? false;
		this.attempts = init.attempts ?? 1;
	}

	get amazonCode(): string | undefined {
		return this.errors[0]?.code;
	}

	/** Plain JSON for error items and NodeApiError context; contains nothing secret. */
	toJSON(): Record<string, unknown> {
		return {
			message: this.message,
			hint: this.hint,
			kind: this.kind,
			operation: this.operation,
			httpStatus: this.httpStatus,
			amazonCode: this.amazonCode,
			errors: this.errors,
			requestId: this.requestId,
			mayHaveTakenEffect: this.mayHaveTakenEffect,
			attempts: this.attempts,
		};
	}
}

/**
 * A write whose outcome is unknown (no answer, a 5xx or 408 after it was sent), with the facts a person
 * needs to look it up before trying again. ACORN never repeats such a write by itself.
 */
export class UnclearOutcomeError extends SpApiError {
	readonly checkBeforeRetrying: Record<string, unknown>;

	constructor(init: ConstructorParameters<typeof SpApiError>[0], checkBeforeRetrying: Record<string, unknown>) {
		super({ ...init, mayHaveTakenEffect: true });
		this.name = 'UnclearOutcomeError';
		this.checkBeforeRetrying = checkBeforeRetrying;
	}

	toJSON(): Record<string, unknown> {
		return { ...super.toJSON(), outcome: 'unknown', checkBeforeRetrying: this.checkBeforeRetrying };
	}
}

/** Hides what must not show (e.g. account numbers) in texts and nested data. */
export interface TextMask {
	text(value: string): string;
	deep<T>(value: T): T;
}

const NO_MASK: TextMask = { text: (value) => value, deep: (value) => value };

/** " (Amazon said: …)" with Amazon's messages and details, or nothing when it said nothing. */
export function amazonSaid(errors: readonly AmazonErrorEntry[]): string {
	const text = errors.map((e) => [e.message, e.details].filter((part) => part && part.trim()).join(': ')).filter(Boolean).join('; ');
	return text ? ` (Amazon said: ${text})` : '';
}

/** The same failure with the advice a node gives for it (texts and Amazon's words masked when asked). */
export function withHint(error: SpApiError, hint: string, mask: TextMask = NO_MASK): SpApiError {
	return new SpApiError({
		kind: error.kind,
		operation: { key: error.operation, operationId: error.operation, method: error.method, path: error.path },
		message: mask.text(error.message),
		hint: mask.text(hint),
		httpStatus: error.httpStatus,
		errors: mask.deep(error.errors),
		requestId: error.requestId,
		mayHaveTakenEffect: error.mayHaveTakenEffect,
		attempts: error.attempts,
	});
}

/** What a failed write was, in words and as data, for the advice of an unclear outcome. */
export interface WriteDescription {
	/** "the transfer of 100.00 EUR to the account ending 819" */
	what: string;
	/** What to look at before running the item again. */
	check: string;
	/** The same as data, for error items a workflow can route on. */
	facts: Record<string, unknown>;
	/** Said when Amazon clearly refused: nothing happened. */
	refusedNothingDone?: string;
}

/**
 * The error of a write that may have taken effect: says it is unclear, that ACORN did not send it again,
 * and what to check before running the item again; never that it happened.
 */
export function unclearOutcomeError(error: SpApiError, write: WriteDescription, mask: TextMask = NO_MASK): UnclearOutcomeError {
	const reason = error.kind === 'network' ? 'no answer came back' : `Amazon answered HTTP ${error.httpStatus}`;
	const hint = `Unclear whether Amazon carried out ${write.what}: ${reason}, so it may or may not have happened. ACORN did not send it again. Before running this item again, ${write.check}`;
	return new UnclearOutcomeError(
		{
			kind: error.kind,
			operation: { key: error.operation, operationId: error.operation, method: error.method, path: error.path },
			message: mask.text(`${error.message} — outcome unknown`),
			hint: mask.text(hint),
			httpStatus: error.httpStatus,
			errors: mask.deep(error.errors),
			requestId: error.requestId,
			attempts: error.attempts,
		},
		mask.deep(write.facts),
	);
}

export function readAmazonErrors(body: unknown): AmazonErrorEntry[] {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body ? [{ message: body.slice(0, 500) }] : [];
	const errors = (body as { errors?: unknown }).errors;
	if (!Array.isArray(errors)) return [];
	return errors
		.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
		.map((e) => ({
			code: typeof e.code === 'string' ? e.code : undefined,
			message: typeof e.message === 'string' ? e.message : undefined,
			details: typeof e.details === 'string' ? e.details : undefined,
		}));
}

/** 403 answers that mean "this token", not "this app or seller": refreshing can help. */
export function isRejectedToken(status: number, errors: AmazonErrorEntry[]): boolean {
	if (status !== 403) return false;
	return errors.some(
		(e) => e.code === 'Unauthorized' && /expired|revoked|malformed|invalid|missing/i.test(`${e.details ?? ''} ${e.message ?? ''}`),
	);
}

function describe(errors: AmazonErrorEntry[]): string {
	return errors
		.map((e) => [e.code, e.message, e.details].filter((part) => part && part.trim()).join(': '))
		.filter(Boolean)
		.join('; ');
}

function mentionedParameters(operation: SpApiErrorInit['operation'], text: string): string[] {
	const parameters = 'parameters' in operation ? operation.parameters : [];
	const lower = text.toLowerCase();
	return parameters.map((p) => p.name).filter((name) => lower.includes(name.toLowerCase()));
}

/** The one-line advice for an HTTP error answer. */
export function hintForHttpError(
	operation: SpApiErrorInit['operation'],
	status: number,
	errors: AmazonErrorEntry[],
	mayHaveTakenEffect: boolean,
): string {
	const text = describe(errors);
	if (status === 400) {
		const params = mentionedParameters(operation, text);
		return params.length
			? `Amazon rejected the value of ${params.join(', ')}. Check that field in the node.`
			: 'Amazon rejected the request as invalid. Check the fields of the node (dates, ids, marketplaces).';
	}
	if (status === 403) {
		if (isRejectedToken(status, errors)) {
			return 'Amazon rejected the access token even after a fresh one was fetched. Re-authorise the app and update the refresh token in the credential.';
		}
		return 'Amazon refused access. Usually the app lacks the role this API needs (Developer Console → your app → Roles, then authorise again), the seller has not authorised the app, or the credential region does not match where this seller sells.';
	}
	if (status === 404) {
		return 'Amazon found nothing with that id. Check the id and that it belongs to this seller and region.';
	}
	if (status === 409) {
		return 'Amazon refused because it conflicts with something that already exists (for example the same schedule or request). Look at what exists on Amazon and change or remove it instead of creating it again.';
	}
	if (status === 413) return 'The request is larger than Amazon accepts.';
	if (status === 415) return 'Amazon did not accept the content type of the request.';
	if (status === 422) return 'Amazon understood the request but cannot carry it out (for example insufficient balance or a limit).';
	if (status >= 500 || status === 408) {
		return mayHaveTakenEffect
			? `Amazon had a problem (HTTP ${status}) while handling a change; it may or may not have been carried out. Check on Amazon before trying again — ACORN does not repeat changes automatically.`
			: `Amazon had a temporary problem (HTTP ${status}) and kept having it after several tries. Try again later.`;
	}
	return `Amazon answered HTTP ${status}.`;
}

export function messageForHttpError(operation: SpApiErrorInit['operation'], status: number, errors: AmazonErrorEntry[]): string {
	const text = describe(errors);
	return `${operation.operationId} failed with HTTP ${status}${text ? `: ${text}` : ''}`;
}
