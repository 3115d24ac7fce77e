import { tr } from './i18n/translate';
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
	/** What happened, for logs and the error's details (ACORN's words, one short sentence). */
	message: string;
	/** What a seller reads: what happened and what to do (ACORN's words, never Amazon's). */
	hint: string;
	httpStatus?: number;
	/** Exactly what Amazon sent; shown as "Amazon said: …" and kept raw in the error's details. */
	errors?: AmazonErrorEntry[];
	requestId?: string;
	/** A write whose outcome is unknown: it may have happened on Amazon's side. */
	mayHaveTakenEffect?: boolean;
	attempts?: number;
	/** Technical detail for the error's details (e.g. a network error code); never part of a sentence. */
	details?: string;
	cause?: unknown;
}

/**
 * Every failure of the SP-API core. Three kinds of text, kept apart: `hint` is ACORN's explanation a
 * seller acts on, `errors` is what Amazon sent (quoted as "Amazon said: …", see amazonWords), and the
 * rest (`message`, `details`, ids) is for the error's details.
 */
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
	readonly details?: string;

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
		this.details = init.details === undefined ? undefined : redact(init.details);
		if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
	}

	get amazonCode(): string | undefined {
		return this.errors.find((e) => e.code)?.code;
	}

	/** Amazon's own words, as plain text ('' when Amazon sent none). */
	get amazonSaid(): string {
		return amazonWords(this.errors);
	}

	/** Plain JSON for the error's details (error items, NodeApiError); contains nothing secret. */
	toJSON(): Record<string, unknown> {
		const out: Record<string, unknown> = {
			kind: this.kind,
			operation: this.operation,
			httpStatus: this.httpStatus,
			amazonCode: this.amazonCode,
			errors: this.errors,
			requestId: this.requestId,
			mayHaveTakenEffect: this.mayHaveTakenEffect,
			attempts: this.attempts,
			details: this.details ? `${this.message} ${this.details}` : this.message,
		};
		for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
		return out;
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

/**
 * The same failure with the advice a node gives for it. Amazon's words stay in `errors` (quoted apart
 * as "Amazon said: …"), never inside the hint; texts, Amazon's words and details masked when asked.
 */
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
		details: error.details === undefined ? undefined : mask.text(error.details),
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
	const reason = error.kind === 'network' ? tr`no answer came back` : tr`Amazon answered HTTP ${error.httpStatus}`;
	const hint = tr`Unclear whether Amazon carried out ${write.what}: ${reason}, so it may or may not have happened. ACORN did not send it again. Before running this item again, ${write.check}`;
	return new UnclearOutcomeError(
		{
			kind: error.kind,
			operation: { key: error.operation, operationId: error.operation, method: error.method, path: error.path },
			message: mask.text(tr`${error.message} The outcome is unknown.`),
			hint: mask.text(hint),
			httpStatus: error.httpStatus,
			errors: mask.deep(error.errors),
			requestId: error.requestId,
			attempts: error.attempts,
			details: error.details === undefined ? undefined : mask.text(error.details),
		},
		mask.deep(write.facts),
	);
}

export function readAmazonErrors(body: unknown): AmazonErrorEntry[] {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body.trim() ? [{ message: body.slice(0, 2000) }] : [];
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

const MAX_WORDS = 1000;

function stringsIn(value: unknown, out: string[], depth = 0): void {
	if (depth > 6 || out.length > 50) return;
	if (typeof value === 'string') {
		const text = value.trim().replace(/\s+/g, ' ');
		if (text) out.push(text);
	} else if (typeof value === 'number' || typeof value === 'boolean') {
		out.push(String(value));
	} else if (Array.isArray(value)) {
		for (const entry of value) stringsIn(entry, out, depth + 1);
	} else if (value && typeof value === 'object') {
		for (const entry of Object.values(value)) stringsIn(entry, out, depth + 1);
	}
}

/**
 * Text Amazon sent, as plain words: JSON (e.g. a FATAL report's `{"errorDetails": "…"}`) becomes the
 * sentences it holds, markup (an HTML error page of a proxy, S3's XML) its text; whitespace collapses.
 * The raw text stays in the error's details.
 */
export function plainWords(text: string): string {
	const trimmed = text.trim();
	if (/^[[{]/.test(trimmed)) {
		try {
			const found: string[] = [];
			stringsIn(JSON.parse(trimmed) as unknown, found);
			return [...new Set(found)].join('; ').slice(0, MAX_WORDS);
		} catch {
			// not JSON after all: read it as text
		}
	}
	const withoutMarkup = /^<[!?a-zA-Z]/.test(trimmed)
		? trimmed
				.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
				.replace(/<[^>]*>/g, ' ')
		: trimmed;
	return withoutMarkup.replace(/\s+/g, ' ').trim().slice(0, MAX_WORDS);
}

/** Amazon's words of its error entries ("message (details)"), each sentence once, as plain text. */
export function amazonWords(errors: readonly AmazonErrorEntry[]): string {
	const seen = new Set<string>();
	const once = (text: string | undefined): string => {
		const words = text ? plainWords(text) : '';
		if (!words || seen.has(words)) return '';
		seen.add(words);
		return words;
	};
	return errors
		.map((e) => {
			const message = once(e.message);
			const details = once(e.details);
			return message && details ? `${message} (${details})` : message || details;
		})
		.filter(Boolean)
		.join('; ');
}

function mentionedParameters(operation: SpApiErrorInit['operation'], text: string): string[] {
	const parameters = 'parameters' in operation ? operation.parameters : [];
	const lower = text.toLowerCase();
	return parameters.map((p) => p.name).filter((name) => lower.includes(name.toLowerCase()));
}

function takesIds(operation: SpApiErrorInit['operation']): boolean {
	return 'parameters' in operation ? operation.parameters.some((p) => p.in === 'path') : /\{[^}]+\}/.test(operation.path);
}

/** What the client did before giving up, so a hint only claims tries that happened. */
export interface HttpErrorCircumstances {
	/** Requests sent for this call, the last one included. */
	attempts: number;
	mayHaveTakenEffect: boolean;
}

/** ACORN's sentence of advice for an HTTP error answer; true for the case at hand, never Amazon's words. */
export function hintForHttpError(
	operation: SpApiErrorInit['operation'],
	status: number,
	errors: AmazonErrorEntry[],
	circumstances: HttpErrorCircumstances,
): string {
	const name = operation.operationId;
	if (status === 400) {
		const params = mentionedParameters(operation, amazonWords(errors));
		return params.length
			? tr`Amazon refused the value of ${params.join(', ')}. Check that field in the node.`
			: tr`Amazon refused the request as invalid. Check the fields of the node (dates, IDs, marketplaces).`;
	}
	if (status === 401) return tr`Amazon did not accept the sign-in of this request. Test the credential (Credentials → Amazon SP-API → Test) and authorise the app again if the test fails.`;
	if (status === 403) {
		if (isRejectedToken(status, errors)) {
			return tr`Amazon refused the access token, also a new one fetched just now. Authorise the app again in Seller Central and paste the new refresh token into the credential.`;
		}
		return tr`Amazon refused access to ${name}. Usually the app lacks the role this API needs (Developer Console → your app → Roles, then authorise the app again), the seller has not authorised the app, or the credential's region is not where this seller sells.`;
	}
	if (status === 404) {
		return takesIds(operation)
			? tr`Amazon found nothing with that ID. Check the ID and that it belongs to this seller and region.`
			: tr`Amazon answered "not found" for ${name}. Check the marketplace and the credential's region.`;
	}
	if (status === 409) {
		return tr`Amazon refused because it conflicts with something that already exists (for example the same schedule or request). Look at what exists on Amazon and change or remove it instead of creating it again.`;
	}
	if (status === 413) return tr`The request is larger than Amazon accepts. Send less at once.`;
	if (status === 415) return tr`Amazon did not accept the content type of the request.`;
	if (status === 422) return tr`Amazon understood the request but cannot carry it out (for example not enough balance, or a limit was reached).`;
	if (status >= 500 || status === 408) {
		if (circumstances.mayHaveTakenEffect) {
			return tr`Amazon had a problem (HTTP ${status}) while handling a change: it may or may not have been carried out. Check on Amazon before trying again; ACORN does not repeat changes by itself.`;
		}
		return circumstances.attempts > 1
			? tr`Amazon had a problem (HTTP ${status}) and still had it after ${circumstances.attempts} tries. Try again later.`
			: tr`Amazon had a problem (HTTP ${status}). Try again later.`;
	}
	return tr`Amazon answered HTTP ${status}. Try again later; if it keeps happening, check the node's fields.`;
}

/** The short line for logs and details: which call, which status. Amazon's words are kept apart. */
export function messageForHttpError(operation: SpApiErrorInit['operation'], status: number): string {
	return tr`${operation.operationId} failed with HTTP ${status}.`;
}
