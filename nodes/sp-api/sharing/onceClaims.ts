/**
 * "Once per execution" claims (Seller Wallet's guard against sending one money move twice) kept in Redis
 * for the whole execution, whichever process runs which part of it: in queue mode an execution that waits
 * long is resumed by whichever worker is free, and must still refuse a key it claimed before the wait.
 * Claim keys are hashed (they name accounts and amounts); the value is the earlier item and node.
 */
import { createHash } from 'node:crypto';
import { luaScript, type SharedRedis, type SharingLogger } from './redis';

/** An execution can wait for days; its claims are kept for 30. */
export const CLAIM_TTL_MS = 30 * 24 * 3_600_000;

/**
 * KEYS[1]: the execution's claims (hash: claim → earlier item as JSON). ARGV[1]: TTL ms, ARGV[2]: the
 * claimant as JSON, ARGV[3..]: the claims. Returns { index of the first claim already taken (0-based),
 * its earlier claimant } and takes none, or takes them all and returns nothing.
 */
const CLAIM_SCRIPT = luaScript(`
for i = 3, #ARGV do
  local earlier = redis.call('HGET', KEYS[1], ARGV[i])
  if earlier then return { tostring(i - 3), earlier } end
end
for i = 3, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], ARGV[2]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return false
`);

export interface Claimant {
	itemIndex: number;
	nodeName: string;
}

export type SharedClaimResult = { kind: 'claimed' } | { kind: 'taken'; index: number; earlier: Claimant } | { kind: 'unavailable' };

const hashed = (text: string) => createHash('sha256').update(text).digest('hex');

export async function claimInRedis(redis: SharedRedis, executionId: string, claims: string[], claimant: Claimant, logger?: SharingLogger): Promise<SharedClaimResult> {
	const raw = await redis.run(CLAIM_SCRIPT, [redis.key('once', hashed(executionId))], [CLAIM_TTL_MS, JSON.stringify(claimant), ...claims.map(hashed)], logger);
	if (raw === undefined) return { kind: 'unavailable' };
	if (!Array.isArray(raw)) return { kind: 'claimed' };
	const index = Number(raw[0]) || 0;
	try {
		const earlier = JSON.parse(String(raw[1])) as Claimant;
		return { kind: 'taken', index, earlier: { itemIndex: Number(earlier.itemIndex), nodeName: String(earlier.nodeName) } };
	} catch {
		return { kind: 'taken', index, earlier: { itemIndex: -1, nodeName: '?' } };
	}
}
