/**
 * Requests checked the way Amazon checks them, from its models (generated/requestSchemas.generated.ts):
 * each query and path parameter by its type, format, enum and range, and the JSON body by its schema with
 * the same Swagger checker that checks the emulator's answers. A request that does not fit is answered
 * 400 InvalidInput naming the first problems, before the handler runs. Operations without a generated
 * schema are not checked here (their handlers validate what they use).
 */
import { invalidInput, type ApiError } from './http/errors';
import { REQUEST_DEFINITIONS, REQUEST_SCHEMAS, type RequestParameterSchema } from './generated/requestSchemas.generated';
import { SchemaChecker, type SchemaObject } from './schemaCheck';
import type { OperationKey } from './types';

const checkers = new Map<string, SchemaChecker>();

function checkerFor(model: string): SchemaChecker {
	let checker = checkers.get(model);
	if (!checker) {
		checker = new SchemaChecker({ swagger: '2.0', paths: {}, definitions: REQUEST_DEFINITIONS[model] ?? {} });
		checkers.set(model, checker);
	}
	return checker;
}

/** A query value as the JSON value its schema describes (query strings are text on the wire). */
function typedQueryValue(schema: SchemaObject, text: string): unknown {
	if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
	return text;
}

function parameterProblems(checker: SchemaChecker, parameter: RequestParameterSchema, value: string | undefined): string[] {
	if (value === undefined) return parameter.required ? [`Missing ${parameter.name}`] : [];
	// the vendor models write booleans as strings with format "boolean"
	if (parameter.schema.format === 'boolean' && value !== 'true' && value !== 'false') return [`Invalid ${parameter.name}: "${value}" is not true or false`];
	return checker.check(parameter.schema, typedQueryValue(parameter.schema, value), parameter.name).map((problem) => `Invalid ${problem}`);
}

export interface CheckedRequest {
	pathParams: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
}

/** Problems of a request in Amazon's words ("Invalid limit: 500 is above 100"), empty when it fits its model. */
export function requestProblems(operation: OperationKey, request: CheckedRequest): string[] {
	const schema = REQUEST_SCHEMAS[operation];
	if (!schema) return [];
	const checker = checkerFor(schema.model);
	const problems: string[] = [];
	for (const parameter of schema.parameters) {
		const value = parameter.in === 'path' ? request.pathParams[parameter.name] : parameter.in === 'query' ? (request.query.get(parameter.name) ?? undefined) : undefined;
		problems.push(...parameterProblems(checker, parameter, value));
	}
	const known = new Set(schema.parameters.filter((p) => p.in === 'query').map((p) => p.name));
	for (const name of new Set(request.query.keys())) if (!known.has(name)) problems.push(`Unknown query parameter ${name}`);
	if (schema.body) {
		if (request.body === undefined) {
			if (schema.bodyRequired) problems.push('Missing request body');
		} else if (typeof request.body === 'string') problems.push('The request body is not JSON');
		else problems.push(...checker.check(schema.body, request.body, 'body'));
	}
	return problems;
}

/** The 400 Amazon answers for a request that does not fit its model, or undefined when it fits. */
export function requestError(operation: OperationKey, request: CheckedRequest): ApiError | undefined {
	const problems = requestProblems(operation, request);
	if (problems.length === 0) return undefined;
	const shown = problems.slice(0, 5).join('; ');
	return invalidInput(problems.length > 5 ? `${shown}; and ${problems.length - 5} more` : shown);
}
