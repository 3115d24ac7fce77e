import { accountListOperation } from '../shared/accountList';
import { flattenTransaction } from '../shared/format';

// newest first, 100 a page; Amazon may send empty pages that still carry a nextPageToken
export const { description, execute } = accountListOperation({
	resource: 'transaction',
	operation: 'listAccountTransactions',
	select: (page) => page.transactions as unknown[] | undefined,
	flatten: (transaction, marketplace) => flattenTransaction(transaction, marketplace.timeZone),
});
