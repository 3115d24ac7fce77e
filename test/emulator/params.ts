/** Parameter checks with Amazon's 400 InvalidInput answers, each naming the parameter. */
import { DateTime } from 'luxon';
import { invalidInput } from './http/errors';

export const TWO_MINUTES = 2 * 60 * 1000;
export const MAX_RANGE_MS = 180 * 24 * 3600 * 1000;

/** ISO 8601 date-time (a bare date is read as midnight UTC); undefined when absent. */
export function optionalDateTime(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	const parsed = DateTime.fromISO(value, { zone: 'utc' });
	if (!value.trim() || !parsed.isValid) throw invalidInput(`Invalid ${name}: "${value}" is not an ISO 8601 date-time.`);
	return parsed.toMillis();
}

/** ISO 8601 calendar date (YYYY-MM-DD) as midnight UTC; undefined when absent. */
export function optionalDate(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	const parsed = DateTime.fromISO(value, { zone: 'utc' });
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !parsed.isValid) throw invalidInput(`Invalid ${name}: "${value}" is not an ISO 8601 date (YYYY-MM-DD).`);
	return parsed.toMillis();
}

/** Amazon refuses dates within the last two minutes (and in the future): data there is still moving. */
export function assertSettledTime(name: string, ms: number, nowMs: number): void {
	if (ms > nowMs - TWO_MINUTES) throw invalidInput(`Invalid ${name}: it must be more than 2 minutes before the time of the request.`);
}

export function assertOrder(afterName: string, after: number, beforeName: string, before: number): void {
	if (after >= before) throw invalidInput(`Invalid date range: ${afterName} must be before ${beforeName}.`);
}

export function maxResultsPerPage(query: URLSearchParams, defaultValue: number): number {
	const value = query.get('MaxResultsPerPage');
	if (value === null) return defaultValue;
	const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
	if (!(parsed >= 1 && parsed <= 100)) throw invalidInput(`Invalid MaxResultsPerPage: "${value}". It must be an integer from 1 to 100.`);
	return parsed;
}

export function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	if (!(allowed as readonly string[]).includes(value)) throw invalidInput(`Invalid ${name}: "${value}". Allowed values: ${allowed.join(', ')}.`);
	return value as T;
}

/** Array parameters come csv-joined (Amazon's collectionFormat) or repeated; both are accepted. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
	const values = query.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
	return values.length > 0 ? values : undefined;
}
