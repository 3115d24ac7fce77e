/**
 * Report files shaped like each marketplace's, made by the emulator's own writers (settlement V2 and
 * the older flat file, FBA returns, seller-fulfilled returns, FBA reimbursements) with the
 * marketplace's date spellings (test/emulator/reports/content/dateSpellings.ts) and encoded in its
 * usual charset (windows-1252 in Europe, windows-31j in Japan, UTF-8 elsewhere). Small and exact:
 * every instant written is known, so a test can check what is read back. Generated, not copied.
 */
import { findMarketplace, type Marketplace } from '../../nodes/sp-api/marketplaces';
import type { AdjustmentFinanceEvent, FinancialEventGroupRecord } from '../emulator/data/model';
import { dateSpelling, type DateSpellingStyle } from '../emulator/reports/content/dateSpellings';
import { fbaReturnsFile, mfnReturnsFile, type ReturnRecord } from '../emulator/reports/content/returns';
import { reimbursementsFile } from '../emulator/reports/content/reimbursements';
import { settlementV1, settlementV2, type SettlementLine } from '../emulator/reports/content/settlement';
import { documentCharsetFor, encodeText, type DocumentCharset } from '../emulator/reports/encoding';

export const MARKETPLACE_CODES = ['US', 'CA', 'MX', 'BR', 'UK', 'DE', 'FR', 'IT', 'ES', 'JP', 'AU', 'IN'] as const;
export type MarketplaceCode = (typeof MARKETPLACE_CODES)[number];

export type FileKind = 'settlementV2' | 'settlementV1' | 'fbaReturns' | 'mfnReturns' | 'reimbursements';
export const FILE_KINDS: readonly FileKind[] = ['settlementV2', 'settlementV1', 'fbaReturns', 'mfnReturns', 'reimbursements'];

export const REPORT_TYPE_OF: Record<FileKind, string> = {
	settlementV2: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
	settlementV1: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
	fbaReturns: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA',
	mfnReturns: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE',
	reimbursements: 'GET_FBA_REIMBURSEMENTS_DATA',
};

/** Text in the marketplace's language, with the characters its charset must carry. */
const LOCAL_TEXT: Record<MarketplaceCode, string> = {
	US: 'Return shipping fee – “Prime”',
	CA: 'Frais d’expédition de retour – Prime',
	MX: 'Cargo por devolución – envío',
	BR: 'Taxa de devolução – frete',
	UK: 'Return postage – £ “Prime”',
	DE: 'Rücksendegebühr – „Prime“ €',
	FR: 'Frais de retour – « Prime » €',
	IT: 'Commissione di reso – “Prime” €',
	ES: 'Tarifa de devolución – “Prime” €',
	JP: '返品手数料 ～ ① プライム',
	AU: 'Return postage – “Prime”',
	IN: 'Return shipping fee – ₹ “Prime”',
};

export interface MarketplaceFile {
	marketplace: Marketplace;
	kind: FileKind;
	reportType: string;
	charset: DocumentCharset;
	bytes: Buffer;
	/** The local-language text put into the file (to check decoding). */
	localText: string;
	/** Instants written, in file order (settlement: posting times of the lines; others: the row's date). */
	instants: number[];
	/** Settlement files: period and deposit. */
	period?: { startAt: number; endAt: number; depositAt: number };
}

export interface FileOptions {
	/** Posting / return times (UTC ms); default: spread over March 2025 so some days are above 12. */
	instants?: number[];
	dates?: DateSpellingStyle;
}

const HOUR = 3_600_000;
/** 2025-03-02 … 2025-03-27: days above 12 settle a file's day/month order. */
export const DEFAULT_INSTANTS = [Date.UTC(2025, 2, 2, 9, 15, 7), Date.UTC(2025, 2, 5, 23, 30, 0), Date.UTC(2025, 2, 14, 1, 5, 9), Date.UTC(2025, 2, 27, 16, 45, 59)];
/** Only days 1–12 (and times across midnight in Asia/America): the marketplace has to decide. */
export const EARLY_MONTH_INSTANTS = [Date.UTC(2025, 3, 2, 9, 15, 7), Date.UTC(2025, 3, 5, 23, 30, 0), Date.UTC(2025, 3, 11, 1, 5, 9)];

function settlementLines(code: MarketplaceCode, instants: number[], text: string): SettlementLine[] {
	return instants.flatMap((postedAt, i) => {
		const order = `${100 + i}-${String(1000000 + i * 7919).slice(0, 7)}-${String(2000000 + i * 104729).slice(0, 7)}`;
		const base = { orderId: order, shipmentId: '', marketplaceName: findMarketplace(code)!.domain.replace(/^amazon/, 'Amazon'), fulfillmentId: 'AFN', postedAt, orderItemCode: String(40000000000000 + i), sku: `${code}-SKU-${i}`, quantity: '', promotionId: '' };
		return [
			{ ...base, transactionType: 'Order', adjustmentId: '', amountType: 'ItemPrice', amountDescription: 'Principal', minor: 2599 + i, quantity: '1' },
			{ ...base, transactionType: 'Refund', adjustmentId: String(70000000000000 + i), amountType: 'ItemPrice', amountDescription: 'Principal', minor: -(1999 + i) },
			{ ...base, transactionType: 'Refund', adjustmentId: String(70000000000000 + i), amountType: 'ItemFees', amountDescription: 'Commission', minor: 300 },
			{ ...base, transactionType: 'other-transaction', orderId: '', adjustmentId: '', amountType: 'other-transaction', amountDescription: text, minor: -150 },
		];
	});
}

function returnRecords(code: MarketplaceCode, instants: number[], text: string): ReturnRecord[] {
	const marketplace = findMarketplace(code)!;
	return instants.map((returnedAt, i) => ({
		channel: 'AFN',
		amazonOrderId: `${200 + i}-1234567-${String(7654321 + i)}`,
		marketplaceId: marketplace.id,
		currency: marketplace.currency,
		sellerSku: `${code}-SKU-${i}`,
		asin: `B0${String(10000000 + i)}`,
		fnSku: `X00${String(1000000 + i)}`,
		title: text,
		quantity: 1 + (i % 2),
		reason: 'DEFECTIVE',
		orderedAt: returnedAt - 5 * 24 * HOUR,
		returnedAt,
		status: 'Approved',
		refundedMinor: 1999,
		orderAmountMinor: 1999,
		orderQuantity: 1,
		fulfillmentCenterId: 'ABC1',
		disposition: 'SELLABLE',
		licensePlate: `LPN000${i}`,
		customerComment: text,
		amazonRmaId: `RMA${i}`,
		labelCostMinor: 450,
		trackingId: `1Z${i}`,
		deliveredAt: returnedAt + 2 * 24 * HOUR,
	}));
}

function reimbursementEvents(code: MarketplaceCode, instants: number[], text: string): AdjustmentFinanceEvent[] {
	const marketplace = findMarketplace(code)!;
	return instants.map(
		(postedAt, i) =>
			({
				eventId: `${code}-adj-${i}`,
				kind: 'Adjustment',
				sellerId: 'A1SELLER',
				marketplaceId: marketplace.id,
				currency: marketplace.currency,
				postedAt,
				visibleAt: postedAt,
				adjustmentType: i % 2 ? 'WAREHOUSE_LOST' : 'WAREHOUSE_DAMAGE',
				items: [{ sellerSku: `${code}-SKU-${i}`, fnSku: `X00${i}`, asin: `B0${i}`, productDescription: text, quantity: 1, perUnitMinor: 1234, totalMinor: 1234 }],
			}) as unknown as AdjustmentFinanceEvent,
	);
}

function joined(chunks: Iterable<string>): string {
	let text = '';
	for (const chunk of chunks) text += chunk;
	return text;
}

/** One file of `kind` for marketplace `code`, encoded as that marketplace's files are. */
export function marketplaceFile(code: MarketplaceCode, kind: FileKind, options: FileOptions = {}): MarketplaceFile {
	const marketplace = findMarketplace(code)!;
	const instants = options.instants ?? DEFAULT_INSTANTS;
	const dates = dateSpelling(options.dates ?? 'marketplace', marketplace.id);
	const text = LOCAL_TEXT[code];
	const charset = documentCharsetFor(marketplace.id);
	let content: string;
	let period: MarketplaceFile['period'];
	switch (kind) {
		case 'settlementV2':
		case 'settlementV1': {
			const lines = settlementLines(code, instants, text);
			period = { startAt: Math.min(...instants) - 2 * HOUR, endAt: Math.max(...instants) + 2 * HOUR, depositAt: Math.max(...instants) + 26 * HOUR };
			const group = { settlementId: '24680135790', currency: marketplace.currency, marketplaceIds: [marketplace.id], startAt: period.startAt, endAt: period.endAt, fundTransferAt: period.depositAt, totalMinor: 0 } as FinancialEventGroupRecord;
			content = joined(kind === 'settlementV2' ? settlementV2(group, { lines, dates }) : settlementV1(group, { lines, dates }));
			break;
		}
		case 'fbaReturns':
			content = joined(fbaReturnsFile(returnRecords(code, instants, text), dates));
			break;
		case 'mfnReturns':
			content = joined(mfnReturnsFile(returnRecords(code, instants, text).map((r) => ({ ...r, channel: 'MFN' as const })), dates));
			break;
		case 'reimbursements': {
			const events = reimbursementEvents(code, instants, text);
			content = joined(reimbursementsFile(events, events, dates));
			break;
		}
	}
	return { marketplace, kind, reportType: REPORT_TYPE_OF[kind], charset, bytes: encodeText(content, charset), localText: text, instants, period };
}
