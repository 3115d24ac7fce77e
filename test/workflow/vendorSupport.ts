/** Shared pieces of the Vendor workflow tests: a workflow around the node (the truth is in test/helpers/vendorTruth.ts). */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow, spApiCredentialRef, type WorkflowResult } from '../harness/n8nHarness';

export { linesOfPeriod, shortagesOf, totalsPerCurrency, valueText, vendorData } from '../helpers/vendorTruth';

export const VENDOR_NODE = 'Amazon Vendor';
export const VENDOR = 'n8n-nodes-acorn.amazonSpApiVendor';

export interface VendorRun {
	parameters: Record<string, unknown>;
	seller?: SellerFixtureKey;
	items?: IDataObject[];
	continueOnFail?: boolean;
	timezone?: string;
}

export async function runVendor(emulator: Emulator, run: VendorRun): Promise<WorkflowResult> {
	const credentials = { ...emulator.credentialsFor(run.seller ?? 'vendor') } as unknown as ICredentialDataDecryptedObject;
	const nodes = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
		{ name: 'Items', type: 'acorn-test.fixedItems', parameters: { items: JSON.stringify(run.items ?? [{}]) } },
		{ name: VENDOR_NODE, type: VENDOR, parameters: run.parameters as INodeParameters, credentials: spApiCredentialRef(), ...(run.continueOnFail ? { continueOnFail: true } : {}) },
	];
	return await runWorkflow({ nodes, connections: { Start: ['Items'], Items: [VENDOR_NODE] }, credentials: { amazonSpApi: credentials }, timezone: run.timezone });
}

export function jsonOf(result: WorkflowResult): IDataObject[] {
	return result.output(VENDOR_NODE).map((item) => item.json);
}

