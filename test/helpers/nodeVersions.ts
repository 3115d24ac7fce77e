/**
 * The version n8n's editor gives a node a seller adds now, read from the node's description: its
 * `defaultVersion`, else the highest version it has. Workflows made by hand (examples/*.json) use it too.
 */
import type { INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

export function newNodeVersion(description: Pick<INodeTypeDescription, 'version' | 'defaultVersion'>): number {
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return description.defaultVersion ?? Math.max(...versions);
}

/** The same for a loaded node class; a class per version (IVersionedNodeType) lists its versions in `nodeVersions`. */
export function newNodeVersionOf(type: INodeType | IVersionedNodeType): number {
	if (!('nodeVersions' in type)) return newNodeVersion(type.description);
	return type.description.defaultVersion ?? Math.max(...Object.keys(type.nodeVersions).map(Number));
}
