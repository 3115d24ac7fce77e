import { NodeApiError, type INode } from 'n8n-workflow';
import { SpApiError } from '../../nodes/sp-api/errors';
import { errorItemJson, toNodeError } from '../../nodes/sp-api/n8n/nodeErrors';
import { getOperation } from '../../nodes/sp-api/operations';
import { REDACTED, redact, redactDeep, registerSecrets } from '../../nodes/sp-api/redact';

// Amazon-shaped secrets, built at run time so no secret-looking literal sits in the repository.
const accessToken = ['Atza', 'IwEBIexample-access-token-value'].join('|');
const refreshToken = ['Atzr', 'IwEBIexample-refresh-token-value'].join('|');
const clientSecret = ['amzn1', 'oa2-cs', 'v1', 'f00dfeedc0ffee1234567890abcdef'].join('.');

const node: INode = { id: '1', name: 'Amazon', type: 'n8n-nodes-acorn.amazonSpApiFinances', typeVersion: 1, position: [0, 0], parameters: {} };

describe('redaction', () => {
	it('replaces registered secrets wherever they appear, URL-encoded too', () => {
		registerSecrets('my-own-secret-value-123', 'short');
		expect(redact('x my-own-secret-value-123 y')).toBe(`x ${REDACTED} y`);
		expect(redact('value short stays')).toBe('value short stays');
		registerSecrets('secret with spaces/and+plus');
		expect(redact(`q=${encodeURIComponent('secret with spaces/and+plus')}`)).toBe(`q=${REDACTED}`);
	});

	it('catches Amazon-shaped tokens and secrets nobody registered', () => {
		const text = `token ${accessToken} refresh ${refreshToken} secret ${clientSecret}`;
		const out = redact(text);
		expect(out).not.toContain('IwEBIexample');
		expect(out).not.toContain('f00dfeed');
	});

	it('hides the values of secret-carrying headers and form fields', () => {
		expect(redact('x-amz-access-token: abc.def')).toBe(`x-amz-access-token: ${REDACTED}`);
		expect(redact('{"x-amz-access-token":"abc"}')).toBe(`{"x-amz-access-token":"${REDACTED}"}`);
		expect(redact('grant_type=refresh_token&refresh_token=abc&client_secret=def')).toBe(
			`grant_type=refresh_token&refresh_token=${REDACTED}&client_secret=${REDACTED}`,
		);
	});

	it('redacts nested objects and secret-named keys', () => {
		const out = redactDeep({ headers: { 'x-amz-access-token': 'zzz' }, list: [`bearer ${accessToken}`], clientSecret: 'anything' });
		expect(JSON.stringify(out)).not.toMatch(/zzz|IwEBI|anything/);
	});

	it('keeps secrets out of NodeApiError and error items', () => {
		registerSecrets(accessToken);
		const error = new SpApiError({
			kind: 'http',
			operation: getOperation('listFinancialEvents'),
			httpStatus: 400,
			requestId: 'req-1',
			errors: [{ code: 'InvalidInput', message: `bad token ${accessToken}`, details: 'PostedAfter is invalid' }],
			message: `failed with ${accessToken}`,
			hint: 'x',
		});
		const nodeError = toNodeError(node, error, 0);
		expect(nodeError).toBeInstanceOf(NodeApiError);
		const everything = JSON.stringify({ message: nodeError.message, description: nodeError.description, context: nodeError.context, item: errorItemJson(error), json: error.toJSON(), m: error.message });
		expect(everything).not.toContain('IwEBIexample');
	});
});

describe('error mapping', () => {
	it("carries Amazon's code, message, details, status, operation and request id, with a hint", () => {
		const error = new SpApiError({
			kind: 'http',
			operation: getOperation('listFinancialEvents'),
			httpStatus: 400,
			requestId: 'a1b2',
			errors: [{ code: 'InvalidInput', message: 'Invalid date', details: 'PostedAfter must be before PostedBefore' }],
			message: 'listFinancialEvents failed',
			hint: 'Amazon rejected the value of PostedAfter, PostedBefore.',
		});
		const nodeError = toNodeError(node, error, 2) as NodeApiError;
		expect(nodeError.httpCode).toBe('400');
		expect(nodeError.message).toContain('PostedAfter');
		expect(nodeError.description).toContain('InvalidInput');
		expect(nodeError.description).toContain('PostedAfter must be before PostedBefore');
		expect(nodeError.description).toContain('listFinancialEvents');
		expect(nodeError.description).toContain('a1b2');
		expect(errorItemJson(error)).toMatchObject({ amazonCode: 'InvalidInput', requestId: 'a1b2', httpStatus: 400, operation: 'listFinancialEvents' });
	});
});
