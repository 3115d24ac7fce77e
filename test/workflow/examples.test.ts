/**
 * Fast checks of examples/*.json that need no real n8n (the real runs are in test/e2e, `npm run test:e2e`):
 * importable shape, a Manual Trigger (what `n8n execute` and a first try start from), sticky notes that
 * say what to change, ACORN nodes with operations that exist, at the version a node added now gets,
 * placeholders instead of secrets, and an end-to-end check for every example.
 */
import * as path from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { MARKETPLACES } from '../../nodes/sp-api/marketplaces';
import { EXAMPLE_CHECKS } from '../e2e/exampleChecks';
import { EXAMPLE_CREDENTIAL_IDS, loadExamples, MANUAL_TRIGGER, STICKY_NOTE } from '../e2e/examples';
import { loadAcornPackage, PACKAGE_NAME } from '../harness/n8nHarness';
import { newNodeVersionOf } from '../helpers/nodeVersions';

const examples = loadExamples(path.resolve(__dirname, '..', '..', 'examples'));

function optionValues(properties: INodeProperties[], name: string): unknown[] {
	return properties.filter((p) => p.name === name).flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)));
}

describe('example workflows', () => {
	it('exist', () => {
		expect(examples.length).toBeGreaterThanOrEqual(3);
	});

	describe.each(examples.map((e) => [e.file, e] as const))('%s', (file, { workflow }) => {
		it('is an importable n8n workflow', () => {
			expect(typeof workflow.name).toBe('string');
			expect(workflow.name.startsWith('ACORN · ')).toBe(true);
			expect(Array.isArray(workflow.nodes)).toBe(true);
			const names = workflow.nodes.map((n) => n.name);
			expect(new Set(names).size).toBe(names.length);
			expect(new Set(workflow.nodes.map((n) => n.id)).size).toBe(workflow.nodes.length);
			for (const node of workflow.nodes) {
				expect(node).toMatchObject({ type: expect.any(String), typeVersion: expect.any(Number), parameters: expect.any(Object) });
				expect(node.position).toHaveLength(2);
			}
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				expect(names).toContain(from);
				for (const target of outputs.main.flat()) expect(names).toContain(target.node);
			}
			expect(workflow.active ?? false).toBe(false);
		});

		it('starts from a Manual Trigger (or an ACORN trigger) and says in a sticky note what to change', () => {
			// A workflow Amazon starts (notifications) has no manual start: it is tested active, under `n8n start`.
			const trigger = workflow.nodes.find((n) => n.type === MANUAL_TRIGGER) ?? workflow.nodes.find((n) => n.type.startsWith(`${PACKAGE_NAME}.`) && n.type.endsWith('Trigger'));
			expect(trigger).toBeDefined();
			expect(workflow.connections[trigger!.name]?.main[0]?.length).toBeGreaterThan(0);
			const notes = workflow.nodes.filter((n) => n.type === STICKY_NOTE).map((n) => String(n.parameters.content));
			expect(notes.join('\n')).toMatch(/What to change/);
			// Every node with a credential is named in a note, so the seller knows to set it.
			for (const node of workflow.nodes.filter((n) => n.credentials)) expect(notes.join('\n')).toContain(node.name);
		});

		it('uses ACORN nodes with resources and operations that exist', async () => {
			const loader = await loadAcornPackage();
			const acornNodes = workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`));
			expect(acornNodes.length).toBeGreaterThan(0);
			for (const node of acornNodes) {
				const type = loader.nodeTypes[node.type.slice(PACKAGE_NAME.length + 1)]?.type;
				expect(type).toBeDefined();
				const properties = (type as { description: { properties: INodeProperties[] } }).description.properties;
				if (properties.some((p) => p.name === 'resource')) {
					expect(optionValues(properties, 'resource')).toContain(node.parameters.resource);
					expect(optionValues(properties, 'operation')).toContain(node.parameters.operation);
				}
				expect(EXAMPLE_CREDENTIAL_IDS.amazonSpApi).toContain(node.credentials?.amazonSpApi?.id);
				// Every field the example sets is a field of the node (a misspelt one would be silently ignored by n8n).
				// n8n adds "Poll Times" to every polling trigger itself
				const polling = (type as { description: { polling?: boolean } }).description.polling === true;
				const names = new Set([...properties.map((p) => p.name), ...(polling ? ['pollTimes'] : [])]);
				expect(Object.keys(node.parameters).filter((name) => !names.has(name))).toEqual([]);
				for (const [name, value] of Object.entries(node.parameters)) {
					const nested = properties.filter((p) => p.name === name && p.type === 'collection').flatMap((p) => (p.options ?? []).map((o) => ('name' in o ? o.name : '')));
					if (nested.length && value && typeof value === 'object') expect([name, Object.keys(value).filter((key) => !nested.includes(key))]).toEqual([name, []]);
				}
			}
		});

		it('uses every ACORN node at the version a node added now gets (what a seller building it by hand would have)', async () => {
			// e.g. the Refunds node at 1.1: amounts as numbers that sum, `…Exact` text next to them
			const loader = await loadAcornPackage();
			const acornNodes = workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`));
			const newVersion = (type: string) => newNodeVersionOf(loader.nodeTypes[type.slice(PACKAGE_NAME.length + 1)].type);
			expect(acornNodes.map((n) => [n.name, n.typeVersion])).toEqual(acornNodes.map((n) => [n.name, newVersion(n.type)]));
		});

		it('is bound to no region: one Amazon SP-API credential, no marketplace id written into a node', () => {
			// a seller with one credential of any region (NA, EU or FE) imports it and runs it unchanged
			const nodes = workflow.nodes.filter((n) => n.type !== STICKY_NOTE);
			// one Amazon SP-API credential per example: the seller's, or a vendor example's vendor account
			const credentials = new Set(nodes.flatMap((n) => (n.credentials?.amazonSpApi ? [n.credentials.amazonSpApi.id] : [])));
			const vendor = nodes.some((n) => n.type === `${PACKAGE_NAME}.amazonSpApiVendor`);
			expect([...credentials]).toEqual(nodes.some((n) => n.type.startsWith(`${PACKAGE_NAME}.`)) ? [vendor ? 'acornAmazonSpApiVendor' : 'acornAmazonSpApi'] : []);
			const text = JSON.stringify(nodes);
			expect(MARKETPLACES.filter((m) => text.includes(m.id)).map((m) => `${m.countryCode} ${m.id}`)).toEqual([]);
			for (const node of nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`))) {
				for (const name of ['marketplaceIds', 'marketplaceId']) {
					const value = node.parameters[name];
					// empty (every store of the credential) or taken from the data (an expression)
					expect([node.name, name, value === undefined || (Array.isArray(value) && value.length === 0) || (typeof value === 'string' && value.startsWith('='))]).toEqual([node.name, name, true]);
				}
			}
		});

		it('holds placeholders, never secrets', () => {
			const text = JSON.stringify(workflow);
			expect(text).not.toMatch(/Atzr\|[A-Za-z0-9_-]{10,}/);
			expect(text).not.toMatch(/xox[bpa]-[0-9A-Za-z-]{10,}/);
			expect(text).not.toMatch(/access_token=(?!YOUR_ACCESS_TOKEN)[0-9a-f]{20,}/);
			expect(text).not.toMatch(/"SEC[0-9a-f]{20,}"/);
		});

		it('has end-to-end assertions in test/e2e/exampleChecks.ts', () => {
			expect(EXAMPLE_CHECKS[file]).toBeDefined();
		});
	});
});
