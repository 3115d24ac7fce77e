import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { localizeCredentialType } from '../nodes/sp-api/i18n/translate';

/**
 * The shared secret an EventBridge API destination sends with every event (connection authorization
 * "API key": a header name and value). The EventBridge trigger refuses requests without it, so only
 * your EventBridge rule can start the workflow. Tested by the trigger node (`testedBy`): there is
 * nothing to call, so the test checks the header name and the secret's strength.
 */
export class AmazonEventBridgeWebhookApi implements ICredentialType {
	name = 'amazonEventBridgeWebhookApi';

	displayName = 'Amazon EventBridge Webhook API';

	icon: Icon = { light: 'file:acorn.svg', dark: 'file:acorn.dark.svg' };

	// The README section that explains this credential (README.zh-CN.md in Chinese: localizeCredentialType).
	documentationUrl = 'https://github.com/acorn-sp-api/n8n-nodes-acorn#notifications-triggers-and-settings';

	properties: INodeProperties[] = [
		{
			displayName:
				'Enter the same header name and value in the EventBridge connection of your API destination (Authorization type "API key"). Use a long random value.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'x-acorn-secret',
			required: true,
		},
		{
			displayName: 'Secret Value',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'At least 16 characters',
		},
	];

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this credential in Chinese (nodes/sp-api/i18n); English stays the default.
		localizeCredentialType(this);
	}
}
