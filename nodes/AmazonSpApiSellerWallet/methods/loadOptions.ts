import { NodeOperationError, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';
import { SpApiError } from '../../sp-api/errors';
import { resolveMarketplaces } from '../../sp-api/marketplaces';
import { createSpApiClient } from '../../sp-api/n8n/createClient';
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

/** The seller's Seller Wallet accounts in the chosen marketplace, live from Amazon (listAccounts). */
export async function getWalletAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const chosen = String(this.getCurrentNodeParameter('marketplaceId') ?? '').trim();
	if (!chosen) throw new NodeOperationError(this.getNode(), tr`Choose the marketplace first: Amazon lists Seller Wallet accounts per marketplace.`);
	const client = await createSpApiClient(this);
	const [marketplace] = resolveMarketplaces([chosen], client.credentials.region);
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
