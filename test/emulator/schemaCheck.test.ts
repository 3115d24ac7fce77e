/** The schema checker must catch what it claims to catch, or the conformance test proves nothing. */
import { requireModelsDir } from '../helpers/models';
import { loadModel, SchemaChecker, type SwaggerModel } from './schemaCheck';

const model: SwaggerModel = {
	swagger: '2.0',
	paths: {
		'/things/{id}': {
			get: {
				responses: {
					'200': { schema: { $ref: '#/definitions/ThingResponse' } },
					'400': { schema: { $ref: '#/definitions/ErrorList' } },
				},
			},
		},
	},
	definitions: {
		ThingResponse: { type: 'object', properties: { payload: { $ref: '#/definitions/Thing' } } },
		Thing: {
			type: 'object',
			required: ['id', 'kind'],
			properties: {
				id: { type: 'string', pattern: '^[A-Z]{2}$' },
				kind: { type: 'string', enum: ['A', 'B'] },
				count: { type: 'integer', minimum: 0 },
				price: { $ref: '#/definitions/Money' },
				when: { type: 'string', format: 'date-time' },
				tags: { type: 'array', items: { type: 'string' } },
				context: { $ref: '#/definitions/Context' },
				extra: { type: 'object', additionalProperties: { type: 'number' } },
			},
		},
		Money: { type: 'object', properties: { amount: { type: 'number' } } },
		Context: {
			allOf: [
				{ type: 'object', required: ['contextType'], properties: { contextType: { type: 'string' } } },
				{ $ref: '#/definitions/ProductContext' },
			],
		},
		ProductContext: { type: 'object', properties: { sku: { type: 'string' } } },
		ErrorList: { type: 'object', required: ['errors'], properties: { errors: { type: 'array', items: { type: 'object' } } } },
	},
};

const checker = new SchemaChecker(model);
const check = (payload: unknown) => checker.checkResponse('/things/{id}', 'GET', 200, { payload });
const valid = { id: 'US', kind: 'A', count: 2, price: { amount: 1.5 }, when: '2025-03-15T12:00:00Z', tags: ['x'], context: { contextType: 'ProductContext', sku: 's' }, extra: { a: 1 } };

describe('schema checker', () => {
	test('accepts a conforming answer', () => {
		expect(check(valid)).toEqual([]);
		expect(checker.checkResponse('/things/{id}', 'GET', 400, { errors: [{}] })).toEqual([]);
	});

	test.each([
		['an undefined property', { ...valid, colour: 'red' }, '$.payload.colour: property not defined by the model'],
		['a missing required property', { ...valid, kind: undefined }, 'required property kind is missing'],
		['a value outside the enum', { ...valid, kind: 'C' }, 'is not one of'],
		['a wrong pattern', { ...valid, id: 'usa' }, 'does not match'],
		['a float where an integer belongs', { ...valid, count: 1.5 }, 'expected integer'],
		['a number below the minimum', { ...valid, count: -1 }, 'below 0'],
		['a string where a number belongs (via $ref)', { ...valid, price: { amount: '1.50' } }, '$.payload.price.amount: expected number'],
		['a bad date-time', { ...valid, when: '15/03/2025' }, 'not an ISO 8601 date-time'],
		['a wrong array item', { ...valid, tags: [1] }, '$.payload.tags[0]: expected string'],
		['null', { ...valid, tags: null }, 'null is not allowed'],
		['allOf without its required part', { ...valid, context: { sku: 's' } }, 'required property contextType is missing'],
		['allOf with a property no part defines', { ...valid, context: { contextType: 'x', colour: 1 } }, 'context.colour: property not defined'],
		['additionalProperties of the wrong type', { ...valid, extra: { a: 'x' } }, '$.payload.extra.a: expected number'],
	])('reports %s', (_name, payload, message) => {
		const problems = check(payload);
		expect(problems.join('\n')).toContain(message);
	});

	test('an answer status the model does not define is an error', () => {
		expect(() => checker.checkResponse('/things/{id}', 'GET', 418, {})).toThrow(/no 418 answer/);
	});

	const modelsDir = requireModelsDir('the schema checker on a real model') ?? '';
	(modelsDir ? test : test.skip)('catches a PostedDate on a v0 ServiceFeeEvent (the model has none)', () => {
		const finances = new SchemaChecker(loadModel(modelsDir, 'finances-api-model/financesV0.json'));
		const body = { payload: { FinancialEvents: { ServiceFeeEventList: [{ FeeDescription: 'Subscription', PostedDate: '2025-03-01T00:00:00Z' }] } } };
		expect(finances.checkResponse('/finances/v0/financialEvents', 'GET', 200, body)).toEqual([
			'$.payload.FinancialEvents.ServiceFeeEventList[0].PostedDate: property not defined by the model',
		]);
	});
});
