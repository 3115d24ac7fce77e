/**
 * A small Swagger 2.0 checker for the emulator's answers: only properties the model defines (no
 * additionalProperties unless the model allows them), the right JSON types, enum values, formats and
 * patterns, and every required property. `$ref`s resolve within the model's `definitions`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SchemaObject {
	$ref?: string;
	/** Swagger uses one type; JSON-schema documents (notification schemas) may list several, e.g. ["string", "null"]. */
	type?: string | string[];
	format?: string;
	enum?: unknown[];
	pattern?: string;
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	properties?: Record<string, SchemaObject>;
	required?: string[];
	additionalProperties?: boolean | SchemaObject;
	items?: SchemaObject;
	allOf?: SchemaObject[];
	'x-nullable'?: boolean;
}

interface ResponseObject {
	schema?: SchemaObject;
	headers?: Record<string, unknown>;
}

export interface SwaggerModel {
	swagger: string;
	paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, ResponseObject> }>>;
	definitions?: Record<string, SchemaObject>;
}

/** Reads a model named like the operation table does (`finances-api-model/financesV0.json`). */
export function loadModel(modelsDir: string, modelFile: string): SwaggerModel {
	const candidates = [path.join(modelsDir, 'models', modelFile), path.join(modelsDir, modelFile)];
	const found = candidates.find((candidate) => existsSync(candidate));
	if (!found) throw new Error(`model ${modelFile} not found under ${modelsDir}`);
	const model = JSON.parse(readFileSync(found, 'utf8')) as SwaggerModel;
	if (model.swagger !== '2.0') throw new Error(`${found} is not a Swagger 2.0 model`);
	return model;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

export class SchemaChecker {
	constructor(private readonly model: SwaggerModel) {}

	/** The schema of an answer: the model's response for that status (or `default`). */
	responseSchema(pathTemplate: string, method: string, status: number): SchemaObject | undefined {
		const operation = this.model.paths[pathTemplate]?.[method.toLowerCase()];
		if (!operation) throw new Error(`the model has no ${method} ${pathTemplate}`);
		const response = operation.responses?.[String(status)] ?? operation.responses?.default;
		if (!response) throw new Error(`the model defines no ${status} answer for ${method} ${pathTemplate}`);
		return response.schema;
	}

	/** Header names (lower case) the model declares for that answer. */
	responseHeaders(pathTemplate: string, method: string, status: number): string[] {
		const operation = this.model.paths[pathTemplate]?.[method.toLowerCase()];
		const response = operation?.responses?.[String(status)] ?? operation?.responses?.default;
		return Object.keys(response?.headers ?? {}).map((name) => name.toLowerCase());
	}

	/** Problems of an answer body, each with a JSON path; empty when it conforms. */
	checkResponse(pathTemplate: string, method: string, status: number, body: unknown): string[] {
		const schema = this.responseSchema(pathTemplate, method, status);
		if (!schema) return body === undefined || body === '' ? [] : [`$: the model defines no body for ${status}`];
		return this.check(schema, body, '$');
	}

	check(schema: SchemaObject, value: unknown, at: string): string[] {
		const resolved = this.resolve(schema);
		if (Array.isArray(resolved.type)) {
			if (value === null) return resolved.type.includes('null') ? [] : [`${at}: null is not allowed`];
			const types = resolved.type.filter((t) => t !== 'null');
			const attempts = types.map((t) => this.check({ ...resolved, type: t }, value, at));
			return attempts.find((problems) => problems.length === 0) ?? attempts[0] ?? [];
		}
		if (value === null) return resolved['x-nullable'] ? [] : [`${at}: null is not allowed`];
		if (resolved.allOf) return this.checkObject(this.mergeAllOf(resolved), value, at);
		const type = resolved.type ?? (resolved.properties ? 'object' : undefined);
		const problems: string[] = [];
		if (resolved.enum && !resolved.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(resolved.enum)}`);
		switch (type) {
			case 'object':
				return problems.concat(this.checkObject(resolved, value, at));
			case 'array':
				return problems.concat(this.checkArray(resolved, value, at));
			case 'string':
				return problems.concat(this.checkString(resolved, value, at));
			case 'integer':
			case 'number':
				return problems.concat(this.checkNumber(resolved, type, value, at));
			case 'boolean':
				return typeof value === 'boolean' ? problems : problems.concat(`${at}: expected boolean, got ${jsonType(value)}`);
			case undefined:
				return problems;
			default:
				return problems.concat(`${at}: the checker does not know type ${type}`);
		}
	}

	private resolve(schema: SchemaObject): SchemaObject {
		let current = schema;
		for (let depth = 0; current.$ref; depth++) {
			if (depth > 50) throw new Error(`$ref loop at ${schema.$ref}`);
			const name = /^#\/definitions\/(.+)$/.exec(current.$ref)?.[1];
			const target = name ? this.model.definitions?.[decodeURIComponent(name)] : undefined;
			if (!target) throw new Error(`cannot resolve $ref ${current.$ref}`);
			current = target;
		}
		return current;
	}

	/** allOf: the value must satisfy every part, so the allowed properties are the union of the parts'. */
	private mergeAllOf(schema: SchemaObject): SchemaObject {
		const merged: SchemaObject = { type: 'object', properties: { ...schema.properties }, required: [...(schema.required ?? [])] };
		for (const part of schema.allOf ?? []) {
			const resolved = this.resolve(part);
			const flat = resolved.allOf ? this.mergeAllOf(resolved) : resolved;
			Object.assign(merged.properties ?? {}, flat.properties);
			merged.required?.push(...(flat.required ?? []));
			if (flat.additionalProperties) merged.additionalProperties = flat.additionalProperties;
		}
		return merged;
	}

	private checkObject(schema: SchemaObject, value: unknown, at: string): string[] {
		if (jsonType(value) !== 'object') return [`${at}: expected object, got ${jsonType(value)}`];
		const record = value as Record<string, unknown>;
		const properties = schema.properties ?? {};
		const problems: string[] = [];
		for (const name of schema.required ?? []) {
			if (record[name] === undefined) problems.push(`${at}: required property ${name} is missing`);
		}
		for (const [name, child] of Object.entries(record)) {
			const childAt = `${at}.${name}`;
			if (properties[name]) problems.push(...this.check(properties[name], child, childAt));
			else if (typeof schema.additionalProperties === 'object') problems.push(...this.check(schema.additionalProperties, child, childAt));
			else if (schema.additionalProperties !== true) problems.push(`${childAt}: property not defined by the model`);
		}
		return problems;
	}

	private checkArray(schema: SchemaObject, value: unknown, at: string): string[] {
		if (!Array.isArray(value)) return [`${at}: expected array, got ${jsonType(value)}`];
		const problems: string[] = [];
		if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
		if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at}: more than ${schema.maxItems} items`);
		if (schema.items) value.forEach((item, index) => problems.push(...this.check(schema.items as SchemaObject, item, `${at}[${index}]`)));
		return problems;
	}

	private checkString(schema: SchemaObject, value: unknown, at: string): string[] {
		if (typeof value !== 'string') return [`${at}: expected string, got ${jsonType(value)}`];
		const problems: string[] = [];
		if (schema.format === 'date-time' && !(DATE_TIME.test(value) && Number.isFinite(Date.parse(value)))) problems.push(`${at}: "${value}" is not an ISO 8601 date-time`);
		if (schema.format === 'date' && !DATE.test(value)) problems.push(`${at}: "${value}" is not an ISO 8601 date`);
		if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${at}: "${value}" does not match ${schema.pattern}`);
		if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`);
		if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength}`);
		return problems;
	}

	private checkNumber(schema: SchemaObject, type: 'integer' | 'number', value: unknown, at: string): string[] {
		if (typeof value !== 'number' || !Number.isFinite(value)) return [`${at}: expected ${type}, got ${jsonType(value)}`];
		if (type === 'integer' && !Number.isInteger(value)) return [`${at}: expected integer, got ${value}`];
		const problems: string[] = [];
		if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: ${value} is below ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: ${value} is above ${schema.maximum}`);
		return problems;
	}
}
