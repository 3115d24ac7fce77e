/**
 * Whether a queue's access policy lets Amazon SP-API deliver notifications. Amazon sends them from its
 * AWS account 437568002678; the queue policy must allow that account sqs:SendMessage (and, as Amazon's
 * setup guide says, sqs:GetQueueAttributes). Source: Amazon's "Set up notifications (Amazon SQS workflow)"
 * guide, https://developer-docs.amazon.com/sp-api/docs/set-up-notifications-with-amazon-sqs .
 */
export const SP_API_NOTIFICATIONS_ACCOUNT = '437568002678';

export const SP_API_NOTIFICATIONS_PRINCIPAL_ARN = `arn:aws:iam::${SP_API_NOTIFICATIONS_ACCOUNT}:root`;

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
		Sid: 'AllowAmazonSellingPartnerApiNotifications',
		Effect: 'Allow',
		Principal: { AWS: SP_API_NOTIFICATIONS_PRINCIPAL_ARN },
		Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
		Resource: queueArn,
	};
}
