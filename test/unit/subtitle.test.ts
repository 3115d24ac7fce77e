/**
 * Canvas subtitles read as words in both languages ("Get refunds", "获取退款"), never as parameter values
 * ("enrichWithReturnReasons: refund"). Each subtitle is evaluated the way n8n 2.41's editor does it
 * (getNodeSubtitle → workflow.expression.getSimpleParameterValue on the node), for every operation of
 * every node, in English and with ACORN_LANGUAGE=zh-CN.
 */
import { Workflow, type INodeParameters, type INodeType, type INodeTypes, type INodePropertyOptions } from 'n8n-workflow';
import { translateText } from '../../nodes/sp-api/i18n/translate';
import { chosenOptionsSubtitle, operationLabels, operationSubtitle } from '../../nodes/sp-api/n8n/subtitle';
import { instancesOf, PACKAGE_N8N, withLanguage } from '../helpers/language';

function nodeTypesIn(language: string | undefined): INodeType[] {
	return withLanguage(language, () => instancesOf<INodeType>(PACKAGE_N8N.nodes).map(([, type]) => type));
}

/** What n8n's editor shows under the node on the canvas, for these parameters. */
function canvasSubtitle(nodeType: INodeType, parameters: INodeParameters): unknown {
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node = { id: '1', name: 'Node', type: `n8n-nodes-acorn.${nodeType.description.name}`, typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(workflow.getNode('Node')!, nodeType.description.subtitle, 'internal', {});
}

const han = /\p{Script=Han}/u;
const languages = [undefined, 'zh-CN'] as const;

describe.each(languages)('canvas subtitles (ACORN_LANGUAGE=%s)', (language) => {
	const nodeTypes = nodeTypesIn(language);
	const actionNodes = nodeTypes.filter((type) => type.description.properties.some((property) => property.name === 'operation'));

	it('every node with operations uses the one shared subtitle helper', () => {
		expect(actionNodes.map((type) => type.description.name).sort()).toEqual([
			'amazonSpApiFinances',
			'amazonSpApiNotificationSettings',
			'amazonSpApiNotifications',
			'amazonSpApiRefunds',
			'amazonSpApiReports',
			'amazonSpApiSellerWallet',
			'amazonSpApiSellers',
			'amazonSpApiVendor',
		]);
		for (const type of actionNodes) expect(type.description.subtitle).toBe(operationSubtitle(type.description.properties));
	});

	it('shows each resource/operation as the words of its action, in the chosen language', () => {
		let checked = 0;
		for (const type of actionNodes) {
			for (const property of type.description.properties.filter((candidate) => candidate.name === 'operation')) {
				const resources = (property.displayOptions?.show?.resource as string[] | undefined) ?? [String(type.description.properties.find((p) => p.name === 'resource')?.default)];
				for (const resource of resources) {
					for (const option of property.options as INodePropertyOptions[]) {
						const shown = canvasSubtitle(type, { resource, operation: option.value });
						expect({ node: type.description.name, resource, operation: option.value, shown }).toEqual({
							node: type.description.name,
							resource,
							operation: option.value,
							shown: option.action,
						});
						expect(String(shown)).not.toContain(String(option.value));
						if (language === 'zh-CN') expect(shown).toMatch(han);
						checked++;
					}
				}
			}
		}
		expect(checked).toBeGreaterThan(40);
	});

	it('reads in words for a node added with its defaults, e.g. the Refunds node and the Enrich step of the examples', () => {
		const refunds = actionNodes.find((type) => type.description.name === 'amazonSpApiRefunds')!;
		const expected = language === 'zh-CN' ? ['获取退款', '给退款补充退货原因', '获取退货'] : ['Get refunds', 'Enrich refunds with return reasons', 'Get returns'];
		expect([
			canvasSubtitle(refunds, {}),
			canvasSubtitle(refunds, { resource: 'refund', operation: 'enrichWithReturnReasons' }),
			canvasSubtitle(refunds, { resource: 'return' }),
		]).toEqual(expected);
	});

	it('shows the chosen notification types of the triggers by name', () => {
		const sqs = nodeTypes.find((type) => type.description.name === 'amazonSpApiNotificationsTrigger')!;
		expect(sqs.description.subtitle).toBe(chosenOptionsSubtitle(sqs.description.properties, 'notificationTypes'));
		const shown = canvasSubtitle(sqs, { notificationTypes: ['TRANSACTION_UPDATE', 'REPORT_PROCESSING_FINISHED'] });
		expect(shown).toBe(
			[translateText('Transaction Update', language ?? 'en'), translateText('Report Processing Finished', language ?? 'en')].join(', '),
		);
		const eventBridge = nodeTypes.find((type) => type.description.name === 'amazonSpApiEventBridgeTrigger')!;
		expect(canvasSubtitle(eventBridge, {})).toBe(translateText('Listing Status Change', language ?? 'en'));
	});

	it('translates the fixed subtitle of the New Refund Trigger', () => {
		const trigger = nodeTypes.find((type) => type.description.name === 'amazonSpApiNewRefundTrigger')!;
		expect(trigger.description.subtitle).toBe(language === 'zh-CN' ? '新退款' : 'New refunds');
	});
});

describe('operationLabels', () => {
	it('maps resource:operation to the action and resource: to the default operation', () => {
		const labels = operationLabels([
			{ displayName: 'Resource', name: 'resource', type: 'options', default: 'a', options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }] },
			{ displayName: 'Operation', name: 'operation', type: 'options', default: 'list', displayOptions: { show: { resource: ['a'] } }, options: [{ name: 'List', value: 'list', action: 'List the As' }] },
			{ displayName: 'Operation', name: 'operation', type: 'options', default: 'get', displayOptions: { show: { resource: ['b'] } }, options: [{ name: 'Get', value: 'get' }] },
		]);
		expect(labels).toEqual({ 'a:list': 'List the As', 'a:': 'List the As', 'b:get': 'Get', 'b:': 'Get' });
	});
});
