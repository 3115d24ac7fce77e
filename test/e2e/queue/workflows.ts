/**
 * The workflows of the queue-mode run, as n8n workflow JSON: webhook-started pulls (main takes the call,
 * a worker runs the execution, main answers with the last node's items), a pull that ends in a money
 * move, and the New Refund Trigger (polled on main) posting each refund to a local receiver.
 */
import { randomUUID } from 'node:crypto';

export const NA_CREDENTIAL = { id: 'acornAmazonSpApi', name: 'Amazon SP-API account' };
export const EU_CREDENTIAL = { id: 'acornAmazonSpApiEu', name: 'Amazon SP-API Europe' };

export interface Range {
	postedAfter: string;
	postedBefore: string;
}

type Node = Record<string, unknown>;

function workflow(id: string, nodes: Node[], chain: string[]): Record<string, unknown> {
	const connections = Object.fromEntries(chain.slice(0, -1).map((name, index) => [name, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]));
	return { id, name: id, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

function webhook(path: string): Node {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		position: [0, 0],
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

function refunds(range: Range, credential: typeof NA_CREDENTIAL): Node {
	return {
		id: randomUUID(),
		name: 'Refunds',
		type: 'n8n-nodes-acorn.amazonSpApiRefunds',
		typeVersion: 1,
		position: [220, 0],
		parameters: { resource: 'refund', operation: 'getMany', source: 'financialEvents', findBy: 'dateRange', ...range, marketplaceIds: [], kinds: ['refund'], returnAll: true, options: {} },
		credentials: { amazonSpApi: credential },
	};
}

/** Webhook → Refunds "Get Many" over a range of the NA seller: main answers with every refund line. */
export function pullWorkflow(id: string, range: Range): Record<string, unknown> {
	return workflow(id, [webhook(id), refunds(range, NA_CREDENTIAL)], ['Webhook', 'Refunds']);
}

/**
 * Webhook → a long refunds pull of the EU seller → Seller Wallet on-demand payout (a money move) in the
 * marketplace the call names. The payout runs once per execution (Execute Once), after the pull.
 */
export function payoutWorkflow(id: string, range: Range): Record<string, unknown> {
	const payout = {
		id: randomUUID(),
		name: 'Payout',
		type: 'n8n-nodes-acorn.amazonSpApiSellerWallet',
		typeVersion: 1,
		position: [440, 0],
		executeOnce: true,
		parameters: { resource: 'payout', operation: 'initiate', marketplaceId: "={{ $('Webhook').first().json.body.marketplace }}", accountType: 'Standard Orders', options: {} },
		credentials: { amazonSpApi: EU_CREDENTIAL },
	};
	return workflow(id, [webhook(id), refunds(range, EU_CREDENTIAL), payout], ['Webhook', 'Refunds', 'Payout']);
}

/** New Refund Trigger (NA, every minute) → one POST per refund to the receiver. */
export function triggerWorkflow(id: string, receiverUrl: string, lookbackDays: number): Record<string, unknown> {
	const trigger = {
		id: randomUUID(),
		name: 'New Refund',
		type: 'n8n-nodes-acorn.amazonSpApiNewRefundTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, source: 'financialEvents', marketplaceIds: [], kinds: ['refund'], lookbackDays, options: {} },
		credentials: { amazonSpApi: NA_CREDENTIAL },
	};
	const post = {
		id: randomUUID(),
		name: 'Post Refund',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220, 0],
		parameters: { method: 'POST', url: receiverUrl, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
	};
	return workflow(id, [trigger, post], ['New Refund', 'Post Refund']);
}
