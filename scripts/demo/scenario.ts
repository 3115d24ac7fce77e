/**
 * The product problem the demo's data contains (and the real-n8n end-to-end run too): a batch of
 * lanterns that arrived broken in Germany, refunded as defective within the last 20 hours. Everything
 * else is the emulator's ordinary seeded data. The alert the demo shows comes out of this data through
 * the Detect Refund Anomalies node; nothing in the demo states the result.
 */
import type { RefundSpike } from '../../test/emulator/types';

export const DEMO_REFUND_SPIKES: RefundSpike[] = [{ seller: 'eu', marketplace: 'DE', product: 'LAMP', refunds: 6, withinHours: 20, reason: 'DEFECTIVE' }];

/**
 * The real-n8n end-to-end run's data: the demo's problem plus one in the United States (camping stoves
 * refunded as defective), for the example that watches the North America stores.
 */
export const E2E_REFUND_SPIKES: RefundSpike[] = [...DEMO_REFUND_SPIKES, { seller: 'na', marketplace: 'US', product: 'STOVE', refunds: 5, withinHours: 18, reason: 'DEFECTIVE' }];
