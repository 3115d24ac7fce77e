import { SP_API_CREDENTIAL_TEST } from './credentialData';
import { amazonSpApiConnectionTest } from './credentialTest';
import { getMarketplaces } from './marketplaceOptions';

/** `methods` of every SP-API node: the marketplace picker and the credential's connection test. */
export const spApiNodeMethods = {
	loadOptions: { getMarketplaces },
	credentialTest: { [SP_API_CREDENTIAL_TEST]: amazonSpApiConnectionTest },
};
