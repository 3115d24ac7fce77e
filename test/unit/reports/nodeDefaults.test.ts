import { waitOptions as waitProperties } from '../../../nodes/AmazonSpApiReports/actions/shared/wait';
import { DEFAULT_FIRST_POLL_MS } from '../../../nodes/sp-api/reports';

describe('Reports node defaults', () => {
	it("shows the pipeline's first poll delay as the field default (written as a literal for n8n's linter)", () => {
		const firstCheck = waitProperties.find((property) => property.name === 'firstCheckSeconds');
		expect(firstCheck?.default).toBe(DEFAULT_FIRST_POLL_MS / 1000);
	});
});
