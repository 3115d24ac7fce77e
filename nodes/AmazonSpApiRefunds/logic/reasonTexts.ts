/**
 * Readable texts for return reason codes, from listReturnReasonCodes (Fulfillment Outbound API, role
 * "Amazon Fulfillment"). Amazon lists the codes per SKU and marketplace, so SKUs are asked one by one
 * only until every code of that marketplace is known, and no SKU twice: at most one call per SKU and
 * marketplace. A missing role or an unknown SKU does not stop the caller: the marketplace keeps the
 * error so the items can say why they have no text.
 */
import type { INode } from 'n8n-workflow';
import type { SpApiClient } from '../../sp-api/client';
import { SpApiError } from '../../sp-api/errors';
import { toNodeError } from '../../sp-api/n8n/nodeErrors';
import { reasonCodeKey } from './returnRows';

export interface ReasonText {
	description: string;
	translatedDescription?: string;
}

export interface ReasonLookup {
	texts: Map<string, ReasonText>;
	/** SKUs already asked: a code Amazon does not list for a SKU is not asked for again. */
	askedSkus: Set<string>;
	/** Set after a failed call: the hint says why (e.g. the role is missing); no further calls. */
	error?: string;
}

/** A reason code seen on a refund or a return line, with where it was seen. */
export interface ReasonNeed {
	reason?: string;
	sellerSku?: string;
	marketplaceId?: string;
}

interface ReasonCodesAnswer {
	payload?: { reasonCodeDetails?: { returnReasonCode?: string; description?: string; translatedDescription?: string }[] };
}

/** Lookups per marketplace id ('' for lines without a marketplace). */
export async function lookUpReasonTexts(node: INode, client: SpApiClient, needs: Iterable<ReasonNeed>, language: string): Promise<Map<string, ReasonLookup>> {
	const byMarketplace = new Map<string, ReasonLookup>();
	for (const { reason, sellerSku, marketplaceId } of needs) {
		if (!reason || !sellerSku) continue;
		const marketplace = marketplaceId ?? '';
		const lookup = byMarketplace.get(marketplace) ?? { texts: new Map<string, ReasonText>(), askedSkus: new Set<string>() };
		byMarketplace.set(marketplace, lookup);
		if (lookup.texts.has(reasonCodeKey(reason)) || lookup.error || lookup.askedSkus.has(sellerSku)) continue;
		lookup.askedSkus.add(sellerSku);
		const answer = await client
			.call<ReasonCodesAnswer>('listReturnReasonCodes', { params: { sellerSku, marketplaceId, language: language || undefined } })
			.then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
		if ('error' in answer) {
			// A missing role or an unknown SKU must not cost the whole result: the items say what went wrong.
			const { error } = answer;
			const tolerable = error instanceof SpApiError && error.kind !== 'network' && error.kind !== 'aborted';
			if (!tolerable) throw toNodeError(node, error);
			lookup.error = error.hint;
			continue;
		}
		for (const detail of answer.response.data.payload?.reasonCodeDetails ?? []) {
			if (!detail.returnReasonCode || !detail.description) continue;
			const key = reasonCodeKey(detail.returnReasonCode);
			if (!lookup.texts.has(key)) lookup.texts.set(key, { description: detail.description, translatedDescription: detail.translatedDescription });
		}
	}
	return byMarketplace;
}

/** The text of a code in a marketplace, or why there is none. */
export function reasonTextFor(
	lookups: ReadonlyMap<string, ReasonLookup>,
	marketplaceId: string | undefined,
	reason: string | undefined,
): { text?: ReasonText; error?: string } {
	if (!reason) return {};
	const lookup = lookups.get(marketplaceId ?? '');
	const text = lookup?.texts.get(reasonCodeKey(reason));
	return text ? { text } : { error: lookup?.error };
}
