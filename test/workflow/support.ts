/** Helpers shared by the finance workflow tests. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { spApiCredentialRef, type WorkflowSpec } from '../harness/n8nHarness';

export const START = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/**
 * The process clock (Date only; timers stay real) set to a fixed instant and running on from there, so
 * the emulator's generated data and the nodes' "now" line up the same way on every run.
 */
export function useFixedNow(iso: string): void {
	beforeAll(() => {
		jest.useFakeTimers({
			now: new Date(iso),
			advanceTimers: true,
			doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
		});
	});
	afterAll(() => {
		jest.useRealTimers();
	});
}

export function credentialsOf(emulator: Emulator, seller: SellerFixtureKey): ICredentialDataDecryptedObject {
	return { ...emulator.credentialsFor(seller) } as unknown as ICredentialDataDecryptedObject;
}

/** Start → one ACORN node (optionally fed by fixed items). */
export function singleNode(
	emulator: Emulator,
	seller: SellerFixtureKey,
	node: { name?: string; type: string; parameters: Record<string, unknown>; continueOnFail?: boolean; typeVersion?: number },
	input?: IDataObject[],
): WorkflowSpec {
	const name = node.name ?? 'Node';
	const nodes: WorkflowSpec['nodes'] = [START];
	const connections: Record<string, string[]> = {};
	if (input) {
		nodes.push({ name: 'Items', type: 'acorn-test.fixedItems', parameters: { items: JSON.stringify(input) } });
		connections.Start = ['Items'];
		connections.Items = [name];
	} else {
		connections.Start = [name];
	}
	nodes.push({ name, type: node.type, typeVersion: node.typeVersion, parameters: node.parameters as never, credentials: spApiCredentialRef(), continueOnFail: node.continueOnFail });
	return { nodes, connections, credentials: { amazonSpApi: credentialsOf(emulator, seller) } };
}

export const FINANCES = 'n8n-nodes-acorn.amazonSpApiFinances';
export const REFUNDS = 'n8n-nodes-acorn.amazonSpApiRefunds';
export const NEW_REFUND_TRIGGER = 'n8n-nodes-acorn.amazonSpApiNewRefundTrigger';

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/** Exact sum of decimal strings, as bigint minor units with `decimals` digits. */
export function minorSum(amounts: readonly string[], decimals: number): bigint {
	let total = 0n;
	for (const amount of amounts) total += toMinorBig(amount, decimals);
	return total;
}

export function toMinorBig(amount: string, decimals: number): bigint {
	const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount);
	if (!match) throw new Error(`not a decimal amount: ${amount}`);
	const fraction = (match[3] ?? '').padEnd(decimals, '0');
	if (fraction.length > decimals) throw new Error(`${amount} has more than ${decimals} decimals`);
	const value = BigInt(`${match[2]}${fraction}`);
	return match[1] ? -value : value;
}

export const DECIMALS: Record<string, number> = { JPY: 0 };
export const decimalsOf = (currency: string) => DECIMALS[currency] ?? 2;
