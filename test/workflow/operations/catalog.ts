/**
 * Every operation of every ACORN action node, derived from the built nodes' descriptions (the
 * Resource and Operation options, exactly what a person can pick), and for each one the parameters of
 * a run that works against the emulator. A new operation without an entry here fails
 * `catalogMatchesNodes()`, so the error-text walk and the fault sweep always cover all of them.
 * Whether an operation reads or changes something is not written here: the tests see it in the
 * emulator's request log (a call Amazon's model marks as not safe to repeat is a change).
 */
import type { IDataObject, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { vendorStore } from '../../emulator/data/vendorStore';
import type { VendorPurchaseOrder } from '../../emulator/data/vendor';
import type { WalletScheduleRecord } from '../../emulator/data/wallet';
import { walletStore } from '../../emulator/data/walletStore';
import type { SqsCredentialData } from '../../emulator/sqs/service';
import { call, grantlessToken, sellerToken } from '../../emulator/testSupport';
import { documentText, rawGet, reportsApi } from '../../emulator/testSupportReports';
import type { Emulator, SellerFixtureKey } from '../../emulator/types';
import { loadAcornPackage } from '../../harness/n8nHarness';
import { valueText } from '../../helpers/vendorTruth';
import { DESTINATION, scheduleParameters, SIGNATURES } from '../../helpers/walletFixture';

export const PACKAGE = 'n8n-nodes-acorn';
const DAY = 86_400_000;

export interface NodeOperation {
	/** n8n node type without the package prefix, e.g. amazonSpApiFinances. */
	node: string;
	resource: string;
	operation: string;
	/** The fields a person must fill in for this operation (required, shown for it). */
	required: INodeProperties[];
}

export const keyOf = (op: Pick<NodeOperation, 'node' | 'resource' | 'operation'>): string => `${op.node} ${op.resource}.${op.operation}`;

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	if (!show) return true;
	if (show.resource && !(show.resource as string[]).includes(resource)) return false;
	if (show.operation && !(show.operation as string[]).includes(operation)) return false;
	// fields that appear only for other choices of a further option are not required for the default run
	return Object.keys(show).every((name) => name === 'resource' || name === 'operation');
}

/** Every (node, resource, operation) a person can choose, read from the built nodes as n8n loads them. */
export async function nodeOperations(): Promise<NodeOperation[]> {
	const loader = await loadAcornPackage();
	const found: NodeOperation[] = [];
	for (const [node, { type }] of Object.entries(loader.nodeTypes)) {
		const description = (type as { description: INodeTypeDescription }).description;
		const properties = description.properties;
		const resources = properties.find((property) => property.name === 'resource')?.options ?? [];
		for (const resource of resources as Array<{ value: string }>) {
			for (const operations of properties.filter((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource.value))) {
				for (const operation of (operations.options ?? []) as Array<{ value: string }>) {
					const required = properties.filter((p) => p.required && p.type !== 'notice' && shownFor(p, resource.value, operation.value));
					found.push({ node, resource: resource.value, operation: operation.value, required });
				}
			}
		}
	}
	return found.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

/** What the entries need from the emulator: ids that exist there. */
export interface CatalogWorld {
	emulator: Emulator;
	nowMs: number;
	scheduleTemplate: WalletScheduleRecord;
	ids: {
		naGroupId: string;
		naOrderId: string;
		naSettlementId: string;
		euEurAccount: string;
		euTransactionId: string;
		destinationId: string;
		settlementReportId: string;
		settlementDocumentId: string;
		reportScheduleId: string;
		/** Per seller: a report Amazon ended with FATAL, and its error document (JSON, as Amazon writes it). */
		fatal: Partial<Record<SellerFixtureKey, { reportId: string; documentId: string }>>;
		/** An open purchase order of the vendor account (acknowledged, shipped and invoiced by the write runs). */
		vendorPurchaseOrder: string;
		/** A purchase order that was closed before the walk began (nothing about it changes any more). */
		vendorClosedPurchaseOrder: string;
		/** A transaction of the vendor account Transaction Status can look up. */
		vendorTransactionId: string;
		/** A notifications queue that exists and lets Amazon send (Queue → Check reads it). */
		queueName: string;
	};
	/** The words of the FATAL reports' error document, as Amazon's error document sends them. */
	fatalExplanation: string;
}

export interface CatalogEntry {
	seller: SellerFixtureKey;
	/** Operations that talk to AWS SQS instead of Amazon SP-API: the Amazon SQS credential of their run. */
	sqs?(world: CatalogWorld): SqsCredentialData;
	/** Parameters of a run that works; async when the run needs something fresh on Amazon first. */
	parameters(world: CatalogWorld): Record<string, unknown> | Promise<Record<string, unknown>>;
	/** Input items (operations that work on what comes in). */
	input?: IDataObject[];
	/**
	 * Output fields computed from the current time (hours left until a deadline, and sentences that name
	 * them): runs minutes apart may differ there without anything being wrong.
	 */
	clockFields?: string[];
	/** Undoes what `parameters` arranged for this one run (called when the run ended, failed or not). */
	after?(world: CatalogWorld): void;
}

/** Report waits in emulator time (report processing is short in these tests). */
export const FAST_REPORTS = { firstCheckSeconds: 0.05, timeoutMinutes: 1 };
const list = (value: string) => ({ __rl: true, mode: 'list', value });
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A report Amazon has just queued (for "cancel": it can only cancel what still waits in the queue). New
 * reports stay in the queue until the run ended (`after` lets them go): on a busy machine the run can
 * otherwise start after the emulator began building it.
 */
async function queuedReport(world: CatalogWorld): Promise<string> {
	world.emulator.control.reports.holdNewReportsInQueue(true);
	const token = await sellerToken(world.emulator, 'na');
	const answer = await call(world.emulator, '/reports/2021-06-30/reports', {
		method: 'POST',
		token,
		body: { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: ['ATVPDKIKX0DER'], dataStartTime: iso(world.nowMs - 20 * DAY), dataEndTime: iso(world.nowMs - 2 * DAY) },
	});
	if (answer.status !== 202) throw new Error(`createReport for the cancel run: ${answer.status} ${answer.text}`);
	return String(answer.body.reportId);
}

/** A schedule of the seller's wallet that can be read, changed or deleted (one is put back when the runs deleted them all). */
async function walletSchedule(world: CatalogWorld): Promise<string> {
	const wallet = walletStore(world.emulator.control.state).walletOf('eu');
	const existing = wallet.schedules.find((schedule) => schedule.sourceAccountId === world.ids.euEurAccount && schedule.status !== 'DELETED');
	if (existing) return existing.transferScheduleId;
	const copy = { ...world.scheduleTemplate, status: 'ENABLED' as const, transferScheduleId: `${world.scheduleTemplate.transferScheduleId}-${wallet.schedules.length + 1}-${Date.now()}` };
	wallet.schedules.push(copy);
	return copy.transferScheduleId;
}

/** The runs, by `keyOf`. Ranges end in the past so that two runs see the same data. */
export const CATALOG: Record<string, CatalogEntry> = {
	'amazonSpApiSellers seller.getAccount': { seller: 'na', parameters: () => ({}) },
	'amazonSpApiSellers seller.getMarketplaceParticipations': { seller: 'na', parameters: () => ({}) },

	'amazonSpApiFinances balance.getMany': { seller: 'eu', parameters: () => ({ returnAll: true }) },
	'amazonSpApiFinances financialEvent.getMany': { seller: 'na', parameters: (w) => ({ postedAfter: iso(w.nowMs - 12 * DAY), postedBefore: iso(w.nowMs - 3 * DAY), returnAll: true }) },
	'amazonSpApiFinances financialEvent.getByGroup': { seller: 'na', parameters: (w) => ({ financialEventGroupId: w.ids.naGroupId, returnAll: true }) },
	'amazonSpApiFinances financialEvent.getByOrder': { seller: 'na', parameters: (w) => ({ amazonOrderId: w.ids.naOrderId, returnAll: true }) },
	'amazonSpApiFinances financialEventGroup.getMany': { seller: 'na', parameters: (w) => ({ startedAfter: iso(w.nowMs - 40 * DAY), startedBefore: iso(w.nowMs - 2 * DAY), returnAll: true }) },
	'amazonSpApiFinances summary.getMany': { seller: 'na', parameters: (w) => ({ settlementId: w.ids.naSettlementId, returnAll: true }) },
	'amazonSpApiFinances transaction.getMany': { seller: 'na', parameters: (w) => ({ filterBy: 'dateRange', postedAfter: iso(w.nowMs - 8 * DAY), postedBefore: iso(w.nowMs - 3 * DAY), returnAll: true }) },

	'amazonSpApiSellerWallet account.get': { seller: 'eu', parameters: (w) => ({ marketplaceId: 'DE', accountId: w.ids.euEurAccount }) },
	'amazonSpApiSellerWallet account.getBalances': { seller: 'eu', parameters: (w) => ({ marketplaceId: 'DE', accountId: w.ids.euEurAccount }) },
	'amazonSpApiSellerWallet account.getMany': { seller: 'eu', parameters: () => ({ marketplaceId: 'DE' }) },
	'amazonSpApiSellerWallet paymentMethod.getMany': { seller: 'eu', parameters: () => ({ marketplaceId: 'DE', paymentMethodTypes: ['SELLER_WALLET', 'BANK_ACCOUNT'] }) },
	'amazonSpApiSellerWallet payout.getExpected': { seller: 'eu', parameters: () => ({ marketplaceIds: ['DE'], returnAll: true }) },
	'amazonSpApiSellerWallet payout.getMany': { seller: 'eu', parameters: () => ({ marketplaceIds: [], returnAll: true }) },
	'amazonSpApiSellerWallet payout.initiate': { seller: 'eu', parameters: () => ({ marketplaceId: 'FR', accountType: 'Standard Orders' }) },
	'amazonSpApiSellerWallet transaction.create': {
		seller: 'eu',
		parameters: (w) => ({
			marketplaceId: 'DE',
			sourceAccountId: w.ids.euEurAccount,
			amount: '125.50',
			currency: 'EUR',
			...DESTINATION,
			transactionDescription: 'Sweep',
			...SIGNATURES,
			options: { allowIdenticalTransfers: true },
		}),
	},
	'amazonSpApiSellerWallet transaction.get': { seller: 'eu', parameters: (w) => ({ marketplaceId: 'DE', transactionId: w.ids.euTransactionId }) },
	'amazonSpApiSellerWallet transaction.getMany': { seller: 'eu', parameters: (w) => ({ marketplaceId: 'DE', accountId: w.ids.euEurAccount, returnAll: true }) },
	'amazonSpApiSellerWallet transferPreview.get': { seller: 'eu', parameters: () => ({ marketplaceId: 'DE', amount: '500', sourceCurrency: 'EUR', destinationCurrency: 'CNY', destinationCountry: 'CN' }) },
	'amazonSpApiSellerWallet transferSchedule.create': {
		seller: 'eu',
		// a new destination each run: Amazon allows one schedule per source and destination
		parameters: (w) => scheduleParameters(w.ids.euEurAccount, `amzn1.account.SWEEP${Math.floor(Math.random() * 1e9)}`),
	},
	'amazonSpApiSellerWallet transferSchedule.delete': { seller: 'eu', parameters: async (w) => ({ marketplaceId: 'DE', transferScheduleId: await walletSchedule(w) }) },
	'amazonSpApiSellerWallet transferSchedule.get': { seller: 'eu', parameters: async (w) => ({ marketplaceId: 'DE', transferScheduleId: await walletSchedule(w) }) },
	'amazonSpApiSellerWallet transferSchedule.getMany': { seller: 'eu', parameters: (w) => ({ marketplaceId: 'DE', accountId: w.ids.euEurAccount, returnAll: true }) },
	'amazonSpApiSellerWallet transferSchedule.update': {
		seller: 'eu',
		parameters: async (w) => ({ marketplaceId: 'DE', transferScheduleId: await walletSchedule(w), updateFields: { status: 'DISABLED' }, ...SIGNATURES }),
	},

	'amazonSpApiRefunds refund.getMany': { seller: 'na', parameters: (w) => ({ postedAfter: iso(w.nowMs - 10 * DAY), postedBefore: iso(w.nowMs - 3 * DAY), returnAll: true }) },
	'amazonSpApiRefunds refund.enrichWithReturnReasons': {
		seller: 'na',
		parameters: (w) => ({ returnsFrom: 'fetch', refundsFrom: 'fetch', postedAfter: iso(w.nowMs - 6 * DAY), postedBefore: iso(w.nowMs - 3 * DAY), marketplaceIds: ['US'], options: FAST_REPORTS }),
	},
	'amazonSpApiRefunds refund.detectAnomalies': { seller: 'na', parameters: (w) => ({ endAt: iso(w.nowMs - 2 * DAY), currentDays: 2, baselineDays: 14, minCount: 1, spikeFactor: 0 }) },
	'amazonSpApiRefunds refund.reconcileWithSettlement': { seller: 'na', parameters: () => ({ settlementFrom: 'latest', marketplaceIds: ['US'] }) },
	'amazonSpApiRefunds return.getMany': {
		seller: 'na',
		parameters: (w) => ({ marketplaceIds: ['US'], returnedAfter: iso(w.nowMs - 20 * DAY), returnedBefore: iso(w.nowMs - 2 * DAY), returnAll: true, options: FAST_REPORTS }),
	},
	'amazonSpApiRefunds return.getAwaitingAction': { seller: 'na', parameters: () => ({ marketplaceIds: ['US'], returnAll: true, options: FAST_REPORTS }) },

	...notificationSettings('amazonSpApiNotifications'),
	...notificationSettings('amazonSpApiNotificationSettings'),

	'amazonSpApiReports report.cancel': {
		seller: 'na',
		parameters: async (w) => ({ reportId: await queuedReport(w) }),
		after: (w) => w.emulator.control.reports.holdNewReportsInQueue(false),
	},
	'amazonSpApiReports report.create': {
		seller: 'na',
		parameters: (w) => ({ reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['US'], dataStartTime: iso(w.nowMs - 20 * DAY), dataEndTime: iso(w.nowMs - 2 * DAY) }),
	},
	'amazonSpApiReports report.createAndDownload': {
		seller: 'na',
		parameters: (w) => ({ reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['US'], dataStartTime: iso(w.nowMs - 55 * DAY), dataEndTime: iso(w.nowMs - 2 * DAY), options: FAST_REPORTS }),
	},
	'amazonSpApiReports report.download': { seller: 'na', parameters: (w) => ({ reportId: w.ids.settlementReportId, options: FAST_REPORTS }) },
	'amazonSpApiReports report.get': { seller: 'na', parameters: (w) => ({ reportId: w.ids.settlementReportId }) },
	'amazonSpApiReports report.getMany': { seller: 'na', parameters: () => ({ reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], returnAll: true }) },
	'amazonSpApiReports document.download': { seller: 'na', parameters: (w) => ({ reportDocumentId: w.ids.settlementDocumentId, reportType: list('GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'), marketplaceId: 'ATVPDKIKX0DER' }) },
	'amazonSpApiReports document.get': { seller: 'na', parameters: (w) => ({ reportDocumentId: w.ids.settlementDocumentId }) },
	'amazonSpApiReports schedule.getMany': { seller: 'na', parameters: () => ({ scheduleReportTypes: ['GET_FBA_REIMBURSEMENTS_DATA'] }) },
	'amazonSpApiReports schedule.get': { seller: 'na', parameters: (w) => ({ reportScheduleId: w.ids.reportScheduleId }) },
	'amazonSpApiReports schedule.create': { seller: 'na', parameters: () => ({ reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['US'], period: 'P7D' }) },
	'amazonSpApiReports schedule.cancel': { seller: 'na', parameters: async (w) => ({ reportScheduleId: await newReportSchedule(w.emulator, 'GET_FBA_STORAGE_FEE_CHARGES_DATA') }) },
	'amazonSpApiReports settlement.getMany': { seller: 'na', parameters: () => ({ returnAll: true }) },
	'amazonSpApiReports settlement.download': { seller: 'na', parameters: (w) => ({ reportId: w.ids.settlementReportId }) },
	// the latest finished month, every store of the credential (VAT transactions, with a Restricted Data Token)
	'amazonSpApiReports taxReport.getMonth': { seller: 'eu', parameters: () => ({ options: FAST_REPORTS }) },
	'amazonSpApiReports accountHealth.getMetrics': { seller: 'na', parameters: () => ({ marketplaceIds: ['US'], options: FAST_REPORTS }) },

	// Purchase orders change for weeks after Amazon places them (acknowledged, received, closed) and the emulator's
	// clock runs fast: the reads look at orders that were closed and settled before the walk began.
	'amazonSpApiVendor purchaseOrder.get': { seller: 'vendor', parameters: (w) => ({ purchaseOrderNumber: w.ids.vendorClosedPurchaseOrder }) },
	'amazonSpApiVendor purchaseOrder.getMany': { seller: 'vendor', parameters: (w) => ({ periodStart: iso(w.nowMs - 70 * DAY), periodEnd: iso(w.nowMs - 46 * DAY), returnAll: true }) },
	'amazonSpApiVendor purchaseOrder.getStatuses': { seller: 'vendor', parameters: (w) => ({ periodStart: iso(w.nowMs - 70 * DAY), periodEnd: iso(w.nowMs - 46 * DAY), returnAll: true }) },
	// every line, of orders whose dispute windows had closed before the walk began
	'amazonSpApiVendor purchaseOrder.shortageWatch': {
		seller: 'vendor',
		parameters: (w) => ({ lookBackDays: 10, periodEnd: iso(w.nowMs - 62 * DAY), disputeWindowDays: 30, output: 'all' }),
		clockFields: ['hoursLeft', 'daysSinceLastReceipt', 'message'],
	},
	'amazonSpApiVendor purchaseOrder.acknowledge': { seller: 'vendor', parameters: (w) => ({ purchaseOrderNumber: w.ids.vendorPurchaseOrder }) },
	'amazonSpApiVendor shipment.getMany': { seller: 'vendor', parameters: (w) => ({ periodStart: iso(w.nowMs - 60 * DAY), periodEnd: iso(w.nowMs - DAY), returnAll: true }) },
	'amazonSpApiVendor shipment.getLabels': { seller: 'vendor', parameters: (w) => ({ periodStart: iso(w.nowMs - 60 * DAY), periodEnd: iso(w.nowMs - DAY), returnAll: true }) },
	'amazonSpApiVendor shipment.submitConfirmation': {
		seller: 'vendor',
		parameters: (w) => {
			const po = vendorPo(w);
			return {
				// a new ASN each run, of the same purchase order
				shipmentIdentifier: `ASN-WALK-${++vendorWrites}`,
				vendorCode: po.vendorCode,
				shipFromPartyId: 'ACORN-SZX1',
				shipToPartyId: po.shipTo,
				items: { line: [{ purchaseOrderNumber: po.purchaseOrderNumber, asin: po.lines[0].asin, quantity: 1, unitOfMeasure: 'Eaches', unitSize: 1 }] },
			};
		},
	},
	'amazonSpApiVendor invoice.submit': {
		seller: 'vendor',
		parameters: (w) => {
			const po = vendorPo(w);
			const line = po.lines[0];
			const netCost = valueText(line.netCostMinor, 1, po.currency);
			return {
				// a new invoice number each run: Amazon refuses a number it has seen (when it processes the transaction)
				invoiceNumber: `INV-WALK-${++vendorWrites}`,
				remitToPartyId: po.vendorCode,
				currency: po.currency,
				invoiceTotal: netCost,
				invoiceLines: { line: [{ purchaseOrderNumber: po.purchaseOrderNumber, asin: line.asin, quantity: 1, unitOfMeasure: 'Eaches', unitSize: 1, netCost }] },
			};
		},
	},
	'amazonSpApiVendor transactionStatus.get': { seller: 'vendor', parameters: (w) => ({ transactionId: w.ids.vendorTransactionId }) },
};

/** Destinations, subscriptions, test notifications and the SQS queue: the same operations under the node's old and new name. */
function notificationSettings(node: 'amazonSpApiNotifications' | 'amazonSpApiNotificationSettings'): Record<string, CatalogEntry> {
	return {
		[`${node} destination.delete`]: { seller: 'na', parameters: async (w) => ({ destinationId: await newDestination(w.emulator) }) },
		[`${node} destination.get`]: { seller: 'na', parameters: (w) => ({ destinationId: w.ids.destinationId }) },
		[`${node} destination.getMany`]: { seller: 'na', parameters: () => ({ returnAll: true }) },
		[`${node} subscription.delete`]: {
			seller: 'na',
			parameters: (w) => {
				const subscription = w.emulator.control.notifications.subscribe({ seller: 'na', notificationType: 'ORDER_CHANGE', payloadVersion: '1.0', destinationId: w.ids.destinationId });
				return { notificationType: 'ORDER_CHANGE', subscriptionId: subscription.subscriptionId };
			},
		},
		[`${node} subscription.get`]: { seller: 'na', parameters: () => ({ notificationType: 'ORDER_CHANGE' }) },
		[`${node} subscription.getMany`]: { seller: 'na', parameters: () => ({ notificationType: 'ORDER_CHANGE', returnAll: true }) },
		// sent in production the node refuses before calling Amazon (test notifications exist in the sandbox only)
		[`${node} testNotification.send`]: { seller: 'na', parameters: (w) => ({ notificationType: 'ORDER_CHANGE', destinationId: w.ids.destinationId, testScenario: 'OrderStatusChange' }) },
		// a queue of its own for each run of Prepare (it creates it and adds Amazon's statement: changes), the prepared one for Check
		[`${node} queue.prepare`]: { seller: 'na', sqs: (w) => w.emulator.control.sqs.credentialsForName(`amazon-notifications-walk-${++queues}`), parameters: () => ({}) },
		[`${node} queue.check`]: { seller: 'na', sqs: (w) => w.emulator.control.sqs.credentialsForName(w.ids.queueName), parameters: () => ({}) },
	};
}

let vendorWrites = 0;
let queues = 0;

function vendorPo(world: CatalogWorld): VendorPurchaseOrder {
	const po = vendorStore(world.emulator.control.state).dataOf('vendor').purchaseOrders.find((candidate) => candidate.purchaseOrderNumber === world.ids.vendorPurchaseOrder);
	if (!po) throw new Error(`the vendor account has no purchase order ${world.ids.vendorPurchaseOrder}`);
	return po;
}


let destinations = 0;

/** A new SQS destination of the app (each "delete" run needs its own). */
async function newDestination(emulator: Emulator): Promise<string> {
	const queue = emulator.control.sqs.createQueue({ name: `catalog-${++destinations}-${Date.now().toString(36)}` });
	const answer = await call(emulator, '/notifications/v1/destinations', {
		method: 'POST',
		token: await grantlessToken(emulator),
		body: { name: `catalog ${destinations}`, resourceSpecification: { sqs: { arn: queue.arn } } },
	});
	const id = answer.body?.payload?.destinationId as string | undefined;
	if (!id) throw new Error(`createDestination: ${answer.status} ${answer.text}`);
	return id;
}

/** A report schedule of seller na (each "cancel" run needs its own). */
async function newReportSchedule(emulator: Emulator, reportType: string): Promise<string> {
	const answer = await call(emulator, '/reports/2021-06-30/schedules', {
		method: 'POST',
		token: await sellerToken(emulator, 'na'),
		body: { reportType, marketplaceIds: ['ATVPDKIKX0DER'], period: 'P1D' },
	});
	const id = answer.body?.reportScheduleId as string | undefined;
	if (!id) throw new Error(`createReportSchedule: ${answer.status} ${answer.text}`);
	return id;
}

/** Operations without a catalog entry, and entries for operations the nodes no longer have. */
export function catalogMismatch(operations: readonly NodeOperation[]): { missing: string[]; extra: string[] } {
	const keys = new Set(operations.map(keyOf));
	return { missing: [...keys].filter((key) => !CATALOG[key]), extra: Object.keys(CATALOG).filter((key) => !keys.has(key)) };
}

/** Ids the catalog's runs need, found in (or, for a few, made on) the emulator. */
export async function prepareWorld(emulator: Emulator): Promise<CatalogWorld> {
	const nowMs = emulator.control.now().getTime();
	const na = emulator.control.state.dataFor('na');
	const closed = na.groups.filter((group) => group.endAt < nowMs - 2 * DAY && group.events.length > 0);
	const group = closed[closed.length - 1];
	if (!group) throw new Error('the emulator has no closed settlement period for seller na');
	const order = group.events.find((event) => 'amazonOrderId' in event) as { amazonOrderId?: string } | undefined;
	const wallet = walletStore(emulator.control.state).walletOf('eu');
	const eur = wallet.accounts.find((account) => account.currency === 'EUR');
	if (!eur) throw new Error('seller eu has no EUR wallet account');
	const transaction = wallet.transactions.find((record) => record.accountId === eur.accountId);
	const scheduleTemplate = wallet.schedules.find((schedule) => schedule.sourceAccountId === eur.accountId);
	if (!scheduleTemplate) throw new Error('seller eu has no transfer schedule of its EUR account');
	const settlement = emulator.control.reports
		.reports('na')
		.filter((report) => report.reportType === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2' && report.outcome === 'DONE' && report.documentId && report.endAt < nowMs)
		.sort((a, b) => b.createdAt - a.createdAt)[0];
	if (!settlement?.documentId) throw new Error('the emulator has no settlement report for seller na');
	const destinationId = await newDestination(emulator);
	const reportScheduleId = await newReportSchedule(emulator, 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA');
	const fatal = { na: await fatalReport(emulator, 'na', 'ATVPDKIKX0DER'), eu: await fatalReport(emulator, 'eu', 'A1PA6795UKMFR9') };
	const vendor = vendorStore(emulator.control.state);
	const vendorSeller = emulator.fixtures.sellers.vendor.sellerId;
	// the PO that stays open longest (the emulator's clock runs fast): acknowledged, shipped and invoiced again
	// and again during the walk (Amazon takes each as a new transaction)
	const closes = (po: VendorPurchaseOrder) => po.closesAt ?? Number.POSITIVE_INFINITY;
	const vendorOpen = vendor.dataOf('vendor').purchaseOrders.filter((po) => closes(po) > nowMs + 30 * DAY).sort((a, b) => closes(a) - closes(b));
	if (vendorOpen.length === 0) throw new Error('the vendor account has no purchase order that stays open for 30 days');
	const vendorClosed = vendor.dataOf('vendor').purchaseOrders.find((po) => closes(po) < nowMs - DAY);
	if (!vendorClosed) throw new Error('the vendor account has no closed purchase order');
	const vendorTransaction = vendor.submit(vendorSeller, 'acknowledgement', {}, nowMs, [], () => undefined);
	const queueName = 'amazon-notifications-walk';
	emulator.control.sqs.createQueue({ name: queueName, region: 'us-east-1', allowSpApi: true });
	return {
		emulator,
		nowMs,
		scheduleTemplate: JSON.parse(JSON.stringify(scheduleTemplate)) as WalletScheduleRecord,
		ids: {
			naGroupId: group.groupId,
			naOrderId: String(order?.amazonOrderId ?? ''),
			naSettlementId: group.settlementId,
			euEurAccount: eur.accountId,
			euTransactionId: String(transaction?.transactionId ?? ''),
			destinationId,
			settlementReportId: settlement.reportId,
			settlementDocumentId: settlement.documentId,
			reportScheduleId,
			fatal: { na: fatal.na.ids, eu: fatal.eu.ids },
			vendorPurchaseOrder: vendorOpen[vendorOpen.length - 1].purchaseOrderNumber,
			vendorClosedPurchaseOrder: vendorClosed.purchaseOrderNumber,
			vendorTransactionId: vendorTransaction.transactionId,
			queueName,
		},
		fatalExplanation: fatal.na.explanation,
	};
}

/**
 * A report of a type the emulator does not build, so it ends FATAL with an error document; and the
 * explanation that document gives, read over the wire as a client reads it (Amazon's words for the test).
 */
async function fatalReport(emulator: Emulator, seller: SellerFixtureKey, marketplaceId: string): Promise<{ ids: { reportId: string; documentId: string }; explanation: string }> {
	const api = reportsApi(emulator, emulator.fixtures.sellers[seller].region, await sellerToken(emulator, seller));
	const created = await api.create({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [marketplaceId] });
	const record = emulator.control.reports.reports(seller).find((report) => report.reportId === String(created.body?.reportId));
	if (record?.outcome !== 'FATAL' || !record.documentId) throw new Error(`the emulator did not make a FATAL report with an error document for seller ${seller}`);
	const document = await api.document(record.documentId);
	const file = await rawGet(String(document.body?.url));
	const explanation = (JSON.parse(documentText(file, 'utf-8')) as { errorDetails?: string }).errorDetails;
	if (!explanation) throw new Error(`the error document of report ${record.reportId} has no errorDetails`);
	return { ids: { reportId: record.reportId, documentId: record.documentId }, explanation };
}

export const nodeType = (node: string): string => `${PACKAGE}.${node}`;
