/**
 * The Reports node's download output. The general part (output fields, options, rows / file / both)
 * lives in the shared n8n glue (`sp-api/n8n/reportOutput.ts`) so the Notifications trigger uses the
 * same code; this file adds what reads the Reports node's own parameters.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Marketplace } from '../../../sp-api/marketplaces';
import { downloadSettingsFrom, type DownloadSettings } from '../../../sp-api/n8n/reportOutput';

export {
	downloadItems,
	downloadOptions,
	marketplaceOf,
	outputProperties,
	rowItem,
	type DownloadSettings,
	type DownloadTarget,
} from '../../../sp-api/n8n/reportOutput';

export const noDataOption: INodeProperties = {
	displayName: 'Output an Item When There Is No Data',
	name: 'emitNoDataItem',
	type: 'boolean',
	default: false,
	description:
		'Whether to output one item saying "no data" when Amazon cancels the report because there is nothing to report (otherwise the node outputs nothing)',
};

export function readDownloadSettings(context: IExecuteFunctions, itemIndex: number, reportType: string | undefined, marketplace: Marketplace | undefined): DownloadSettings {
	return downloadSettingsFrom(
		{
			output: context.getNodeParameter('output', itemIndex, 'items'),
			returnAll: context.getNodeParameter('returnAll', itemIndex, true),
			limit: context.getNodeParameter('limit', itemIndex, 100),
			binaryPropertyName: context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
			options: context.getNodeParameter('options', itemIndex, {}) as IDataObject,
		},
		reportType,
		marketplace,
	);
}
