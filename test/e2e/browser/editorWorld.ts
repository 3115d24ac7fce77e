/**
 * What the editor test needs around n8n: the SP-API emulator (with its SQS) and a real n8n user folder
 * with ACORN installed from the `npm pack` tarball and one credential of every type ACORN declares,
 * each pointing at the emulator, so every node opens with a working credential already chosen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../../emulator';
import type { Emulator } from '../../emulator/types';
import { RealN8n, runtimeFromEnvironment, type CredentialToImport } from '../realN8n';
import { REPO_ROOT, tarballFromEnvironment } from '../world';

export const EDITOR_QUEUE = 'acorn-editor-notifications';

export interface EditorWorld {
	emulator: Emulator;
	n8n: RealN8n;
	close(): Promise<void>;
}

/** Test data per credential type; a new credential type needs a line here (the test says so). */
function credentialFor(type: string, emulator: Emulator): CredentialToImport {
	switch (type) {
		case 'amazonSpApi':
			return { id: 'editorAmazonSpApi', name: 'Amazon SP-API account', type, data: { ...emulator.credentialsFor('na') } };
		case 'amazonSqsApi':
			return { id: 'editorAmazonSqs', name: 'Amazon SQS account', type, data: { ...emulator.control.sqs.credentialsFor(EDITOR_QUEUE) } };
		case 'amazonEventBridgeWebhookApi':
			return { id: 'editorEventBridge', name: 'Amazon EventBridge webhook', type, data: { headerName: 'x-acorn-secret', secret: 'acorn-editor-test-secret-0123456789' } };
		default:
			throw new Error(`the editor test has no test credential for "${type}": add one in test/e2e/browser/editorWorld.ts`);
	}
}

/** The names of the credential types package.json declares (read from the built classes). */
export function acornCredentialTypes(): string[] {
	const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
	return packageJson.n8n.credentials.map((file) => {
		const className = path.basename(file, '.credentials.js');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(path.join(REPO_ROOT, file)) as Record<string, new () => { name: string }>;
		return new module[className]().name;
	});
}

export async function startEditorWorld(): Promise<EditorWorld> {
	const closers: Array<() => Promise<void>> = [];
	try {
		// Real time: n8n runs in another process with the real clock.
		const emulator = await startEmulator({ timeScale: 1 });
		closers.push(() => emulator.close());
		emulator.control.sqs.createQueue({ name: EDITOR_QUEUE });
		const n8n = await RealN8n.create({ runtime: runtimeFromEnvironment(), tarball: tarballFromEnvironment(), keep: process.env.ACORN_E2E_KEEP === '1' });
		closers.push(() => n8n.dispose());
		await n8n.importCredentials(acornCredentialTypes().map((type) => credentialFor(type, emulator)));
		return {
			emulator,
			n8n,
			close: async () => {
				for (const close of closers.reverse()) await close();
			},
		};
	} catch (error) {
		for (const close of closers.reverse()) await close().catch(() => undefined);
		throw error;
	}
}
