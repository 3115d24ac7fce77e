import type { OwnedSubscription } from '../sp-api/notifications/subscriptions';

/**
 * n8n calls a trigger's close function when the workflow is deactivated, but also when the workflow is
 * saved while active (close, then start again) and when n8n shuts down. Unsubscribing at once would drop
 * the notifications Amazon sends while n8n restarts — the very thing the queue is there to keep. So the
 * trigger unsubscribes after a short delay: a restart of the same trigger in this process cancels it,
 * and a shutdown ends the process before it runs (the ledger in static data still lists the
 * subscriptions, so the next deactivation removes them).
 *
 * Process-wide state, shared by every trigger instance n8n runs in this process.
 */
interface LiveTrigger {
	subscriptionIds: Set<string>;
	adopt(subscription: OwnedSubscription): void;
}

const live = new Map<string, LiveTrigger>();
const pendingReleases = new Map<string, NodeJS.Timeout>();

/** A running trigger and the subscriptions it receives through (its own and shared ones). */
export function registerLiveTrigger(instanceId: string, trigger: LiveTrigger): void {
	live.set(instanceId, trigger);
}

export function unregisterLiveTrigger(instanceId: string): void {
	live.delete(instanceId);
}

/**
 * When another running trigger relies on `subscription`, hands it over (that trigger now owns it and
 * deletes it on its own deactivation) and answers true: the caller must not delete it.
 */
export function handOverIfUsed(instanceId: string, subscription: OwnedSubscription): boolean {
	for (const [id, trigger] of live) {
		if (id === instanceId || !trigger.subscriptionIds.has(subscription.subscriptionId)) continue;
		trigger.adopt(subscription);
		return true;
	}
	return false;
}

/**
 * Unsubscribes under way (the delay ran out): a restart of the same trigger waits for it, else it would
 * find the destination and subscriptions that are being deleted and subscribe to a destination that is
 * gone a moment later (Amazon: 404).
 */
const runningReleases = new Map<string, Promise<void>>();

export function scheduleRelease(key: string, delayMs: number, release: () => Promise<void>): void {
	cancelRelease(key);
	const timer = setTimeout(() => {
		pendingReleases.delete(key);
		const running = release()
			.catch(() => undefined)
			.finally(() => {
				if (runningReleases.get(key) === running) runningReleases.delete(key);
			});
		runningReleases.set(key, running);
	}, delayMs);
	// a pending unsubscribe must never keep n8n from exiting
	timer.unref();
	pendingReleases.set(key, timer);
}

/** Cancels a pending unsubscribe of the same trigger (it is starting again); true when one was pending. */
export function cancelRelease(key: string): boolean {
	const timer = pendingReleases.get(key);
	if (!timer) return false;
	clearTimeout(timer);
	pendingReleases.delete(key);
	return true;
}

/** Waits for an unsubscribe of the same trigger that is under way; true when there was one. */
export async function releaseFinished(key: string): Promise<boolean> {
	const running = runningReleases.get(key);
	if (!running) return false;
	await running;
	return true;
}

export function releasePending(key: string): boolean {
	return pendingReleases.has(key);
}
