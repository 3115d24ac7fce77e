/**
 * "Exactly once" within one workflow execution: a write is claimed by its key (a customer payment
 * reference, or the transfer's full details) before it is sent, and a second item with the same key in
 * the same execution is refused before any call, whatever happened to the first one.
 *
 * In queue mode the claims are also kept in Redis (../sharing/onceClaims), because an
 * execution that waits may be resumed by another worker. Without Redis (or when it is away) this
 * process's memory is the guard, as without queue mode.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { redactingLogger } from './logger';
import { InputError } from './nodeErrors';
import { processSharing } from '../sharing';
import { claimInRedis } from '../sharing/onceClaims';

interface Claim {
	itemIndex: number;
	nodeName: string;
}

/** Executions remembered at once; the oldest is forgotten first (an execution finishes long before). */
const MAX_EXECUTIONS = 200;
const claimsByExecution = new Map<string, Map<string, Claim>>();
/** When n8n gives no execution id, the node's run (its execute context) is the scope. */
const claimsByContext = new WeakMap<object, Map<string, Claim>>();

function executionIdOf(context: IExecuteFunctions): string | undefined {
	try {
		return context.getExecutionId?.() || undefined;
	} catch {
		return undefined;
	}
}

function claimsOf(context: IExecuteFunctions, executionId: string | undefined): Map<string, Claim> {
	if (!executionId) {
		let claims = claimsByContext.get(context);
		if (!claims) claimsByContext.set(context, (claims = new Map()));
		return claims;
	}
	let claims = claimsByExecution.get(executionId);
	if (!claims) {
		claims = new Map();
		claimsByExecution.set(executionId, claims);
		while (claimsByExecution.size > MAX_EXECUTIONS) claimsByExecution.delete(claimsByExecution.keys().next().value as string);
	}
	return claims;
}

export interface OnceClaim {
	key: string;
	/** Words the refusal: it receives the earlier item's number (1-based) and node name. */
	describe: (earlier: { item: number; nodeName: string }) => string;
}

/**
 * Claims every key for this item, or throws (claiming none) when another item of this execution has
 * claimed one of them already: a refused item must not block a later one by keys it never sent.
 */
export async function claimOncePerExecution(context: IExecuteFunctions, itemIndex: number, ...wanted: OnceClaim[]): Promise<void> {
	const executionId = executionIdOf(context);
	const claims = claimsOf(context, executionId);
	for (const { key, describe } of wanted) {
		const earlier = claims.get(key);
		// a node that runs again in the same execution (a loop) counts as a second submission too
		if (earlier) throw new InputError(describe({ item: earlier.itemIndex + 1, nodeName: earlier.nodeName }));
	}
	const nodeName = context.getNode().name;
	const sharing = executionId ? processSharing() : undefined;
	if (sharing && executionId) {
		const shared = await claimInRedis(
			sharing.redis,
			executionId,
			wanted.map((claim) => claim.key),
			{ itemIndex, nodeName },
			redactingLogger(context.logger),
		);
		if (shared.kind === 'taken') {
			const refused = wanted[shared.index] ?? wanted[0];
			throw new InputError(refused.describe({ item: shared.earlier.itemIndex + 1, nodeName: shared.earlier.nodeName }));
		}
	}
	for (const { key } of wanted) claims.set(key, { itemIndex, nodeName });
}
