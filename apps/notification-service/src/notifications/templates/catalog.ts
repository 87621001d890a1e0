import * as Q from './queue.templates';
import * as R from './referral.templates';
import type { Template } from './template';

/** Every template by `name@version`: what the API lists and the rendering tests go through. */
export const TEMPLATES: ReadonlyMap<string, Template<object>> = new Map(
  [...Object.values(Q), ...Object.values(R)].map((t) => [t.key, t as Template<object>]),
);

/** Scheduled reminders: cancelled when the ticket is checked in, cancelled or expired. */
export const REMINDER_TEMPLATE_KEYS = [
  Q.reminderDayBefore.key,
  Q.reminderBeforeSession.key,
  Q.checkinOpen.key,
];
