/**
 * A node that needs two credentials at once (the Notifications and EventBridge triggers: the seller's
 * Amazon account and an AWS queue or EventBridge secret) opens in n8n 2.41 with only one of them filled
 * in: n8n chooses the single most recently updated credential among all the node's types
 * (test/helpers/credentialFields.ts). So the seller must read, right under the two fields, that both are
 * to be chosen, and must be able to tell the two fields apart, in English and in Chinese. Which nodes
 * these are is decided from the descriptions, so a third such node is held to the same rule.
 */
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { ZH_CN } from '../../nodes/sp-api/i18n/zh-CN';
import { CHOOSE_BOTH_CREDENTIALS, credentialTypesShownTogether } from '../helpers/credentialFields';
import { instancesOf, PACKAGE_N8N, withLanguage } from '../helpers/language';

const descriptions = (language?: string) =>
	withLanguage(language, () => instancesOf<INodeType>(PACKAGE_N8N.nodes).map(([, node]) => node.description as INodeTypeDescription));
const english = descriptions();
const severalCredentials = english.filter((description) => credentialTypesShownTogether(description).length > 1);
const firstNotice = (description: INodeTypeDescription) => description.properties.find((property: INodeProperties) => property.type === 'notice');

describe('nodes that need several credentials at once', () => {
	it('are found from the descriptions: the Notifications and EventBridge triggers, no node with a single credential', () => {
		expect(severalCredentials.map((description) => description.name).sort()).toEqual(['amazonSpApiEventBridgeTrigger', 'amazonSpApiNotificationsTrigger']);
		const refunds = english.find((description) => description.name === 'amazonSpApiRefunds')!;
		expect(credentialTypesShownTogether(refunds)).toEqual(['amazonSpApi']);
	});

	it('a credential shown only for some parameter values counts only when the defaults show it', () => {
		// Notification Settings: the SP-API credential, or the SQS one for Queue → Prepare / Check, never both.
		const settings = english.find((description) => description.name === 'amazonSpApiNotificationSettings')!;
		expect(settings.credentials).toHaveLength(2);
		expect(credentialTypesShownTogether(settings)).toHaveLength(1);
	});

	it.each(severalCredentials.map((description) => [description.displayName, description] as const))('%s: its notice (first thing under the credential fields) starts by asking to choose both', (_name, description) => {
		expect(description.properties[0]).toBe(firstNotice(description));
		expect(String(firstNotice(description)?.displayName).startsWith(`${CHOOSE_BOTH_CREDENTIALS} `)).toBe(true);
	});

	it.each(severalCredentials.map((description) => [description.displayName, description] as const))('%s: its credential fields have distinct labels and its notice asks for both, in English and in Chinese', (_name, description) => {
		const labels = (description.credentials ?? []).map((credential) => credential.displayName ?? '');
		expect(labels.every(Boolean)).toBe(true);
		expect(new Set(labels).size).toBe(labels.length);
		const chinese = descriptions('zh-CN').find((translated) => translated.name === description.name)!;
		const chineseLabels = (chinese.credentials ?? []).map((credential) => credential.displayName);
		expect(chineseLabels).toEqual(labels.map((label) => ZH_CN[label]));
		expect(new Set(chineseLabels).size).toBe(labels.length);
		expect(firstNotice(chinese)?.displayName).toBe(ZH_CN[String(firstNotice(description)?.displayName)]);
		expect(firstNotice(chinese)?.displayName).toMatch(/^请在上方选好两个凭证：n8n 自己只会填入其中一个。/);
	});
});
