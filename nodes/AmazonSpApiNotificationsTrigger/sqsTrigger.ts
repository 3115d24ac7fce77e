import { randomUUID } from 'node:crypto';
import { NodeOperationError, type IDataObject, type INodeExecutionData, type ITriggerFunctions, type ITriggerResponse } from 'n8n-workflow';
import { queueArnFor } from '../sp-api/aws/queueCredentials';
import { spApiMaySend, spApiPolicyStatement } from '../sp-api/aws/queuePolicy';
import { prepareQueue } from '../sp-api/aws/queueSetup';
import { SqsClient, type SqsMessage } from '../sp-api/aws/sqs';
import { SqsPoller, type BatchContext, type HandleResult } from '../sp-api/aws/sqsPoller';
import { SpApiClient } from '../sp-api/client';
import { createSpApiClient } from '../sp-api/n8n/createClient';
import { redactingLogger, type RedactingLogger } from '../sp-api/n8n/logger';
import { toNodeError } from '../sp-api/n8n/nodeErrors';
import { adoptLedgerAccount, describeEnsure, readNotificationTypes, setUpSubscriptions } from '../sp-api/n8n/notificationSetup';
import { loadSqsSettings } from '../sp-api/n8n/sqsCredentialData';
import { DedupeWindow, DEFAULT_DEDUPE } from '../sp-api/notifications/dedupe';
import { classify, count, enrich, readStats, type Classified } from '../sp-api/notifications/pipeline';
import { emptyLedger, readLedger, releaseSubscriptions, type SubscriptionLedger } from '../sp-api/notifications/subscriptions';
import { cancelRelease, handOverIfUsed, registerLiveTrigger, releaseFinished, scheduleRelease, unregisterLiveTrigger } from './subscriptionLifecycle';
import { markStaticDataChanged } from '../sp-api/n8n/staticData';
import { tr } from '../sp-api/i18n/translate';
import { finishedReportOf } from '../sp-api/notifications/reportDownload';
import { MAX_DOWNLOAD_ATTEMPTS, readReportDownload, readReportTypeFilter, REPORT_TYPE, reportRun } from './reportDownload';

interface TriggerOptions {
	dedupeWindow?: number;
	fetchTransactionDetails?: boolean;
	unreadableMessages?: 'output' | 'leave';
	visibilityTimeout?: number;
	unsubscribeDelay?: number;
}

type FreshEntry = { message: SqsMessage; result: Classified & { kind: 'notification' } };

const SILENT: RedactingLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined };

/** Remembers which unreadable messages were already reported, so one bad message is not logged forever. */
class ReportedOnce {
	private readonly seen = new Set<string>();
	first(id: string): boolean {
		if (this.seen.has(id)) return false;
		this.seen.add(id);
		if (this.seen.size > 1000) this.seen.delete(this.seen.values().next().value as string);
		return true;
	}
}

export async function startSqsNotificationsTrigger(ctx: ITriggerFunctions): Promise<ITriggerResponse> {
	const node = ctx.getNode();
	const manual = ctx.getMode() === 'manual';
	const logger = redactingLogger(ctx.logger) ?? SILENT;
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const manage = ctx.getNodeParameter('manageSubscriptions', true) as boolean;
	const prepare = ctx.getNodeParameter('prepareQueue', false) as boolean;
	let types;
	try {
		types = readNotificationTypes(ctx.getNodeParameter('notificationTypes', []), 'sqs');
	} catch (error) {
		throw toNodeError(node, error);
	}
	const selected = new Set(types.map((t) => t.type));

	// the queue: credentials, URL, and whether Amazon may send to it
	let sqs: SqsClient;
	let queueUrl: string;
	let queueArn: string;
	let queueName: string;
	try {
		const settings = await loadSqsSettings(ctx);
		sqs = new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint });
		if (prepare) {
			// creates the queue if needed and lets Amazon send to it (the seller's own policy statements stay)
			const prepared = await prepareQueue(sqs, settings);
			logger.info(prepared.message);
			queueUrl = prepared.queueUrl;
		} else {
			queueUrl = settings.queueUrl ?? (await sqs.getQueueUrl(settings.queueName!));
		}
		const attributes = await sqs.getQueueAttributes(queueUrl, ['QueueArn', 'Policy', 'RedrivePolicy']);
		queueArn = attributes.QueueArn ?? queueArnFor(queueUrl, settings.region) ?? '';
		queueName = queueArn.split(':').pop() ?? 'queue';
		const verdict = spApiMaySend(attributes.Policy, queueArn);
		if (verdict !== 'allows' && !prepare) {
			logger.warn(
				tr`The access policy of SQS queue ${queueName} does not let Amazon SP-API send to it: notifications will not arrive. Turn on "Prepare Queue" in the trigger and ACORN adds the statement, or add it yourself: ${JSON.stringify(spApiPolicyStatement(queueArn))}`,
			);
		}
		if (options.unreadableMessages === 'leave' && !attributes.RedrivePolicy) {
			logger.warn(`SQS queue ${queueName} has no dead-letter queue: unreadable messages left in it come back again and again. Give it a dead-letter queue, or send unreadable messages to the node's second output.`);
		}
	} catch (error) {
		throw toNodeError(node, error);
	}

	const fetchDetails = options.fetchTransactionDetails === true && selected.has('TRANSACTION_UPDATE');
	let download;
	let reportTypes: Set<string> | undefined;
	try {
		download = readReportDownload(ctx, selected);
		reportTypes = readReportTypeFilter(ctx, selected);
	} catch (error) {
		throw toNodeError(node, error);
	}
	let spApi: SpApiClient | undefined;
	if (manage || fetchDetails || download) {
		try {
			spApi = await createSpApiClient(ctx);
		} catch (error) {
			throw toNodeError(node, error);
		}
	}

	// subscriptions (the ledger lives in static data; a test run in the editor keeps its own in memory)
	const staticData = ctx.getWorkflowStaticData('node') as IDataObject;
	const ledger: SubscriptionLedger = manual ? emptyLedger() : readLedger(staticData.subscriptions);
	if (!manual) staticData.subscriptions = ledger as unknown as IDataObject;
	const workflowId = ctx.getWorkflow().id ?? 'unsaved';
	const releaseKey = `${workflowId}|${node.id}`;
	if (!manual && cancelRelease(releaseKey)) logger.debug('The trigger started again before its unsubscribe delay ran out; keeping the subscriptions.');
	else if (!manual && (await releaseFinished(releaseKey))) logger.debug('The trigger started again while its previous start was unsubscribing; subscribing again now that it is done.');
	let sharedIds = new Set<string>();
	if (manage && spApi) {
		adoptLedgerAccount(ledger, spApi, (message) => logger.warn(message));
		const result = await setUpSubscriptions(node, spApi, { kind: 'sqs', arn: queueArn, name: `ACORN n8n ${queueName}`.slice(0, 256) }, types, ledger);
		sharedIds = new Set(result.subscriptions.map((s) => s.subscriptionId));
		logger.info(describeEnsure(result));
	}
	const instanceId = randomUUID();
	registerLiveTrigger(instanceId, {
		subscriptionIds: sharedIds,
		adopt: (subscription) => {
			if (!ledger.subscriptions.some((s) => s.subscriptionId === subscription.subscriptionId)) ledger.subscriptions.push(subscription);
			if (!manual) staticData.subscriptions = ledger as unknown as IDataObject;
		},
	});

	const dedupe = DedupeWindow.inStaticData(staticData, { ...DEFAULT_DEDUPE, maxEntries: Math.min(10_000, Math.max(10, options.dedupeWindow ?? DEFAULT_DEDUPE.maxEntries)) });
	const stats = readStats(staticData.stats);
	staticData.stats = stats as unknown as IDataObject;
	const unreadableMode = options.unreadableMessages ?? 'output';
	const reported = new ReportedOnce();

	const visibilityTimeout = Math.max(10, Math.min(43_200, options.visibilityTimeout ?? 120));
	/** The editor's test run shows a download that failed (the message stays in the queue). */
	let manualFailure: Error | undefined;

	const handle = async (messages: SqsMessage[], batch: BatchContext): Promise<HandleResult> => {
		const seenInBatch = new Set<string>();
		const results = messages.map((message) => ({
			message,
			result: classify(
				{ body: message.body, transportId: message.messageId, source: { kind: 'sqs', queueUrl, messageId: message.messageId, receiveCount: message.receiveCount, sentAt: message.sentAt } },
				selected,
				dedupe,
				seenInBatch,
			),
		}));
		count(stats, results.map((r) => r.result));
		const notifications = results.filter((r): r is FreshEntry => r.result.kind === 'notification');
		const otherReports = reportTypes ? notifications.filter((f) => f.result.notification.notificationType === REPORT_TYPE && !reportTypes.has(String(f.result.item.reportType ?? ''))) : [];
		const fresh = otherReports.length ? notifications.filter((f) => !otherReports.includes(f)) : notifications;
		for (const { message, result } of otherReports) {
			const type = String(result.item.reportType ?? 'unknown');
			stats.otherReportTypes[type] = (stats.otherReportTypes[type] ?? 0) + 1;
			logger.debug(`Report of another type (${type}), removed from the queue and counted (message ${message.messageId})`);
		}
		const reports = download ? fresh.filter((f) => f.result.notification.notificationType === REPORT_TYPE) : [];
		const plain = download ? fresh.filter((f) => f.result.notification.notificationType !== REPORT_TYPE) : fresh;
		const unreadable = results.filter((r) => r.result.kind === 'unreadable');
		const dropped = results.filter((r) => r.result.kind === 'otherType' || r.result.kind === 'duplicate');
		for (const { message, result } of dropped) {
			logger.debug(result.kind === 'duplicate' ? `Notification seen before, removed from the queue (message ${message.messageId})` : `Not a chosen type (${(result as { notificationType: string }).notificationType}), removed from the queue and counted`);
		}
		for (const { message, result } of unreadable) {
			const text = `Unreadable SQS message ${message.messageId} (${message.body.length} characters, received ${message.receiveCount ?? 1} time(s)): ${(result as { reason: string }).reason}`;
			if (reported.first(message.messageId)) logger.warn(text);
			else logger.debug(text);
		}
		const outcome: HandleResult = { delete: [...dropped, ...otherReports].map((d) => d.message), emitted: false, release: [], retryLater: [] };
		// quick ones first: a refund is not held up behind a big report download
		if (plain.length && spApi) await enrich(plain.map((f) => f.result), spApi, { transactionDetails: fetchDetails });
		const main: INodeExecutionData[] = plain.map((f) => ({ json: f.result.item as IDataObject }));
		const second: INodeExecutionData[] = unreadableMode === 'output' ? unreadable.map((u) => ({ json: (u.result as { item: IDataObject }).item })) : [];
		if (main.length > 0 || second.length > 0) {
			// remembered before emitting: n8n saves static data when it takes over the items. Re-assigning
			// marks the static data changed (n8n watches assignments, not changes deep inside new objects).
			for (const f of plain) dedupe.remember(f.result.dedupeId);
			markStaticDataChanged(staticData, 'dedupe');
			staticData.stats = stats as unknown as IDataObject;
			try {
				ctx.emit([main, second]);
				stats.emitted += main.length;
				if (main.length) stats.lastEmittedAt = new Date().toISOString();
				outcome.delete.push(...plain.map((f) => f.message), ...(second.length ? unreadable.map((u) => u.message) : []));
				outcome.emitted = true;
			} catch (error) {
				for (const f of plain) dedupe.forget(f.result.dedupeId);
				logger.warn(`n8n did not take the ${main.length + second.length} item(s); the messages stay in the queue: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
		if (reports.length && download && spApi && !(manual && outcome.emitted)) await handleReports(reports, batch, outcome);
		else outcome.release!.push(...reports.map((r) => r.message));
		return outcome;
	};

	/** One workflow run per finished report: download, emit, delete; a failed download waits in the queue. */
	const handleReports = async (entries: FreshEntry[], batch: BatchContext, outcome: HandleResult): Promise<void> => {
		// a client per batch, so stopping the trigger ends a download (or a wait for Amazon's usage plan) at once
		const client = new SpApiClient({ credentials: spApi!.credentials, logger: redactingLogger(ctx.logger), signal: batch.signal });
		for (const [index, { message, result: entry }] of entries.entries()) {
			if (batch.signal.aborted || (manual && outcome.emitted)) {
				outcome.release!.push(...entries.slice(index).map((e) => e.message));
				return;
			}
			const report = finishedReportOf(entry.item);
			const name = tr`Report ${report.reportId ?? tr`(no id)`} (${report.reportType ?? tr`unknown type`})`;
			const run = await reportRun(ctx, client, entry.item as IDataObject, download!, message.receiveCount, batch.signal);
			if (run.kind === 'stopped') {
				outcome.release!.push(...entries.slice(index).map((e) => e.message));
				return;
			}
			if (run.kind === 'retry') {
				stats.downloadRetries += 1;
				const hint = run.failure.reason;
				if (manual) {
					// in the editor: show the failure now; the message goes back to the queue untouched
					manualFailure = new NodeOperationError(node, tr`${name} could not be downloaded: ${hint}`, {
						description: tr`The notification stays in the queue: the active workflow (or the next test) downloads the report again.`,
					});
					outcome.release!.push(...entries.slice(index).map((e) => e.message));
					outcome.stop = true;
					return;
				}
				logger.warn(`${name}: the download failed (${hint}). The notification stays in the queue and is tried again in ${run.seconds} s (attempt ${run.attempt} of ${MAX_DOWNLOAD_ATTEMPTS}).`);
				outcome.retryLater!.push({ message, seconds: run.seconds });
				continue;
			}
			if (run.failure) {
				stats.downloadFailures += 1;
				logger.warn(`${name}: the download failed ${run.failure.transient ? `${run.attempt ?? 1} times` : 'in a way trying again cannot fix'} (${run.failure.reason}); the notification is passed on with the reason.`);
			}
			// remembered (and marked for saving) before emitting, as for the other notifications
			dedupe.remember(entry.dedupeId);
			markStaticDataChanged(staticData, 'dedupe');
			staticData.stats = stats as unknown as IDataObject;
			try {
				ctx.emit([run.items, []]);
			} catch (error) {
				dedupe.forget(entry.dedupeId);
				logger.warn(`n8n did not take the ${run.items.length} item(s) of ${name}; the message stays in the queue: ${error instanceof Error ? error.message : String(error)}`);
				continue;
			}
			stats.emitted += 1;
			stats.reportDownloads += 1;
			stats.lastEmittedAt = new Date().toISOString();
			outcome.emitted = true;
			await batch.deleteNow([message]);
		}
	};

	let fatal: Error | undefined;
	const poller = new SqsPoller({
		client: sqs,
		queueUrl,
		handle,
		maxMessages: manual ? 1 : 10,
		waitSeconds: 20,
		visibilityTimeout,
		// a report download can outlast the visibility timeout (Amazon allows one download address a
		// minute once the burst is used up): keep the messages hidden until they are handed over
		heartbeat: { everyMs: (visibilityTimeout * 1000) / 3, extendSeconds: visibilityTimeout },
		stopAfterFirstEmit: manual,
		logger,
		onFatal: (error) => {
			fatal = toNodeError(node, error);
			// in the editor the error surfaces through manualTriggerFunction; an active workflow is
			// deactivated by n8n, which then retries the activation with a growing pause
			if (!manual) ctx.emitError(fatal);
		},
	});

	const release = async (): Promise<void> => {
		if (!manage || !spApi) return;
		try {
			const result = await releaseSubscriptions(spApi, ledger, (s) => handOverIfUsed(instanceId, s));
			if (result.deleted.length || result.failed.length || result.kept.length) {
				logger.info(
					`Unsubscribed ${result.deleted.map((s) => s.notificationType).join(', ') || 'nothing'}` +
						(result.kept.length ? `; kept ${result.kept.map((s) => s.notificationType).join(', ')} (another active workflow uses it)` : '') +
						(result.failed.length ? `; could not unsubscribe ${result.failed.map((f) => `${f.subscription.notificationType}: ${f.error}`).join('; ')}` : '') +
						(result.destination === 'deleted' ? '; removed the destination this trigger had created' : ''),
				);
			}
		} catch (error) {
			logger.warn(`Unsubscribing failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	};

	const closeFunction = async (): Promise<void> => {
		await poller.stop();
		unregisterLiveTrigger(instanceId);
		if (manual) await release();
		else scheduleRelease(releaseKey, Math.max(0, options.unsubscribeDelay ?? 30) * 1000, release);
	};

	if (manual) {
		return {
			closeFunction,
			manualTriggerFunction: async () => {
				await poller.start();
				const failure = fatal ?? manualFailure;
				if (failure) {
					// n8n does not call the close function of a test run that failed: undo the test's subscriptions here
					await closeFunction();
					throw failure;
				}
			},
		};
	}
	void poller.start();
	return { closeFunction };
}

