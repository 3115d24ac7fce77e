import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { AWS_REGIONS } from '../nodes/sp-api/aws/regions';
import { localizeCredentialType } from '../nodes/sp-api/i18n/translate';

/**
 * An AWS access key and the SQS queue Amazon SP-API delivers notifications to. Used by the
 * "Amazon SP-API Notifications Trigger" node, which really connects when the credential is tested
 * (`testedBy: amazonSqsConnectionTest`) and checks that the queue lets Amazon send to it.
 */
export class AmazonSqsApi implements ICredentialType {
	name = 'amazonSqsApi';

	displayName = 'Amazon SQS API';

	icon: Icon = { light: 'file:acorn.svg', dark: 'file:acorn.dark.svg' };

	// The README section that explains this credential (README.zh-CN.md in Chinese: localizeCredentialType).
	documentationUrl = 'https://github.com/acorn-sp-api/n8n-nodes-acorn#notifications-triggers-and-settings';

	properties: INodeProperties[] = [
		{
			displayName:
				'Use an access key of an IAM user that has the IAM policy from the README. ACORN can create the queue and let Amazon SP-API send to it: choose "By Region and Name", type a name starting with amazon-notifications and turn on "Prepare Queue" in the trigger. The <a href="https://github.com/acorn-sp-api/n8n-nodes-acorn#notifications-triggers-and-settings">README</a> shows each click.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'AKIA…',
			description: 'IAM → Users → your user → Security credentials → Access keys',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown by AWS only once, when the access key is created',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (keys starting with ASIA). Leave empty for a normal access key.',
		},
		{
			displayName: 'Queue',
			name: 'queueBy',
			type: 'options',
			default: 'url',
			options: [
				{ name: 'By URL', value: 'url', description: 'Paste the queue URL from the SQS console' },
				{ name: 'By Region and Name', value: 'name', description: 'Choose the region and type the queue name' },
			],
		},
		{
			displayName: 'Queue URL',
			name: 'queueUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sqs.us-east-1.amazonaws.com/123456789012/amazon-notifications',
			description: 'SQS console → your queue → Details → URL',
			displayOptions: { show: { queueBy: ['url'] } },
		},
		{
			displayName: 'Queue Name',
			name: 'queueName',
			type: 'string',
			default: '',
			placeholder: 'amazon-notifications',
			displayOptions: { show: { queueBy: ['name'] } },
		},
		{
			displayName: 'AWS Region',
			name: 'region',
			type: 'options',
			default: '',
			options: [{ name: 'From the Queue URL', value: '' }, ...AWS_REGIONS.map((r) => ({ name: `${r.name} (${r.code})`, value: r.code }))],
			description: 'Where the queue is. With a queue URL it is read from the URL; choose it when you give the name or use an endpoint override.',
		},
		{
			displayName: 'Use Endpoint Override',
			name: 'useCustomEndpoint',
			type: 'boolean',
			default: false,
			description: 'Whether to send SQS requests to a VPC endpoint, a proxy gateway or the ACORN emulator instead of sqs.<region>.amazonaws.com',
		},
		{
			displayName: 'SQS Endpoint',
			name: 'sqsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://vpce-0123456789abcdef-abcdefgh.sqs.us-east-1.vpce.amazonaws.com',
			description: 'Base address for SQS requests. Requests are still signed for the AWS Region above.',
			displayOptions: { show: { useCustomEndpoint: [true] } },
		},
	];

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this credential in Chinese (nodes/sp-api/i18n); English stays the default.
		localizeCredentialType(this);
	}
}
