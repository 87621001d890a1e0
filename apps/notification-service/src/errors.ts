import { HttpStatus } from '@nestjs/common';
import type { StatusTable } from '@app/http';

/** notification-service's stable error codes. */
export const NotificationErrorCode = {
  NotificationNotFound: 'NOTIFICATION.NOT_FOUND',
  DeadLetterNotFound: 'NOTIFICATION.DEAD_LETTER_NOT_FOUND',
  DeadLetterAlreadyReplayed: 'NOTIFICATION.DEAD_LETTER_ALREADY_REPLAYED',
  RecipientNotFound: 'NOTIFICATION.RECIPIENT_NOT_FOUND',
  ChannelNotAvailable: 'NOTIFICATION.CHANNEL_NOT_AVAILABLE',
  BookingNotFound: 'NOTIFICATION.BOOKING_NOT_FOUND',
} as const;

export const NOTIFICATION_STATUS_TABLE: StatusTable = {
  [NotificationErrorCode.NotificationNotFound]: HttpStatus.NOT_FOUND,
  [NotificationErrorCode.DeadLetterNotFound]: HttpStatus.NOT_FOUND,
  [NotificationErrorCode.DeadLetterAlreadyReplayed]: HttpStatus.CONFLICT,
  [NotificationErrorCode.RecipientNotFound]: HttpStatus.NOT_FOUND,
  [NotificationErrorCode.ChannelNotAvailable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [NotificationErrorCode.BookingNotFound]: HttpStatus.NOT_FOUND,
};
