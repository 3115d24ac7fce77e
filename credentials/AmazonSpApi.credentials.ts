import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { localizeCredentialType } from '../nodes/sp-api/i18n/translate';

/**
 * Login with Amazon (LWA) credentials of a Selling Partner API app, authorised by one seller in one
 * region. No AWS keys: SP-API stopped requiring SigV4 signatures on 2023-10-02.
 * The connection test lives in the nodes (`testedBy: amazonSpApiConnectionTest`) because it needs two
 * steps (token exchange, then a real call) to say which one is wrong.
 */
export class AmazonSpApi implements ICredentialType {
	name = 'amazonSpApi';

	displayName = 'Amazon SP-API';

	icon: Icon = { light: 'file:acorn.svg', dark: 'file:acorn.dark.svg' };

	// The README section that explains this credential (README.zh-CN.md in Chinese: localizeCredentialType).
	documentationUrl = 'https://github.com/acorn-sp-api/n8n-nodes-acorn#get-your-amazon-credentials-once-per-region';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create an app in Seller Central → Apps and Services → Develop Apps, then use "Authorize" on it to get a refresh token for your own store. The <a href="https://github.com/acorn-sp-api/n8n-nodes-acorn#get-your-amazon-credentials-once-per-region">README</a> explains each step.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'LWA Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'amzn1.application-oa2-client.…',
			description: "The app's Login with Amazon client identifier (Develop Apps → View under LWA credentials)",
		},
		{
			displayName: 'LWA Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret shown next to the client ID. Amazon requires rotating it every 180 days.',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'Atzr|…',
			description: 'The refresh token you get when authorising the app for your store (self-authorisation)',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'NA',
			options: [
				{ name: 'North America (US, CA, MX, BR)', value: 'NA' },
				{ name: 'Europe, Middle East, India (UK, DE, FR, IT, ES, ...)', value: 'EU' },
				{ name: 'Far East (JP, AU, SG)', value: 'FE' },
			],
			description: 'Where the store sells. Amazon authorises each region separately: use one credential per region.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: 'Real store data' },
				{ name: 'Sandbox', value: 'sandbox', description: "Amazon's static test answers, for trying things out" },
			],
		},
		{
			displayName: 'Use Custom Endpoints',
			name: 'useCustomEndpoints',
			type: 'boolean',
			default: false,
			description: 'Whether to send requests to a proxy, gateway or the ACORN emulator instead of Amazon',
		},
		{
			displayName: 'LWA Token URL',
			name: 'lwaTokenUrl',
			type: 'string',
			default: 'https://api.amazon.com/auth/o2/token',
			displayOptions: { show: { useCustomEndpoints: [true] } },
		},
		{
			displayName: 'SP-API Endpoint',
			name: 'spApiEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://gateway.example.com/{region}',
			description: 'Base address replacing https://sellingpartnerapi-…amazon.com. {region} becomes na, eu or fe.',
			displayOptions: { show: { useCustomEndpoints: [true] } },
		},
	];

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this credential in Chinese (nodes/sp-api/i18n); English stays the default.
		localizeCredentialType(this);
	}
}
