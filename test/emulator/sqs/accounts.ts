/**
 * The AWS side of the emulator: one AWS account, its IAM users and their access keys. Key values are
 * shaped like AWS's (AKIA…/ASIA…) so clients treat them normally, but say plainly that they are fake.
 */

/** The AWS account Amazon SP-API sends notifications from (the principal a queue policy must allow). */
export const SP_API_NOTIFICATIONS_PRINCIPAL = '437568002678';

export const EMULATOR_AWS_ACCOUNT = '123456789012';

export interface AwsKey {
	accessKeyId: string;
	secretAccessKey: string;
	/** Temporary (STS) keys come with a session token that must be sent as X-Amz-Security-Token. */
	sessionToken?: string;
	expiresAtMs?: number;
	/** IAM user ARN, used in AccessDenied messages. */
	userArn: string;
	/**
	 * The IAM (identity-based) policy of the key's user, as JSON: which SQS actions it may call on which
	 * queues (see policy.ts identityPolicyAllows). None: the user may do nothing with SQS.
	 */
	identityPolicy?: string;
}

/** Every SQS action on every queue of the account (what the emulator's default keys may do). */
export const ALL_SQS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] });

export type AwsKeyName = 'consumer' | 'temporary' | 'noPermissions';

export function createAwsKeys(): Record<AwsKeyName, AwsKey> {
	return {
		consumer: {
			accessKeyId: 'AKIAEMULATORACORN001',
			secretAccessKey: 'emulator/aws+secret-acorn-consumer-NOT-REAL-0001',
			userArn: `arn:aws:iam::${EMULATOR_AWS_ACCOUNT}:user/acorn-n8n`,
			identityPolicy: ALL_SQS,
		},
		temporary: {
			accessKeyId: 'ASIAEMULATORACORN002',
			secretAccessKey: 'emulator/aws+secret-acorn-temporary-NOT-REAL-0002',
			sessionToken: 'emulator-session-token-acorn-NOT-REAL-0002',
			userArn: `arn:aws:sts::${EMULATOR_AWS_ACCOUNT}:assumed-role/acorn-n8n/session`,
			identityPolicy: ALL_SQS,
		},
		noPermissions: {
			accessKeyId: 'AKIAEMULATORACORN003',
			secretAccessKey: 'emulator/aws+secret-acorn-readonly-NOT-REAL-0003',
			userArn: `arn:aws:iam::${EMULATOR_AWS_ACCOUNT}:user/acorn-no-sqs`,
		},
	};
}
