import { NodeOperationError, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';
import { SpApiError } from '../../sp-api/errors';
import { findMarketplace } from '../../sp-api/marketplaces';
import { createSpApiClient } from '../../sp-api/n8n/createClient';
import { SP_API_CREDENTIAL } from '../../sp-api/n8n/credentialData';
import { walletError } from '../actions/shared/errors';
import { tr } from '../../sp-api/i18n/translate';

interface Account {
	accountId?: string;
	accountCurrency?: string;
	accountCountryCode?: string;
	bankName?: string;
	bankAccountNumberTail?: string;
	bankAccountHolderStatus?: string;
}

/** The marketplace chosen in the form, when it is one ACORN can ask about now (not empty, not an expression). */
function chosenMarketplaceId(context: ILoadOptionsFunctions): string | undefined {
	const value = String(context.getCurrentNodeParameter('marketplaceId') ?? '').trim();
	if (!value || value.startsWith('=')) return undefined;
	return findMarketplace(value)?.id;
}

async function hasCredential(context: ILoadOptionsFunctions): Promise<boolean> {
	try {
		await context.getCredentials(SP_API_CREDENTIAL);
		return true;
	} catch {
		return false;
	}
}

/**
 * The seller's Seller Wallet accounts in the chosen marketplace, live from Amazon (listAccounts).
 *
 * The list waits for what it needs: on a new node the marketplace (and maybe the credential) is still
 * empty, and an error there would show a red "Error fetching options" before the seller did anything. So
 * it is an empty list until both are set (the field's placeholder says what to do); only Amazon's own
 * refusal, once there is something to ask, is shown as an error.
 */
export async function getWalletAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const marketplaceId = chosenMarketplaceId(this);
	if (!marketplaceId || !(await hasCredential(this))) return [];
	const client = await createSpApiClient(this);
	const marketplace = findMarketplace(marketplaceId)!;
	// a store of another region cannot be asked with this credential; running the node explains why
	if (marketplace.region !== client.credentials.region) return [];
	try {
		const response = await client.call<{ accounts?: Account[] }>('listAccounts', { params: { marketplaceId: marketplace.id } });
		return (response.data.accounts ?? [])
			.filter((account) => account.accountId)
			.map((account) => ({
				name: tr`${account.accountCurrency ?? '?'} account · ${account.bankName ?? tr`Seller Wallet`} (${account.accountCountryCode ?? marketplace.countryCode})`,
				value: account.accountId as string,
				description: `${account.accountId}${account.bankAccountHolderStatus && account.bankAccountHolderStatus !== 'ACTIVE' ? ` · ${account.bankAccountHolderStatus}` : ''}`,
			}));
	} catch (error) {
		const mapped = walletError(error);
		throw new NodeOperationError(this.getNode(), mapped instanceof SpApiError ? mapped.hint : error instanceof Error ? error.message : String(error));
	}
}
