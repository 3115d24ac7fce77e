import { tr } from '../i18n/translate';
import { queueArnFor, queueUrlParts, type SqsQueueSettings } from './queueCredentials';
import { acornIamPolicy, QueuePolicyConflict, SP_API_NOTIFICATIONS_ACCOUNT, spApiMaySend, spApiPolicyStatement, withSpApiStatement, type PolicyVerdict } from './queuePolicy';
import type { SqsClient } from './sqs';
import { SqsError } from './sqsErrors';

/**
 * Prepares the SQS queue Amazon SP-API delivers notifications to, so a seller never edits a JSON policy
 * by hand: finds the queue of the credential (or creates a standard queue of that name), merges the one
 * statement that lets Amazon's account send into the queue's access policy (the seller's own statements
 * stay as they are), and reads the policy back to check it. `inspectQueue` is the read-only half.
 *
 * An existing queue is adopted as it is: ACORN looks it up first and creates only a missing queue,
 * without attributes, because SQS's CreateQueue answers an existing queue's URL only when every given
 * attribute matches it (otherwise it fails with QueueNameExists).
 */
export interface QueueReport {
	queueName: string;
	queueUrl: string;
	queueArn: string;
	region: string;
	/** created now, found, or (inspect only) not there */
	queue: 'created' | 'existing' | 'missing';
	/** what was done to the access policy (inspect: always unchanged) */
	accessPolicy: 'added' | 'updated' | 'unchanged';
	/** Read back from SQS after any change: Amazon SP-API may send to the queue. */
	amazonMaySend: boolean;
	policyVerdict: PolicyVerdict | 'noQueue';
	/** SSE-SQS (fine), the seller's own KMS key (Amazon needs access to it too), or none */
	encryption: 'sqsManaged' | 'kms' | 'none' | 'unknown';
	deadLetterQueue: boolean;
	messagesWaiting?: number;
	/** What happened and what to do next, in one or two sentences. */
	message: string;
}

/** A refusal the seller can fix; `hint` (shown below the message) says how, e.g. the IAM policy to attach. */
export class QueueSetupError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'QueueSetupError';
	}
}

export interface QueueSetupOptions {
	signal?: AbortSignal;
	/** Reads of the policy after changing it: SQS can take a while to show a new policy. */
	readBack?: { attempts: number; delayMs: number };
	sleep?: (ms: number) => Promise<void>;
}

const ATTRIBUTES = ['QueueArn', 'Policy', 'RedrivePolicy', 'KmsMasterKeyId', 'SqsManagedSseEnabled', 'ApproximateNumberOfMessages'];
const DEFAULT_READ_BACK = { attempts: 4, delayMs: 1500 };

function iamHint(): string {
	return [
		tr`Attach this IAM policy to the AWS user of the access key (IAM → Users → your user → Add permissions → Create inline policy → JSON). It covers queues whose name starts with "amazon-notifications"; for another name, change the end of "Resource".`,
		JSON.stringify(acornIamPolicy(), null, 2),
	].join('\n');
}

function whatWasRefused(action: string): string {
	switch (action) {
		case 'CreateQueue':
			return tr`create SQS queues`;
		case 'SetQueueAttributes':
			return tr`change the access policy of the queue`;
		case 'GetQueueUrl':
			return tr`look up the queue by its name`;
		default:
			return tr`read the settings of the queue`;
	}
}

/** Runs one SQS call; an AccessDenied becomes a plain sentence with the IAM policy to attach. */
async function step<T>(action: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof SqsError && error.kind === 'accessDenied') {
			throw new QueueSetupError(tr`AWS refused ${action}: the AWS user of this access key may not ${whatWasRefused(action)}.`, iamHint());
		}
		throw error;
	}
}

function queueNameOf(settings: SqsQueueSettings): string {
	const name = settings.queueName ?? (settings.queueUrl ? queueUrlParts(settings.queueUrl)?.queueName : undefined);
	if (!name) throw new QueueSetupError(tr`The Amazon SQS credential names no queue.`, tr`Choose "By Region and Name" in the credential and type a queue name such as amazon-notifications.`);
	return name;
}

/** The queue's URL, or undefined when there is no such queue (yet). */
async function findQueue(client: SqsClient, settings: SqsQueueSettings, name: string, signal?: AbortSignal): Promise<string | undefined> {
	try {
		if (settings.queueUrl) {
			await step('GetQueueAttributes', () => client.getQueueAttributes(settings.queueUrl!, ['QueueArn'], { signal }));
			return settings.queueUrl;
		}
		return await step('GetQueueUrl', () => client.getQueueUrl(name, { signal }));
	} catch (error) {
		if (error instanceof SqsError && error.kind === 'queueNotFound') return undefined;
		throw error;
	}
}

function encryptionOf(attributes: Record<string, string>): QueueReport['encryption'] {
	if (attributes.KmsMasterKeyId) return 'kms';
	if (attributes.SqsManagedSseEnabled === 'true') return 'sqsManaged';
	return attributes.SqsManagedSseEnabled === 'false' ? 'none' : 'unknown';
}

function sentences(report: Omit<QueueReport, 'message'>, urlNote?: string): string {
	const parts: string[] = [];
	if (report.queue === 'missing') {
		parts.push(tr`There is no queue ${report.queueName} in ${report.region} yet: run "Queue → Prepare" (or turn on "Prepare Queue" in the trigger) to create it.`);
		return parts.join(' ');
	}
	parts.push(report.queue === 'created' ? tr`Created the standard queue ${report.queueName} in ${report.region}.` : tr`Found the queue ${report.queueName} in ${report.region}; ACORN uses it as it is.`);
	if (report.accessPolicy === 'added') parts.push(tr`Added the statement that lets Amazon SP-API send to it to its access policy; other statements stay as they were.`);
	if (report.accessPolicy === 'updated') parts.push(tr`Renewed ACORN's own statement in its access policy; other statements stay as they were.`);
	if (report.amazonMaySend) parts.push(tr`Checked: Amazon SP-API may send notifications to it.`);
	else if (report.accessPolicy !== 'unchanged') parts.push(tr`AWS took the new access policy but does not show it yet (this can take up to a minute): check again in a minute.`);
	else parts.push(tr`Its access policy does not let Amazon SP-API send to it, so notifications would never arrive: run "Queue → Prepare".`);
	if (report.encryption === 'kms') {
		parts.push(tr`The queue is encrypted with your own KMS key: that key's policy must also let Amazon SP-API (AWS account ${SP_API_NOTIFICATIONS_ACCOUNT}) use it (kms:GenerateDataKey, kms:Decrypt), or switch the queue to SSE-SQS encryption.`);
	}
	if (urlNote) parts.push(urlNote);
	return parts.join(' ');
}

function reportOf(base: Omit<QueueReport, 'message' | 'amazonMaySend' | 'policyVerdict' | 'encryption' | 'deadLetterQueue' | 'messagesWaiting'>, attributes: Record<string, string>, urlNote?: string): QueueReport {
	const policyVerdict = spApiMaySend(attributes.Policy, base.queueArn);
	const waiting = Number(attributes.ApproximateNumberOfMessages);
	const report: Omit<QueueReport, 'message'> = {
		...base,
		amazonMaySend: policyVerdict === 'allows',
		policyVerdict,
		encryption: encryptionOf(attributes),
		deadLetterQueue: !!attributes.RedrivePolicy,
		...(Number.isFinite(waiting) ? { messagesWaiting: waiting } : {}),
	};
	return { ...report, message: sentences(report, urlNote) };
}

/** Looks at the queue of the credential without changing anything. */
export async function inspectQueue(client: SqsClient, settings: SqsQueueSettings, options: QueueSetupOptions = {}): Promise<QueueReport> {
	const queueName = queueNameOf(settings);
	const queueUrl = await findQueue(client, settings, queueName, options.signal);
	const base = { queueName, region: settings.region, queue: 'existing' as const, accessPolicy: 'unchanged' as const };
	if (!queueUrl) {
		const report = { ...base, queue: 'missing' as const, queueUrl: '', queueArn: '', amazonMaySend: false, policyVerdict: 'noQueue' as const, encryption: 'unknown' as const, deadLetterQueue: false };
		return { ...report, message: sentences(report) };
	}
	const attributes = await step('GetQueueAttributes', () => client.getQueueAttributes(queueUrl, ATTRIBUTES, { signal: options.signal }));
	return reportOf({ ...base, queueUrl, queueArn: attributes.QueueArn ?? queueArnFor(queueUrl, settings.region) ?? '' }, attributes);
}

/** Creates or adopts the queue, lets Amazon SP-API send to it (merged into its policy) and checks that. */
export async function prepareQueue(client: SqsClient, settings: SqsQueueSettings, options: QueueSetupOptions = {}): Promise<QueueReport> {
	const { signal } = options;
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const queueName = queueNameOf(settings);
	let queueUrl = await findQueue(client, settings, queueName, signal);
	const created = !queueUrl;
	let urlNote: string | undefined;
	if (!queueUrl) {
		queueUrl = await step('CreateQueue', () => client.createQueue(queueName, {}, { signal }));
		if (settings.queueUrl && new URL(settings.queueUrl).pathname !== new URL(queueUrl).pathname) {
			urlNote = tr`The queue URL is ${queueUrl}, not the one in the credential: put this URL into the Amazon SQS credential.`;
		}
	}
	let attributes = await step('GetQueueAttributes', () => client.getQueueAttributes(queueUrl, ATTRIBUTES, { signal }));
	const queueArn = attributes.QueueArn ?? queueArnFor(queueUrl, settings.region) ?? '';
	let merged: ReturnType<typeof withSpApiStatement>;
	try {
		merged = withSpApiStatement(attributes.Policy, queueArn);
	} catch (error) {
		if (!(error instanceof QueuePolicyConflict)) throw error;
		throw new QueueSetupError(
			`${error.message} ${tr`Add this statement to it yourself (SQS console → the queue → Access policy → Edit):`}`,
			JSON.stringify(spApiPolicyStatement(queueArn), null, 2),
		);
	}
	if (merged.change !== 'none') {
		await step('SetQueueAttributes', () => client.setQueueAttributes(queueUrl, { Policy: merged.policy }, { signal }));
		// SQS may show the old policy for a moment after a change: read it back a few times
		const readBack = options.readBack ?? DEFAULT_READ_BACK;
		for (let attempt = 1; attempt <= readBack.attempts; attempt++) {
			attributes = await step('GetQueueAttributes', () => client.getQueueAttributes(queueUrl, ATTRIBUTES, { signal }));
			if (spApiMaySend(attributes.Policy, queueArn) === 'allows' || attempt === readBack.attempts) break;
			await sleep(readBack.delayMs);
		}
	}
	const accessPolicy = merged.change === 'none' ? 'unchanged' : merged.change;
	return reportOf({ queueName, queueUrl, queueArn, region: settings.region, queue: created ? 'created' : 'existing', accessPolicy }, attributes, urlNote);
}
