import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { findNotificationType } from '../../../sp-api/notifications/types';
import { notificationTypeProperty, optionsCollection } from '../shared';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['testNotification'], operation: ['send'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Amazon sends test notifications only in the sandbox: use a credential with Environment = Sandbox.',
		name: 'sandboxNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	notificationTypeProperty(displayOptions),
	{ displayName: 'Destination ID', name: 'destinationId', type: 'string', default: '', required: true, displayOptions, description: 'Where Amazon should send the test (Destination → Get Many)' },
	{
		displayName: 'Test Scenario',
		name: 'testScenario',
		type: 'string',
		default: '',
		required: true,
		displayOptions,
		description: "The scenario Amazon's developer guide lists for the type (e.g. an order change type); Amazon refuses an empty one",
	},
	optionsCollection(displayOptions, [
		{ displayName: 'Payload Version', name: 'payloadVersion', type: 'string', default: '', description: 'Empty: the newest version of the type' },
		includeResponseMetadataOption,
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	if (client.credentials.environment !== 'sandbox') {
		throw new InputError(tr`Amazon accepts test notifications only in the sandbox. Use an Amazon SP-API credential with Environment = Sandbox.`);
	}
	const notificationType = this.getNodeParameter('notificationType', itemIndex) as string;
	const destinationId = String(this.getNodeParameter('destinationId', itemIndex, '')).trim();
	const testScenario = String(this.getNodeParameter('testScenario', itemIndex, '')).trim();
	if (!destinationId) throw new InputError(tr`Enter the destination ID the test should go to.`);
	if (!testScenario) throw new InputError(tr`Enter a test scenario: Amazon refuses a test without one.`);
	const options = this.getNodeParameter('options', itemIndex, {}) as { payloadVersion?: string; includeResponseMetadata?: boolean };
	const payloadVersion = options.payloadVersion?.trim() || findNotificationType(notificationType)?.defaultPayloadVersion;
	if (!payloadVersion) throw new InputError(tr`Enter the payload version for ${notificationType}.`);
	const response = await client.call('sendTestNotification', {
		params: { notificationType },
		body: { destinationId, testNotification: { payloadVersion, testScenario } },
	});
	return [withResponseMetadata({ notificationType, destinationId, testScenario, payloadVersion, sent: true }, response.metadata, options.includeResponseMetadata === true)];
}
