import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { SqsError } from '../aws/sqsErrors';
import { CredentialConfigError } from '../credentials';
import { SpApiError } from '../errors';
import { MarketplaceSelectionError } from '../marketplaces';
import { redact, redactDeep } from '../redact';

/** Input problems ACORN finds before calling Amazon; the message is meant for the person. */
export class InputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InputError';
	}
}

/**
 * The one mapping from core failures to n8n errors. Amazon's code, message, details, the HTTP status,
 * the operation and x-amzn-RequestId go into the NodeApiError; the message says what to do.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof SpApiError) {
		const amazon = error.errors.map((e) => [e.code, e.message, e.details].filter(Boolean).join(' — ')).join('\n');
		const description = [
			error.hint,
			amazon && `Amazon said: ${amazon}`,
			`Operation: ${error.operation}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}`,
			error.requestId && `Amazon request id: ${error.requestId}`,
		]
			.filter(Boolean)
			.join('\n');
		if (error.kind === 'validation') {
			return new NodeOperationError(node, error.message, { description: error.hint, itemIndex });
		}
		return new NodeApiError(node, error.toJSON() as JsonObject, {
			message: `${error.hint}`,
			description,
			httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
			itemIndex,
		});
	}
	if (error instanceof SqsError) {
		// the seller-readable hint first, AWS's code and request id below it
		return new NodeOperationError(node, error.hint, {
			description: [error.message, error.requestId && `AWS request id: ${error.requestId}`].filter(Boolean).join('\n'),
			itemIndex,
		});
	}
	if (error instanceof InputError || error instanceof MarketplaceSelectionError || error instanceof CredentialConfigError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	const message = error instanceof Error ? error.message : String(error);
	// other core errors (e.g. ReportError) may carry a sentence of advice
	const hint = (error as { hint?: unknown } | null)?.hint;
	const description = typeof hint === 'string' && hint !== message ? redact(hint) : undefined;
	return new NodeOperationError(node, redact(message), { itemIndex, description });
}

/** The JSON of an error item when "Continue On Fail" is on. */
export function errorItemJson(error: unknown): JsonObject {
	if (error instanceof SpApiError) return { error: error.hint, ...(redactDeep(error.toJSON()) as JsonObject) };
	const message = error instanceof Error ? error.message : String(error);
	// errors that describe themselves (ids a later run needs, e.g. a report id) keep those fields
	const toJSON = (error as { toJSON?: unknown } | null)?.toJSON;
	if (error instanceof Error && typeof toJSON === 'function') {
		return { ...(redactDeep(toJSON.call(error)) as JsonObject), error: redact(message) };
	}
	return { error: redact(message) };
}
