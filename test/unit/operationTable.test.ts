import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPERATIONS } from '../../nodes/sp-api/generated/operations.generated';
import { requireModelsDir } from '../helpers/models';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-operation-table.js') as {
	generate(dir: string): string;
	buildOperationTable(dir: string): Array<{ key: string; operationId: string }>;
	OUTPUT: string;
};

const modelsDir = requireModelsDir('the generated operation table');

(modelsDir ? describe : describe.skip)('generated operation table', () => {
	it('is exactly what the generator makes from the official models', () => {
		expect(fs.readFileSync(generator.OUTPUT, 'utf8')).toBe(generator.generate(modelsDir!));
	});

	it('covers every operation of every model', () => {
		let count = 0;
		const root = path.join(modelsDir!, 'models');
		for (const dir of fs.readdirSync(root)) {
			for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json'))) {
				const model = JSON.parse(fs.readFileSync(path.join(root, dir, file), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
				for (const pathItem of Object.values(model.paths)) {
					for (const op of Object.values(pathItem)) if (op && typeof op === 'object' && op.operationId) count += 1;
				}
			}
		}
		expect(Object.keys(OPERATIONS)).toHaveLength(count);
	});
});

describe('operation table facts (committed file)', () => {
	it('has the usage plans, paging styles and grantless flags the notes describe', () => {
		expect(OPERATIONS.listFinancialEvents).toMatchObject({ rate: 0.5, burst: 30, pagination: { style: 'payloadPascal' } });
		expect(OPERATIONS.getReports).toMatchObject({ rate: 0.0222, burst: 10, pagination: { style: 'tokenAlone' } });
		expect(OPERATIONS.listBalances.pagination?.style).toBe('topLevel');
		expect(OPERATIONS.listTransactions.pagination?.style).toBe('payloadCamel');
		expect(OPERATIONS.listAccountTransactions.pagination?.style).toBe('nextPageToken');
		expect(OPERATIONS.getDestinations.grantless).toBe(true);
		expect(OPERATIONS.createSubscription.grantless).toBe(false);
		expect(OPERATIONS.createTransaction).toMatchObject({ rate: null, burst: null, safeToRepeat: false });
		expect(OPERATIONS['sellers.getAccount'].path).toBe('/sellers/v1/account');
		expect(OPERATIONS['sellerWallet.getAccount'].path).toMatch(/wallet/);
		expect(OPERATIONS.sendTestNotification.sandboxOnly).toBe(true);
		expect(OPERATIONS.getPurchaseOrders).toMatchObject({ rate: 10, burst: 10, pagination: { style: 'payloadPagination', responseToken: 'payload.pagination.nextToken' } });
		expect(OPERATIONS.GetShipmentDetails.pagination?.style).toBe('payloadPagination');
		expect(OPERATIONS['vendorTransactionStatus.getTransaction']).toMatchObject({ rate: 10, burst: 20, path: '/vendor/transactions/v1/transactions/{transactionId}' });
		expect(OPERATIONS['sellerWallet.getTransaction'].path).toMatch(/wallet/);
		expect(OPERATIONS.submitAcknowledgement.safeToRepeat).toBe(false);
		expect(Object.keys(OPERATIONS)).toHaveLength(79);
	});

	it('marks only reads and pure computations safe to repeat', () => {
		for (const op of Object.values(OPERATIONS)) {
			if (op.method === 'GET') expect(op.safeToRepeat).toBe(true);
		}
		expect(Object.values(OPERATIONS).filter((op) => op.method !== 'GET' && op.safeToRepeat).map((op) => op.key).sort()).toEqual([
			'createRestrictedDataToken',
			'deliveryOffers',
			'getFulfillmentPreview',
		]);
	});
});
