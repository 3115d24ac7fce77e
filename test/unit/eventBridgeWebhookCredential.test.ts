import { amazonEventBridgeWebhookTest, secretMatches, webhookSecretProblem } from '../../nodes/AmazonSpApiEventBridgeTrigger/eventBridgeTrigger';

const test_ = (data: Record<string, unknown>) =>
	amazonEventBridgeWebhookTest.call({} as never, { id: '1', name: 'x', type: 'amazonEventBridgeWebhookApi', data: data as never });

describe('EventBridge webhook credential', () => {
	it('accepts a usable header name and a long secret', async () => {
		expect(await test_({ headerName: 'x-acorn-secret', secret: 'a'.repeat(16) })).toMatchObject({ status: 'OK' });
		expect(webhookSecretProblem('x-acorn-secret', 'b'.repeat(40))).toBeUndefined();
	});

	it('says in plain words what is wrong', async () => {
		expect(await test_({ headerName: 'x-acorn-secret', secret: 'short' })).toEqual({ status: 'Error', message: expect.stringMatching(/5 characters; use at least 16/) });
		expect(await test_({ headerName: 'my secret', secret: 'c'.repeat(20) })).toEqual({ status: 'Error', message: expect.stringMatching(/cannot be an HTTP header name/) });
	});

	it('compares the sent header in constant time and refuses anything else', () => {
		expect(secretMatches('s3cret-value-long', 's3cret-value-long')).toBe(true);
		expect(secretMatches(['s3cret-value-long'], 's3cret-value-long')).toBe(true);
		expect(secretMatches('s3cret-value-lonG', 's3cret-value-long')).toBe(false);
		expect(secretMatches(undefined, 's3cret-value-long')).toBe(false);
		expect(secretMatches('', '')).toBe(false);
	});
});
