/**
 * Reading Amazon's JSON answers without trusting their shape: an object, a list of objects, a non-empty
 * string — or an empty stand-in — and items without undefined fields. (Some older files still have
 * private copies of these; new code uses this one.)
 */
import type { IDataObject } from 'n8n-workflow';

export type Json = Record<string, unknown>;

export function object(value: unknown): Json {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function list(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter((entry): entry is Json => !!entry && typeof entry === 'object' && !Array.isArray(entry)) : [];
}

export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops undefined fields so items stay readable. */
export function compact(json: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined)) as IDataObject;
}
