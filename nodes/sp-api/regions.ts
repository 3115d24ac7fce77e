export type SpApiRegion = 'NA' | 'EU' | 'FE';
export type SpApiEnvironment = 'production' | 'sandbox';

export interface RegionInfo {
	readonly code: SpApiRegion;
	readonly name: string;
	readonly productionEndpoint: string;
	readonly sandboxEndpoint: string;
	/** AWS region Amazon uses for this SP-API region (SQS destinations). */
	readonly awsRegion: string;
}

export const REGIONS: Readonly<Record<SpApiRegion, RegionInfo>> = {
	NA: {
		code: 'NA',
		name: 'North America (US, CA, MX, BR)',
		productionEndpoint: 'https://sellingpartnerapi-na.amazon.com',
		sandboxEndpoint: 'https://sandbox.sellingpartnerapi-na.amazon.com',
		awsRegion: 'us-east-1',
	},
	EU: {
		code: 'EU',
		name: 'Europe, Middle East, India (UK, DE, FR, IT, ES, ...)',
		productionEndpoint: 'https://sellingpartnerapi-eu.amazon.com',
		sandboxEndpoint: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
		awsRegion: 'eu-west-1',
	},
	FE: {
		code: 'FE',
		name: 'Far East (JP, AU, SG)',
		productionEndpoint: 'https://sellingpartnerapi-fe.amazon.com',
		sandboxEndpoint: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
		awsRegion: 'us-west-2',
	},
};

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export const REGION_CODES: readonly SpApiRegion[] = ['NA', 'EU', 'FE'];

export function isRegion(value: unknown): value is SpApiRegion {
	return typeof value === 'string' && (REGION_CODES as readonly string[]).includes(value);
}
