import { CredentialConfigError } from '../credentials';
import { registerSecrets } from '../redact';
import { isAwsRegionCode, regionFromSqsHost, sqsEndpointFor } from './regions';
import { tr, translateText } from '../i18n/translate';

/** What the `amazonSqsApi` n8n credential stores (field names of credentials/AmazonSqsApi.credentials.ts). */
export interface SqsCredentialData {
	accessKeyId?: unknown;
	secretAccessKey?: unknown;
	sessionToken?: unknown;
	queueBy?: unknown;
	queueUrl?: unknown;
	queueName?: unknown;
	region?: unknown;
	useCustomEndpoint?: unknown;
	sqsEndpoint?: unknown;
}

export interface AwsCredentials {
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
	readonly sessionToken?: string;
}

export interface SqsQueueSettings {
	readonly credentials: AwsCredentials;
	/** Region the requests are signed for. */
	readonly region: string;
	/** Base address requests go to (the public SQS endpoint, a VPC endpoint, or the ACORN emulator). */
	readonly endpoint: string;
	readonly customEndpoint: boolean;
	/** Known up front when the credential gives the URL; resolved with GetQueueUrl when it gives a name. */
	readonly queueUrl?: string;
	readonly queueName?: string;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function parseHttpUrl(value: string, field: string): URL {
	try {
		const url = new URL(value);
		if (url.protocol === 'https:' || url.protocol === 'http:') return url;
	} catch {
		// reported below
	}
	throw new CredentialConfigError(tr`${translateText(field)} "${value}" is not a valid http(s) address.`);
}

/** Queue name and owning account from a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>). */
export function queueUrlParts(queueUrl: string): { accountId: string; queueName: string } | undefined {
	try {
		const parts = new URL(queueUrl).pathname.split('/').filter(Boolean);
		if (parts.length !== 2) return undefined;
		return { accountId: decodeURIComponent(parts[0]), queueName: decodeURIComponent(parts[1]) };
	} catch {
		return undefined;
	}
}

/** The queue ARN Amazon's createDestination needs, derived from the queue URL and region. */
export function queueArnFor(queueUrl: string, region: string): string | undefined {
	const parts = queueUrlParts(queueUrl);
	return parts ? `arn:aws:sqs:${region}:${parts.accountId}:${parts.queueName}` : undefined;
}

export function normalizeSqsCredentials(data: SqsCredentialData): SqsQueueSettings {
	const accessKeyId = text(data.accessKeyId);
	const secretAccessKey = text(data.secretAccessKey);
	const sessionToken = text(data.sessionToken) || undefined;
	registerSecrets(secretAccessKey, sessionToken);
	const missing = [!accessKeyId && 'Access Key ID', !secretAccessKey && 'Secret Access Key'].filter(Boolean);
	if (missing.length) throw new CredentialConfigError(tr`The Amazon SQS credential is missing: ${missing.join(', ')}.`);
	if (/\s/.test(accessKeyId)) throw new CredentialConfigError(tr`The Access Key ID contains spaces: copy it again from the AWS console.`);

	const byName = text(data.queueBy) === 'name';
	const customEndpoint = data.useCustomEndpoint === true && text(data.sqsEndpoint) !== '';
	const chosenRegion = text(data.region).toLowerCase();
	if (chosenRegion && !isAwsRegionCode(chosenRegion)) throw new CredentialConfigError(tr`"${chosenRegion}" is not an AWS region code such as us-east-1.`);

	let queueUrl: string | undefined;
	let queueName: string | undefined;
	let region = chosenRegion;
	if (byName) {
		queueName = text(data.queueName);
		if (!queueName) throw new CredentialConfigError(tr`Enter the queue name, or choose "By URL" and paste the queue URL.`);
		if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(queueName)) throw new CredentialConfigError(tr`"${queueName}" is not an SQS queue name (letters, digits, - and _, at most 80).`);
		if (!region) throw new CredentialConfigError(tr`Choose the AWS region of the queue.`);
	} else {
		const raw = text(data.queueUrl);
		if (!raw) throw new CredentialConfigError(tr`Paste the queue URL (SQS console → your queue → Details → URL).`);
		const url = parseHttpUrl(raw, 'Queue URL');
		if (/amazonaws\.com\.cn$/i.test(url.hostname)) {
			throw new CredentialConfigError(tr`This queue is in AWS China. Amazon SP-API can only deliver notifications to queues in a global AWS account (amazonaws.com).`);
		}
		if (!queueUrlParts(raw)) throw new CredentialConfigError(tr`"${raw}" does not look like a queue URL (https://sqs.<region>.amazonaws.com/<account id>/<queue name>).`);
		queueUrl = raw.replace(/\/+$/, '');
		const fromHost = regionFromSqsHost(url.hostname);
		if (fromHost && region && fromHost !== region) {
			throw new CredentialConfigError(tr`The queue URL is in ${fromHost} but the credential says ${region}. Clear "AWS Region" or choose ${fromHost}.`);
		}
		region = region || fromHost || '';
		if (!region) throw new CredentialConfigError(tr`Choose the AWS region of the queue: it cannot be read from this queue URL.`);
		queueName = queueUrlParts(raw)?.queueName;
	}
	if (queueName?.endsWith('.fifo')) {
		throw new CredentialConfigError(tr`This is a FIFO queue. Amazon SP-API delivers notifications to standard queues only: create a standard queue.`);
	}
	const endpoint = customEndpoint ? parseHttpUrl(text(data.sqsEndpoint).replace(/\/+$/, ''), 'SQS Endpoint').href.replace(/\/+$/, '') : sqsEndpointFor(region);
	return { credentials: { accessKeyId, secretAccessKey, sessionToken }, region, endpoint, customEndpoint, queueUrl, queueName };
}
