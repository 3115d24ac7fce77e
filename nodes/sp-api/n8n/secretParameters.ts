/**
 * Parameters that hold secrets (bank account numbers, payment signatures): declared with
 * `typeOptions: { password: true }`, which makes n8n's editor mask them. n8n itself offers nothing
 * that keeps a node's parameters out of its logs or stored executions: a failing node's error carries
 * the node, parameters included, into n8n's debug log ("Workflow execution finished with error") and
 * into the saved execution. So every error ACORN raises carries a copy of the node without them.
 */
import type { INode, INodeParameters, INodeProperties, NodeParameterValueType } from 'n8n-workflow';
import { REDACTED } from '../redact';

/** Every parameter name ever declared as a password field by an ACORN node (names are shared across nodes). */
const secretNames = new Set<string>();

function collect(properties: readonly unknown[]): void {
	for (const property of properties) {
		if (!property || typeof property !== 'object') continue;
		const { name, typeOptions, options, values } = property as INodeProperties & { values?: unknown[] };
		if (typeOptions?.password === true && typeof name === 'string') secretNames.add(name);
		// collections and fixed collections nest their fields
		if (Array.isArray(options)) collect(options);
		if (Array.isArray(values)) collect(values);
	}
}

/** Registers the password fields of a node's (or an operation's) properties. */
export function declareSecretParameters(properties: readonly INodeProperties[]): void {
	collect(properties);
}

export function isSecretParameter(name: string): boolean {
	return secretNames.has(name);
}

/** An expression is not the secret itself (it names where the value comes from); a typed value is. */
function hidden(value: NodeParameterValueType): NodeParameterValueType {
	if (typeof value === 'string' && value.startsWith('=') && value.includes('{{')) return value;
	return value === '' || value === undefined || value === null ? value : REDACTED;
}

function withoutSecrets(parameters: INodeParameters): INodeParameters {
	const copy: INodeParameters = {};
	for (const [name, value] of Object.entries(parameters)) {
		if (secretNames.has(name)) copy[name] = hidden(value);
		else if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) copy[name] = withoutSecrets(value as INodeParameters);
		else if (Array.isArray(value)) copy[name] = value.map((entry) => (entry && typeof entry === 'object' && !(entry instanceof Date) ? withoutSecrets(entry as INodeParameters) : entry)) as NodeParameterValueType;
		else copy[name] = value;
	}
	return copy;
}

/** A copy of the node for errors, with its secret parameters replaced by "[redacted]". */
export function withoutSecretParameters(node: INode): INode {
	if (secretNames.size === 0 || !node?.parameters) return node;
	return { ...node, parameters: withoutSecrets(node.parameters) };
}
