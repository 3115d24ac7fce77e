/** Everything a running emulator holds, shared by the HTTP pipeline, the control API and the public object. */
import type { EmulatorClock } from './clock';
import type { EmulatorState } from './data/state';
import type { EmulatorEvents } from './events';
import type { NotificationsService } from './notifications/service';
import type { EmulatedSqs } from './sqs/service';
import type { FaultRegistry } from './faults';
import type { EmptyPages } from './paging';
import type { RateLimiter } from './rateLimiter';
import type { ReportStore } from './reports/store';
import type { RouteTable } from './routes/types';
import type { TokenStore } from './tokenStore';
import type { AcornCredentialData, CredentialOptions, EmulatorControl, EmulatorFixtures, RequestLogEntry, SellerFixtureKey } from './types';

export interface EmulatorRuntime {
	clock: EmulatorClock;
	fixtures: EmulatorFixtures;
	tokens: TokenStore;
	state: EmulatorState;
	limiter: RateLimiter;
	faults: FaultRegistry;
	requestLog: RequestLogEntry[];
	routes: RouteTable;
	seed: number;
	emptyPages: EmptyPages;
	events: EmulatorEvents;
	/** Amazon SQS on its own loopback port, and the notifications that feed it. */
	sqs: EmulatedSqs;
	notifications: NotificationsService;
	reports: ReportStore;
	control: EmulatorControl;
	/** Answers held back by `delayMs` faults; cleared on close so nothing fires afterwards. */
	pendingTimers: Set<NodeJS.Timeout>;
	/** Tells `control.onResponse` listeners that `entry` has been answered. */
	answered(entry: RequestLogEntry): void;
	urls(): { url: string; lwaTokenUrl: string; endpointTemplate: string };
	credentialsFor(seller: SellerFixtureKey, options?: CredentialOptions): AcornCredentialData;
}

export function sleep(runtime: EmulatorRuntime, ms: number): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			runtime.pendingTimers.delete(timer);
			resolve();
		}, ms);
		runtime.pendingTimers.add(timer);
	});
}
