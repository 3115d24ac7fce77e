import type { SpApiClient, SpApiResponse } from '../client';
import { SpApiError } from '../errors';
import type { NotificationTypeSpec } from './types';
import { tr } from '../i18n/translate';

/**
 * Finds or creates the destination and one subscription per notification type, and later removes
 * only what it created. Destinations are the application's (grantless token), subscriptions the
 * seller's (seller token to create and read, grantless to delete by id) — the core picks the token
 * per operation from the generated table. What was created is written to a ledger the caller keeps
 * (n8n static data), so a deactivation after a restart still knows what is its own.
 */
export type DestinationSpec =
	| { kind: 'sqs'; arn: string; name: string }
	| { kind: 'eventBridge'; region: string; accountId: string; name: string };

export interface OwnedSubscription {
	notificationType: string;
	subscriptionId: string;
	payloadVersion: string;
	destinationId: string;
}

/** Kept by the caller between activation and deactivation. Only what this trigger created is listed. */
export interface SubscriptionLedger {
	/** Which app, store and region the entries belong to (a hash, no secret). */
	account?: string;
	destinationId?: string;
	/** True when this trigger created the destination (it may then delete it once nothing uses it). */
	createdDestination?: boolean;
	subscriptions: OwnedSubscription[];
}

export interface EnsuredSubscription {
	notificationType: string;
	subscriptionId: string;
	payloadVersion: string;
	/** created now; owned (created earlier by this trigger); shared (someone else's, same destination) */
	status: 'created' | 'owned' | 'shared';
}

export interface SubscriptionConflict {
	notificationType: string;
	subscriptionId: string;
	/** Where Amazon sends this type for this seller now (not our destination). */
	destinationId: string;
}

export interface EnsureResult {
	destinationId: string;
	createdDestination: boolean;
	subscriptions: EnsuredSubscription[];
	conflicts: SubscriptionConflict[];
	/** Owned subscriptions of types no longer selected, deleted during this run. */
	released: OwnedSubscription[];
}

interface DestinationJson {
	destinationId?: string;
	name?: string;
	resource?: { sqs?: { arn?: string }; eventBridge?: { region?: string; accountId?: string; name?: string } };
}

interface SubscriptionJson {
	subscriptionId?: string;
	payloadVersion?: string;
	destinationId?: string;
}

export function emptyLedger(): SubscriptionLedger {
	return { subscriptions: [] };
}

/** Makes a ledger read from static data safe to use (missing or damaged fields). */
export function readLedger(value: unknown): SubscriptionLedger {
	const raw = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	const subscriptions = Array.isArray(raw.subscriptions)
		? raw.subscriptions.filter(
				(s): s is OwnedSubscription =>
					!!s && typeof s === 'object' && typeof (s as OwnedSubscription).subscriptionId === 'string' && typeof (s as OwnedSubscription).notificationType === 'string',
			)
		: [];
	return {
		account: typeof raw.account === 'string' ? raw.account : undefined,
		destinationId: typeof raw.destinationId === 'string' ? raw.destinationId : undefined,
		createdDestination: raw.createdDestination === true,
		subscriptions,
	};
}

function matches(destination: DestinationJson, spec: DestinationSpec): boolean {
	if (spec.kind === 'sqs') return destination.resource?.sqs?.arn === spec.arn;
	const eventBridge = destination.resource?.eventBridge;
	return eventBridge?.accountId === spec.accountId && eventBridge?.region === spec.region;
}

function isHttp(error: unknown, ...statuses: number[]): error is SpApiError {
	return error instanceof SpApiError && error.httpStatus !== undefined && statuses.includes(error.httpStatus);
}

async function findDestination(client: SpApiClient, spec: DestinationSpec): Promise<DestinationJson | undefined> {
	const response = await client.call<{ payload?: DestinationJson[] }>('getDestinations');
	return (response.data.payload ?? []).find((d) => matches(d, spec));
}

/** The destination for `spec`: found, or created (then remembered as ours). */
export async function ensureDestination(client: SpApiClient, spec: DestinationSpec, ledger: SubscriptionLedger): Promise<{ destinationId: string; created: boolean }> {
	const found = await findDestination(client, spec);
	if (found?.destinationId) {
		if (ledger.destinationId !== found.destinationId) {
			ledger.destinationId = found.destinationId;
			ledger.createdDestination = false;
		}
		return { destinationId: found.destinationId, created: false };
	}
	const resourceSpecification = spec.kind === 'sqs' ? { sqs: { arn: spec.arn } } : { eventBridge: { region: spec.region, accountId: spec.accountId } };
	try {
		const response = await client.call<{ payload?: DestinationJson }>('createDestination', { body: { name: spec.name, resourceSpecification } });
		const destinationId = response.data.payload?.destinationId;
		if (!destinationId) throw new Error(tr`createDestination answered without a destinationId`);
		ledger.destinationId = destinationId;
		ledger.createdDestination = true;
		return { destinationId, created: true };
	} catch (error) {
		// created meanwhile by someone else (another workflow activating at the same moment)
		if (!isHttp(error, 409)) throw error;
		const again = await findDestination(client, spec);
		if (!again?.destinationId) throw error;
		ledger.destinationId = again.destinationId;
		ledger.createdDestination = false;
		return { destinationId: again.destinationId, created: false };
	}
}

/** The store's subscription to `type` (Amazon's answer, for its metadata), or undefined when there is none (404). */
export async function findSubscription(
	client: SpApiClient,
	type: string,
	payloadVersion?: string,
): Promise<SpApiResponse<{ payload?: SubscriptionJson }> | undefined> {
	try {
		const response = await client.call<{ payload?: SubscriptionJson }>('getSubscription', { params: { notificationType: type, payloadVersion } });
		return response.data.payload?.subscriptionId ? response : undefined;
	} catch (error) {
		if (isHttp(error, 404)) return undefined;
		throw error;
	}
}

async function currentSubscription(client: SpApiClient, type: string, payloadVersion: string): Promise<SubscriptionJson | undefined> {
	return (await findSubscription(client, type, payloadVersion))?.data.payload;
}

export async function ensureSubscriptions(
	client: SpApiClient,
	destination: DestinationSpec,
	types: readonly NotificationTypeSpec[],
	ledger: SubscriptionLedger,
): Promise<EnsureResult> {
	const { destinationId, created } = await ensureDestination(client, destination, ledger);
	const selected = new Set(types.map((t) => t.type));
	const released: OwnedSubscription[] = [];
	// subscriptions this trigger made for types it no longer listens to
	for (const owned of ledger.subscriptions.filter((s) => !selected.has(s.notificationType))) {
		await deleteSubscription(client, owned);
		released.push(owned);
	}
	ledger.subscriptions = ledger.subscriptions.filter((s) => selected.has(s.notificationType));

	const subscriptions: EnsuredSubscription[] = [];
	const conflicts: SubscriptionConflict[] = [];
	for (const type of types) {
		const payloadVersion = type.defaultPayloadVersion;
		let existing = await currentSubscription(client, type.type, payloadVersion);
		if (!existing) {
			try {
				const response = await client.call<{ payload?: SubscriptionJson }>('createSubscription', {
					params: { notificationType: type.type },
					body: { payloadVersion, destinationId },
				});
				const subscriptionId = response.data.payload?.subscriptionId;
				if (!subscriptionId) throw new Error(tr`createSubscription for ${type.type} answered without a subscriptionId`);
				ledger.subscriptions = ledger.subscriptions.filter((s) => s.notificationType !== type.type);
				ledger.subscriptions.push({ notificationType: type.type, subscriptionId, payloadVersion, destinationId });
				subscriptions.push({ notificationType: type.type, subscriptionId, payloadVersion, status: 'created' });
				continue;
			} catch (error) {
				if (!isHttp(error, 409)) throw error;
				existing = await currentSubscription(client, type.type, payloadVersion);
				if (!existing) throw error;
			}
		}
		const subscriptionId = existing.subscriptionId!;
		if (existing.destinationId !== destinationId) {
			conflicts.push({ notificationType: type.type, subscriptionId, destinationId: existing.destinationId ?? '' });
			continue;
		}
		const owned = ledger.subscriptions.some((s) => s.subscriptionId === subscriptionId);
		// a ledger entry for this type with another id is stale (deleted outside this trigger)
		ledger.subscriptions = ledger.subscriptions.filter((s) => s.notificationType !== type.type || s.subscriptionId === subscriptionId);
		subscriptions.push({ notificationType: type.type, subscriptionId, payloadVersion: existing.payloadVersion ?? payloadVersion, status: owned ? 'owned' : 'shared' });
	}
	return { destinationId, createdDestination: created, subscriptions, conflicts, released };
}

async function deleteSubscription(client: SpApiClient, owned: OwnedSubscription): Promise<'deleted' | 'gone'> {
	try {
		await client.call('deleteSubscriptionById', { params: { notificationType: owned.notificationType, subscriptionId: owned.subscriptionId } });
		return 'deleted';
	} catch (error) {
		if (isHttp(error, 404)) return 'gone';
		throw error;
	}
}

export interface ReleaseResult {
	deleted: OwnedSubscription[];
	kept: OwnedSubscription[];
	failed: Array<{ subscription: OwnedSubscription; error: string }>;
	destination: 'deleted' | 'kept' | 'notOurs' | 'failed';
}

/**
 * Deletes the subscriptions this trigger created (never others), then the destination if this
 * trigger created it and nothing else is subscribed to it any more (Amazon refuses otherwise).
 * `keep` spares subscriptions another running trigger still relies on.
 */
export async function releaseSubscriptions(client: SpApiClient, ledger: SubscriptionLedger, keep: (s: OwnedSubscription) => boolean = () => false): Promise<ReleaseResult> {
	const result: ReleaseResult = { deleted: [], kept: [], failed: [], destination: 'notOurs' };
	for (const owned of [...ledger.subscriptions]) {
		if (keep(owned)) {
			result.kept.push(owned);
			continue;
		}
		try {
			await deleteSubscription(client, owned);
			result.deleted.push(owned);
			ledger.subscriptions = ledger.subscriptions.filter((s) => s.subscriptionId !== owned.subscriptionId);
		} catch (error) {
			result.failed.push({ subscription: owned, error: error instanceof SpApiError ? error.hint : String(error) });
		}
	}
	if (ledger.createdDestination && ledger.destinationId && result.kept.length === 0 && result.failed.length === 0) {
		try {
			await client.call('deleteDestination', { params: { destinationId: ledger.destinationId } });
			result.destination = 'deleted';
			ledger.destinationId = undefined;
			ledger.createdDestination = false;
		} catch (error) {
			// "Destination has subscriptions": another seller or tool of this app still uses it
			result.destination = isHttp(error, 404) ? 'deleted' : isHttp(error, 403, 409) ? 'kept' : 'failed';
			if (result.destination === 'deleted') {
				ledger.destinationId = undefined;
				ledger.createdDestination = false;
			}
		}
	} else if (ledger.createdDestination) {
		result.destination = 'kept';
	}
	return result;
}
