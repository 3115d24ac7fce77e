import { createParser, parseReportRows, type ReportFormat, type ReportRow } from '../../../nodes/sp-api/reports';
import { ReportError } from '../../../nodes/sp-api/reports/errors';

/** Runs a parser over `chunks` exactly as the pipeline does. */
function parse(format: ReportFormat, chunks: string[], options: Parameters<typeof createParser>[1] = {}): ReportRow[] {
	const parser = createParser(format, options);
	const out: ReportRow[] = [];
	for (const chunk of chunks) parser.push(chunk, out);
	parser.end(out);
	return out;
}

/** The same text cut at every position into two chunks, and into single characters. */
function everySplit(text: string): string[][] {
	const splits: string[][] = [[text], text.split('')];
	for (let i = 1; i < text.length; i++) splits.push([text.slice(0, i), text.slice(i)]);
	return splits;
}

const SETTLEMENT_V2 = [
	'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\tamount-description\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id',
	'11974185931\t2025-02-01 08:12:44 UTC\t2025-02-15 08:12:44 UTC\t2025-02-17 10:02:11 UTC\t1847.32\tEUR\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t',
	'11974185931\t\t\t\t\t\tOrder\t302-1234567-8901234\t302-1234567-8901234\t\tD7k9LpQ2r\tAmazon.de\tItemPrice\tPrincipal\t29.99\tAFN\t2025-02-03\t2025-02-03 05:23:19 UTC\t51234567890123\t\t\tEU-MUG12-481\t1\t',
	// Amazon omits trailing empty fields on some lines
	'11974185931\t\t\t\t\t\tOrder\t302-1234567-8901234\t302-1234567-8901234\t\tD7k9LpQ2r\tAmazon.de\tItemFees\tCommission\t-4.50\tAFN\t2025-02-03\t2025-02-03 05:23:19 UTC\t51234567890123\t\t\tEU-MUG12-481\t1',
	// a quote is an ordinary character in Amazon's flat files
	'11974185931\t\t\t\t\t\tother-transaction\t\t\t\t\tAmazon.de\tother-transaction\tStorage Fee "Lager"\t-12.40\t\t2025-02-07\t2025-02-07 01:00:00 UTC\t\t\t\t\t\t',
].join('\r\n');

describe('TSV (Amazon flat files)', () => {
	it('reads a settlement V2 file: header, summary row, CRLF, trailing empty fields, quotes as text', () => {
		const rows = parse('tsv', [SETTLEMENT_V2]);
		expect(rows).toHaveLength(4);
		expect(rows[0]).toEqual({ line: 2, values: expect.objectContaining({ 'settlement-id': '11974185931', 'total-amount': '1847.32', currency: 'EUR', 'transaction-type': '' }) });
		expect(rows[1].values).toMatchObject({ 'order-id': '302-1234567-8901234', 'amount-type': 'ItemPrice', amount: '29.99', sku: 'EU-MUG12-481', 'promotion-id': '' });
		expect(rows[2].values).toMatchObject({ amount: '-4.50', 'quantity-purchased': '1', 'promotion-id': '' });
		expect(rows[3].values['amount-description']).toBe('Storage Fee "Lager"');
		expect(rows.every((row) => row.problem === undefined)).toBe(true);
		expect(Object.keys(rows[1].values)).toHaveLength(24);
	});

	it('gives the same rows whatever the chunk boundaries', () => {
		const whole = parse('tsv', [SETTLEMENT_V2]);
		for (const chunks of everySplit(SETTLEMENT_V2)) expect(parse('tsv', chunks)).toEqual(whole);
	});

	it('flags (does not drop) a line with more fields than the header, with its line number', () => {
		const rows = parse('tsv', ['a\tb\n1\t2\n3\t4\tsurplus\n5\t6\t\t\n7\t8']);
		expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5]);
		expect(rows[1]).toEqual({ line: 3, values: { a: '3', b: '4' }, problem: 'line 3 has 3 fields but the header has 2', raw: '3\t4\tsurplus' });
		// empty surplus fields are trailing tabs, not a problem
		expect(rows[2].problem).toBeUndefined();
		expect(rows[3]).toEqual({ line: 5, values: { a: '7', b: '8' } });
	});

	it('keeps line numbers across blank lines and skipped preamble lines; makes duplicate headers unique', () => {
		const rows = parse('tsv', ['Report created 2025-01-01\n\nsku\tsku\t\nA\tB\tC\n\nD\tE\tF\n'], { skipLines: 1 });
		expect(rows).toEqual([
			{ line: 4, values: { sku: 'A', 'sku (2)': 'B', column3: 'C' } },
			{ line: 6, values: { sku: 'D', 'sku (2)': 'E', column3: 'F' } },
		]);
	});

	it('an empty document or a header alone gives no rows', () => {
		expect(parse('tsv', [''])).toEqual([]);
		expect(parse('tsv', ['a\tb\n'])).toEqual([]);
	});
});

const CSV = 'date/time,settlement id,type,order id,sku,description,quantity,total\r\n' +
	'"Jan 1, 2025 10:23:05 PM PST",18174059732,Order,111-1455071-0675378,13Z2Q8JWG710,"Mug ""Campfire"", 12 oz",1,7.81\r\n' +
	'"Jan 2, 2025 1:00:00 AM PST",18174059732,Refund,111-1455071-0675378,13Z2Q8JWG710,"Two-line\r\ndescription",1,-7.81\r\n' +
	'"Jan 3, 2025 1:00:00 AM PST",18174059732,Service Fee,,,Subscription,,-39.99\r\n';

describe('CSV', () => {
	it('reads quoted fields with commas, doubled quotes and line breaks; a row keeps the line it starts on', () => {
		const rows = parse('csv', [CSV]);
		expect(rows.map((row) => row.line)).toEqual([2, 3, 5]);
		expect(rows[0].values).toMatchObject({ 'date/time': 'Jan 1, 2025 10:23:05 PM PST', description: 'Mug "Campfire", 12 oz', total: '7.81' });
		expect(rows[1].values.description).toBe('Two-line\r\ndescription');
		expect(rows[2].values).toMatchObject({ type: 'Service Fee', 'order id': '', total: '-39.99' });
		expect(rows.every((row) => row.problem === undefined)).toBe(true);
	});

	it('gives the same rows whatever the chunk boundaries', () => {
		const whole = parse('csv', [CSV]);
		for (const chunks of everySplit(CSV)) expect(parse('csv', chunks)).toEqual(whole);
	});

	it('flags a stray quote and a quote left open at the end, with line numbers', () => {
		const rows = parse('csv', ['a,b\n1,x"y\n2,"open\nstill open']);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ line: 2, values: { a: '1', b: 'x"y' }, problem: 'line 2 has a quote inside an unquoted field' });
		expect(rows[1]).toMatchObject({ line: 3, values: { a: '2', b: 'open\nstill open' }, problem: 'a quoted field opened on line 3 is not closed before the end of the file' });
	});
});

const RETURNS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
  <Header><DocumentVersion>1.00</DocumentVersion></Header>
  <MessageType>Returns-Report</MessageType>
  <Message>
    <return_details>
      <item_details>
        <item_name>Emaille-Becher 350 ml „Lagerfeuer“ – Größe L &amp; mehr</item_name>
        <asin>B0ABCDEFGH</asin>
        <return_reason_code>AMZ-PG-BAD-DESC</return_reason_code>
        <merchant_sku>EU-MUG12-481</merchant_sku>
        <return_quantity>1</return_quantity>
        <refund_amount>14.99</refund_amount>
      </item_details>
      <order_id>302-1234567-8901234</order_id>
      <amazon_rma_id>DJ1XPkq5RRMA</amazon_rma_id>
      <return_request_status>Approved</return_request_status>
      <label_details><currency_code>EUR</currency_code><label_cost>0.0</label_cost></label_details>
    </return_details>
    <!-- a comment between records -->
    <return_details>
      <item_details><item_name><![CDATA[トレイルヘッド テント <2人用> 日本語 é ß]]></item_name><merchant_sku>FE-TENT2-001</merchant_sku></item_details>
      <item_details><item_name>Second item</item_name><merchant_sku>FE-MAP-002</merchant_sku></item_details>
      <order_id>249-7654321-1234567</order_id>
      <empty/>
      <note lang='ja'>返品&#x3042;&#12354;</note>
    </return_details>
  </Message>
</AmazonEnvelope>
`;

describe('XML (to JSON)', () => {
	it('turns each return_details into a row with nested items, entities and CDATA decoded', () => {
		const rows = parse('xml', [RETURNS_XML], { recordPath: ['AmazonEnvelope', 'Message', 'return_details'], arrays: ['item_details'] });
		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual({
			line: 6,
			element: 'return_details',
			values: {
				item_details: [
					{
						item_name: 'Emaille-Becher 350 ml „Lagerfeuer“ – Größe L & mehr',
						asin: 'B0ABCDEFGH',
						return_reason_code: 'AMZ-PG-BAD-DESC',
						merchant_sku: 'EU-MUG12-481',
						return_quantity: '1',
						refund_amount: '14.99',
					},
				],
				order_id: '302-1234567-8901234',
				amazon_rma_id: 'DJ1XPkq5RRMA',
				return_request_status: 'Approved',
				label_details: { currency_code: 'EUR', label_cost: '0.0' },
			},
		});
		expect(rows[1].line).toBe(21);
		expect(rows[1].values).toEqual({
			item_details: [
				{ item_name: 'トレイルヘッド テント <2人用> 日本語 é ß', merchant_sku: 'FE-TENT2-001' },
				{ item_name: 'Second item', merchant_sku: 'FE-MAP-002' },
			],
			order_id: '249-7654321-1234567',
			empty: '',
			note: { '@lang': 'ja', '#text': '返品ああ' },
		});
	});

	it('finds the records by default under AmazonEnvelope/Message, whatever the chunk boundaries', () => {
		const whole = parse('xml', [RETURNS_XML]);
		expect(whole.map((row) => row.element)).toEqual(['return_details', 'return_details']);
		// single repeated children become arrays without a hint, single ones stay objects
		expect(Array.isArray(whole[0].values.item_details)).toBe(false);
		for (let size = 1; size < 60; size += 7) {
			const chunks = RETURNS_XML.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
			expect(parse('xml', chunks)).toEqual(whole);
		}
	});

	it('reads a settlement XML as one row per child of SettlementReport, attributes as @name', () => {
		const xml = `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion></Header><MessageType>SettlementReport</MessageType><Message><MessageID>1</MessageID><SettlementReport>
<SettlementData><AmazonSettlementID>11974185931</AmazonSettlementID><TotalAmount currency="EUR">1847.32</TotalAmount></SettlementData>
<Order><AmazonOrderID>302-1234567-8901234</AmazonOrderID><Fulfillment><MerchantFulfillmentID>AFN</MerchantFulfillmentID><Item><SKU>EU-MUG12-481</SKU><ItemPrice><Component><Type>Principal</Type><Amount currency="EUR">29.99</Amount></Component></ItemPrice></Item></Fulfillment></Order>
</SettlementReport></Message></AmazonEnvelope>`;
		const rows = parse('xml', [xml], { recordPath: ['AmazonEnvelope', 'Message', 'SettlementReport', '*'], arrays: ['Item', 'Component'] });
		expect(rows.map((row) => [row.element, row.line])).toEqual([['SettlementData', 2], ['Order', 3]]);
		expect(rows[0].values).toEqual({ AmazonSettlementID: '11974185931', TotalAmount: { '@currency': 'EUR', '#text': '1847.32' } });
		expect(rows[1].values).toEqual({
			AmazonOrderID: '302-1234567-8901234',
			Fulfillment: { MerchantFulfillmentID: 'AFN', Item: [{ SKU: 'EU-MUG12-481', ItemPrice: { Component: [{ Type: 'Principal', Amount: { '@currency': 'EUR', '#text': '29.99' } }] } }] },
		});
		// a named record element at any depth
		expect(parse('xml', [xml], { recordElement: 'Component' }).map((row) => row.values)).toEqual([{ Type: 'Principal', Amount: { '@currency': 'EUR', '#text': '29.99' } }]);
	});

	it('stops with the line number when the structure is broken or the document is cut off', () => {
		expect(() => parse('xml', ['<root>\n<a>1</a>\n<b>2</c>\n</root>'])).toThrow(/line 3: <\/c> does not match <b>/);
		expect(() => parse('xml', ['<root>\n<a>1</a>\n<b>2'])).toThrow(ReportError);
		expect(() => parse('xml', ['<root>\n<a>1</a>\n<b>2'])).toThrow(/ends before <b> is closed/);
		expect(() => parse('xml', [''])).toThrow(/no XML element/);
	});
});

describe('JSON and JSON Lines', () => {
	const salesAndTraffic = `{
  "reportSpecification": {"reportType": "GET_SALES_AND_TRAFFIC_REPORT", "dataStartTime": "2025-01-01"},
  "salesAndTrafficByDate": [
    {"date": "2025-01-01", "salesByDate": {"orderedProductSales": {"amount": 12.5, "currencyCode": "EUR"}}},
    {"date": "2025-01-02", "note": "brace } and bracket ] and quote \\" in text"}
  ],
  "salesAndTrafficByAsin": [],
  "count": 2,
  "title": "Größe 日本語"
}`;

	it('a top-level object: rows per array element with the section, other properties as one row each', () => {
		const rows = parse('json', [salesAndTraffic]);
		expect(rows).toEqual([
			{ line: 2, section: 'reportSpecification', values: { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', dataStartTime: '2025-01-01' } },
			{ line: 4, section: 'salesAndTrafficByDate', values: { date: '2025-01-01', salesByDate: { orderedProductSales: { amount: 12.5, currencyCode: 'EUR' } } } },
			{ line: 5, section: 'salesAndTrafficByDate', values: { date: '2025-01-02', note: 'brace } and bracket ] and quote " in text' } },
			{ line: 8, section: 'count', values: { value: 2 } },
			{ line: 9, section: 'title', values: { value: 'Größe 日本語' } },
		]);
		for (const chunks of everySplit(salesAndTraffic)) expect(parse('json', chunks)).toEqual(rows);
	});

	it('a top-level array: one row per element', () => {
		expect(parse('json', ['[{"a":1},\n {"a":2}, 3, "x", null]'])).toEqual([
			{ line: 1, values: { a: 1 } },
			{ line: 2, values: { a: 2 } },
			{ line: 2, values: { value: 3 } },
			{ line: 2, values: { value: 'x' } },
			{ line: 2, values: { value: null } },
		]);
	});

	it('a cut-off document is an error; a broken record is flagged with its line', () => {
		expect(() => parse('json', ['[{"a":1},\n{"a":'])).toThrow(/malformed at line 2/);
		const rows = parse('json', ['[{"a":1},\n{"a":tru}]']);
		expect(rows[1]).toMatchObject({ line: 2, values: {}, raw: '{"a":tru}' });
		expect(rows[1].problem).toMatch(/^line 2: /);
	});

	it('JSON Lines: a line that is not JSON is flagged, the others are read', () => {
		const rows = parse('jsonl', ['{"a":1}\n{"a":\n\n{"a":3}']);
		expect(rows.map((row) => [row.line, row.values, row.problem === undefined])).toEqual([
			[1, { a: 1 }, true],
			[2, {}, false],
			[4, { a: 3 }, true],
		]);
	});
});

describe('parseReportRows: format choice, typed values and strict mode', () => {
	async function* chunks(...parts: string[]): AsyncGenerator<string> {
		for (const part of parts) yield part;
	}
	async function collect(generator: AsyncGenerator<ReportRow>): Promise<ReportRow[]> {
		const rows: ReportRow[] = [];
		for await (const row of generator) rows.push(row);
		return rows;
	}

	it('knows the format of known report types and sniffs the others', async () => {
		expect(await collect(parseReportRows({ text: chunks('a,b\n1,2\n') }, { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2' }))).toEqual([{ line: 2, values: { 'a,b': '1,2' } }]);
		expect(await collect(parseReportRows({ text: chunks('a,b\n1,2\n') }))).toEqual([{ line: 2, values: { a: '1', b: '2' } }]);
		expect(await collect(parseReportRows({ text: chunks('<r><x>1</x></r>') }))).toEqual([{ line: 1, element: 'x', values: { '#text': '1' } }]);
		expect(await collect(parseReportRows({ text: chunks('{"a":1}\n{"a":2}\n') }))).toHaveLength(2);
		expect(await collect(parseReportRows({ text: chunks('a\tb\n1\t2') }, { format: 'csv' }))).toEqual([{ line: 2, values: { 'a\tb': '1\t2' } }]);
	});

	it('typed values: integers, ISO dates, booleans; money stays an exact decimal string', async () => {
		const [row] = await collect(
			parseReportRows(
				{ text: chunks('Order ID\tOrder date\tReturn request date\tReturn quantity\tRefunded Amount\tIs prime\tLabel cost\n113-1\t10-Jul-2025\t2025-07-14T12:44:17+02:00\t2\t1.234,50\tN\t4.10\n') },
				{ reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', typed: true },
			),
		);
		expect(row.values).toEqual({
			'Order ID': '113-1',
			'Order date': '2025-07-10',
			'Return request date': '2025-07-14T10:44:17Z',
			'Return quantity': 2,
			'Refunded Amount': '1234.50',
			'Is prime': false,
			'Label cost': '4.10',
		});
	});

	it('strict mode stops at the first malformed row with its line number', async () => {
		const rows: ReportRow[] = [];
		const run = async () => {
			for await (const row of parseReportRows({ text: chunks('a\tb\n1\t2\n3\t4\t5\n6\t7\n') }, { onMalformed: 'error' })) rows.push(row);
		};
		await expect(run()).rejects.toMatchObject({ kind: 'parse', line: 3, rowsRead: 1, message: expect.stringContaining('line 3') });
		expect(rows).toHaveLength(1);
	});
});
