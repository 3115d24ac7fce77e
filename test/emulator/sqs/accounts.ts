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
	/** Whether the user's IAM policy allows the SQS actions a consumer needs on every queue of the account. */
	canUseQueues: boolean;
}

export type AwsKeyName = 'consumer' | 'temporary' | 'noPermissions';

export function createAwsKeys(): Record<AwsKeyName, AwsKey> {
	return {
		consumer: {
			accessKeyId: 'AKIAEMULATORACORN001',
			secretAccessKey: 'emulator/aws+secret-acorn-consumer-NOT-REAL-0001',
			userArn: `arn:aws:iam::${EMULATOR_AWS_ACCOUNT}:user/acorn-n8n`,
			canUseQueues: true,
		},
		temporary: {
			accessKeyId: 'ASIAEMULATORACORN002',
			secretAccessKey: 'emulator/aws+secret-acorn-temporary-NOT-REAL-0002',
			sessionToken: 'emulator-session-token-acorn-NOT-REAL-0002',
			userArn: `arn:aws:sts::${EMULATOR_AWS_ACCOUNT}:assumed-role/acorn-n8n/session`,
			canUseQueues: true,
		},
		noPermissions: {
			accessKeyId: 'AKIAEMULATORACORN003',
			secretAccessKey: 'emulator/aws+secret-acorn-readonly-NOT-REAL-0003',
			userArn: `arn:aws:iam::${EMULATOR_AWS_ACCOUNT}:user/acorn-no-sqs`,
			canUseQueues: false,
		},
	};
}
