import * as fs from 'node:fs';
import { NOTIFICATION_TYPES } from '../../nodes/sp-api/generated/notificationTypes.generated';
import { parseNotification } from '../../nodes/sp-api/notifications/envelope';
import { FIELDS_FIRST, fieldsFirst, specPaths } from '../../nodes/sp-api/notifications/fieldsFirst';
import { notificationItem } from '../../nodes/sp-api/notifications/item';
import { findNotificationType } from '../../nodes/sp-api/notifications/types';
import { requireModelsDir } from '../helpers/models';
import { envelopesOf, loadNotificationSchemas, SchemaWalker } from '../helpers/notificationSchemas';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-notification-types.js') as {
	generate(dir: string): string;
	OUTPUT: string;
};

const modelsDir = requireModelsDir('the notification type table and the notification parser');

(modelsDir ? describe : describe.skip)('notification types generated from Amazon’s schemas', () => {
	it('is exactly what the generator makes from the schemas', () => {
		expect(fs.readFileSync(generator.OUTPUT, 'utf8')).toBe(generator.generate(modelsDir!));
	});

	it('has one entry per notification type that has a schema, with the casing the schema uses', () => {
		const schemas = loadNotificationSchemas(modelsDir!);
		const files = NOTIFICATION_TYPES.flatMap((t) => t.schemaFiles).sort();
		expect(files).toEqual(schemas.map((s) => s.file).sort());
		for (const schema of schemas) {
			const walker = new SchemaWalker(schema.document);
			const keys = Object.keys(walker.root?.properties ?? {}).concat(Object.keys((schema.document.examples?.[0] as object) ?? {}));
			const spec = NOTIFICATION_TYPES.find((t) => t.schemaFiles.includes(schema.file))!;
			expect([schema.file, keys.includes(spec.casing === 'pascal' ? 'NotificationType' : 'notificationType')]).toEqual([schema.file, true]);
		}
	});

	it('matches sp-api-facts.md on casing and names the types the issue lists', () => {
		const casing = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t.type, t.casing]));
		for (const type of ['REPORT_PROCESSING_FINISHED', 'FEED_PROCESSING_FINISHED', 'DATA_KIOSK_QUERY_PROCESSING_FINISHED']) expect(casing[type]).toBe('camel');
		for (const type of ['ORDER_CHANGE', 'TRANSACTION_UPDATE', 'ANY_OFFER_CHANGED', 'FEE_PROMOTION', 'FBA_OUTBOUND_SHIPMENT_STATUS', 'FULFILLMENT_ORDER_STATUS']) {
			expect(casing[type]).toBe('pascal');
		}
		expect(findNotificationType('LISTINGS_ITEM_STATUS_CHANGED')?.type).toBe('LISTINGS_ITEM_STATUS_CHANGE');
		expect(findNotificationType('REPORT_PROCESSING_FINISHED')).toMatchObject({ defaultPayloadVersion: '2020-09-04', workflow: 'sqs' });
	});
});

(modelsDir ? describe : describe.skip)('every notification type parses from Amazon’s examples', () => {
	const schemas = modelsDir ? loadNotificationSchemas(modelsDir) : [];
	const cases = schemas.flatMap((schema) => {
		const spec = NOTIFICATION_TYPES.find((t) => t.schemaFiles.includes(schema.file))!;
		return envelopesOf(schema, spec.type).map((sample, index) => ({ schema, spec, index, ...sample }));
	});

	it.each(cases.map((c) => [`${c.schema.file} #${c.index}${c.official ? '' : ' (built from the schema: Amazon ships no example)'}`, c]))(
		'%s',
		(_name, c) => {
			const bodies = {
				plain: JSON.stringify(c.envelope),
				doubleEncoded: JSON.stringify(JSON.stringify(c.envelope)),
				eventBridge: JSON.stringify({ version: '0', id: 'ev-1', 'detail-type': c.spec.type, source: 'aws.partner/sellingpartnerapi.amazon/amzn1.sellerapps.app.x', detail: c.envelope }),
				eventBridgeWithEncodedDetail: { version: '0', id: 'ev-1', source: 'aws.partner/x', detail: JSON.stringify(c.envelope) },
				sns: JSON.stringify({ Type: 'Notification', TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: JSON.stringify(c.envelope) }),
			};
			for (const [how, body] of Object.entries(bodies)) {
				const result = parseNotification(body);
				if (!result.ok) throw new Error(`${how}: ${result.reason}`);
				const n = result.notification;
				expect([how, n.notificationType]).toEqual([how, c.spec.type]);
				expect(n.payload).toEqual(c.envelope[c.spec.casing === 'pascal' ? 'Payload' : 'payload']);
				expect(n.envelope).toEqual(c.envelope);
				if (c.official) {
					const meta = (c.envelope.NotificationMetadata ?? c.envelope.notificationMetadata) as Record<string, string> | undefined;
					expect(n.notificationId).toBe(meta?.NotificationId ?? meta?.notificationId);
					expect(n.eventTime).toBe(c.envelope.EventTime ?? c.envelope.eventTime);
					expect(c.spec.payloadVersions).toContain(n.payloadVersion);
				}
			}
			const parsed = parseNotification(bodies.plain);
			if (!parsed.ok) throw new Error(parsed.reason);
			const item = notificationItem(parsed.notification, c.envelope, {
				kind: 'sqs',
				queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q',
				messageId: 'm-1',
			});
			expect(item.notificationType).toBe(c.spec.type);
			expect(item.raw).toEqual(c.envelope);
		},
	);

	it('every type has "fields first", every path exists in Amazon’s schema, and the examples fill every field', () => {
		const problems: string[] = [];
		for (const spec of NOTIFICATION_TYPES) {
			const fields = FIELDS_FIRST[spec.type];
			if (!fields?.length) {
				problems.push(`${spec.type}: no fields-first list`);
				continue;
			}
			for (const file of spec.schemaFiles) {
				const schema = schemas.find((s) => s.file === file)!;
				const walker = new SchemaWalker(schema.document);
				const payloadSchema = walker.at(walker.root, spec.casing === 'pascal' ? 'Payload' : 'payload');
				if (walker.describesStructure) {
					for (const field of fields) {
						for (const path of specPaths(field)) if (!walker.at(payloadSchema, path)) problems.push(`${file}: ${field.field} reads ${path}, which the schema does not define`);
					}
				}
				for (const { envelope, official } of envelopesOf(schema, spec.type)) {
					const payload = envelope[spec.casing === 'pascal' ? 'Payload' : 'payload'];
					const values = fieldsFirst(spec.type, payload);
					const empty = fields.map((f) => f.field).filter((name) => !(name in values));
					// Amazon's examples omit optional parts (errorDocumentId when a query succeeded); a built sample has every property
					const allowedEmpty = official ? OPTIONAL_IN_EXAMPLES[spec.type] ?? [] : [];
					for (const name of empty.filter((n) => !allowedEmpty.includes(n))) problems.push(`${file}${official ? '' : ' (built)'}: ${name} is empty`);
				}
			}
		}
		expect(problems).toEqual([]);
		expect(Object.keys(FIELDS_FIRST).sort()).toEqual(NOTIFICATION_TYPES.map((t) => t.type).sort());
	});

	it('lifts what a person wants first for TRANSACTION_UPDATE and REPORT_PROCESSING_FINISHED, money exact', () => {
		const tu = schemas.find((s) => s.file === 'TransactionUpdateNotification.json')!.document.examples![0] as Record<string, unknown>;
		const parsed = parseNotification(JSON.stringify(tu));
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(fieldsFirst('TRANSACTION_UPDATE', parsed.notification.payload)).toEqual({
			transactionType: 'Shipment',
			orderId: '8129762527551',
			amount: '10.00',
			currency: 'USD',
			postedDate: '2023-07-14T03:35:13.214Z',
			marketplaceId: 'ATIV93840DER',
			sellerId: 'A3TH9S8BH6GOGM',
			accountType: 'PAYABLE',
		});
		const report = schemas.find((s) => s.file === 'ReportProcessingFinishedNotification.json')!.document.examples![0] as Record<string, unknown>;
		const reportParsed = parseNotification(report);
		if (!reportParsed.ok) throw new Error(reportParsed.reason);
		expect(fieldsFirst('REPORT_PROCESSING_FINISHED', reportParsed.notification.payload)).toMatchObject({
			reportId: '54517018502',
			reportType: 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA',
			processingStatus: expect.any(String),
			reportDocumentId: expect.stringMatching(/^amzn1\.tortuga/),
		});
	});
});

/** Fields Amazon's official example leaves out because they are optional in that situation. */
const OPTIONAL_IN_EXAMPLES: Record<string, string[]> = {
	DATA_KIOSK_QUERY_PROCESSING_FINISHED: ['errorDocumentId'],
	// the second example of each is a vendor's: an accountId and no sellerId
	REPORT_PROCESSING_FINISHED: ['sellerId'],
	FEED_PROCESSING_FINISHED: ['sellerId'],
};

describe('notification envelope parsing (no models needed)', () => {
	const pascal = {
		NotificationVersion: '1.0',
		NotificationType: 'ORDER_CHANGE',
		PayloadVersion: '1.0',
		EventTime: '2026-03-01T10:00:00Z',
		NotificationMetadata: { NotificationId: 'n-1', SubscriptionId: 's-1', PublishTime: '2026-03-01T10:00:01Z', ApplicationId: 'app' },
		Payload: { OrderChangeNotification: { AmazonOrderId: '111-1', Summary: { MarketplaceId: 'A1VC38T7YXB528' }, OrderChangeTrigger: { TimeOfOrderChange: '2026-03-01T10:00:00Z' } } },
	};

	it('reads both casings and marketplace-local time', () => {
		const result = parseNotification(JSON.stringify(pascal));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.notification).toMatchObject({ notificationType: 'ORDER_CHANGE', notificationId: 'n-1', subscriptionId: 's-1', wrappers: [] });
		expect(fieldsFirst('ORDER_CHANGE', result.notification.payload)).toMatchObject({
			orderId: '111-1',
			marketplaceId: 'A1VC38T7YXB528',
			marketplaceCountry: 'JP',
			timeOfOrderChangeLocal: '2026-03-01T19:00:00+09:00',
		});
	});

	it('tells why a message is not a notification', () => {
		expect(parseNotification('')).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
		expect(parseNotification('{not json')).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
		expect(parseNotification('[1,2]')).toMatchObject({ ok: false, reason: expect.stringMatching(/array/) });
		expect(parseNotification('{"hello":"world"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/notificationType/) });
		expect(parseNotification('{"notificationType":"X","payload":5}')).toMatchObject({ ok: false, reason: expect.stringMatching(/no payload/) });
		let deep: unknown = pascal;
		for (let i = 0; i < 7; i++) deep = JSON.stringify(deep);
		expect(parseNotification(deep)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than/) });
	});

	it('accepts a payload that was itself JSON-encoded and money that is text', () => {
		const body = {
			...pascal,
			NotificationType: 'TRANSACTION_UPDATE',
			Payload: JSON.stringify({ TransactionUpdateNotification: { TotalAmount: { CurrencyAmount: '-1500', CurrencyCode: 'JPY' } } }),
		};
		const result = parseNotification(body);
		if (!result.ok) throw new Error(result.reason);
		expect(fieldsFirst('TRANSACTION_UPDATE', result.notification.payload)).toEqual({ amount: '-1500', currency: 'JPY' });
	});
});
