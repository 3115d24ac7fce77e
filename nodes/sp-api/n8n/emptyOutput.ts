/**
 * When a node legitimately has nothing to output (no refunds in the period, a report Amazon cancelled for
 * lack of data, no unusual refunds), n8n's output pane would only say "No output data". ACORN says why,
 * in plain words, as an n8n execution hint — never as a made-up item that would flow on into a sheet or
 * a chat message.
 *
 * An operation states what it checked with `explainEmptyResult` while it runs (for each input item that
 * gave nothing); the router shows those sentences only when the node's whole output is empty.
 */
import type { IExecuteFunctions, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { tr } from '../i18n/translate';
import type { Marketplace } from '../marketplaces';

/** At most this many different sentences (one per input item that gave nothing), then a count. */
const MAX_HINTS = 3;

const explanations = new WeakMap<object, string[]>();
/** Executions whose operation already put its own sentence in the output pane (see `addOutputPaneHint`). */
const hintedDirectly = new WeakSet<object>();

/** Records why this operation gave nothing (what was checked, how many, why nothing came out). */
export function explainEmptyResult(context: object, message: string): void {
	const list = explanations.get(context) ?? [];
	list.push(message);
	explanations.set(context, list);
}

/**
 * Shows a sentence in the output pane whether or not anything came out (a store left out, a report not
 * generated yet). Recorded too, so that an empty output is not also given the general sentence.
 */
export function addOutputPaneHint(context: IExecuteFunctions, message: string): void {
	hintedDirectly.add(context);
	if (typeof context.addExecutionHints === 'function') context.addExecutionHints({ message, location: 'outputPane' });
}

/** The hints for an empty output: the operations' own sentences, or a general one when they gave none. */
export function emptyOutputHints(messages: readonly string[]): NodeExecutionHint[] {
	const distinct = [...new Set(messages)];
	const texts = distinct.length > 0 ? distinct.slice(0, MAX_HINTS) : [tr`Amazon answered without an error, but there was nothing to output for these settings. What an empty field means is written under it.`];
	if (distinct.length > MAX_HINTS) texts.push(tr`${distinct.length - MAX_HINTS} more input items gave nothing either.`);
	return texts.map((message) => ({ message, type: 'info', location: 'outputPane' }));
}

/**
 * Called once per execution by the router with everything the node outputs: when that is nothing, the
 * recorded sentences go to the output pane. Either way the sentences are forgotten.
 */
export function hintWhenNothingCameOut(context: IExecuteFunctions, output: readonly INodeExecutionData[]): void {
	const messages = explanations.get(context) ?? [];
	explanations.delete(context);
	const alreadySaid = hintedDirectly.delete(context);
	if (output.length > 0 || typeof context.addExecutionHints !== 'function') return;
	if (messages.length === 0 && alreadySaid) return;
	context.addExecutionHints(...emptyOutputHints(messages));
}

// ---- pieces of the sentences, the same in every node

/** "2025-03-14 07:00 UTC": a time as a person reads it in a sentence. */
export function readableTime(value: Date | string | undefined, timeZone = 'UTC'): string {
	if (value === undefined) return '?';
	const parsed = typeof value === 'string' ? DateTime.fromISO(value, { zone: 'utc' }) : DateTime.fromJSDate(value, { zone: 'utc' });
	if (!parsed.isValid) return String(value);
	return `${parsed.setZone(timeZone).toFormat('yyyy-LL-dd HH:mm')} ${timeZone === 'UTC' ? 'UTC' : timeZone}`;
}

/** "amazon.com, amazon.ca", or "every store of region NA" when none was chosen. */
export function storesInWords(marketplaces: readonly Marketplace[], region: string): string {
	return marketplaces.length > 0 ? marketplaces.map((marketplace) => marketplace.domain).join(', ') : tr`every store of region ${region}`;
}
