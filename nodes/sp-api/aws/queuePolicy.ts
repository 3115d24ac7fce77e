import { tr } from '../i18n/translate';

/**
 * Whether a queue's access policy lets Amazon SP-API deliver notifications. Amazon sends them from its
 * AWS account 437568002678; the queue policy must allow that account sqs:SendMessage (and, as Amazon's
 * setup guide says, sqs:GetQueueAttributes). Source: Amazon's "Set up notifications (Amazon SQS workflow)"
 * guide, https://developer-docs.amazon.com/sp-api/docs/set-up-notifications-with-amazon-sqs .
 */
export const SP_API_NOTIFICATIONS_ACCOUNT = '437568002678';

export const SP_API_NOTIFICATIONS_PRINCIPAL_ARN = `arn:aws:iam::${SP_API_NOTIFICATIONS_ACCOUNT}:root`;

/** The Sid of the statement ACORN writes; a statement with this Sid is ACORN's own and may be replaced. */
export const SP_API_STATEMENT_SID = 'AllowAmazonSellingPartnerApiNotifications';

function asList(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function wildcard(pattern: string, value: string): boolean {
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${source}$`, 'i').test(value);
}

export type PolicyVerdict =
	/** an Allow statement for Amazon's account and sqs:SendMessage */
	| 'allows'
	/** no such statement (or a Deny for it): notifications would never arrive */
	| 'missing'
	/** the queue has no access policy at all */
	| 'noPolicy'
	/** the policy is not JSON ACORN can read */
	| 'unreadable';

/** A conservative reading: conditions are not evaluated, an explicit Deny wins. */
export function spApiMaySend(policyText: string | undefined, queueArn: string): PolicyVerdict {
	if (!policyText) return 'noPolicy';
	let policy: { Statement?: unknown };
	try {
		policy = JSON.parse(policyText) as { Statement?: unknown };
	} catch {
		return 'unreadable';
	}
	const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]).filter(
		(s): s is Record<string, unknown> => !!s && typeof s === 'object',
	);
	const forAmazon = (s: Record<string, unknown>) => {
		const principal = s.Principal;
		if (principal === '*') return true;
		const aws = principal && typeof principal === 'object' ? asList((principal as Record<string, unknown>).AWS) : [];
		return aws.some((p) => p === '*' || p === SP_API_NOTIFICATIONS_ACCOUNT || p === SP_API_NOTIFICATIONS_PRINCIPAL_ARN);
	};
	const applies = (s: Record<string, unknown>) =>
		forAmazon(s) &&
		asList(s.Action).some((a) => wildcard(a, 'sqs:SendMessage')) &&
		(s.Resource === undefined || asList(s.Resource).some((r) => wildcard(r, queueArn)));
	if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return 'missing';
	return statements.some((s) => s.Effect === 'Allow' && applies(s)) ? 'allows' : 'missing';
}

/** The statement to paste into the queue's access policy (SQS console → queue → Access policy → Edit). */
export function spApiPolicyStatement(queueArn: string): Record<string, unknown> {
	return {
		Sid: SP_API_STATEMENT_SID,
		Effect: 'Allow',
		Principal: { AWS: SP_API_NOTIFICATIONS_PRINCIPAL_ARN },
		Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
		Resource: queueArn,
	};
}

const POLICY_VERSION = '2012-10-17';

/** Why ACORN leaves a queue's access policy alone: it never rewrites what it cannot read, nor removes a Deny. */
export class QueuePolicyConflict extends Error {
	constructor(
		readonly reason: 'unreadable' | 'denies',
		message: string,
	) {
		super(message);
		this.name = 'QueuePolicyConflict';
	}
}

type Statement = Record<string, unknown>;

function statementsOf(policy: { Statement?: unknown }): Statement[] {
	const raw = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement === undefined ? [] : [policy.Statement];
	return raw.filter((s): s is Statement => !!s && typeof s === 'object');
}

/**
 * The queue's access policy with Amazon SP-API allowed to send, merged into what is there: the seller's
 * own statements (and the policy's Version and Id) stay exactly as they were. `change` says what was
 * done: nothing (Amazon may already send), ACORN's statement added, or ACORN's own earlier statement
 * (same Sid) replaced. A policy that is not JSON, or that denies Amazon, is never rewritten.
 */
export function withSpApiStatement(policyText: string | undefined, queueArn: string): { change: 'none' | 'added' | 'updated'; policy: string } {
	const verdict = spApiMaySend(policyText, queueArn);
	if (verdict === 'allows') return { change: 'none', policy: policyText ?? '' };
	if (verdict === 'unreadable') {
		throw new QueuePolicyConflict('unreadable', tr`The queue has an access policy that is not valid JSON; ACORN does not overwrite it.`);
	}
	const policy: Record<string, unknown> = verdict === 'noPolicy' ? { Version: POLICY_VERSION } : (JSON.parse(policyText!) as Record<string, unknown>);
	const statements = statementsOf(policy);
	if (deniesSpApi(statements, queueArn)) {
		throw new QueuePolicyConflict('denies', tr`The queue's access policy denies Amazon SP-API explicitly; ACORN does not remove a Deny.`);
	}
	const own = statements.findIndex((s) => s.Sid === SP_API_STATEMENT_SID);
	const statement = spApiPolicyStatement(queueArn);
	const merged = own >= 0 ? statements.map((s, index) => (index === own ? statement : s)) : [...statements, statement];
	return { change: own >= 0 ? 'updated' : 'added', policy: JSON.stringify({ ...policy, Version: policy.Version ?? POLICY_VERSION, Statement: merged }) };
}

/** Whether a Deny statement covers Amazon's account sending to the queue. */
function deniesSpApi(statements: Statement[], queueArn: string): boolean {
	return statements.some((s) => s.Effect === 'Deny' && spApiMaySend(JSON.stringify({ Statement: [{ ...s, Effect: 'Allow' }] }), queueArn) === 'allows');
}

/** SQS actions ACORN calls: to prepare a queue, and to read notifications from it (trigger, credential test). */
export const SQS_ACTIONS_TO_PREPARE = ['sqs:CreateQueue', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes'] as const;
export const SQS_ACTIONS_TO_RECEIVE = ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'] as const;

/** The queue names the README's IAM policy covers: amazon-notifications, amazon-notifications-eu, … */
export const IAM_QUEUE_ARN_PATTERN = 'arn:aws:sqs:*:*:amazon-notifications*';

/**
 * The IAM policy the README tells sellers to attach to the AWS user of ACORN's access key: exactly the
 * SQS actions ACORN calls, on queues whose name starts with "amazon-notifications". (The batch calls
 * DeleteMessageBatch and ChangeMessageVisibilityBatch are authorised by sqs:DeleteMessage and
 * sqs:ChangeMessageVisibility.) test/unit/queueSetup.test.ts keeps the README's copy equal to this.
 */
export function acornIamPolicy(resource = IAM_QUEUE_ARN_PATTERN): Record<string, unknown> {
	const actions = [...new Set([...SQS_ACTIONS_TO_PREPARE, ...SQS_ACTIONS_TO_RECEIVE])].sort();
	return { Version: POLICY_VERSION, Statement: [{ Sid: 'AcornAmazonNotificationsQueue', Effect: 'Allow', Action: actions, Resource: resource }] };
}
