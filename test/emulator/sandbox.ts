/**
 * Amazon's static sandbox: on the sandbox hosts an operation answers only the fixed request/response
 * pairs of its model (`x-amzn-api-sandbox.static`), whatever the seller's data. The emulator serves it on
 * the `/sandbox/{region}` prefix (a credential with environment "sandbox" points there), from the cases
 * scripts/generate-sandbox-cases.js extracts from the models.
 *
 * Matching, as Amazon describes it (pattern matching on the parameters a case names):
 * - a case matches when every parameter it names has that value (a name without a value matches any value);
 *   parameters it does not name are ignored;
 * - path, query and header values compare as text (numbers numerically, arrays as the same list in any
 *   order); a body compares as JSON, whole (key order does not matter);
 * - when several cases match, the one naming the most parameter values wins, then the first in the model;
 * - no match: 400 InvalidInput "Could not match input arguments", Amazon's answer in that case.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SANDBOX_CASES, type SandboxCase, type SandboxParameter } from './generated/sandboxCases.generated';
import type { ApiResponse } from './http/errors';
import type { OperationKey } from './types';

/** Sandbox hosts apply one usage plan to every operation. */
export const SANDBOX_RATE = 5;
export const SANDBOX_BURST = 15;

export const NO_SANDBOX_MATCH = { errors: [{ code: 'InvalidInput', message: 'Could not match input arguments', details: '' }] };

export interface SandboxRequest {
	operation: OperationKey;
	pathParams: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** Parsed JSON body (or raw text); undefined when empty. */
	body: unknown;
}

function scalarMatches(text: string | undefined, expected: unknown): boolean {
	if (text === undefined) return false;
	if (typeof expected === 'number') return text.trim() !== '' && Number(text) === expected;
	return text === String(expected);
}

function queryValues(query: URLSearchParams, name: string): string[] {
	return query.getAll(name).flatMap((value) => value.split(','));
}

/** JSON equality; object key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left).filter((key) => left[key] !== undefined);
	if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
	return keys.every((key) => jsonEqual(left[key], right[key]));
}

function parameterMatches(request: SandboxRequest, parameter: SandboxParameter): boolean {
	const { name, value } = parameter;
	// Some models name a parameter without a value (the vendor APIs' catch-all body cases): any value matches.
	if (!('value' in parameter)) return true;
	switch (parameter.in) {
		case 'path':
			return scalarMatches(request.pathParams[name], value);
		case 'query': {
			const given = queryValues(request.query, name);
			if (Array.isArray(value)) {
				const expected = value.map(String).sort();
				return given.length === expected.length && [...given].sort().every((item, index) => item === expected[index]);
			}
			return given.length === 1 && scalarMatches(given[0], value);
		}
		case 'header': {
			const header = request.headers[name.toLowerCase()];
			return scalarMatches(Array.isArray(header) ? header.join(',') : header, value);
		}
		case 'body':
			return jsonEqual(request.body, value);
		default:
			return false;
	}
}

/** The case that answers this request, or undefined when none matches. */
export function findSandboxCase(request: SandboxRequest): SandboxCase | undefined {
	let best: SandboxCase | undefined;
	let bestScore = -1;
	for (const candidate of SANDBOX_CASES[request.operation] ?? []) {
		if (!candidate.parameters.every((parameter) => parameterMatches(request, parameter))) continue;
		// a catch-all (a parameter named without a value) loses to a case that names the value
		const score = candidate.parameters.filter((parameter) => 'value' in parameter).length;
		if (score > bestScore) {
			best = candidate;
			bestScore = score;
		}
	}
	return best;
}

export function sandboxAnswer(request: SandboxRequest): ApiResponse {
	const found = findSandboxCase(request);
	if (!found) return { status: 400, body: NO_SANDBOX_MATCH };
	// 204 carries no body whatever the model's case shows; otherwise a copy, so nothing can change the table
	if (found.status === 204 || found.response === undefined) return { status: found.status };
	return { status: found.status, body: JSON.parse(JSON.stringify(found.response)) };
}
