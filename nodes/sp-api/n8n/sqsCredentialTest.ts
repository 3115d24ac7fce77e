import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { normalizeSqsCredentials, queueArnFor, type SqsQueueSettings } from '../aws/queueCredentials';
import { SP_API_NOTIFICATIONS_ACCOUNT, spApiMaySend, spApiPolicyStatement } from '../aws/queuePolicy';
import { SqsClient } from '../aws/sqs';
import { SqsError } from '../aws/sqsErrors';
import { CredentialConfigError } from '../credentials';
import { tr } from '../i18n/translate';

function fail(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

/**
 * Really talks to SQS: finds the queue (GetQueueUrl when only the name is given), reads its attributes
 * (which proves the key, the secret, the region and the permission), and checks that the queue's
 * access policy lets Amazon SP-API send to it — otherwise notifications would silently never arrive.
 * Receives nothing, so the test never touches a message's receive count.
 */
export async function amazonSqsConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	let settings: SqsQueueSettings;
	try {
		settings = normalizeSqsCredentials(credential.data ?? {});
	} catch (error) {
		return fail(error instanceof CredentialConfigError ? error.message : tr`The credential could not be read.`);
	}
	const client = new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint, timeoutMs: 15_000 });
	try {
		const queueUrl = settings.queueUrl ?? (await client.getQueueUrl(settings.queueName!));
		const attributes = await client.getQueueAttributes(queueUrl, ['QueueArn', 'Policy', 'ApproximateNumberOfMessages', 'RedrivePolicy']);
		const queueArn = attributes.QueueArn ?? queueArnFor(queueUrl, settings.region) ?? queueUrl;
		const verdict = spApiMaySend(attributes.Policy, queueArn);
		if (verdict !== 'allows') {
			const why = verdict === 'noPolicy' ? tr`has no access policy` : verdict === 'unreadable' ? tr`has an access policy ACORN cannot read` : tr`has an access policy that does not allow it`;
			return fail(
				tr`The AWS key works and the queue exists, but the queue ${why}: Amazon SP-API (AWS account ${SP_API_NOTIFICATIONS_ACCOUNT}) could not send notifications to it. ` +
					tr`Turn on "Prepare Queue" in the trigger (or run Amazon SP-API Notification Settings → Queue → Prepare) and ACORN adds the statement, or add it yourself in the SQS console (queue → Access policy → Edit): ${JSON.stringify(spApiPolicyStatement(queueArn))}`,
			);
		}
		const waiting = Number(attributes.ApproximateNumberOfMessages ?? 0);
		return {
			status: 'OK',
			message: tr`Connected to queue ${queueArn.split(':').pop()} in ${settings.region}: Amazon SP-API may send to it; ${waiting} message(s) waiting${attributes.RedrivePolicy ? '' : tr` (tip: a dead-letter queue keeps unreadable messages from coming back forever)`}.`,
		};
	} catch (error) {
		// a queue named in the credential that ACORN is to prepare does not exist before its first activation
		if (error instanceof SqsError && error.kind === 'queueNotFound' && settings.queueName && !settings.queueUrl) {
			return fail(
				tr`The AWS key works, but there is no queue ${settings.queueName} in ${settings.region} yet. Turn on "Prepare Queue" in the trigger (or run Amazon SP-API Notification Settings → Queue → Prepare) and ACORN creates it.`,
			);
		}
		if (error instanceof SqsError) return fail(error.hint);
		return fail(tr`The SQS test failed unexpectedly.`);
	}
}
