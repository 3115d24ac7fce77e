/** Runs one catalog operation in n8n-core's WorkflowExecute against the emulator. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { SqsRequestLogEntry } from '../../emulator/sqs/service';
import type { RequestLogEntry } from '../../emulator/types';
import { runWorkflow, spApiCredentialRef, type WorkflowResult } from '../../harness/n8nHarness';
import { CATALOG, keyOf, nodeType, type CatalogWorld, type NodeOperation } from './catalog';

/** The node as it stops the workflow, and (in `both` mode) a twin with Continue On Fail that runs first. */
export const STOPPING = 'Operation';
export const CONTINUING = 'Operation (Continue On Fail)';

export type NodeError = Error & { description?: string; httpCode?: string; context?: IDataObject; node?: { parameters?: IDataObject } };

export interface OperationRun {
	result: WorkflowResult;
	/** The error of the node without Continue On Fail (undefined when it succeeded). */
	error?: NodeError;
	/** What the node without Continue On Fail emitted (nothing when it failed). */
	output: INodeExecutionData[];
	/** The twin's items (`both` mode): error items when it failed. */
	continuing: INodeExecutionData[];
	/** Requests that reached the emulator during the run (status 0: reset, or not answered yet). */
	requests: RequestLogEntry[];
	/** Requests that reached the emulated AWS SQS during the run (the queue operations). */
	sqsRequests: SqsRequestLogEntry[];
	parameters: Record<string, unknown>;
}

export interface RunOptions {
	/** Also run a Continue On Fail twin of the node (before the stopping one, on the same input). */
	both?: boolean;
	/** Only the Continue On Fail twin (its items are `continuing`). */
	continuingOnly?: boolean;
	/** Parameters that replace the catalog's (`options` are merged). */
	override?: Record<string, unknown>;
	/** Runs once the parameters are ready, right before the workflow (e.g. puts a fault in place). */
	before?: () => void;
}

export async function runOperation(world: CatalogWorld, op: NodeOperation, options: RunOptions = {}): Promise<OperationRun> {
	const entry = CATALOG[keyOf(op)];
	if (!entry) throw new Error(`no catalog entry for ${keyOf(op)}`);
	const base = await entry.parameters(world);
	const parameters: Record<string, unknown> = { resource: op.resource, operation: op.operation, ...base, ...options.override };
	if (options.override?.options) parameters.options = { ...(base.options as object | undefined), ...(options.override.options as object) };
	const sqs = entry.sqs?.(world);
	const node = (name: string, continueOnFail: boolean, y: number) => ({
		name,
		type: nodeType(op.node),
		parameters: parameters as INodeParameters,
		credentials: sqs ? { amazonSqsApi: { id: 'amazonSqsApi', name: 'Amazon SQS' } } : spApiCredentialRef(),
		position: [400, y] as [number, number],
		...(continueOnFail ? { continueOnFail: true } : {}),
	});
	const nodes = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {}, position: [0, 0] as [number, number] },
		{ name: 'Items', type: 'acorn-test.fixedItems', parameters: { items: JSON.stringify(entry.input ?? [{}]) }, position: [200, 0] as [number, number] },
		...(options.both || options.continuingOnly ? [node(CONTINUING, true, -100)] : []),
		...(options.continuingOnly ? [] : [node(STOPPING, false, 100)]),
	];
	const credentials: Record<string, ICredentialDataDecryptedObject> = sqs
		? { amazonSqsApi: { ...sqs } as unknown as ICredentialDataDecryptedObject }
		: { amazonSpApi: { ...world.emulator.credentialsFor(entry.seller) } as unknown as ICredentialDataDecryptedObject };
	options.before?.();
	// the emulator logs a request when it arrives: answers that come after the run still count for it
	const logged = world.emulator.control.requests().length;
	const loggedSqs = world.emulator.control.sqs.requests().length;
	let result: WorkflowResult;
	try {
		result = await runWorkflow({
			nodes,
			connections: { Start: ['Items'], Items: options.continuingOnly ? [CONTINUING] : options.both ? [CONTINUING, STOPPING] : [STOPPING] },
			credentials,
		});
		await requestsSettled(world, logged, loggedSqs);
	} finally {
		entry.after?.(world);
	}
	const seen: RequestLogEntry[] = world.emulator.control.requests().slice(logged);
	return {
		result,
		error: result.error(STOPPING) as NodeError | undefined,
		output: result.output(STOPPING),
		continuing: options.both || options.continuingOnly ? result.output(CONTINUING) : [],
		requests: seen,
		sqsRequests: world.emulator.control.sqs.requests().slice(loggedSqs),
		parameters,
	};
}

const QUIET_MS = 20;
const SETTLE_LIMIT_MS = 1000;

/**
 * Waits until the run's requests have all reached the emulator and been answered (nothing new for a
 * moment). On a busy machine a request whose client gave up early (a timeout of 80 ms) can reach the
 * emulator, which shares this process, after the workflow ended: it belongs to this run, not to the next
 * one (where it would meet, and use up, the next run's fault).
 */
async function requestsSettled(world: CatalogWorld, logged: number, loggedSqs: number): Promise<void> {
	const signature = () => {
		const spApi = world.emulator.control.requests().slice(logged);
		const sqs = world.emulator.control.sqs.requests().slice(loggedSqs);
		return `${spApi.length}/${sqs.length}/${[...spApi, ...sqs].filter((entry) => entry.status === 0).length}`;
	};
	const started = Date.now();
	let last = signature();
	let quietSince = Date.now();
	while (Date.now() - quietSince < QUIET_MS && Date.now() - started < SETTLE_LIMIT_MS) {
		await new Promise((resolve) => setTimeout(resolve, 5));
		const now = signature();
		if (now !== last) {
			last = now;
			quietSince = Date.now();
		}
	}
}

/** The SP-API operations a run called, in order, each once. */
export function operationsCalled(run: Pick<OperationRun, 'requests'>): string[] {
	return [...new Set(run.requests.map((entry) => entry.operation).filter((operation): operation is NonNullable<typeof operation> => !!operation))];
}

/** The SQS actions a run called (the queue operations), in order, each once. */
export function sqsActionsCalled(run: Pick<OperationRun, 'sqsRequests'>): string[] {
	return [...new Set(run.sqsRequests.map((entry) => entry.action))];
}

/** SQS actions that change something at AWS (the queue, its access policy); the others read. */
export const SQS_CHANGES: ReadonlySet<string> = new Set(['CreateQueue', 'SetQueueAttributes', 'SendMessage', 'DeleteMessage', 'DeleteMessageBatch']);
