/** Amazon-style error answers: `{"errors":[{"code","message","details"?}]}`. */

export interface ApiResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details?: string,
	) {
		super(message);
		this.name = 'ApiError';
	}

	toResponse(): ApiResponse {
		const error: Record<string, string> = { code: this.code, message: this.message };
		if (this.details !== undefined) error.details = this.details;
		return { status: this.status, body: { errors: [error] } };
	}
}

export const ACCESS_DENIED = 'Access to requested resource is denied.';

export function unauthorized(details: string): ApiError {
	return new ApiError(403, 'Unauthorized', ACCESS_DENIED, details);
}

export function invalidInput(message: string): ApiError {
	return new ApiError(400, 'InvalidInput', message, '');
}

/** Default answer of an injected fault that names only a status. */
export function defaultFaultBody(status: number): unknown {
	const [code, message] = DEFAULT_FAULTS[status] ?? (status >= 500 ? DEFAULT_FAULTS[500] : ['InvalidInput', 'Invalid Input']);
	return status === 429 ? { errors: [{ code, message }] } : { errors: [{ code, message, details: '' }] };
}

const DEFAULT_FAULTS: Record<number, [string, string]> = {
	400: ['InvalidInput', 'Invalid Input'],
	403: ['Unauthorized', ACCESS_DENIED],
	404: ['NotFound', 'Resource not found.'],
	408: ['RequestTimeout', 'The request timed out.'],
	413: ['RequestEntityTooLarge', 'The request size exceeded the maximum accepted size.'],
	415: ['UnsupportedMediaType', 'The request payload is in an unsupported format.'],
	429: ['QuotaExceeded', 'You exceeded your quota for the requested resource.'],
	500: ['InternalFailure', 'We encountered an internal error. Please try again.'],
	503: ['ServiceUnavailable', 'Service temporarily unavailable. Please try again.'],
};

/** Default LWA answer of an injected fault on the token endpoint. */
export function defaultLwaFaultBody(status: number): unknown {
	if (status === 429) return { error_description: 'The request has been throttled.', error: 'throttled' };
	if (status >= 500) return { error_description: 'The authorization server encountered an unexpected error.', error: 'server_error' };
	return { error_description: 'The request is invalid.', error: 'invalid_request' };
}
