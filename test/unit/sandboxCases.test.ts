import * as fs from 'node:fs';
import { SANDBOX_CASES } from '../emulator/generated/sandboxCases.generated';
import { requireModelsDir } from '../helpers/models';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-sandbox-cases.js') as {
	generate(dir: string): string;
	OUTPUT: string;
};

const modelsDir = requireModelsDir("the emulator's static sandbox cases");

(modelsDir ? describe : describe.skip)('generated static sandbox cases', () => {
	it('are exactly what the generator extracts from the official models', () => {
		expect(fs.readFileSync(generator.OUTPUT, 'utf8')).toBe(generator.generate(modelsDir!));
	});
});

describe('static sandbox cases (committed file)', () => {
	it('hold every Seller Wallet operation with its 200 case and where each parameter travels', () => {
		const wallet = ['listAccounts', 'sellerWallet.getAccount', 'listAccountBalances', 'getTransferPreview', 'listAccountTransactions', 'sellerWallet.getTransaction', 'createTransaction', 'listTransferSchedules', 'getTransferSchedule', 'createTransferSchedule', 'updateTransferSchedule', 'deleteScheduleTransaction'];
		for (const key of wallet) expect([key, SANDBOX_CASES[key]?.some((c) => c.status === 200)]).toEqual([key, true]);
		expect(SANDBOX_CASES.getTransferPreview[0].parameters.find((p) => p.name === 'baseAmount')).toEqual({ name: 'baseAmount', in: 'query', value: 500 });
		expect(SANDBOX_CASES['sellerWallet.getAccount'][0].parameters[0]).toEqual({ name: 'accountId', in: 'path', value: 'accountIdCase200' });
		expect(SANDBOX_CASES.createTransaction.every((c) => c.parameters.some((p) => p.in === 'body'))).toBe(true);
		// a case that calls the body "body" while the model names it "payload" still travels in the body
		expect(SANDBOX_CASES.updateShipmentStatus.flatMap((c) => c.parameters).filter((p) => p.name === 'body').every((p) => p.in === 'body')).toBe(true);
	});
});
