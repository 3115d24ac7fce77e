/**
 * The harness runs workflows as n8n exports them (JSON files with n8n's connection format and sticky
 * notes), for the demo and for tests that start from a file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { runWorkflowFile, runWorkflowJson, type WorkflowFileJson } from '../harness/n8nHarness';

function exportedWorkflow(): WorkflowFileJson {
	return {
		name: 'exported',
		nodes: [
			{ id: 'n1', name: 'Note', type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position: [0, -200], parameters: { content: 'hello' } },
			{ id: 'n2', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n3',
				name: 'Amazon Seller Account',
				type: 'n8n-nodes-acorn.amazonSpApiSellers',
				typeVersion: 1,
				position: [200, 0],
				parameters: { resource: 'seller', operation: 'getMarketplaceParticipations', options: {} },
				credentials: { amazonSpApi: { id: 'fileCredentialId', name: 'Amazon SP-API account' } },
			},
		],
		connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: 'Amazon Seller Account', type: 'main' as never, index: 0 }]] } },
	};
}

describe('running an exported workflow JSON in-process', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 1000 });
	});
	afterAll(async () => {
		await emulator.close();
	});

	it('drops sticky notes, follows n8n connections and finds credentials by the id in the file', async () => {
		const result = await runWorkflowJson(exportedWorkflow(), { credentials: { fileCredentialId: { ...emulator.credentialsFor('eu') } } });
		expect(result.run.status).toBe('success');
		expect(result.output('Amazon Seller Account').map((item) => item.json.countryCode)).toEqual(
			expect.arrayContaining(['GB', 'DE', 'FR', 'IT', 'ES']),
		);
	});

	it('reads the workflow from a file', async () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-wf-')), 'workflow.json');
		fs.writeFileSync(file, JSON.stringify(exportedWorkflow()));
		const result = await runWorkflowFile(file, { credentials: { amazonSpApi: { ...emulator.credentialsFor('fe') } } });
		expect(result.output('Amazon Seller Account').map((item) => item.json.countryCode).sort()).toEqual(['AU', 'JP']);
	});
});
