import { accountListOperation } from '../shared/accountList';
import { flattenSchedule } from '../shared/format';

export const { description, execute } = accountListOperation({
	resource: 'transferSchedule',
	operation: 'listTransferSchedules',
	select: (page) => page.transferSchedules as unknown[] | undefined,
	flatten: (schedule) => flattenSchedule(schedule),
});
