#!/usr/bin/env node
'use strict';
/**
 * Generates nodes/sp-api/generated/operations.generated.ts from Amazon's official SP-API models
 * (../shared/spapi-models by default, or SPAPI_MODELS_DIR). The generated file is committed; the
 * test suite re-runs buildOperationTable() and fails when the committed table drifts from the models.
 *
 *   node scripts/generate-operation-table.js            write the table
 *   node scripts/generate-operation-table.js --check    exit 1 if the committed table is stale
 */
const fs = require('fs');
const path = require('path');
const { defaultModelsDir, readSourceCommit, runGeneratorCli } = require('./lib/modelFacts');

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'];
const TOKEN_PARAMS = ['NextToken', 'nextToken', 'nextPageToken'];
const OUTPUT = path.join(__dirname, '..', 'nodes', 'sp-api', 'generated', 'operations.generated.ts');

/**
 * Writes that are harmless to repeat even though they use POST: they only compute or issue something
 * and move no money or goods. Everything else that is not a GET counts as "may have taken effect".
 */
const READ_ONLY_POSTS = {
	getFulfillmentPreview: 'computes a preview, creates nothing',
	deliveryOffers: 'computes delivery offers, creates nothing',
	createRestrictedDataToken: 'issues a short-lived token, changes no seller data',
};


function listModelFiles(modelsDir) {
	const root = path.join(modelsDir, 'models');
	const files = [];
	for (const dir of fs.readdirSync(root).sort()) {
		const full = path.join(root, dir);
		if (!fs.statSync(full).isDirectory()) continue;
		for (const file of fs.readdirSync(full).sort()) {
			if (file.endsWith('.json')) files.push(path.join(full, file));
		}
	}
	return files;
}

/** "seller-wallet-api-model" -> "sellerWallet" */
function apiFamily(modelDirName) {
	return modelDirName
		.replace(/-api-model$/, '')
		.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

/** Reads "| Rate | Burst |" rows from an operation description; null when Amazon publishes no plan. */
function parseUsagePlan(description) {
	if (!description) return null;
	const match = /\*\*Usage Plan:\*\*[\s\S]*?\|\s*-+\s*\|\s*-+\s*\|\s*\n\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|/i.exec(
		description,
	);
	if (!match) return null;
	return { rate: Number(match[1]), burst: Number(match[2]) };
}

function resolveRef(model, ref) {
	if (!ref || !ref.startsWith('#/')) return undefined;
	return ref
		.slice(2)
		.split('/')
		.reduce((node, key) => (node ? node[key] : undefined), model);
}

function resolveSchema(model, schema, depth = 0) {
	if (!schema || depth > 10) return schema;
	if (schema.$ref) return resolveSchema(model, resolveRef(model, schema.$ref), depth + 1);
	return schema;
}

function resolveParameter(model, parameter) {
	return parameter.$ref ? resolveRef(model, parameter.$ref) : parameter;
}

/** Where the next-page token sits in a 200 answer: "payload.NextToken", "nextToken", ... */
function findResponseToken(model, operation) {
	const success = operation.responses && (operation.responses['200'] || operation.responses['201']);
	const schema = resolveSchema(model, success && success.schema);
	if (!schema || !schema.properties) return null;
	for (const name of TOKEN_PARAMS) {
		if (schema.properties[name]) return name;
	}
	const payload = resolveSchema(model, schema.properties.payload);
	if (payload && payload.properties) {
		for (const name of TOKEN_PARAMS) {
			if (payload.properties[name]) return `payload.${name}`;
		}
		// Vendor APIs nest the token one level deeper: payload.pagination.nextToken.
		const pagination = resolveSchema(model, payload.properties.pagination);
		if (pagination && pagination.properties) {
			for (const name of TOKEN_PARAMS) {
				if (pagination.properties[name]) return `payload.pagination.${name}`;
			}
		}
	}
	return null;
}

/**
 * The six paging styles of ../shared/notes/sp-api-facts.md, recognised from the model itself:
 * the request parameter name, where the answer carries the token, and getReports' "only parameter" rule.
 */
function detectPagination(model, operation, parameters) {
	const tokenParam = parameters.find((p) => p.in === 'query' && TOKEN_PARAMS.includes(p.name));
	if (!tokenParam) return null;
	const responseToken = findResponseToken(model, operation);
	if (!responseToken) return null;
	const tokenAlone = /as the only parameter/i.test(tokenParam.description || '');
	let style;
	if (tokenAlone) style = 'tokenAlone';
	else if (tokenParam.name === 'NextToken') style = 'payloadPascal';
	else if (tokenParam.name === 'nextPageToken') style = 'nextPageToken';
	else if (responseToken.startsWith('payload.pagination.')) style = 'payloadPagination';
	else if (responseToken.startsWith('payload.')) style = 'payloadCamel';
	else style = 'topLevel';
	return { style, requestParam: tokenParam.name, responseToken };
}

function describeParameter(parameter) {
	const entry = { name: parameter.name, in: parameter.in, required: Boolean(parameter.required) };
	if (parameter.type === 'array') {
		entry.array = true;
		if (parameter.collectionFormat) entry.collectionFormat = parameter.collectionFormat;
	}
	return entry;
}

function buildOperationTable(modelsDir = defaultModelsDir()) {
	const operations = [];
	for (const file of listModelFiles(modelsDir)) {
		const model = JSON.parse(fs.readFileSync(file, 'utf8'));
		const family = apiFamily(path.basename(path.dirname(file)));
		const modelPath = path.relative(path.join(modelsDir, 'models'), file).split(path.sep).join('/');
		for (const [route, pathItem] of Object.entries(model.paths || {})) {
			const shared = (pathItem.parameters || []).map((p) => resolveParameter(model, p));
			for (const method of HTTP_METHODS) {
				const operation = pathItem[method];
				if (!operation || !operation.operationId) continue;
				const own = (operation.parameters || []).map((p) => resolveParameter(model, p));
				const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name)), ...own];
				const usagePlan = parseUsagePlan(operation.description);
				const upper = method.toUpperCase();
				operations.push({
					operationId: operation.operationId,
					api: family,
					apiVersion: model.info.version,
					model: modelPath,
					method: upper,
					path: (model.basePath && model.basePath !== '/' ? model.basePath : '') + route,
					rate: usagePlan ? usagePlan.rate : null,
					burst: usagePlan ? usagePlan.burst : null,
					pagination: detectPagination(model, operation, parameters),
					grantless: /is grantless/i.test(operation.description || ''),
					sandboxOnly: pathItem['x-amzn-api-sandbox-only'] === true,
					safeToRepeat: upper === 'GET' || upper === 'HEAD' || operation.operationId in READ_ONLY_POSTS,
					parameters: parameters.filter((p) => p.in !== 'body').map(describeParameter),
					hasBody: parameters.some((p) => p.in === 'body'),
				});
			}
		}
	}
	// An operationId is the key when it is unique across all models; otherwise it is qualified by its API.
	const counts = new Map();
	for (const op of operations) counts.set(op.operationId, (counts.get(op.operationId) || 0) + 1);
	for (const op of operations) {
		op.key = counts.get(op.operationId) > 1 ? `${op.api}.${op.operationId}` : op.operationId;
	}
	operations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return operations.map(({ key, ...rest }) => ({ key, ...rest }));
}


function renderTable(operations, sourceCommit) {
	const body = operations.map((op) => `\t${JSON.stringify(op.key)}: ${JSON.stringify(op)},`).join('\n');
	return `// GENERATED by scripts/generate-operation-table.js from amzn/selling-partner-api-models@${sourceCommit}.
// Do not edit by hand: run \`npm run generate:operations\`. A test fails when this drifts from the models.
import type { OperationSpec } from '../operationSpec';

export const MODELS_COMMIT = ${JSON.stringify(sourceCommit)};

export const OPERATIONS = {
${body}
} as const satisfies Record<string, OperationSpec>;

export type OperationKey = keyof typeof OPERATIONS;
`;
}

function generate(modelsDir = defaultModelsDir()) {
	return renderTable(buildOperationTable(modelsDir), readSourceCommit(modelsDir));
}

module.exports = { buildOperationTable, parseUsagePlan, generate, defaultModelsDir, OUTPUT, READ_ONLY_POSTS };

if (require.main === module) {
	runGeneratorCli({
		output: OUTPUT,
		generate,
		requiredDir: 'models',
		command: 'npm run generate:operations',
		upToDate: 'operation table matches the models',
		written: (dir) => `wrote ${buildOperationTable(dir).length} operations`,
	});
}
