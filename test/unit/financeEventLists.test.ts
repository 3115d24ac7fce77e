import * as fs from 'node:fs';
import { FINANCE_EVENT_LISTS } from '../../nodes/sp-api/generated/financeEventLists.generated';
import { TOTAL_RULES } from '../../nodes/sp-api/finances/eventLists';
import { requireModelsDir } from '../helpers/models';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-finance-event-lists.js') as {
	generate(dir: string): string;
	buildEventListTable(dir: string): Array<{ list: string }>;
	OUTPUT: string;
};

const modelsDir = requireModelsDir('the generated finance event list table');

(modelsDir ? describe : describe.skip)('generated finance event list table', () => {
	it('is exactly what the generator makes from financesV0.json', () => {
		expect(fs.readFileSync(generator.OUTPUT, 'utf8')).toBe(generator.generate(modelsDir!));
	});

	it("lists every property of the model's FinancialEvents", () => {
		const model = JSON.parse(fs.readFileSync(`${modelsDir}/models/finances-api-model/financesV0.json`, 'utf8')) as {
			definitions: { FinancialEvents: { properties: Record<string, unknown> } };
		};
		expect(FINANCE_EVENT_LISTS.map((spec) => spec.list)).toEqual(Object.keys(model.definitions.FinancialEvents.properties));
	});
});

describe('finance event list table (committed file)', () => {
	it('has the 34 lists, each with money and a date field where the model has one', () => {
		expect(FINANCE_EVENT_LISTS).toHaveLength(34);
		for (const spec of FINANCE_EVENT_LISTS) expect([spec.list, spec.money.length > 0]).toEqual([spec.list, true]);
		const refund = FINANCE_EVENT_LISTS.find((spec) => spec.list === 'RefundEventList')!;
		expect(refund).toMatchObject({ eventType: 'Refund', model: 'ShipmentEvent', dateField: 'PostedDate' });
		expect(refund.money).toContainEqual({ path: ['ShipmentItemAdjustmentList', 'ItemChargeAdjustmentList', 'ChargeAmount'], group: 'charges', typeField: 'ChargeType' });
		expect(refund.money).toContainEqual({ path: ['ShipmentItemAdjustmentList', 'ItemTaxWithheldList', 'TaxesWithheld', 'ChargeAmount'], group: 'taxWithheld', typeField: 'ChargeType' });
		expect(FINANCE_EVENT_LISTS.find((spec) => spec.list === 'ServiceFeeEventList')?.dateField).toBeNull();
		expect(FINANCE_EVENT_LISTS.find((spec) => spec.list === 'PayWithAmazonEventList')?.dateField).toBe('TransactionPostedDate');
	});

	it('has a total rule for every event model, naming only money the model has', () => {
		for (const spec of FINANCE_EVENT_LISTS) {
			const rule = TOTAL_RULES[spec.model];
			expect([spec.model, rule !== undefined]).toEqual([spec.model, true]);
			const plain = spec.money.filter((m) => m.group === 'amounts').map((m) => m.path.join('.'));
			const groups = new Set<string>(spec.money.map((m) => m.group));
			for (const key of rule.amounts ?? []) expect([spec.model, key, plain.includes(key)]).toEqual([spec.model, key, true]);
			expect([spec.model, (rule.groups ?? []).some((group) => groups.has(group)) || (rule.amounts ?? []).length > 0]).toEqual([spec.model, true]);
		}
		// no rule for a model that is gone
		expect(Object.keys(TOTAL_RULES).sort()).toEqual([...new Set(FINANCE_EVENT_LISTS.map((spec) => spec.model))].sort());
	});
});
