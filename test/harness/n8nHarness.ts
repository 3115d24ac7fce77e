import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import { ExecutionLifecycleHooks, PackageDirectoryLoader, PollContext, TriggersAndPollers, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type NodeExecutionHint,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FixedItemsNode, ManualTriggerStandIn, STAND_IN_PACKAGE } from './testNodes';

export const PACKAGE_NAME = 'n8n-nodes-acorn';

/** The folder of ACORN's package.json, from the sources or from the tools compiled to .build/ (demo, benchmarks). */
function packageRoot(start: string): string {
	for (let dir = start; ; dir = path.dirname(dir)) {
		const file = path.join(dir, 'package.json');
		if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
		if (path.dirname(dir) === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${start}`);
	}
}

export const REPO_ROOT = packageRoot(__dirname);

// n8n-core keeps instance settings under the user folder: keep tests away from ~/.n8n
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-n8n-'));

/** Fails early with a clear message when `npm run build` has not produced what n8n loads. */
function assertBuilt(): void {
	const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const missing = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials].filter(
		(file) => !fs.existsSync(path.join(REPO_ROOT, file)),
	);
	if (missing.length) {
		throw new Error(`The package is not built (${missing[0]} is missing). Run "npm run build" first; "npm test" does it for you.`);
	}
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** Loads dist/ through n8n-core's PackageDirectoryLoader, exactly as n8n loads a community package. */
export async function loadAcornPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		assertBuilt();
		const loader = new PackageDirectoryLoader(REPO_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	add(fullName: string, type: INodeType | IVersionedNodeType): void {
		this.types.set(fullName, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (!found) throw new Error(`Unknown node type ${nodeType}`);
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, { className: name, sourcePath: '' }]));
	}
}

/** Credentials by node credential id first, then by type: one test can use several sellers. */
class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byIdOrType: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(_credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return options;
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used by ACORN nodes');
	}
	async getDecrypted(_data: IWorkflowExecuteAdditionalData, details: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const found = (details.id && this.byIdOrType[details.id]) || this.byIdOrType[type];
		if (!found) throw new Error(`No test credentials for ${type} (${details.id ?? 'no id'})`);
		return { ...found };
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(): [] {
		return [];
	}
}

export interface CapturedLog {
	level: string;
	message: string;
	meta?: unknown;
}

const capturedLogs: CapturedLog[] = [];

/** n8n's logger replaced by one that records, so tests can prove no secret is ever logged. */
export function installCapturingLogger(): void {
	const record = (level: string) => (message: string, meta?: unknown) => {
		capturedLogs.push({ level, message, meta });
	};
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => logger,
	};
	Container.set(Logger, logger as unknown as Logger);
}

export function logsSoFar(): CapturedLog[] {
	return [...capturedLogs];
}

export interface WorkflowSpec {
	nodes: Array<Omit<INode, 'id' | 'position' | 'typeVersion'> & Partial<Pick<INode, 'id' | 'position' | 'typeVersion'>>>;
	/** node name → names of the nodes it feeds from main output 0, or per output (`[[...], [...]]`) */
	connections: Record<string, string[] | string[][]>;
	/** n8n's own connection format (every output); replaces `connections` when given. */
	rawConnections?: IConnections;
	/** More node types by full name (e.g. stand-ins for n8n-nodes-base nodes a workflow file uses). */
	extraNodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
	timezone?: string;
	/**
	 * Start at this node with these outputs, as n8n does when a trigger emitted (the trigger itself is
	 * not run again). Default: the workflow's start node with one empty item.
	 */
	startData?: { nodeName: string; main: INodeExecutionData[][] };
}

export interface WorkflowResult {
	run: IRun;
	output(nodeName: string): INodeExecutionData[];
	error(nodeName: string): (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
	/** The execution hints a node added (what n8n shows above its output, e.g. why nothing came out). */
	hints(nodeName: string): NodeExecutionHint[];
	staticData: IDataObject;
	logs: CapturedLog[];
}

function toConnections(spec: Record<string, string[] | string[][]>): IConnections {
	const connections: IConnections = {};
	for (const [from, targets] of Object.entries(spec)) {
		const outputs = (targets.length > 0 && Array.isArray(targets[0]) ? targets : [targets]) as string[][];
		connections[from] = { main: outputs.map((names) => names.map((node) => ({ node, type: 'main', index: 0 }))) };
	}
	return connections;
}

export async function buildNodeTypes(): Promise<HarnessNodeTypes> {
	const loader = await loadAcornPackage();
	const nodeTypes = new HarnessNodeTypes();
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		nodeTypes.add(`${PACKAGE_NAME}.${name}`, type);
	}
	nodeTypes.add(`${STAND_IN_PACKAGE}.manualTrigger`, new ManualTriggerStandIn());
	nodeTypes.add('acorn-test.fixedItems', new FixedItemsNode());
	return nodeTypes;
}

/** The workflow object n8n would build from a saved workflow. */
export async function buildWorkflow(spec: WorkflowSpec, id = 'acorn-test'): Promise<{ workflow: Workflow; nodes: INode[] }> {
	const nodeTypes = await buildNodeTypes();
	for (const [name, type] of Object.entries(spec.extraNodeTypes ?? {})) nodeTypes.add(name, type);
	const nodes: INode[] = spec.nodes.map((node, index) => ({
		id: node.id ?? `node-${index}`,
		position: node.position ?? [index * 200, 0],
		typeVersion: node.typeVersion ?? 1,
		...node,
	}));
	const workflow = new Workflow({
		id,
		name: 'ACORN test workflow',
		nodes,
		connections: spec.rawConnections ?? toConnections(spec.connections),
		active: false,
		nodeTypes,
		staticData: spec.staticData ?? {},
		settings: { timezone: spec.timezone ?? 'UTC' },
	});
	return { workflow, nodes };
}

let executionCounter = 0;

/** Like n8n, every execution has its own id (nodes may keep per-execution state). */
function nextExecutionId(): string {
	return `test-execution-${++executionCounter}`;
}

/** What WorkflowExecute and the node contexts need from n8n's server around them. */
export function buildAdditionalData(
	hooks: ExecutionLifecycleHooks | undefined,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	executionId = nextExecutionId(),
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper: new HarnessCredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in ACORN tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		sendDataToUI: () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not used in ACORN tests');
		},
		executionId,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a workflow in-process with n8n-core's WorkflowExecute and returns when it has finished. */
export async function runWorkflow(spec: WorkflowSpec): Promise<WorkflowResult> {
	installCapturingLogger();
	const logStart = capturedLogs.length;
	const { workflow, nodes } = await buildWorkflow(spec);
	return await executeWorkflow(workflow, nodes, spec, logStart);
}

/** Executes an already built workflow (also used for the runs a trigger or a poll starts when it emits). */
export async function executeWorkflow(workflow: Workflow, nodes: INode[], spec: WorkflowSpec, logStart = capturedLogs.length): Promise<WorkflowResult> {
	const mode = spec.mode ?? 'manual';
	const executionId = nextExecutionId();
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: 'acorn-test',
		name: 'ACORN test workflow',
		active: false,
		isArchived: false,
		nodes,
		connections: workflow.connectionsBySourceNode,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	let resolveDone: (run: IRun) => void = () => undefined;
	const done = new Promise<IRun>((resolve) => (resolveDone = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveDone(run));

	const additionalData = buildAdditionalData(hooks, spec.credentials, executionId);

	const start = spec.startData ? workflow.getNode(spec.startData.nodeName) : workflow.getStartNode();
	if (!start) throw new Error('The test workflow has no start node');
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: spec.startData ? { main: spec.startData.main } : { main: [[{ json: {} }]] }, source: null }] },
	});

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await done;
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		error: (nodeName) => runData[nodeName]?.[0]?.error as WorkflowResult['error'] extends (n: string) => infer R ? R : never,
		hints: (nodeName) => runData[nodeName]?.[0]?.hints ?? [],
		staticData: workflow.staticData,
		logs: capturedLogs.slice(logStart),
	};
}

/** An Amazon SP-API credential reference for a node; the data comes from WorkflowSpec.credentials. */
export function spApiCredentialRef(id = 'amazonSpApi'): INode['credentials'] {
	return { amazonSpApi: { id, name: `Amazon ${id}` } };
}

/** A workflow as n8n exports it (examples/*.json, the demo's workflow files). */
export interface WorkflowFileJson {
	name?: string;
	nodes: Array<INode & { type: string }>;
	connections: IConnections;
	settings?: { timezone?: string };
}

/**
 * Runs an exported n8n workflow (JSON) in-process: sticky notes are dropped, every other node type must
 * be an ACORN node, a harness stand-in, or given in `extraNodeTypes`. Credentials are matched by the
 * credential id in the file first, then by type (see WorkflowSpec.credentials).
 */
export async function runWorkflowJson(
	workflow: WorkflowFileJson,
	options: Pick<WorkflowSpec, 'credentials' | 'extraNodeTypes' | 'mode' | 'staticData' | 'timezone'> = {},
): Promise<WorkflowResult> {
	const nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
	return await runWorkflow({
		nodes,
		connections: {},
		rawConnections: workflow.connections,
		timezone: options.timezone ?? workflow.settings?.timezone,
		...options,
	});
}

/** Reads a workflow file (e.g. examples/x.json) and runs it with runWorkflowJson. */
export async function runWorkflowFile(file: string, options: Parameters<typeof runWorkflowJson>[1] = {}): Promise<WorkflowResult> {
	return await runWorkflowJson(JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowFileJson, options);
}

// ---- polling triggers: run poll() as n8n does, then the execution it starts ----------------------------

export interface PollSpec extends WorkflowSpec {
	/** Name of the polling trigger node. */
	triggerNode: string;
	/** How the workflow was activated: `activate` by the user (default), `init` when n8n starts up again. */
	activation?: WorkflowActivateMode;
	/**
	 * When n8n saves the static data a poll changed. n8n 2.41 saves it after an emit and also after a poll
	 * that emitted nothing (the "staged cursor" commit); older versions only on emit. Default: 2.41.
	 */
	persistStaticData?: 'onEmitAndCommit' | 'onEmitOnly';
}

export interface PollResult {
	/** What poll() returned (null: nothing to emit). */
	emitted: INodeExecutionData[][] | null;
	/** The workflow static data as n8n would have saved it after this poll (a plain copy). */
	savedStaticData: IDataObject;
	/** The execution the emit started, when something was emitted. */
	execution?: WorkflowResult;
	logs: CapturedLog[];
}

function savedCopy(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

/**
 * One scheduled poll of an active workflow, as n8n runs it: n8n-core's PollContext in trigger mode and
 * TriggersAndPollers.runPollFunction; what the poll returns is emitted as a new execution starting at
 * the trigger node. Static data is saved like n8n does (only when it changed); pass `savedStaticData` as
 * the next poll's `staticData` to model n8n's database between polls or across a restart.
 */
export async function runPoll(spec: PollSpec): Promise<PollResult> {
	installCapturingLogger();
	const logStart = capturedLogs.length;
	const { workflow, nodes } = await buildWorkflow(spec);
	const node = workflow.getNode(spec.triggerNode);
	if (!node) throw new Error(`No node ${spec.triggerNode} in the test workflow`);
	const previous = savedCopy(spec.staticData ?? {});
	const context = new PollContext(workflow, node, buildAdditionalData(undefined, spec.credentials), 'trigger', spec.activation ?? 'activate');
	const emitted = (await Container.get(TriggersAndPollers).runPollFunction(workflow, node, context)) ?? null;
	const changed = (workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged === true;
	const persists = emitted !== null || (spec.persistStaticData ?? 'onEmitAndCommit') === 'onEmitAndCommit';
	const savedStaticData = changed && persists ? savedCopy(workflow.staticData) : previous;
	const logs = capturedLogs.slice(logStart);
	if (emitted === null) return { emitted, savedStaticData, logs };
	const execution = await executeWorkflow(workflow, nodes, { ...spec, mode: 'trigger', startData: { nodeName: node.name, main: emitted } }, logStart);
	return { emitted, savedStaticData, execution, logs };
}
