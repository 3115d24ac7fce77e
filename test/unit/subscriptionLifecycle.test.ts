/**
 * The Notifications trigger unsubscribes a while after n8n closes it; a restart of the same trigger in
 * that while keeps the subscriptions, and a restart while the unsubscribe is already under way waits for
 * it (else it would subscribe to a destination that is deleted a moment later).
 */
import { cancelRelease, releaseFinished, releasePending, scheduleRelease } from '../../nodes/AmazonSpApiNotificationsTrigger/subscriptionLifecycle';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Notifications trigger: unsubscribing after close', () => {
	it('a restart within the delay cancels the unsubscribe', async () => {
		let released = 0;
		scheduleRelease('wf|a', 30, async () => {
			released += 1;
		});
		expect(releasePending('wf|a')).toBe(true);
		expect(cancelRelease('wf|a')).toBe(true);
		await tick(60);
		expect(released).toBe(0);
		expect(await releaseFinished('wf|a')).toBe(false);
	});

	it('a restart while the unsubscribe runs waits until it is done', async () => {
		const steps: string[] = [];
		let finish!: () => void;
		scheduleRelease('wf|b', 0, async () => {
			steps.push('unsubscribing');
			await new Promise<void>((resolve) => (finish = resolve));
			steps.push('unsubscribed');
		});
		await tick(10);
		expect(cancelRelease('wf|b')).toBe(false);
		const restart = releaseFinished('wf|b').then((waited) => steps.push(`restart (waited: ${waited})`));
		await tick(10);
		expect(steps).toEqual(['unsubscribing']);
		finish();
		await restart;
		expect(steps).toEqual(['unsubscribing', 'unsubscribed', 'restart (waited: true)']);
		expect(await releaseFinished('wf|b')).toBe(false);
	});

	it('a failing unsubscribe does not stop the restart', async () => {
		scheduleRelease('wf|c', 0, async () => {
			throw new Error('Amazon is away');
		});
		await tick(10);
		await expect(releaseFinished('wf|c')).resolves.toBe(false);
	});
});
