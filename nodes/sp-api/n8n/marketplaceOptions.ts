import type { IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { MARKETPLACES, marketplaceLabel, resolveMarketplaces, type Marketplace } from '../marketplaces';
import type { SpApiRegion } from '../regions';
import { SP_API_CREDENTIAL } from './credentialData';
import { tr, translateText } from '../i18n/translate';

/** One picker entry, in the language of the editor (the value stays the marketplace id). */
function option(m: Marketplace): INodePropertyOptions {
	return { name: marketplaceLabel(m, translateText(m.country)), value: m.id, description: tr`${m.id} · region ${m.region}` };
}

/** Load-options method: the marketplaces of the credential's region, or all when none is set yet. */
export async function getMarketplaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let region: string | undefined;
	try {
		const data = await this.getCredentials<{ region?: string }>(SP_API_CREDENTIAL);
		region = typeof data.region === 'string' ? data.region : undefined;
	} catch {
		region = undefined;
	}
	const list = region ? MARKETPLACES.filter((m) => m.region === region) : MARKETPLACES;
	return list.map(option);
}

/** Reads a marketplace parameter (picker, ids or country codes in an expression) and checks the region. */
export function readMarketplaces(
	context: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	region: SpApiRegion,
): Marketplace[] {
	const raw = context.getNodeParameter(parameterName, itemIndex, []) as unknown;
	const values = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((v) => String(v).trim())
		.filter(Boolean);
	return resolveMarketplaces(values, region);
}
