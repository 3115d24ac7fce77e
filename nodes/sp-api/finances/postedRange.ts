/**
 * The date window of a finances call, checked before anything is sent: a start in the future or an end
 * before the start is the user's mistake and is said so; an end too close to now is moved back to the
 * latest instant Amazon accepts (now − 2 minutes) instead of failing; windows longer than Amazon's
 * 180 days are cut into several calls.
 */
import { latestAllowedBefore, splitRange, toUtcIso, type DateRange } from '../dates';
import { InputError } from '../n8n/nodeErrors';
import { tr, translateText } from '../i18n/translate';

/** finances v0 (and ACORN, to be safe, for 2024-06-19) answers nothing for longer ranges. */
export const MAX_FINANCE_RANGE_DAYS = 180;

export interface PostedRangeInput {
	after?: Date;
	before?: Date;
	now?: number;
	/** Used when `after` is empty. */
	defaultLookbackMs: number;
	/** Field names as the user sees them, for the error messages. */
	afterLabel?: string;
	beforeLabel?: string;
}

export interface PostedRange extends DateRange {
	/** True when the requested end was later than Amazon allows and was moved back. */
	endClamped: boolean;
	/** The range cut into windows Amazon accepts, oldest first. */
	windows: DateRange[];
}

export function resolvePostedRange(input: PostedRangeInput): PostedRange {
	const now = input.now ?? Date.now();
	const afterLabel = input.afterLabel ?? 'Posted After';
	const beforeLabel = input.beforeLabel ?? 'Posted Before';
	const latest = latestAllowedBefore(now);
	const start = input.after ?? new Date(now - input.defaultLookbackMs);
	if (input.before && input.after && input.before.getTime() <= input.after.getTime()) {
		throw new InputError(tr`"${translateText(beforeLabel)}" (${toUtcIso(input.before)}) is not after "${translateText(afterLabel)}" (${toUtcIso(input.after)}): the end of the range must come after its start.`);
	}
	if (start.getTime() >= latest.getTime()) {
		throw new InputError(
			tr`"${translateText(afterLabel)}" (${toUtcIso(start)}) is in the future or less than two minutes ago: Amazon has no financial data there yet. Pick an earlier start.`,
		);
	}
	const requestedEnd = input.before ?? latest;
	const endClamped = requestedEnd.getTime() > latest.getTime();
	const end = endClamped ? latest : requestedEnd;
	return { start, end, endClamped, windows: splitRange({ start, end }, MAX_FINANCE_RANGE_DAYS) };
}

/** Amazon order ids look like 123-1234567-1234567. */
export const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

export function assertAmazonOrderId(value: string, label = 'Order ID'): string {
	const trimmed = value.trim();
	if (!AMAZON_ORDER_ID.test(trimmed)) {
		throw new InputError(tr`"${value}" in "${translateText(label)}" is not an Amazon order ID. Amazon order IDs look like 123-1234567-1234567 (3, 7 and 7 digits).`);
	}
	return trimmed;
}
