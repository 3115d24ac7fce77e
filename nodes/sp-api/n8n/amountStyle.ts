/**
 * Amounts as numbers came with node version 1.1 (Refunds node, New Refund Trigger): a new node gives
 * `total: -12.3` for sheets to sum and `totalExact: "-12.30"`; a node saved at version 1 keeps the exact
 * text in `total` it always gave, so a workflow that reads `total` as text goes on working (CHANGELOG:
 * an output field changing its type comes as a new node version).
 */
import type { INode } from 'n8n-workflow';
import type { AmountStyle } from '../money';

export const AMOUNTS_AS_NUMBERS_FROM_VERSION = 1.1;

export function amountStyleOf(node: Pick<INode, 'typeVersion'>): AmountStyle {
	return node.typeVersion >= AMOUNTS_AS_NUMBERS_FROM_VERSION ? 'number' : 'text';
}
