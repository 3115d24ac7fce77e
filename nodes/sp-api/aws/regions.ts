/**
 * AWS regions with Amazon SQS, for the queue credential's region picker. SP-API delivers to queues in
 * the global AWS partition only (the destination ARN must match `arn:aws:sqs:...`), so the China
 * regions (amazonaws.com.cn) are deliberately absent.
 */
export const AWS_REGIONS: ReadonlyArray<{ code: string; name: string }> = [
	{ code: 'us-east-1', name: 'US East (N. Virginia)' },
	{ code: 'us-east-2', name: 'US East (Ohio)' },
	{ code: 'us-west-1', name: 'US West (N. California)' },
	{ code: 'us-west-2', name: 'US West (Oregon)' },
	{ code: 'ca-central-1', name: 'Canada (Central)' },
	{ code: 'ca-west-1', name: 'Canada West (Calgary)' },
	{ code: 'mx-central-1', name: 'Mexico (Central)' },
	{ code: 'sa-east-1', name: 'South America (São Paulo)' },
	{ code: 'eu-west-1', name: 'Europe (Ireland)' },
	{ code: 'eu-west-2', name: 'Europe (London)' },
	{ code: 'eu-west-3', name: 'Europe (Paris)' },
	{ code: 'eu-central-1', name: 'Europe (Frankfurt)' },
	{ code: 'eu-central-2', name: 'Europe (Zurich)' },
	{ code: 'eu-north-1', name: 'Europe (Stockholm)' },
	{ code: 'eu-south-1', name: 'Europe (Milan)' },
	{ code: 'eu-south-2', name: 'Europe (Spain)' },
	{ code: 'me-south-1', name: 'Middle East (Bahrain)' },
	{ code: 'me-central-1', name: 'Middle East (UAE)' },
	{ code: 'il-central-1', name: 'Israel (Tel Aviv)' },
	{ code: 'af-south-1', name: 'Africa (Cape Town)' },
	{ code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
	{ code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
	{ code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
	{ code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
	{ code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
	{ code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
	{ code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
	{ code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)' },
	{ code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
	{ code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
	{ code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
];

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function isAwsRegionCode(value: string): boolean {
	return REGION_PATTERN.test(value);
}

/** The public SQS endpoint of a region. */
export function sqsEndpointFor(region: string): string {
	return `https://sqs.${region}.amazonaws.com`;
}

/** The region in an AWS SQS host: sqs.<region>.amazonaws.com, or the legacy <region>.queue.amazonaws.com. */
export function regionFromSqsHost(host: string): string | undefined {
	const modern = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/i.exec(host);
	if (modern) return modern[1].toLowerCase();
	const legacy = /^([a-z0-9-]+)\.queue\.amazonaws\.com$/i.exec(host);
	if (legacy) return legacy[1].toLowerCase();
	if (/^(sqs\.)?queue\.amazonaws\.com$/i.test(host)) return 'us-east-1';
	return undefined;
}
