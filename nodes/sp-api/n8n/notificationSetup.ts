import { createHash } from 'node:crypto';
import { NodeOperationError, type INode } from 'n8n-workflow';
import type { SpApiClient } from '../client';
import {
	ensureSubscriptions,
	releaseSubscriptions,
	type DestinationSpec,
	type EnsureResult,
	type SubscriptionConflict,
	type SubscriptionLedger,
} from '../notifications/subscriptions';
import { findNotificationType, type NotificationTypeSpec } from '../notifications/types';
import { InputError, toNodeError } from './nodeErrors';
import { tr } from '../i18n/translate';

/** The chosen types, checked against Amazon's list and the delivery workflow before any call. */
export function readNotificationTypes(raw: unknown, workflow: NotificationTypeSpec['workflow']): NotificationTypeSpec[] {
	const names = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((v) => String(v).trim()).filter(Boolean);
	if (names.length === 0) throw new InputError(tr`Choose at least one notification type.`);
	return [...new Set(names)].map((name) => {
		const spec = findNotificationType(name);
		if (!spec) throw new InputError(tr`"${name}" is not an Amazon notification type ACORN knows.`);
		if (spec.workflow !== workflow) {
			throw new InputError(
				spec.workflow === 'eventBridge'
					? tr`Amazon delivers ${spec.type} only through Amazon EventBridge: use the "Amazon SP-API EventBridge Trigger" node for it.`
					: tr`Amazon delivers ${spec.type} only to SQS queues: use the "Amazon SP-API Notifications Trigger" node for it.`,
			);
		}
		return spec;
	});
}

export function conflictMessage(conflicts: readonly SubscriptionConflict[]): string {
	const list = conflicts.map((c) => tr`${c.notificationType} (subscription ${c.subscriptionId} → destination ${c.destinationId})`).join(', ');
	return (
		tr`Amazon already sends ${list} for this store and app to another destination. Amazon allows one subscription per type, so this trigger cannot subscribe its own. ` +
		tr`Delete that subscription with the "Amazon SP-API Notification Settings" node (Subscription → Delete) if it is no longer used, or switch off "Manage Subscriptions" if that destination is this same queue.`
	);
}

export function describeEnsure(result: EnsureResult): string {
	const parts = result.subscriptions.map((s) => `${s.notificationType} (${s.status === 'created' ? 'subscribed now' : s.status === 'owned' ? 'subscribed earlier by this trigger' : 'already subscribed elsewhere, shared'})`);
	return `Amazon notifications ready: destination ${result.destinationId}${result.createdDestination ? ' (created)' : ''}; ${parts.join(', ')}${result.released.length ? `; unsubscribed ${result.released.map((s) => s.notificationType).join(', ')} (no longer selected)` : ''}.`;
}

/** Identifies app, store and region of a credential without keeping anything secret. */
export function ledgerAccount(client: SpApiClient): string {
	const { clientId, refreshToken, region, environment } = client.credentials;
	return createHash('sha256').update([clientId, refreshToken, region, environment].join('\u0000')).digest('hex').slice(0, 16);
}

/**
 * The ledger belongs to one app and store. When the credential now points elsewhere, the old entries
 * cannot be removed with it: say so (with the ids, for the settings node) and start a fresh ledger.
 */
export function adoptLedgerAccount(ledger: SubscriptionLedger, client: SpApiClient, warn: (message: string) => void): void {
	const account = ledgerAccount(client);
	if (ledger.account && ledger.account !== account && (ledger.subscriptions.length || ledger.createdDestination)) {
		warn(
			`The Amazon SP-API credential of this trigger now belongs to another app or store. Subscriptions it had made before (${ledger.subscriptions
				.map((s) => `${s.notificationType} ${s.subscriptionId}`)
				.join(', ') || 'none'}) were not removed; delete them with the "Amazon SP-API Notification Settings" node if they are no longer wanted.`,
		);
		ledger.subscriptions = [];
		ledger.destinationId = undefined;
		ledger.createdDestination = false;
	}
	ledger.account = account;
}

/**
 * Finds or creates destination and subscriptions; on a conflict, removes what this call created (so
 * nothing half-done stays behind) and fails with words a seller can act on.
 */
export async function setUpSubscriptions(node: INode, client: SpApiClient, destination: DestinationSpec, types: NotificationTypeSpec[], ledger: SubscriptionLedger): Promise<EnsureResult> {
	let result: EnsureResult;
	try {
		result = await ensureSubscriptions(client, destination, types, ledger);
	} catch (error) {
		throw toNodeError(node, error);
	}
	if (result.conflicts.length) {
		const createdNow = new Set(result.subscriptions.filter((s) => s.status === 'created').map((s) => s.subscriptionId));
		const rollback: SubscriptionLedger = {
			destinationId: ledger.destinationId,
			createdDestination: result.createdDestination,
			subscriptions: ledger.subscriptions.filter((s) => createdNow.has(s.subscriptionId)),
		};
		await releaseSubscriptions(client, rollback).catch(() => undefined);
		ledger.subscriptions = ledger.subscriptions.filter((s) => !createdNow.has(s.subscriptionId));
		if (result.createdDestination) {
			ledger.destinationId = rollback.destinationId;
			ledger.createdDestination = rollback.createdDestination;
		}
		throw new NodeOperationError(node, conflictMessage(result.conflicts));
	}
	return result;
}
