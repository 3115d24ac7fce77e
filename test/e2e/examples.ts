/**
 * The example workflows in examples/*.json and the only changes the end-to-end run makes to them
 * before `n8n import:workflow` (documented in docs/development.md):
 *   1. `id` is set to a short id (`n8n execute --id` needs one; exported templates carry none),
 *   2. `active` is forced to false (the CLI run starts at the Manual Trigger; nothing gets scheduled;
 *      the notifications example is published separately and run under `n8n start`),
 *   3. file paths under /home/node/.n8n-files (the folder n8n's Docker image lets workflows write to)
 *      point to the e2e run's own files folder instead, the only folder that n8n may write to there.
 * Credential references stay as shipped: the e2e run imports its credentials under the same ids.
 * Third-party URLs stay as shipped: the intercepting proxy answers for those hosts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WorkflowNodeJson {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNodeJson[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	/** File name in examples/, e.g. "settlements-to-erp.json". */
	file: string;
	workflow: WorkflowJson;
}

export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/**
 * Credential ids the examples refer to, per credential type (the e2e run imports credentials under these
 * ids). One Amazon SP-API credential per example: a seller's (`acornAmazonSpApi`, whatever its region),
 * or for a vendor example the vendor account's; the stores come from the credential, never from the file.
 */
export const EXAMPLE_CREDENTIAL_IDS = {
	amazonSpApi: ['acornAmazonSpApi', 'acornAmazonSpApiVendor'],
};
export const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

export function loadExamples(dir: string): Example[] {
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as WorkflowJson }));
}

/** A short, stable workflow id per example file (n8n allows at most 21 characters). */
export function e2eWorkflowId(file: string): string {
	const slug = file.replace(/\.json$/, '').replace(/[^a-zA-Z0-9]/g, '');
	return `ex${slug}`.slice(0, 21);
}

export const DOCKER_FILES_FOLDER = '/home/node/.n8n-files';

export function prepareForImport(example: Example, filesFolder?: string): WorkflowJson {
	const workflow = filesFolder ? (JSON.parse(JSON.stringify(example.workflow).split(`${DOCKER_FILES_FOLDER}/`).join(`${filesFolder}/`)) as WorkflowJson) : example.workflow;
	return { ...workflow, id: e2eWorkflowId(example.file), active: false };
}

/** Every credential id the workflow's nodes refer to, with the node that refers to it. */
export function credentialReferences(workflow: WorkflowJson): Array<{ node: string; type: string; id: string }> {
	return workflow.nodes.flatMap((node) => Object.entries(node.credentials ?? {}).map(([type, ref]) => ({ node: node.name, type, id: ref.id })));
}
