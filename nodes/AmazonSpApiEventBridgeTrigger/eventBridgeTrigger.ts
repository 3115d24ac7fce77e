import { timingSafeEqual, createHash } from 'node:crypto';
import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { isAwsRegionCode } from '../sp-api/aws/regions';
import { createSpApiClient } from '../sp-api/n8n/createClient';
import { redactingLogger } from '../sp-api/n8n/logger';
import { toNodeError } from '../sp-api/n8n/nodeErrors';
import { adoptLedgerAccount, describeEnsure, readNotificationTypes, setUpSubscriptions } from '../sp-api/n8n/notificationSetup';
import { DedupeWindow, DEFAULT_DEDUPE } from '../sp-api/notifications/dedupe';
import { classify, count, readStats } from '../sp-api/notifications/pipeline';
import { readLedger, releaseSubscriptions, type DestinationSpec } from '../sp-api/notifications/subscriptions';
import { findNotificationType } from '../sp-api/notifications/types';
import { registerSecrets } from '../sp-api/redact';
import { SpApiError } from '../sp-api/errors';
import { markStaticDataChanged } from '../sp-api/n8n/staticData';
import { tr } from '../sp-api/i18n/translate';

/** credentials/AmazonEventBridgeWebhookApi.credentials.ts: the header name and secret EventBridge sends. */
export const EVENTBRIDGE_SECRET_CREDENTIAL = 'amazonEventBridgeWebhookApi';

interface Options {
	dedupeWindow?: number;
	unreadableMessages?: 'output' | 'reject';
}

/** A test run in the editor keeps its own ledger, so it can never remove the active workflow's subscriptions. */
function ledgerKey(context: IHookFunctions): string {
	return context.getMode() === 'manual' ? 'testSubscriptions' : 'subscriptions';
}

function destinationOf(context: IHookFunctions): DestinationSpec {
	const accountId = String(context.getNodeParameter('awsAccountId', '')).replace(/[\s-]/g, '');
	const region = String(context.getNodeParameter('awsRegion', '')).trim();
	if (!/^\d{12}$/.test(accountId)) throw new NodeOperationError(context.getNode(), tr`"${accountId}" is not an AWS account ID (12 digits, top right of the AWS console).`);
	if (!isAwsRegionCode(region)) throw new NodeOperationError(context.getNode(), tr`"${region}" is not an AWS region code such as us-east-1.`);
	return { kind: 'eventBridge', accountId, region, name: 'ACORN n8n EventBridge' };
}

/** Lifecycle n8n runs on activation (checkExists, then create) and on deactivation (delete) only. */
export const eventBridgeWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			if (!(this.getNodeParameter('manageSubscriptions', true) as boolean)) return true;
			// always run create(): it finds what exists, creates what is missing, and records what is ours
			return false;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			if (!(this.getNodeParameter('manageSubscriptions', true) as boolean)) return true;
			const node = this.getNode();
			let types;
			try {
				types = readNotificationTypes(this.getNodeParameter('notificationTypes', []), 'eventBridge');
			} catch (error) {
				throw toNodeError(node, error);
			}
			const destination = destinationOf(this);
			const staticData = this.getWorkflowStaticData('node') as IDataObject;
			const key = ledgerKey(this);
			const ledger = readLedger(staticData[key]);
			staticData[key] = ledger as unknown as IDataObject;
			let client;
			try {
				client = await createSpApiClient(this);
			} catch (error) {
				throw toNodeError(node, error);
			}
			const logger = redactingLogger(this.logger);
			adoptLedgerAccount(ledger, client, (message) => logger?.warn(message));
			const result = await setUpSubscriptions(node, client, destination, types, ledger);
			logger?.info(describeEnsure(result));
			if (result.createdDestination) {
				logger?.info(
					`Amazon created the EventBridge partner event source for account ${destination.kind === 'eventBridge' ? destination.accountId : ''}: associate it with an event bus in the EventBridge console (Partner event sources), then add a rule that sends its events to this webhook.`,
				);
			}
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			if (!(this.getNodeParameter('manageSubscriptions', true) as boolean)) return true;
			const staticData = this.getWorkflowStaticData('node') as IDataObject;
			const key = ledgerKey(this);
			const ledger = readLedger(staticData[key]);
			if (ledger.subscriptions.length === 0 && !ledger.createdDestination) return true;
			try {
				const client = await createSpApiClient(this);
				const result = await releaseSubscriptions(client, ledger);
				staticData[key] = ledger as unknown as IDataObject;
				redactingLogger(this.logger)?.info(`Unsubscribed ${result.deleted.map((s) => s.notificationType).join(', ') || 'nothing'} (EventBridge trigger).`);
				return result.failed.length === 0;
			} catch (error) {
				redactingLogger(this.logger)?.warn(`Unsubscribing failed: ${error instanceof SpApiError ? error.hint : String(error)}`);
				return false;
			}
		},
	},
};

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

const MIN_SECRET_LENGTH = 16;

/** What is wrong with the webhook credential, in words; undefined when it can be used. */
export function webhookSecretProblem(headerName: string, secret: string): string | undefined {
	if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(headerName)) {
		return tr`"${headerName}" cannot be an HTTP header name: use letters, digits and dashes, for example x-acorn-secret.`;
	}
	if (secret.length < MIN_SECRET_LENGTH) {
		return tr`The secret has ${secret.length} characters; use at least ${MIN_SECRET_LENGTH} (a long random value) so nobody can guess it.`;
	}
	return undefined;
}

/** Credential test: nothing to call (EventBridge is the caller), so it checks that the secret is usable. */
export async function amazonEventBridgeWebhookTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as { headerName?: string; secret?: string };
	const problem = webhookSecretProblem(String(data.headerName || 'x-acorn-secret').trim(), String(data.secret ?? ''));
	return problem
		? { status: 'Error', message: problem }
		: { status: 'OK', message: tr`The header name and secret can be used. Enter the same two values in the EventBridge connection (Authorization type "API key").` };
}

/** Checks the shared-secret header in constant time (hashes make the lengths equal). */
export function secretMatches(sent: string | string[] | undefined, expected: string): boolean {
	const value = Array.isArray(sent) ? sent[0] : sent;
	if (typeof value !== 'string' || !expected) return false;
	return timingSafeEqual(digest(value), digest(expected));
}

export async function handleEventBridgeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credential = await this.getCredentials<{ headerName?: string; secret?: string }>(EVENTBRIDGE_SECRET_CREDENTIAL);
	const headerName = String(credential.headerName || 'x-acorn-secret').trim().toLowerCase();
	const secret = String(credential.secret ?? '');
	registerSecrets(secret);
	const response = this.getResponseObject();
	const logger = redactingLogger(this.logger);
	const problem = webhookSecretProblem(headerName, secret);
	if (problem) {
		logger?.warn(`The EventBridge webhook credential cannot be used, requests are refused until it is fixed: ${problem}`);
		response.status(500).json({ error: 'The webhook secret is not configured.' });
		return { noWebhookResponse: true };
	}
	if (!secretMatches(this.getHeaderData()[headerName], secret)) {
		logger?.warn(`Refused a request to the EventBridge webhook without the right ${headerName} header.`);
		response.status(401).json({ error: 'Missing or wrong shared-secret header.' });
		return { noWebhookResponse: true };
	}
	const options = this.getNodeParameter('options', {}) as Options;
	const selected = new Set(
		(this.getNodeParameter('notificationTypes', []) as string[]).map((name) => findNotificationType(name)?.type ?? name),
	);
	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const dedupe = DedupeWindow.inStaticData(staticData, { ...DEFAULT_DEDUPE, maxEntries: Math.min(10_000, Math.max(10, options.dedupeWindow ?? DEFAULT_DEDUPE.maxEntries)) });
	const stats = readStats(staticData.stats);
	staticData.stats = stats as unknown as IDataObject;
	const body = this.getBodyData() as unknown;
	const eventId = body && typeof body === 'object' && typeof (body as IDataObject).id === 'string' ? ((body as IDataObject).id as string) : undefined;
	const result = classify({ body, transportId: eventId, source: { kind: 'eventBridge', eventId } }, selected, dedupe, new Set());
	count(stats, [result]);
	// n8n saves static data after the webhook when an assignment marked it changed
	staticData.stats = stats as unknown as IDataObject;
	switch (result.kind) {
		case 'notification':
			dedupe.remember(result.dedupeId);
			markStaticDataChanged(staticData, 'dedupe');
			stats.emitted += 1;
			stats.lastEmittedAt = new Date().toISOString();
			return { workflowData: [[{ json: result.item as IDataObject }], []] };
		case 'duplicate':
			return { webhookResponse: { received: true, ignored: 'duplicate' } };
		case 'otherType':
			return { webhookResponse: { received: true, ignored: `not a chosen type (${result.notificationType})` } };
		case 'unreadable':
			logger?.warn(`Unreadable EventBridge request: ${result.reason}`);
			if (options.unreadableMessages === 'reject') {
				response.status(400).json({ error: result.reason });
				return { noWebhookResponse: true };
			}
			return { workflowData: [[], [{ json: result.item as IDataObject }]] };
	}
}
