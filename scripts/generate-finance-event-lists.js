#!/usr/bin/env node
'use strict';
/**
 * Generates nodes/sp-api/generated/financeEventLists.generated.ts from Amazon's finances v0 model
 * (financesV0.json): every list of `FinancialEvents` with its event definition, description, date field,
 * identifier fields and where money sits inside the event. ACORN's "one item per event" output and its
 * money flattening are driven by this table, so a new list in Amazon's model shows up after regenerating.
 * The generated file is committed; a test re-runs buildEventListTable() and fails on drift.
 *
 *   node scripts/generate-finance-event-lists.js            write the table
 *   node scripts/generate-finance-event-lists.js --check    exit 1 if the committed table is stale
 */
const fs = require('fs');
const path = require('path');
const { defaultModelsDir, readSourceCommit, runGeneratorCli } = require('./lib/modelFacts');

const MODEL = 'finances-api-model/financesV0.json';
const OUTPUT = path.join(__dirname, '..', 'nodes', 'sp-api', 'generated', 'financeEventLists.generated.ts');

/**
 * Amount groups for the "component" definitions: objects that hold exactly one money value and a
 * `...Type` string naming what it is (ChargeType "Principal", FeeType "Commission", ...). Any other
 * component the model may add later gets a group named after its definition.
 */
const COMPONENT_GROUPS = {
	ChargeComponent: 'charges',
	ChargeRefundTransaction: 'charges',
	FeeComponent: 'fees',
	Promotion: 'promotions',
	DirectPayment: 'directPayments',
};

/** Identifier fields a person looks for first, matched by name (the model spells them differently). */
const IDENTIFIER_FIELDS = {
	amazonOrderId: ['AmazonOrderId', 'OrderId'],
	sellerOrderId: ['SellerOrderId', 'MerchantOrderId'],
	marketplaceName: ['MarketplaceName'],
	marketplaceId: ['MarketplaceId'],
	sellerSku: ['SellerSKU', 'SKU'],
	asin: ['ASIN', 'ParentASIN'],
};


function refName(schema) {
	return schema && schema.$ref ? schema.$ref.replace(/^#\/definitions\//, '') : undefined;
}

function loadModel(modelsDir) {
	return JSON.parse(fs.readFileSync(path.join(modelsDir, 'models', MODEL), 'utf8'));
}

function oneLine(text) {
	return String(text || '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The definition an array or $ref points to, following array-typed definitions (`XList` = array of X). */
function elementDefinition(definitions, schema) {
	let current = schema;
	for (let depth = 0; current && depth < 10; depth++) {
		if (current.type === 'array' && current.items) {
			current = current.items;
			continue;
		}
		const name = refName(current);
		if (!name) return { name: undefined, schema: current };
		const target = definitions[name];
		if (target && target.type === 'array' && target.items) {
			current = target.items;
			continue;
		}
		return { name, schema: target };
	}
	return { name: undefined, schema: current };
}

function isMoney(definitions, schema) {
	return elementDefinition(definitions, schema).name === 'Currency';
}

function isDate(definitions, schema) {
	const { name, schema: resolved } = elementDefinition(definitions, schema);
	return name === 'Date' || (resolved && resolved.format === 'date-time');
}

function isString(definitions, schema) {
	const { schema: resolved } = elementDefinition(definitions, schema);
	return Boolean(resolved) && resolved.type === 'string' && resolved.format !== 'date-time';
}

/** A component: one money value plus a `...Type` string, below the event itself. */
function componentOf(definitions, definitionName, definition, depth) {
	if (depth === 0 || !definition || !definition.properties) return undefined;
	const props = Object.entries(definition.properties);
	const money = props.filter(([, schema]) => isMoney(definitions, schema));
	const typeField = props.find(([name, schema]) => /Type$/.test(name) && isString(definitions, schema));
	if (money.length !== 1 || !typeField) return undefined;
	const group = COMPONENT_GROUPS[definitionName] || `${definitionName.charAt(0).toLowerCase()}${definitionName.slice(1)}s`;
	return { group, typeField: typeField[0] };
}

/** Every money value reachable from an event definition, with the path of property names leading to it. */
function moneyPaths(definitions, definitionName, prefix = [], depth = 0, seen = new Set()) {
	const definition = definitions[definitionName];
	if (!definition || !definition.properties || seen.has(definitionName)) return [];
	const nextSeen = new Set(seen).add(definitionName);
	const component = componentOf(definitions, definitionName, definition, depth);
	const out = [];
	for (const [name, schema] of Object.entries(definition.properties)) {
		const here = [...prefix, name];
		if (isMoney(definitions, schema)) {
			const taxWithheld = here.some((segment) => /TaxWithheld|TaxesWithheld/.test(segment));
			if (component) out.push({ path: here, group: taxWithheld ? 'taxWithheld' : component.group, typeField: component.typeField });
			else out.push({ path: here, group: 'amounts' });
			continue;
		}
		const element = elementDefinition(definitions, schema);
		if (element.name && element.schema && element.schema.properties) {
			out.push(...moneyPaths(definitions, element.name, here, depth + 1, nextSeen));
		}
	}
	return out;
}

function topLevelField(definitions, definition, candidates) {
	const props = definition.properties || {};
	return candidates.find((name) => props[name] && isString(definitions, props[name]));
}

function buildEventListTable(modelsDir = defaultModelsDir()) {
	const model = loadModel(modelsDir);
	const definitions = model.definitions;
	const financialEvents = definitions.FinancialEvents;
	return Object.entries(financialEvents.properties).map(([list, schema]) => {
		const { name: eventModel, schema: definition } = elementDefinition(definitions, schema);
		if (!eventModel || !definition) throw new Error(`FinancialEvents.${list} does not point to an event definition`);
		const props = Object.entries(definition.properties || {});
		const dates = props.filter(([, child]) => isDate(definitions, child)).map(([name]) => name);
		const dateField = dates.find((name) => /posted/i.test(name)) || dates.find((name) => /date/i.test(name)) || null;
		const identifiers = {};
		for (const [key, candidates] of Object.entries(IDENTIFIER_FIELDS)) {
			const found = topLevelField(definitions, definition, candidates);
			if (found) identifiers[key] = found;
		}
		return {
			list,
			eventType: list.replace(/EventList$/, ''),
			model: eventModel,
			description: oneLine(definition.description),
			dateField,
			identifiers,
			money: moneyPaths(definitions, eventModel),
		};
	});
}


function render(lists, sourceCommit) {
	const body = lists.map((entry) => `\t${JSON.stringify(entry)},`).join('\n');
	return `// GENERATED by scripts/generate-finance-event-lists.js from amzn/selling-partner-api-models@${sourceCommit}
// (${MODEL}). Do not edit by hand: run \`npm run generate:event-lists\`. A test fails when this drifts from the model.
import type { FinanceEventListSpec } from '../finances/eventListSpec';

export const FINANCE_EVENT_LISTS = [
${body}
] as const satisfies readonly FinanceEventListSpec[];

export type FinanceEventListName = (typeof FINANCE_EVENT_LISTS)[number]['list'];
`;
}

function generate(modelsDir = defaultModelsDir()) {
	return render(buildEventListTable(modelsDir), readSourceCommit(modelsDir));
}

module.exports = { buildEventListTable, generate, OUTPUT, MODEL };

if (require.main === module) {
	runGeneratorCli({
		output: OUTPUT,
		generate,
		requiredDir: 'models',
		command: 'npm run generate:event-lists',
		upToDate: 'finance event list table matches the model',
		written: (dir) => `wrote ${buildEventListTable(dir).length} event lists`,
	});
}
