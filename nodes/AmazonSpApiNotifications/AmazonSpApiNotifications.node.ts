import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { AmazonSpApiNotificationSettings } from '../AmazonSpApiNotificationSettings/AmazonSpApiNotificationSettings.node';
import { translateText } from '../sp-api/i18n/translate';

/**
 * The notification settings node under its first type name, "amazonSpApiNotifications": workflows saved
 * with it keep working exactly as before. Hidden in the node panel, where "Amazon SP-API Notification
 * Settings" (amazonSpApiNotificationSettings) takes its place: n8n folds a trigger "<name>Trigger" into
 * the node "<name>" of the same package when that node has actions (n8n editor,
 * generateMergedNodesAndActions), so under this name the Notifications Trigger had no entry of its own.
 */
export class AmazonSpApiNotifications extends AmazonSpApiNotificationSettings implements INodeType {
	// The settings node's description (already in the chosen language, subtitle in words) under the first
	// name, hidden from the panel. The literals before the spread are for n8n's linter; the spread wins.
	description: INodeTypeDescription = {
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		subtitle: '={{$parameter["operation"]}}',
		usableAsTool: true,
		...new AmazonSpApiNotificationSettings().description,
		displayName: translateText('Amazon SP-API Notifications'),
		name: 'amazonSpApiNotifications',
		hidden: true,
	};
}
