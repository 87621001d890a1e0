import { z } from 'zod';
import { baseServiceSchema, loadConfig, port, postgresUrl } from '@app/config';

export const notificationConfigSchema = baseServiceSchema.extend({
  PORT: port(3003),
  HOST: z.string().default('127.0.0.1'),
  NOTIFICATION_DATABASE_URL: postgresUrl,
  /** Where patients open their live ticket; used in message links. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');
export const loadNotificationConfig = (): NotificationConfig =>
  loadConfig(notificationConfigSchema);
