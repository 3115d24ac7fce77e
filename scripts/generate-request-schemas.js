#!/usr/bin/env node
'use strict';
/**
 * Generates test/emulator/generated/requestSchemas.generated.ts: what Amazon's models say a request of
 * the vendor APIs must look like (each query/path parameter's type, format, enum and range, and the body
 * schema with the definitions it refers to). The emulator checks every vendor request against it with its
 * Swagger checker (test/emulator/schemaCheck.ts) and answers 400 like Amazon when it does not fit, so a
 * node that builds a wrong body fails its tests. Descriptions and examples are left out to keep it small.
 * The file is committed; a test re-runs buildRequestSchemas() and fails when it drifts from the models.
 *
 *   node scripts/generate-request-schemas.js            write the file
 *   node scripts/generate-request-schemas.js --check    exit 1 if the committed file is stale
 */
const fs = require('fs');
const path = require('path');
const { defaultModelsDir, readSourceCommit, runGeneratorCli } = require('./lib/modelFacts');
const { buildOperationTable } = require('./generate-operation-table.js');

const OUTPUT = path.join(__dirname, '..', 'test', 'emulator', 'generated', 'requestSchemas.generated.ts');

/** The APIs whose requests the emulator checks (the vendor APIs, the first it serves writes for that carry a body). */
const CHECKED_APIS = ['vendorOrders', 'vendorShipments', 'vendorInvoices', 'vendorTransactionStatus'];

/** Schema keywords the emulator's checker reads; everything else (descriptions, examples, x-…) is dropped. */
const KEPT = ['$ref', 'type', 'format', 'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'properties', 'required', 'additionalProperties', 'items', 'allOf', 'x-nullable'];

function strip(schema) {
	if (Array.isArray(schema)) return schema.map(strip);
	if (!schema || typeof schema !== 'object') return schema;
	const out = {};
	for (const key of KEPT) {
		if (!(key in schema)) continue;
		const value = schema[key];
		if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, strip(child)]));
		else if (key === 'items' || key === 'additionalProperties') out[key] = typeof value === 'object' ? strip(value) : value;
		else if (key === 'allOf') out.allOf = value.map(strip);
		else out[key] = value;
	}
	return out;
}

/** Names of the definitions a schema reaches, directly or through other definitions. */
function reachableDefinitions(model, schema, found = new Set()) {
	const visit = (node) => {
		if (Array.isArray(node)) return node.forEach(visit);
		if (!node || typeof node !== 'object') return;
		const ref = typeof node.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(node.$ref) : null;
		if (ref && !found.has(ref[1])) {
			found.add(ref[1]);
			visit(model.definitions[ref[1]]);
		}
		Object.values(node).forEach(visit);
	};
	visit(schema);
	return found;
}

function resolveParameter(model, parameter) {
	if (!parameter.$ref || !parameter.$ref.startsWith('#/')) return parameter;
	return parameter.$ref
		.slice(2)
		.split('/')
		.reduce((node, key) => (node ? node[key] : undefined), model);
}

function buildRequestSchemas(modelsDir = defaultModelsDir()) {
	const operations = {};
	const models = {};
	for (const op of buildOperationTable(modelsDir).filter((candidate) => CHECKED_APIS.includes(candidate.api))) {
		const model = JSON.parse(fs.readFileSync(path.join(modelsDir, 'models', op.model), 'utf8'));
		const pathItem = model.paths[op.path];
		const operation = pathItem[op.method.toLowerCase()];
		const parameters = [...(pathItem.parameters || []), ...(operation.parameters || [])].map((p) => resolveParameter(model, p));
		const entry = { model: op.model, parameters: [] };
		const used = models[op.model] || new Set();
		for (const parameter of parameters) {
			if (parameter.in === 'body') {
				entry.body = strip(parameter.schema);
				entry.bodyRequired = parameter.required === true;
				reachableDefinitions(model, parameter.schema, used);
				continue;
			}
			const { name, in: where, required, ...rest } = parameter;
			entry.parameters.push({ name, in: where, required: required === true, schema: strip(rest) });
		}
		models[op.model] = used;
		operations[op.key] = entry;
	}
	const definitions = {};
	for (const [file, names] of Object.entries(models).sort(([a], [b]) => a.localeCompare(b))) {
		const model = JSON.parse(fs.readFileSync(path.join(modelsDir, 'models', file), 'utf8'));
		definitions[file] = Object.fromEntries([...names].sort().map((name) => [name, strip(model.definitions[name])]));
	}
	return { operations: Object.fromEntries(Object.keys(operations).sort().map((key) => [key, operations[key]])), definitions };
}

function render({ operations, definitions }, sourceCommit) {
	const operationLines = Object.entries(operations)
		.map(([key, entry]) => `\t${JSON.stringify(key)}: ${JSON.stringify(entry)},`)
		.join('\n');
	const definitionLines = Object.entries(definitions)
		.map(([file, defs]) => `\t${JSON.stringify(file)}: {\n${Object.entries(defs).map(([name, schema]) => `\t\t${JSON.stringify(name)}: ${JSON.stringify(schema)},`).join('\n')}\n\t},`)
		.join('\n');
	return `// GENERATED by scripts/generate-request-schemas.js from amzn/selling-partner-api-models@${sourceCommit}.
// Do not edit by hand: run \`npm run generate:request-schemas\`. A test fails when this drifts from the models.
// What a request of the vendor APIs must look like, per operation key, for the emulator's request check.
import type { SchemaObject } from '../schemaCheck';

export interface RequestParameterSchema {
	readonly name: string;
	readonly in: 'path' | 'query' | 'header' | 'formData';
	readonly required: boolean;
	readonly schema: SchemaObject;
}

export interface OperationRequestSchema {
	/** Model file, the key of its definitions below. */
	readonly model: string;
	readonly parameters: readonly RequestParameterSchema[];
	readonly body?: SchemaObject;
	readonly bodyRequired?: boolean;
}

export const REQUEST_SCHEMAS_MODELS_COMMIT = ${JSON.stringify(sourceCommit)};

export const REQUEST_SCHEMAS: Readonly<Record<string, OperationRequestSchema>> = {
${operationLines}
};

/** The definitions each model's request bodies refer to. */
export const REQUEST_DEFINITIONS: Readonly<Record<string, Record<string, SchemaObject>>> = {
${definitionLines}
};
`;
}

function generate(modelsDir = defaultModelsDir()) {
	return render(buildRequestSchemas(modelsDir), readSourceCommit(modelsDir));
}

module.exports = { buildRequestSchemas, generate, OUTPUT, CHECKED_APIS };

if (require.main === module) {
	runGeneratorCli({
		output: OUTPUT,
		generate,
		requiredDir: 'models',
		command: 'npm run generate:request-schemas',
		upToDate: 'request schemas match the models',
		written: (dir) => `wrote the request schemas of ${Object.keys(buildRequestSchemas(dir).operations).length} operations`,
	});
}
