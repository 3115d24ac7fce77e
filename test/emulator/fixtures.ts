/**
 * Fixed apps and seller authorisations. The values are deliberately not shaped like Amazon's secrets
 * (no LWA client-secret prefix, no "Atzr"-style refresh tokens) so nobody mistakes them for real ones.
 */
import type {
	AppFixture,
	AppFixtureKey,
	EmulatorFixtures,
	SellerFixture,
	SellerFixtureKey,
	SpApiRole,
} from './types';

const ALL_ROLES: SpApiRole[] = [
	'Finance and Accounting',
	'Inventory and Order Tracking',
	'Amazon Fulfillment',
	'Account Information Service Provider',
	'Payment Initiation Service Provider',
	'Selling Partner Insights',
	'Tax Invoicing',
	'Tax Remittance',
];

const APPS: Record<AppFixtureKey, AppFixture> = {
	A: {
		key: 'A',
		name: 'ACORN emulator app A',
		clientId: 'amzn1.application-oa2-client.ac0e0000deadbeef00000000000000aa',
		clientSecret: 'emulator-secret-app-a-not-a-real-secret',
	},
	B: {
		key: 'B',
		name: 'Another developer’s app (emulator app B)',
		clientId: 'amzn1.application-oa2-client.ac0e0000deadbeef00000000000000bb',
		clientSecret: 'emulator-secret-app-b-not-a-real-secret',
	},
};

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const UK = 'A1F83G8C2ARO7P';
const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const IT = 'APJ6JRA9NG5V4';
const ES = 'A1RKKUPIHCS9HS';
const JP = 'A1VC38T7YXB528';
const AU = 'A39IBJ37TRP1C6';

const SELLERS: Record<SellerFixtureKey, SellerFixture> = {
	na: {
		key: 'na',
		sellerId: 'A1ACORNSELLERNA',
		storeName: 'Acorn Outdoor Supply',
		region: 'NA',
		marketplaceIds: [US, CA, MX],
		app: 'A',
		refreshToken: 'emulator-refresh-na-0f3a9c1e-not-a-real-token',
		roles: ALL_ROLES,
	},
	eu: {
		key: 'eu',
		sellerId: 'A1ACORNSELLEREU',
		storeName: 'Eichel & Söhne Handel',
		region: 'EU',
		marketplaceIds: [UK, DE, FR, IT, ES],
		app: 'A',
		refreshToken: 'emulator-refresh-eu-5b7d2e80-not-a-real-token',
		roles: ALL_ROLES,
	},
	fe: {
		key: 'fe',
		sellerId: 'A1ACORNSELLERFE',
		storeName: 'どんぐり商店 Acorn Japan',
		region: 'FE',
		marketplaceIds: [JP, AU],
		app: 'A',
		refreshToken: 'emulator-refresh-fe-91c4a6d2-not-a-real-token',
		roles: ALL_ROLES,
	},
	na2: {
		key: 'na2',
		sellerId: 'A1ACORNSELLERN2',
		storeName: 'Second Acorn Goods',
		region: 'NA',
		marketplaceIds: [US],
		app: 'A',
		refreshToken: 'emulator-refresh-na2-3e8b0f57-not-a-real-token',
		roles: ALL_ROLES,
	},
	noRoles: {
		key: 'noRoles',
		sellerId: 'A1ACORNNOROLES',
		storeName: 'Roleless Acorn Shop',
		region: 'NA',
		marketplaceIds: [US],
		app: 'A',
		refreshToken: 'emulator-refresh-noroles-c2a71d94-not-a-real-token',
		roles: [],
	},
	/** A vendor (Vendor Central, 1P) account: purchase orders from Amazon, with the roles vendors can have. */
	vendor: {
		key: 'vendor',
		sellerId: 'A1ACORNVENDORNA',
		storeName: 'Acorn Wholesale (vendor)',
		region: 'NA',
		marketplaceIds: [US, CA],
		app: 'A',
		refreshToken: 'emulator-refresh-vendor-6a2f90c3-not-a-real-token',
		roles: ['Amazon Fulfillment', 'Inventory and Order Tracking', 'Brand Analytics'],
	},
	appB: {
		key: 'appB',
		sellerId: 'A1ACORNAPPBSELR',
		storeName: 'Oak Ridge Traders',
		region: 'NA',
		marketplaceIds: [US],
		app: 'B',
		refreshToken: 'emulator-refresh-appb-7d15e3b8-not-a-real-token',
		roles: ALL_ROLES,
	},
};

/** A fresh deep copy, so one emulator's tests cannot change another's fixtures. */
export function createFixtures(): EmulatorFixtures {
	return JSON.parse(JSON.stringify({ apps: APPS, sellers: SELLERS })) as EmulatorFixtures;
}

export const SELLER_FIXTURE_KEYS = Object.keys(SELLERS) as SellerFixtureKey[];

export function isSellerFixtureKey(value: string): value is SellerFixtureKey {
	return (SELLER_FIXTURE_KEYS as string[]).includes(value);
}
