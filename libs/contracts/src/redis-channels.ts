import { z } from 'zod';

/** Redis pub/sub channels services use for live fan-out (not for anything that must not be lost). */
export enum RedisChannel {
  /** notification-service → gateway: an in-app notification to push to the recipient's sessions. */
  InAppNotifications = 'notification.in-app.1',
}

export const inAppNotificationMessage = z.object({
  recipient: z.string().min(1),
  notification: z.object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    url: z.string().nullable(),
  }),
});

export type InAppNotificationMessage = z.infer<typeof inAppNotificationMessage>;
