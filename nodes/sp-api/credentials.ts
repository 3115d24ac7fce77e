import { tr, translateText } from './i18n/translate';
import { registerSecrets } from './redact';
import { isRegion, LWA_TOKEN_URL, REGIONS, type SpApiEnvironment, type SpApiRegion } from './regions';

/** What the `amazonSpApi` n8n credential stores (field names of credentials/AmazonSpApi.credentials.ts). */
export interface SpApiCredentialData {
	clientId?: unknown;
	clientSecret?: unknown;
	refreshToken?: unknown;
	region?: unknown;
	environment?: unknown;
	useCustomEndpoints?: unknown;
	lwaTokenUrl?: unknown;
	spApiEndpoint?: unknown;
}

export interface SpApiCredentials {
	readonly clientId: string;
	readonly clientSecret: string;
	readonly refreshToken: string;
	readonly region: SpApiRegion;
	readonly environment: SpApiEnvironment;
	readonly lwaTokenUrl: string;
	/** Endpoint override; may contain `{region}` (na, eu, fe) for gateways serving several regions. */
	readonly endpointOverride?: string;
}

export class CredentialConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialConfigError';
	}
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function requireUrl(value: string, field: string): string {
	try {
		const url = new URL(value);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
		return value;
	} catch {
		throw new CredentialConfigError(tr`${translateText(field)} "${value}" is not a valid http(s) address. Correct it in the credential.`);
	}
}

export function normalizeCredentials(data: SpApiCredentialData): SpApiCredentials {
	const clientId = text(data.clientId);
	const clientSecret = text(data.clientSecret);
	const refreshToken = text(data.refreshToken);
	registerSecrets(clientSecret, refreshToken);
	const missing = [
		!clientId && 'LWA Client ID',
		!clientSecret && 'LWA Client Secret',
		!refreshToken && 'Refresh Token',
	]
		.filter((label): label is string => !!label)
		// the credential's field labels, as the credential form shows them
		.map((label) => translateText(label));
	if (missing.length) {
		throw new CredentialConfigError(tr`The Amazon SP-API credential is missing: ${missing.join(', ')}. Fill in the credential.`);
	}
	const region = text(data.region).toUpperCase() || 'NA';
	if (!isRegion(region)) {
		throw new CredentialConfigError(tr`Region "${region}" is not one of NA, EU, FE. Choose the region in the credential.`);
	}
	const environment = text(data.environment) === 'sandbox' ? 'sandbox' : 'production';
	const custom = data.useCustomEndpoints === true;
	const tokenUrl = custom && text(data.lwaTokenUrl) ? requireUrl(text(data.lwaTokenUrl), 'LWA Token URL') : LWA_TOKEN_URL;
	let endpointOverride: string | undefined;
	if (custom && text(data.spApiEndpoint)) {
		endpointOverride = text(data.spApiEndpoint).replace(/\/+$/, '');
		requireUrl(endpointOverride.replace('{region}', 'na'), 'SP-API Endpoint');
	}
	return { clientId, clientSecret, refreshToken, region, environment, lwaTokenUrl: tokenUrl, endpointOverride };
}

/** Base URL for SP-API calls in `region` (the credential's own unless probing another one). */
export function spApiEndpoint(credentials: SpApiCredentials, region: SpApiRegion = credentials.region): string {
	if (credentials.endpointOverride) {
		return credentials.endpointOverride.replace('{region}', region.toLowerCase());
	}
	const info = REGIONS[region];
	return credentials.environment === 'sandbox' ? info.sandboxEndpoint : info.productionEndpoint;
}

/** Whether another region can be tried with these settings (a fixed override can only reach one). */
export function canProbeOtherRegions(credentials: SpApiCredentials): boolean {
	return !credentials.endpointOverride || credentials.endpointOverride.includes('{region}');
}
