import { NOTIFICATION_TYPES, type NotificationTypeSpec } from '../generated/notificationTypes.generated';

export { NOTIFICATION_TYPES, type NotificationTypeSpec };

const BY_NAME = new Map<string, NotificationTypeSpec>();
for (const spec of NOTIFICATION_TYPES) {
	BY_NAME.set(spec.type, spec);
	for (const alias of spec.aliases) BY_NAME.set(alias, spec);
}

/** The spec of a type, also under the other spellings Amazon's schemas use. */
export function findNotificationType(name: string): NotificationTypeSpec | undefined {
	return BY_NAME.get(name.trim().toUpperCase());
}

/** Amazon's spelling of a type (aliases folded); unknown names are returned upper-cased. */
export function canonicalNotificationType(name: string): string {
	return findNotificationType(name)?.type ?? name.trim().toUpperCase();
}

export function typesDeliveredBy(workflow: NotificationTypeSpec['workflow']): NotificationTypeSpec[] {
	return NOTIFICATION_TYPES.filter((spec) => spec.workflow === workflow);
}
