import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as accountHealth from './accountHealth';
import * as document from './document';
import * as report from './report';
import * as schedule from './schedule';
import * as settlement from './settlement';
import * as taxReport from './taxReport';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		report: {
			createAndDownload: report.createAndDownload,
			create: report.create,
			download: report.download,
			get: report.get,
			getMany: report.getMany,
			cancel: report.cancel,
		},
		document: { download: document.download, get: document.get },
		schedule: { getMany: schedule.getMany, get: schedule.get, create: schedule.create, cancel: schedule.cancel },
		settlement: { getMany: settlement.getMany, download: settlement.download },
		taxReport: { getMonth: taxReport.getMonth },
		accountHealth: { getMetrics: accountHealth.getMetrics },
	});
}
