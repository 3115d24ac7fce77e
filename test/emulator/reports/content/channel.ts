/**
 * Which orders the seller shipped itself (MFN) and which Amazon shipped (FBA). The finance data does
 * not say, so the reports decide it from the order id, the same way in every report: about three
 * orders in ten are seller-fulfilled.
 */
import { hashString } from '../../random';

export type FulfilmentChannel = 'AFN' | 'MFN';

export function channelOf(amazonOrderId: string): FulfilmentChannel {
	return hashString(`channel|${amazonOrderId}`) % 10 < 3 ? 'MFN' : 'AFN';
}
