import { Container } from '@n8n/di';
import { ActiveWorkflowTriggers, HookContext, PollContext, TriggerContext, WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type Workflow,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { buildAdditionalData, buildWorkflow, executeWorkflow, installCapturingLogger, logsSoFar, type CapturedLog, type WorkflowResult, type WorkflowSpec } from './n8nHarness';

/**
 * Runs trigger and webhook nodes of the built package the way n8n's server does, in-process:
 *
 * - `activateWorkflow` registers the workflow's triggers with n8n-core's ActiveWorkflowTriggers
 *   (mode "trigger", as ActiveWorkflowManager does when a workflow is activated). Each `emit` starts a
 *   workflow run from the trigger's output, like n8n's runWorkflow; `deactivate` removes the triggers
 *   (their close functions run), as deactivating a workflow does.
 * - Manual ("test") mode needs nothing extra: `runWorkflow` with mode "manual" and the trigger as start
 *   node goes through WorkflowExecute → TriggersAndPollers.runTriggerFunction, like the editor.
 * - `webhookLifecycle` and `callWebhook` run a webhook node's `webhookMethods` (checkExists/create/delete
 *   through HookContext) and its `webhook()` (through WebhookContext), as n8n's WebhookService does.
 */
export interface EmitRecord {
	data: INodeExecutionData[][];
	/** The run n8n would start with these items (when `runEmits` is on). */
	run?: WorkflowResult;
}

export interface ActiveWorkflow {
	workflow: Workflow;
	readonly emits: EmitRecord[];
	/** Errors the trigger reported with emitError (n8n deactivates and retries the workflow). */
	readonly errors: Error[];
	staticData: IDataObject;
	/** Waits until at least `count` emits happened. */
	waitForEmits(count: number, timeoutMs?: number): Promise<EmitRecord[]>;
	waitForErrors(count: number, timeoutMs?: number): Promise<Error[]>;
	/** Deactivates: n8n-core calls the trigger's close function. */
	deactivate(): Promise<void>;
	logs(): CapturedLog[];
}

export interface ActivateOptions {
	activation?: WorkflowActivateMode;
	/** Run the downstream nodes for each emit (default true). */
	runEmits?: boolean;
	/** Called inside emit, before anything else: throw to play an n8n that cannot take the items. */
	onEmit?: (data: INodeExecutionData[][]) => void;
	workflowId?: string;
}

let workflowCounter = 0;

async function waitFor<T>(read: () => T[], count: number, timeoutMs: number, what: string): Promise<T[]> {
	const started = Date.now();
	while (read().length < count) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${count} ${what} (have ${read().length})`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return read();
}

export async function activateWorkflow(spec: WorkflowSpec, options: ActivateOptions = {}): Promise<ActiveWorkflow> {
	installCapturingLogger();
	const logStart = logsSoFar().length;
	const workflowId = options.workflowId ?? `acorn-active-${++workflowCounter}`;
	const { workflow, nodes } = await buildWorkflow(spec, workflowId);
	const additionalData = buildAdditionalData(undefined, spec.credentials);
	const mode: WorkflowExecuteMode = 'trigger';
	const activation = options.activation ?? 'activate';
	const emits: EmitRecord[] = [];
	const errors: Error[] = [];
	const runs: Array<Promise<void>> = [];

	const getTriggerFunctions = (wf: Workflow, node: INode) =>
		new TriggerContext(
			wf,
			node,
			additionalData,
			mode,
			activation,
			(data: INodeExecutionData[][]) => {
				options.onEmit?.(data);
				const record: EmitRecord = { data };
				emits.push(record);
				if (options.runEmits !== false) {
					runs.push(
						executeWorkflow(workflow, nodes, { ...spec, mode: 'trigger', startData: { nodeName: node.name, main: data } }).then((run) => {
							record.run = run;
						}),
					);
				}
			},
			(error: Error) => void errors.push(error),
		);
	const getPollFunctions = (wf: Workflow, node: INode) => new PollContext(wf, node, additionalData, mode, activation);
	const triggers = Container.get(ActiveWorkflowTriggers);
	await triggers.addAllTriggers(workflowId, workflow, additionalData, mode, activation, getTriggerFunctions, getPollFunctions);

	return {
		workflow,
		emits,
		errors,
		staticData: workflow.staticData,
		waitForEmits: (count, timeoutMs = 10_000) => waitFor(() => emits, count, timeoutMs, 'emits'),
		waitForErrors: (count, timeoutMs = 10_000) => waitFor(() => errors, count, timeoutMs, 'trigger errors'),
		deactivate: async () => {
			await triggers.remove(workflowId);
			await Promise.all(runs);
		},
		logs: () => logsSoFar().slice(logStart),
	};
}

export interface WebhookCall {
	headers?: Record<string, string>;
	body?: unknown;
	mode?: WorkflowExecuteMode;
}

export interface WebhookAnswer {
	response: IWebhookResponseData;
	/** What the node wrote to the HTTP response itself (status and body), if it did. */
	status?: number;
	sent?: unknown;
	/** The run n8n starts with `workflowData`, when there is any. */
	run?: WorkflowResult;
}

async function webhookDataOf(workflow: Workflow, node: INode, spec: WorkflowSpec): Promise<IWebhookData> {
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks?.[0];
	if (!description) throw new Error(`${node.type} has no webhook`);
	const path = NodeHelpers.getNodeWebhookPath(workflow.id, node, String(description.path), false, false);
	return {
		httpMethod: 'POST',
		node: node.name,
		path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: buildAdditionalData(undefined, spec.credentials),
	};
}

/**
 * Runs a webhook node's lifecycle method like n8n's WebhookService: `checkExists` then `create` on
 * activation (mode "trigger"), `delete` on deactivation.
 */
export async function webhookLifecycle(
	target: { workflow: Workflow; spec: WorkflowSpec },
	nodeName: string,
	step: 'activate' | 'deactivate',
	mode: WorkflowExecuteMode = 'trigger',
): Promise<{ existed?: boolean; created?: boolean; deleted?: boolean }> {
	const node = target.workflow.getNode(nodeName);
	if (!node) throw new Error(`no node ${nodeName}`);
	const webhookData = await webhookDataOf(target.workflow, node, target.spec);
	const nodeType = target.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const methods = nodeType.webhookMethods?.default;
	if (!methods) return {};
	const context = () => new HookContext(target.workflow, node, webhookData.workflowExecuteAdditionalData, mode, step === 'activate' ? 'activate' : 'update', webhookData);
	if (step === 'deactivate') return { deleted: await methods.delete.call(context()) };
	const existed = await methods.checkExists.call(context());
	if (existed) return { existed };
	return { existed, created: await methods.create.call(context()) };
}

/** Builds the workflow once, for a sequence of webhook calls and lifecycle steps sharing static data. */
export async function webhookWorkflow(spec: WorkflowSpec): Promise<{ workflow: Workflow; spec: WorkflowSpec }> {
	installCapturingLogger();
	const { workflow } = await buildWorkflow(spec, `acorn-webhook-${++workflowCounter}`);
	return { workflow, spec };
}

/** Calls a webhook node's webhook() with a request, then runs the workflow with what it returned. */
export async function callWebhook(target: { workflow: Workflow; spec: WorkflowSpec }, nodeName: string, call: WebhookCall): Promise<WebhookAnswer> {
	const node = target.workflow.getNode(nodeName);
	if (!node) throw new Error(`no node ${nodeName}`);
	const webhookData = await webhookDataOf(target.workflow, node, target.spec);
	const answer: WebhookAnswer = { response: {} };
	const lowerHeaders = Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const res = {
		status(code: number) {
			answer.status = code;
			return res;
		},
		json(body: unknown) {
			answer.sent = body;
			return res;
		},
		send(body: unknown) {
			answer.sent = body;
			return res;
		},
		end(body?: unknown) {
			if (body !== undefined) answer.sent = body;
			return res;
		},
		setHeader() {
			return res;
		},
	};
	const additionalData = {
		...webhookData.workflowExecuteAdditionalData,
		httpRequest: { headers: lowerHeaders, body: call.body, params: {}, query: {}, method: 'POST' },
		httpResponse: res,
	} as typeof webhookData.workflowExecuteAdditionalData;
	const nodeType = target.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const context = new WebhookContext(target.workflow, node, additionalData, call.mode ?? 'webhook', webhookData, [], null);
	answer.response = (await nodeType.webhook!.call(context)) as IWebhookResponseData;
	if (answer.response.workflowData) {
		const nodes = Object.values(target.workflow.nodes);
		answer.run = await executeWorkflow(target.workflow, nodes, { ...target.spec, mode: call.mode ?? 'webhook', startData: { nodeName, main: answer.response.workflowData } });
	}
	return answer;
}
