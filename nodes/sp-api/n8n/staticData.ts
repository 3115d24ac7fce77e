import type { IDataObject } from 'n8n-workflow';

/**
 * n8n saves a workflow's static data only when one of its fields was assigned; a change deep inside
 * a field (an entry added to a remembered window) goes unnoticed. Assigning the field to itself tells
 * n8n to save it with the execution.
 */
export function markStaticDataChanged(staticData: IDataObject, field: string): void {
	const value = staticData[field];
	staticData[field] = value;
}
