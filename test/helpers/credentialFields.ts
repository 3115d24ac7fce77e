/**
 * What n8n's editor does with a node's credentials, decided from the node description alone: which
 * credential fields a new node shows together. n8n 2.41 fills in only ONE of them by itself (the most
 * recently updated credential among all the types shown), so a node showing two needs the seller to
 * choose the other: its notice says so (test/unit/severalCredentials.test.ts) and the editor test
 * chooses it as a seller would (test/e2e/editor.e2e.ts).
 */
import { NodeHelpers, type INodeTypeDescription } from 'n8n-workflow';
import { newNodeVersion } from './nodeVersions';

/** The required credential types a new node shows together (its default parameters decide `displayOptions`). */
export function credentialTypesShownTogether(description: INodeTypeDescription): string[] {
	const node = { typeVersion: newNodeVersion(description) };
	const defaults = NodeHelpers.getNodeParameters(description.properties, {}, true, false, node, description) ?? {};
	return (description.credentials ?? [])
		.filter((credential) => credential.required && NodeHelpers.displayParameter(defaults, credential, node, description))
		.map((credential) => credential.name);
}

/** The first sentence of the notice of such a node (English; the zh-CN table has its Chinese). */
export const CHOOSE_BOTH_CREDENTIALS = 'Choose both credentials above: n8n fills in only one by itself.';
