import { z } from 'zod';
import {
  buildOpenApiDocument as build,
  CommonErrorCode,
  OBSERVABILITY_ROUTES,
  OPENAPI_DOCUMENT_ROUTE,
  type OpenApiDocument,
  type Route,
} from '@app/http';
import { NOTIFICATION_STATUS_TABLE, NotificationErrorCode as E } from '../errors';
import {
  directMessageAnswer,
  directMessageBody,
} from '../direct-messages/direct-message.controller';
import * as S from './schemas';

const V = CommonErrorCode.ValidationFailed;

/** Every HTTP route of notification-service. A unit test holds it against the controllers. */
export const OPERATIONS: Route[] = [
  {
    method: 'get',
    path: '/v1/notifications',
    summary: 'In-app notifications by subject (ticket:<kode booking>) or recipient, newest first',
    query: S.listNotificationsQuery,
    response: z.array(S.notificationView),
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/notifications/:id',
    summary: 'One notification with its deliveries and every attempt (the delivery log)',
    params: S.idParams,
    response: S.notificationDetail,
    errors: [V, E.NotificationNotFound],
  },
  {
    method: 'post',
    path: '/v1/notifications/:id/read',
    summary: 'Mark an in-app notification as read',
    params: S.idParams,
    response: S.notificationView,
    errors: [V, E.NotificationNotFound],
  },
  {
    method: 'get',
    path: '/v1/recipients/:recipient',
    summary: 'Contact (masked) and preferences of a patient or facility desk',
    params: S.recipientParams,
    response: S.recipientView,
    errors: [V],
  },
  {
    method: 'put',
    path: '/v1/recipients/:recipient/contact',
    summary: 'Set phone, email, language or web push subscription (facility desks: their contacts)',
    params: S.recipientParams,
    body: S.contactBody,
    response: S.recipientView,
    errors: [V],
  },
  {
    method: 'put',
    path: '/v1/recipients/:recipient/preferences',
    summary: 'Set channel choice, opt-out and quiet hours; records the consent',
    params: S.recipientParams,
    body: S.preferencesBody,
    response: S.recipientView,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/dead-letters',
    summary: 'Deliveries that failed every attempt',
    query: S.listDeadLettersQuery,
    response: z.array(S.deadLetterView),
    errors: [V],
  },
  {
    method: 'post',
    path: '/v1/dead-letters/:id/replay',
    summary: 'Send a dead-lettered delivery again, from its first provider',
    params: S.idParams,
    status: 202,
    response: z.object({ deliveryId: z.uuid() }),
    errors: [V, E.DeadLetterNotFound, E.DeadLetterAlreadyReplayed],
  },
  {
    method: 'get',
    path: '/v1/templates',
    summary: 'Message templates (name@version, id and en)',
    response: z.array(S.templateView),
    errors: [],
  },
  {
    method: 'post',
    path: '/internal/v1/direct-messages',
    summary:
      'Internal (Bearer INTERNAL_API_TOKEN): kirim teks ke pasien sebuah booking atau patientRef (mis. kode sekali pakai), tercatat sebagai notifikasi',
    body: directMessageBody,
    response: directMessageAnswer,
    status: 202,
    errors: [V, E.BookingNotFound, E.RecipientNotFound],
  },
  OPENAPI_DOCUMENT_ROUTE,
  ...OBSERVABILITY_ROUTES,
];

/** The OpenAPI 3.1 document, generated from the same zod schemas the API validates with. */
export function buildOpenApiDocument(): OpenApiDocument {
  return build({
    title: 'notification-service',
    version: '1.0.0',
    description:
      'Notifikasi antrean dan rujukan: in-app notifications, delivery log, recipient contacts ' +
      'and preferences, dead letters. Error codes: NOTIFICATION.*, COMMON.*',
    routes: OPERATIONS,
    errorStatus: NOTIFICATION_STATUS_TABLE,
    serviceAuth: true,
  });
}
