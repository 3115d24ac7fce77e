import {
	CurrencyMismatchError,
	money,
	parseDecimal,
	readAmazonMoney,
	sumMoney,
	toMinorUnits,
	totalsByCurrency,
	formatDecimal,
} from '../../nodes/sp-api/money';

describe('exact money', () => {
	it('adds amounts that floats get wrong', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(sumMoney([money(0.1, 'USD'), money(0.2, 'USD')], 'USD')).toEqual({ amount: '0.30', currency: 'USD' });
		const parts = Array.from({ length: 1000 }, () => money('19.99', 'EUR'));
		expect(sumMoney(parts, 'EUR').amount).toBe('19990.00');
	});

	it('keeps JPY without decimals and other currencies with two', () => {
		expect(money(-1500, 'JPY')).toEqual({ amount: '-1500', currency: 'JPY' });
		expect(money(-12.3, 'gbp')).toEqual({ amount: '-12.30', currency: 'GBP' });
		expect(toMinorUnits(money('-12.34', 'USD'))).toBe(-1234);
		expect(toMinorUnits(money(-1500, 'JPY'))).toBe(-1500);
	});

	it('keeps extra digits Amazon sends rather than rounding them away', () => {
		expect(money('0.125', 'USD').amount).toBe('0.125');
		expect(() => toMinorUnits(money('0.125', 'USD'))).toThrow(/more decimals/);
	});

	it('parses exponent and sign forms', () => {
		expect(formatDecimal(parseDecimal('1e-7'))).toBe('0.0000001');
		expect(formatDecimal(parseDecimal('-1.5E2'))).toBe('-150');
		expect(formatDecimal(parseDecimal('+3.'))).toBe('3');
		expect(() => parseDecimal('abc')).toThrow();
		expect(() => parseDecimal(Number.NaN)).toThrow();
	});

	it('refuses to add different currencies and totals per currency instead', () => {
		expect(() => sumMoney([money(1, 'USD'), money(1, 'EUR')], 'USD')).toThrow(CurrencyMismatchError);
		expect(totalsByCurrency([money(1.1, 'USD'), money(100, 'JPY'), money(2.2, 'USD')])).toEqual([
			{ amount: '100', currency: 'JPY' },
			{ amount: '3.30', currency: 'USD' },
		]);
	});

	it("reads Amazon's three money shapes", () => {
		expect(readAmazonMoney({ CurrencyCode: 'USD', CurrencyAmount: -10.5 })).toEqual({ amount: '-10.50', currency: 'USD' });
		expect(readAmazonMoney({ currencyCode: 'JPY', currencyAmount: 300 })).toEqual({ amount: '300', currency: 'JPY' });
		expect(readAmazonMoney({ currency: 'EUR', amount: '7.1' })).toEqual({ amount: '7.10', currency: 'EUR' });
		expect(readAmazonMoney({ Amount: 10.0, CurrencyCode: 'USD' })).toEqual({ amount: '10.00', currency: 'USD' });
		expect(readAmazonMoney({ amount: 8184.23, currencyCode: 'USD' })).toEqual({ amount: '8184.23', currency: 'USD' });
		expect(readAmazonMoney({ CurrencyCode: 'USD' })).toBeUndefined();
		expect(readAmazonMoney(null)).toBeUndefined();
	});
});
