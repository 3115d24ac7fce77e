import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { SqsError } from '../aws/sqsErrors';
import { CredentialConfigError } from '../credentials';
import { plainWords, SpApiError } from '../errors';
import { tr } from '../i18n/translate';
import { MarketplaceSelectionError } from '../marketplaces';
import { redact, redactDeep } from '../redact';
import { withoutSecretParameters } from './secretParameters';

/** Input problems ACORN finds before calling Amazon; the message is meant for the person. */
export class InputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InputError';
	}
}

/**
 * What an error says, split the way n8n shows it. Three kinds of text never mix: ACORN's explanation
 * (`message`, and more advice in `description`), Amazon's own words (one "Amazon said: …" line, plain
 * text) and the raw facts (`details`: Amazon's error entries or error document as sent, ids, status).
 * No sentence is said twice.
 */
export interface ErrorTexts {
	message: string;
	description?: string;
	details: JsonObject;
}

/** Errors of other parts of the core (reports, SQS) that bring their own advice and Amazon's words. */
interface SelfDescribingError extends Error {
	hint?: unknown;
	amazonSaid?: unknown;
	toJSON?: () => Record<string, unknown>;
}

function sentencesOf(text: string): string[] {
	return text
		.split(/(?<=[.!?。！？])\s+|\n/)
		.map((sentence) => sentence.trim())
		.filter(Boolean);
}

/** Lines of a description, each sentence once and none that the message already says. */
function describe(message: string, lines: Array<string | undefined | false>): string | undefined {
	const said = new Set(sentencesOf(message));
	const kept: string[] = [];
	for (const line of lines) {
		if (!line) continue;
		const fresh = sentencesOf(line).filter((sentence) => !said.has(sentence));
		fresh.forEach((sentence) => said.add(sentence));
		if (fresh.length) kept.push(fresh.join(' '));
	}
	return kept.length ? kept.join('\n') : undefined;
}

export function amazonSaidLine(words: string): string | undefined {
	return words ? tr`Amazon said: ${words}` : undefined;
}

function referenceLine(error: SpApiError): string {
	return [
		tr`Operation: ${error.operation}`,
		error.httpStatus ? `HTTP ${error.httpStatus}` : undefined,
		error.amazonCode ? tr`Amazon code: ${error.amazonCode}` : undefined,
		error.requestId ? tr`Amazon request ID: ${error.requestId}` : undefined,
	]
		.filter(Boolean)
		.join(' · ');
}

/** The texts of any error ACORN raises or meets, with secrets redacted. */
export function errorTexts(error: unknown): ErrorTexts {
	if (error instanceof SpApiError) {
		const message = error.hint;
		return {
			message,
			description: describe(message, [amazonSaidLine(error.amazonSaid), referenceLine(error)]),
			details: redactDeep(error.toJSON()) as JsonObject,
		};
	}
	if (error instanceof SqsError) {
		// the seller-readable advice first; AWS's own words and its request id below it
		const message = error.hint;
		const details = { ...error.toJSON() };
		delete details.message;
		delete details.hint;
		return {
			message,
			description: describe(message, [error.message && tr`AWS said: ${error.message}`, error.requestId && tr`AWS request ID: ${error.requestId}`]),
			details: redactDeep(details) as JsonObject,
		};
	}
	if (error instanceof InputError || error instanceof MarketplaceSelectionError || error instanceof CredentialConfigError) {
		return { message: redact(error.message), details: {} };
	}
	if (!(error instanceof Error)) return { message: redact(String(error)), details: {} };
	const described = error as SelfDescribingError;
	const message = redact(error.message);
	const hint = typeof described.hint === 'string' ? redact(described.hint) : undefined;
	const amazonSaid = typeof described.amazonSaid === 'string' ? redact(plainWords(described.amazonSaid)) : '';
	// message and hint are said above; the rest of the error's own JSON is its details
	const details = typeof described.toJSON === 'function' ? { ...described.toJSON() } : {};
	delete details.message;
	delete details.hint;
	return {
		message,
		description: describe(message, [hint, amazonSaidLine(amazonSaid)]),
		details: redactDeep(details) as JsonObject,
	};
}

/**
 * The one mapping from core failures to n8n errors: the message says what happened and what to do,
 * the description Amazon's words and the request's reference, the details the raw facts (NodeApiError:
 * its error response; NodeOperationError: context.details). The node attached to the error is a copy
 * without secret parameters (n8n logs and stores the error's node, parameters included).
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const safeNode = withoutSecretParameters(node);
	const texts = errorTexts(error);
	if (error instanceof SpApiError && error.kind !== 'validation') {
		return new NodeApiError(safeNode, texts.details, {
			message: texts.message,
			description: texts.description,
			httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
			itemIndex,
		});
	}
	const nodeError = new NodeOperationError(safeNode, texts.message, { description: texts.description, itemIndex });
	if (Object.keys(texts.details).length) nodeError.context.details = texts.details;
	return nodeError;
}

/** The JSON of an error item when "Continue On Fail" is on: the same texts, then the details' fields. */
export function errorItemJson(error: unknown): JsonObject {
	const texts = errorTexts(error);
	return { ...texts.details, error: texts.message, ...(texts.description ? { description: texts.description } : {}) };
}
