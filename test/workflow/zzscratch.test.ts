import * as fs from 'node:fs';
import { inProcessPart } from '../../scripts/demo/flagship';
import { startEmulator } from '../emulator';
import { BASE_NODE_STAND_INS } from '../harness/baseNodeStandIns';
import { runWorkflowJson, type WorkflowFileJson } from '../harness/n8nHarness';

jest.setTimeout(120_000);
test('scratch', async () => {
	const emulator = await startEmulator({ timeScale: 1 });
	try {
		for (const file of ['weekly-settlement-reconciliation', 'reimbursements-report-to-erp', 'seller-wallet-balance-check', 'refund-spike-alerts', 'daily-refunds-to-google-sheets']) {
			const wf = JSON.parse(fs.readFileSync(`examples/${file}.json`, 'utf8')) as WorkflowFileJson;
			const part = inProcessPart(wf);
			const t = Date.now();
			const result = await runWorkflowJson(part, {
				credentials: { acornAmazonSpApi: { ...emulator.credentialsFor('na') }, acornAmazonSpApiEu: { ...emulator.credentialsFor('eu') } },
				extraNodeTypes: BASE_NODE_STAND_INS,
				timezone: 'UTC',
			});
			const rd = result.run.data.resultData.runData;
			console.log(file, (Date.now() - t) / 1000, JSON.stringify(Object.fromEntries(Object.entries(rd).map(([k, v]) => [k, v[0].error ? `ERROR ${v[0].error.message} ${(v[0].error as any).description}` : (v[0].data?.main?.[0] ?? []).map((i) => i.json).slice(-2)])), null, 1).slice(0, 3000));
		}
	} finally {
		await emulator.close();
	}
});
