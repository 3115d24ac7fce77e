import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

/**
 * Canvas subtitles in words ("Get refunds", "获取退款") instead of parameter values
 * ("enrichWithReturnReasons: refund").
 *
 * n8n's editor evaluates a node type's `subtitle` as an expression over the node's parameters (2.41:
 * getNodeSubtitle → expression.getSimpleParameterValue); it cannot reach the option labels. So the
 * expression built here carries its own table from the chosen values to the labels, taken from the
 * description it is given — the translated one, so the subtitle follows ACORN_LANGUAGE like every label.
 * Option values stay what saved workflows hold; only the words shown change.
 */

type Description = Pick<INodeTypeDescription, 'properties' | 'subtitle'>;

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return (property?.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option && !('type' in option));
}

/** A JSON object literal for an n8n expression: `}}` never appears in it, so n8n's `{{ }}` splitter is safe. */
function table(entries: Record<string, string>): string {
	return JSON.stringify(entries).replace(/\}\}/g, '} }');
}

/**
 * `resource:operation` → what the operation does, in the words n8n's node panel lists under the node
 * (the option's `action`, else its name). `resource:` (no operation set) → the resource's default operation.
 */
export function operationLabels(properties: INodeProperties[]): Record<string, string> {
	const resourceProperty = properties.find((property) => property.name === 'resource' && property.type === 'options');
	const resources = resourceProperty ? optionsOf(resourceProperty).map((option) => String(option.value)) : [''];
	const labels: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const shownFor = property.displayOptions?.show?.resource as string[] | undefined;
		for (const resource of shownFor ?? resources) {
			for (const option of optionsOf(property)) {
				const label = option.action ?? option.name;
				labels[`${resource}:${String(option.value)}`] = label;
				if (option.value === property.default) labels[`${resource}:`] = label;
			}
		}
	}
	return labels;
}

/** The subtitle expression: the chosen operation in words (falls back to the raw value for an unknown one). */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resourceProperty = properties.find((property) => property.name === 'resource' && property.type === 'options');
	const defaultResource = JSON.stringify(String(resourceProperty?.default ?? ''));
	return `={{ (${table(operationLabels(properties))})[($parameter["resource"] || ${defaultResource}) + ":" + ($parameter["operation"] || "")] || $parameter["operation"] }}`;
}

/** The subtitle expression of a multi-select (e.g. notification types): the chosen options' labels, joined. */
export function chosenOptionsSubtitle(properties: INodeProperties[], parameterName: string): string {
	const property = properties.find((candidate) => candidate.name === parameterName);
	const labels = Object.fromEntries(optionsOf(property).map((option) => [String(option.value), option.name]));
	return `={{ ($parameter[${JSON.stringify(parameterName)}] || []).map((value) => (${table(labels)})[value] || value).join(", ") }}`;
}

/**
 * The description with a subtitle in words: the operation for action nodes, the chosen options of
 * `listParameter` for triggers that have no operation. Call it on the translated description.
 */
export function withReadableSubtitle<T extends Description>(description: T, listParameter?: string): T {
	// A node with neither keeps its fixed subtitle (translated with the other texts).
	if (!listParameter && !description.properties.some((property) => property.name === 'operation')) return description;
	const subtitle = listParameter
		? chosenOptionsSubtitle(description.properties, listParameter)
		: operationSubtitle(description.properties);
	return { ...description, subtitle };
}
