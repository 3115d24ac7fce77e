/** Shared pieces of the Seller Wallet workflow tests: workflows around the node, and looks into the emulator. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { walletStore } from '../emulator/data/walletStore';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow, spApiCredentialRef, type WorkflowResult } from '../harness/n8nHarness';
import { DESTINATION, SIGNATURES } from '../helpers/walletFixture';

export const WALLET_NODE = 'Seller Wallet';
export const DE = 'A1PA6795UKMFR9';
export { IBAN, IBAN_SPACED, SIGNATURES } from '../helpers/walletFixture';

export interface WalletRun {
	parameters: Record<string, unknown>;
	seller?: SellerFixtureKey;
	/** Input items: the node runs once per item. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	environment?: 'production' | 'sandbox';
}

export async function runWallet(emulator: Emulator, run: WalletRun): Promise<WorkflowResult> {
	const credentials = { ...emulator.credentialsFor(run.seller ?? 'eu', { environment: run.environment }) } as unknown as ICredentialDataDecryptedObject;
	const nodes = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
		{ name: 'Items', type: 'acorn-test.fixedItems', parameters: { items: JSON.stringify(run.items ?? [{}]) } },
		{
			name: WALLET_NODE,
			type: 'n8n-nodes-acorn.amazonSpApiSellerWallet',
			parameters: run.parameters as INodeParameters,
			credentials: spApiCredentialRef(),
			...(run.continueOnFail ? { continueOnFail: true } : {}),
		},
	];
	return await runWorkflow({ nodes, connections: { Start: ['Items'], Items: [WALLET_NODE] }, credentials: { amazonSpApi: credentials } });
}

export function jsonOf(result: WorkflowResult): IDataObject[] {
	return result.output(WALLET_NODE).map((item: INodeExecutionData) => item.json);
}

export function walletOf(emulator: Emulator, seller: SellerFixtureKey = 'eu') {
	return walletStore(emulator.control.state).walletOf(seller);
}

export function accountOf(emulator: Emulator, currency: string, seller: SellerFixtureKey = 'eu'): string {
	const found = walletOf(emulator, seller).accounts.find((account) => account.currency === currency);
	if (!found) throw new Error(`${seller} has no ${currency} wallet account`);
	return found.accountId;
}

/** The parameters of a Create Transaction to the test IBAN; `extra` overrides. */
export function transferParameters(sourceAccountId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		resource: 'transaction',
		operation: 'create',
		marketplaceId: DE,
		sourceAccountId,
		amount: '125.50',
		currency: 'EUR',
		...DESTINATION,
		transactionDescription: 'Rent March',
		...SIGNATURES,
		...extra,
	};
}

/** Everything a person or a log could see of a run of the wallet node. */
export function visibleOfWalletNode(result: WorkflowResult): string {
	const task = result.run.data.resultData.runData[WALLET_NODE]?.[0];
	const error = task?.error as (Error & { description?: string; context?: unknown; errorResponse?: unknown }) | undefined;
	return JSON.stringify({
		items: task?.data,
		hints: task?.hints,
		error: error && { message: error.message, description: error.description, context: error.context, errorResponse: error.errorResponse, stack: error.stack },
		workflowError: result.run.data.resultData.error?.message,
		logs: result.logs,
	});
}
