import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { translateText } from '../../sp-api/i18n/translate';
import { KNOWN_REPORT_TYPES, searchReportTypes as findReportTypes } from '../../sp-api/reports';

/**
 * The two report type pickers, readable name first, in the editor's language (ACORN_LANGUAGE). Values
 * stay Amazon's report type names.
 * - "From List" of the Report Type field (a resource locator): n8n sends what the seller types to this
 *   method, which matches English and Chinese words (退货, 结算, 库存, …) whatever the language.
 * - The multi-selects of "Get Many" (an options list): n8n's dropdown filters on the labels only, so
 *   Chinese words find a type there when the labels are Chinese.
 */
export async function searchReportTypes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return {
		results: findReportTypes(filter).map((known) => ({
			name: `${translateText(known.name)} (${known.type})`,
			value: known.type,
			description: translateText(known.description),
		})),
	};
}

export async function getReportTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return KNOWN_REPORT_TYPES.map((known) => ({
		name: `${translateText(known.name)} · ${translateText(known.category)}`,
		value: known.type,
		description: `${known.type} — ${translateText(known.description)}`,
	}));
}
