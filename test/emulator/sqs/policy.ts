/**
 * The emulator's reading of AWS policies: a queue's access policy (may a principal, e.g. Amazon SP-API's
 * AWS account, send to the queue?) and the IAM policy of the user behind an access key (may it call this
 * SQS action on this queue?). An explicit Deny wins over any Allow; statements with conditions are not
 * evaluated and count as not matching, which errs on the side of "refused".
 */
interface Statement {
	Effect?: unknown;
	Principal?: unknown;
	Action?: unknown;
	Resource?: unknown;
	Condition?: unknown;
}

function list(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	return [];
}

function globMatches(pattern: string, value: string): boolean {
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '.'))
		.join('.*');
	return new RegExp(`^${source}$`, 'i').test(value);
}

function principalMatches(principal: unknown, accountId: string): boolean {
	if (principal === '*') return true;
	if (!principal || typeof principal !== 'object') return false;
	return list((principal as Record<string, unknown>).AWS).some(
		(p) => p === '*' || p === accountId || p === `arn:aws:iam::${accountId}:root`,
	);
}

/**
 * The verdict of a policy document for one request: an explicit Deny that applies wins, otherwise an
 * Allow without conditions that applies. A policy that is missing or not JSON allows nothing.
 */
function evaluate(policyText: string | undefined, applies: (statement: Statement) => boolean): boolean {
	if (!policyText) return false;
	let policy: { Statement?: unknown };
	try {
		policy = JSON.parse(policyText) as { Statement?: unknown };
	} catch {
		return false;
	}
	const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]).filter((s): s is Statement => !!s && typeof s === 'object');
	if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return false;
	return statements.some((s) => s.Effect === 'Allow' && s.Condition === undefined && applies(s));
}

/** A queue's access (resource-based) policy: may this account call the action on the queue? */
export function policyAllows(policyText: string | undefined, accountId: string, action: string, resourceArn: string): boolean {
	return evaluate(
		policyText,
		(s) =>
			principalMatches(s.Principal, accountId) &&
			list(s.Action).some((a) => globMatches(a, action)) &&
			(s.Resource === undefined || list(s.Resource).some((r) => globMatches(r, resourceArn))),
	);
}

/** The statement the README tells sellers to add: Amazon SP-API may send messages and read attributes. */
export function spApiSendPolicy(queueArn: string, principalAccount: string): string {
	return JSON.stringify({
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'AllowSellingPartnerApiNotifications',
				Effect: 'Allow',
				Principal: { AWS: `arn:aws:iam::${principalAccount}:root` },
				Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
				Resource: queueArn,
			},
		],
	});
}

/**
 * IAM's reading of an identity-based policy (the policy of the AWS user behind an access key) for one
 * action on one resource: an explicit Deny wins, otherwise an Allow whose Action and Resource patterns
 * (with * and ?) match. Conditions are not evaluated: a statement with one counts as not matching.
 */
export function identityPolicyAllows(policyText: string | undefined, action: string, resourceArn: string): boolean {
	return evaluate(policyText, (s) => list(s.Action).some((a) => globMatches(a, action)) && list(s.Resource).some((r) => globMatches(r, resourceArn)));
}
