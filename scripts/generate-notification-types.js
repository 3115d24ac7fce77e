#!/usr/bin/env node
'use strict';
/**
 * Generates nodes/sp-api/generated/notificationTypes.generated.ts from Amazon's notification schemas
 * (../shared/spapi-models/schemas/notifications, or SPAPI_MODELS_DIR). For every schema it records the
 * notification type, the envelope casing (PascalCase or camelCase, read from the schema), the payload
 * versions and whether Amazon ships an example. The plain-words labels and descriptions below are
 * ours; generation fails when a schema has no description here or a description has no schema, so the
 * list cannot silently drift from Amazon's. The test suite re-runs generate() and compares.
 *
 *   node scripts/generate-notification-types.js            write the table
 *   node scripts/generate-notification-types.js --check    exit 1 if the committed table is stale
 */
const fs = require('fs');
const path = require('path');
const { defaultModelsDir, readSourceCommit, runGeneratorCli } = require('./lib/modelFacts');

const OUTPUT = path.join(__dirname, '..', 'nodes', 'sp-api', 'generated', 'notificationTypes.generated.ts');

/**
 * Amazon delivers these types only through the EventBridge workflow; every other type through SQS.
 * Source: https://developer-docs.amazon.com/sp-api/docs/set-up-notifications-with-amazon-eventbridge
 * ("If you want to receive any other notification type, ... refer to ... Amazon Simple Queue Service workflow").
 */
const EVENTBRIDGE_TYPES = new Set([
	'BRANDED_ITEM_CONTENT_CHANGE',
	'ITEM_PRODUCT_TYPE_CHANGE',
	'LISTINGS_ITEM_STATUS_CHANGE',
	'LISTINGS_ITEM_ISSUES_CHANGE',
	'LISTINGS_ITEM_MFN_QUANTITY_CHANGE',
	'PRODUCT_TYPE_DEFINITIONS_CHANGE',
]);

/**
 * Payload versions for schemas that name none (B2B_ANY_OFFER_CHANGED's schema has no version at all).
 * Source: the notificationType table of the Notifications API v1 use case guide
 * (https://developer-docs.amazon.com/sp-api/docs/notification-type-values), payload version 1.0.
 */
const DOCUMENTED_PAYLOAD_VERSIONS = {
	B2B_ANY_OFFER_CHANGED: ['1.0'],
};

/** Names and one-sentence descriptions for the type picker, in words a seller uses. */
const PLAIN_WORDS = {
	ANY_OFFER_CHANGED: ['Any Offer Changed', 'One of the top 20 offers on a product you sell changed (price, Buy Box, number of sellers)'],
	B2B_ANY_OFFER_CHANGED: ['B2B Any Offer Changed', 'One of the top 20 business (B2B) offers on a product you sell changed price'],
	BRANDED_ITEM_CONTENT_CHANGE: ['Branded Item Content Change', 'Title, description, bullet points or images of a product of your brand changed'],
	DATA_KIOSK_QUERY_PROCESSING_FINISHED: ['Data Kiosk Query Finished', 'A Data Kiosk query finished; the result document is ready'],
	DETAIL_PAGE_TRAFFIC_EVENT: ['Detail Page Traffic', 'Hourly page views (glance views) of your products'],
	FBA_INVENTORY_AVAILABILITY_CHANGES: ['FBA Inventory Availability Changes', 'Your FBA stock of a product changed (fulfillable, inbound, reserved, unfulfillable)'],
	FBA_OUTBOUND_SHIPMENT_STATUS: ['FBA Outbound Shipment Status', 'Amazon created or cancelled an FBA shipment for one of your orders'],
	FEE_PROMOTION: ['Fee Promotion', 'A fee promotion (reduced Amazon fees) became active for you'],
	FEED_PROCESSING_FINISHED: ['Feed Processing Finished', 'A feed you sent finished: done, cancelled or failed'],
	FULFILLMENT_ORDER_STATUS: ['Fulfillment Order Status', 'A Multi-Channel Fulfillment order changed status (shipped, delivered, returned, ...)'],
	ITEM_INVENTORY_EVENT_CHANGE: ['Item Inventory Change', 'Hourly change of the stock Amazon holds for your products'],
	ITEM_PRODUCT_TYPE_CHANGE: ['Item Product Type Change', 'The product type of a product of your brand changed'],
	ITEM_SALES_EVENT_CHANGE: ['Item Sales Change', 'Hourly units ordered and revenue of your products'],
	LISTINGS_ITEM_ISSUES_CHANGE: ['Listing Issues Change', 'Problems with one of your listings appeared, changed or were fixed'],
	LISTINGS_ITEM_MFN_QUANTITY_CHANGE: ['Listing Quantity Change (Self-Fulfilled)', 'The available quantity of a listing you ship yourself changed'],
	LISTINGS_ITEM_STATUS_CHANGE: ['Listing Status Change', 'A listing became buyable or not, was created or was deleted'],
	ORDER_CHANGE: ['Order Change', 'An order changed: new status, shipped, cancelled, or the buyer asked to cancel'],
	PRICING_HEALTH: ['Pricing Health', 'One of your offers lost the Buy Box because its price is not competitive'],
	PRODUCT_TYPE_DEFINITIONS_CHANGE: ['Product Type Definitions Change', 'Amazon published a new product type or product type version'],
	REPORT_PROCESSING_FINISHED: ['Report Processing Finished', 'A report you requested (or a scheduled one) is ready, cancelled or failed'],
	SHIPMENT_TRACKING_MILESTONE_CHANGED: ['Shipment Tracking Milestone Changed', 'A tracked shipment reached a new milestone (shipped, out for delivery, delivered, ...)'],
	TRANSACTION_UPDATE: ['Transaction Update', 'Money moved on your seller account: a refund, a sale, a fee, a reimbursement or another transaction posted'],
};


function schemasDir(modelsDir) {
	return path.join(modelsDir, 'schemas', 'notifications');
}

/** The schema object the document describes, following its root reference (one file spells it "#ref"). */
function rootSchema(document) {
	const ref = document.$ref || document['#ref'];
	if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
		const found = (document.definitions || {})[ref.slice('#/definitions/'.length)];
		if (found) return found;
	}
	return document;
}

function firstString(...values) {
	for (const value of values) {
		if (typeof value === 'string' && value) return value;
		if (Array.isArray(value)) {
			const text = value.find((v) => typeof v === 'string' && v);
			if (text) return text;
		}
	}
	return undefined;
}

/** Reads one schema file: type, casing, payload versions, whether Amazon ships an example. */
function describeSchema(file) {
	const document = JSON.parse(fs.readFileSync(file, 'utf8'));
	const root = rootSchema(document);
	const examples = Array.isArray(document.examples) ? document.examples : [];
	const properties = root.properties || {};
	const exampleKeys = examples.length ? Object.keys(examples[0]) : [];
	const keys = Object.keys(properties).length ? Object.keys(properties) : exampleKeys;
	let casing;
	if (keys.includes('NotificationType')) casing = 'pascal';
	else if (keys.includes('notificationType')) casing = 'camel';
	else throw new Error(`${path.basename(file)}: cannot tell the envelope casing`);
	const typeProperty = properties.NotificationType || properties.notificationType || {};
	const versionProperty = properties.PayloadVersion || properties.payloadVersion || {};
	const fromExamples = examples.map((e) => e.NotificationType || e.notificationType).filter(Boolean);
	const fromSchema = [typeProperty.const, ...(typeProperty.enum || []), ...(typeProperty.examples || [])].filter((v) => typeof v === 'string');
	const described = /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/.exec(`${document.description || ''} ${root.description || ''}`);
	const type = firstString(fromExamples, fromSchema, described && described[1]);
	if (!type) throw new Error(`${path.basename(file)}: no notification type found`);
	// the enum of LISTINGS_ITEM_STATUS_CHANGE says ..._CHANGED while its example (and Amazon's docs) say ..._CHANGE
	const aliases = [...new Set([...fromExamples, ...fromSchema])].filter((name) => name !== type);
	const versions = [
		...examples.map((e) => e.PayloadVersion || e.payloadVersion),
		versionProperty.const,
		...(versionProperty.enum || []),
		...(versionProperty.examples || []),
	].filter((v) => typeof v === 'string' && v);
	return { type, aliases, casing, payloadVersions: [...new Set(versions)], hasExample: examples.length > 0, schemaFile: path.basename(file) };
}

/** Date-style versions (2023-12-13) are newer than "1.0"; among dates the later one wins. */
function newestVersion(versions) {
	const dated = versions.filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)).sort();
	if (dated.length) return dated[dated.length - 1];
	return [...versions].sort((a, b) => Number(a) - Number(b))[versions.length - 1];
}

function buildNotificationTypes(modelsDir = defaultModelsDir()) {
	const dir = schemasDir(modelsDir);
	const byType = new Map();
	for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		const schema = describeSchema(path.join(dir, name));
		const existing = byType.get(schema.type);
		if (!existing) {
			byType.set(schema.type, { ...schema, schemaFiles: [schema.schemaFile] });
			continue;
		}
		if (existing.casing !== schema.casing) throw new Error(`${schema.type}: schema files disagree on the envelope casing`);
		existing.schemaFiles.push(schema.schemaFile);
		existing.payloadVersions = [...new Set([...existing.payloadVersions, ...schema.payloadVersions])];
		existing.aliases = [...new Set([...existing.aliases, ...schema.aliases])];
		existing.hasExample = existing.hasExample || schema.hasExample;
	}
	const missing = [...byType.keys()].filter((type) => !PLAIN_WORDS[type]);
	if (missing.length) throw new Error(`No plain-words description for ${missing.join(', ')}: add it to PLAIN_WORDS`);
	const orphans = Object.keys(PLAIN_WORDS).filter((type) => !byType.has(type));
	if (orphans.length) throw new Error(`PLAIN_WORDS describes types without a schema: ${orphans.join(', ')}`);
	return [...byType.values()]
		.sort((a, b) => (a.type < b.type ? -1 : 1))
		.map((entry) => {
			const fromSchema = entry.payloadVersions.length > 0;
			const payloadVersions = fromSchema ? entry.payloadVersions : DOCUMENTED_PAYLOAD_VERSIONS[entry.type];
			if (!payloadVersions) throw new Error(`${entry.type}: no payload version in its schema: add it to DOCUMENTED_PAYLOAD_VERSIONS`);
			if (fromSchema && DOCUMENTED_PAYLOAD_VERSIONS[entry.type]) {
				throw new Error(`${entry.type}: the schema now names its payload versions: remove it from DOCUMENTED_PAYLOAD_VERSIONS`);
			}
			const [label, description] = PLAIN_WORDS[entry.type];
			return {
				type: entry.type,
				label,
				description,
				workflow: EVENTBRIDGE_TYPES.has(entry.type) ? 'eventBridge' : 'sqs',
				casing: entry.casing,
				payloadVersions,
				defaultPayloadVersion: newestVersion(payloadVersions),
				payloadVersionSource: fromSchema ? 'schema' : 'documentation',
				aliases: entry.aliases,
				hasExample: entry.hasExample,
				schemaFiles: entry.schemaFiles,
			};
		});
}


function render(types, sourceCommit) {
	const body = types.map((t) => `\t${JSON.stringify(t)},`).join('\n');
	return `// GENERATED by scripts/generate-notification-types.js from amzn/selling-partner-api-models@${sourceCommit}
// (schemas/notifications). Do not edit by hand: run \`npm run generate:notification-types\`.
// A test fails when this drifts from the schemas.

export interface NotificationTypeSpec {
	/** Amazon's notificationType value. */
	readonly type: string;
	readonly label: string;
	readonly description: string;
	/** How Amazon delivers the type: an SQS queue, or an EventBridge partner event source. */
	readonly workflow: 'sqs' | 'eventBridge';
	/** Envelope casing: NotificationType/Payload (pascal) or notificationType/payload (camel). */
	readonly casing: 'pascal' | 'camel';
	readonly payloadVersions: readonly string[];
	/** The version ACORN subscribes with: the newest the schemas describe. */
	readonly defaultPayloadVersion: string;
	/** Where the versions come from: the schema, or Amazon's documentation when the schema names none. */
	readonly payloadVersionSource: 'schema' | 'documentation';
	/** Other spellings of the type found in the schema. */
	readonly aliases: readonly string[];
	/** False when Amazon's schema ships no example envelope. */
	readonly hasExample: boolean;
	readonly schemaFiles: readonly string[];
}

export const NOTIFICATION_SCHEMAS_COMMIT = ${JSON.stringify(sourceCommit)};

export const NOTIFICATION_TYPES: readonly NotificationTypeSpec[] = [
${body}
];
`;
}

function generate(modelsDir = defaultModelsDir()) {
	return render(buildNotificationTypes(modelsDir), readSourceCommit(modelsDir));
}

module.exports = { buildNotificationTypes, describeSchema, generate, defaultModelsDir, OUTPUT, PLAIN_WORDS, EVENTBRIDGE_TYPES, DOCUMENTED_PAYLOAD_VERSIONS };

if (require.main === module) {
	runGeneratorCli({
		output: OUTPUT,
		generate,
		requiredDir: path.join('schemas', 'notifications'),
		command: 'npm run generate:notification-types',
		upToDate: 'notification type table matches the schemas',
		written: (dir) => `wrote ${buildNotificationTypes(dir).length} notification types`,
	});
}
