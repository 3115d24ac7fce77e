/**
 * A settlement V2 flat file of any size, generated while it is sent and never stored: a cycle of
 * order lines whose texts have fixed lengths, so the number of lines for a target size and the
 * settlement total (first line of the file) are known before the first byte is written.
 * For benchmarks and size tests; its amounts do not come from the seller's finance data.
 */
import { marketplaceName } from '../../format/v0';
import { SETTLEMENT_V2_HEADER } from './settlement';
import { amountText, utcSpaced } from './format';

interface CycleLine {
	transactionType: string;
	amountType: string;
	amountDescription: string;
	minor: number;
	sku: string;
	quantity: string;
	adjustment: boolean;
}

const SKUS = ['EU-TENT2-104', 'EU-MUG12-481', 'EU-LAMP-220', 'EU-BAG20-917', 'EU-SOCK3-330', 'EU-STOVE-052'];
const PRICES = [8999, 1499, 2999, 4999, 1999, 5999];

function cycle(): CycleLine[] {
	const lines: CycleLine[] = [];
	SKUS.forEach((sku, index) => {
		const price = PRICES[index];
		const order = (amountType: string, amountDescription: string, minor: number): CycleLine => ({ transactionType: 'Order', amountType, amountDescription, minor, sku, quantity: '1', adjustment: false });
		lines.push(order('ItemPrice', 'Principal', price), order('ItemPrice', 'Tax', Math.round(price * 0.19)), order('ItemFees', 'FBAPerUnitFulfillmentFee', -322 - index * 17), order('ItemFees', 'Commission', -Math.round(price * 0.15)));
		if (index % 2 === 0) lines.push(order('Promotion', 'Principal', -Math.round(price * 0.1)));
		if (index === 3) {
			const refund = (amountType: string, amountDescription: string, minor: number): CycleLine => ({ transactionType: 'Refund', amountType, amountDescription, minor, sku, quantity: '', adjustment: true });
			lines.push(refund('ItemPrice', 'Principal', -price), refund('ItemFees', 'Commission', Math.round(price * 0.15)), refund('ItemFees', 'RefundCommission', -Math.round(price * 0.03)));
		}
	});
	return lines;
}

export interface SyntheticSettlement {
	settlementId: string;
	currency: string;
	marketplaceId: string;
	startAt: number;
	endAt: number;
	depositAt: number;
	/** Number of cycles of order lines. */
	cycles: number;
	totalMinor: number;
	rows: number;
	/** Exact size of the decoded text in characters (= bytes: the text is ASCII). */
	bytes: number;
}

const CYCLE = cycle();
const CYCLE_SUM = CYCLE.reduce((sum, line) => sum + line.minor, 0);

function headerText(plan: Omit<SyntheticSettlement, 'cycles' | 'totalMinor' | 'rows' | 'bytes'>, totalMinor: number): string {
	const width = SETTLEMENT_V2_HEADER.length;
	const summary = [plan.settlementId, utcSpaced(plan.startAt), utcSpaced(plan.endAt), utcSpaced(plan.depositAt), amountText(totalMinor, plan.currency), plan.currency];
	return `${SETTLEMENT_V2_HEADER.join('\t')}\n${[...summary, ...Array<string>(width - summary.length).fill('')].join('\t')}\n`;
}

/** The lines of cycle number `n`: order ids, shipment ids and times are fixed-width, derived from n. */
function cycleText(plan: Pick<SyntheticSettlement, 'settlementId' | 'currency' | 'marketplaceId' | 'startAt' | 'endAt'>, n: number, market: string): string {
	const order = `302-${String(1_000_000 + (n % 9_000_000)).padStart(7, '0')}-${String(1_000_000 + ((n * 7919) % 9_000_000)).padStart(7, '0')}`;
	const span = plan.endAt - plan.startAt;
	const posted = utcSpaced(plan.startAt + Math.floor(((n * 2654435761) % 1_000_000) / 1_000_000 * (span - 1000)));
	const postedDay = posted.slice(0, 10);
	const shipment = `S${String(n % 100_000_000).padStart(8, '0')}`;
	const adjustment = String(10_000_000_000_000 + n).padStart(14, '0');
	let text = '';
	for (let i = 0; i < CYCLE.length; i++) {
		const line = CYCLE[i];
		const itemCode = String(50_000_000_000_000 + n * 16 + (i % 16)).slice(0, 14);
		text +=
			`${plan.settlementId}\t\t\t\t\t${plan.currency}\t${line.transactionType}\t${order}\t${order}\t${line.adjustment ? adjustment : ''}\t${line.adjustment ? '' : shipment}\t${market}\t` +
			`${line.amountType}\t${line.amountDescription}\t${amountText(line.minor, plan.currency)}\tAFN\t${postedDay}\t${posted}\t${itemCode}\t\t\t${line.sku}\t${line.quantity}\t\n`;
	}
	return text;
}

/** Plans a file of at least `targetBytes` decoded bytes. */
export function planSyntheticSettlement(
	base: Omit<SyntheticSettlement, 'cycles' | 'totalMinor' | 'rows' | 'bytes'>,
	targetBytes: number,
): SyntheticSettlement {
	const market = marketplaceName(base.marketplaceId);
	// every cycle has the same length: its fields are fixed-width
	const perCycle = cycleText(base, 0, market).length;
	const cycles = Math.max(1, Math.ceil(Math.max(0, targetBytes - 600) / perCycle));
	const totalMinor = cycles * CYCLE_SUM;
	const bytes = headerText(base, totalMinor).length + cycles * perCycle;
	return { ...base, cycles, totalMinor, rows: 1 + cycles * CYCLE.length, bytes };
}

/** The file's text in chunks of about `chunkBytes`. */
export function* syntheticSettlementText(plan: SyntheticSettlement, chunkBytes = 256 * 1024): Generator<string> {
	const market = marketplaceName(plan.marketplaceId);
	let chunk = headerText(plan, plan.totalMinor);
	for (let n = 0; n < plan.cycles; n++) {
		chunk += cycleText(plan, n, market);
		if (chunk.length >= chunkBytes) {
			yield chunk;
			chunk = '';
		}
	}
	if (chunk) yield chunk;
}
