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
	// the settings node's (already localized) description under the first name, hidden from the panel
	description: INodeTypeDescription = {
		...new AmazonSpApiNotificationSettings().description,
		displayName: translateText('Amazon SP-API Notifications'),
		name: 'amazonSpApiNotifications',
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		hidden: true,
	};
}
