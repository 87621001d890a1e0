import { Module, type DynamicModule } from '@nestjs/common';
import { databaseModule, PostgresHealthIndicator } from '@app/database';
import { loggingModule } from '@app/logging';
import {
  KafkaHealthIndicator,
  MessagingModule,
  OutboxModule,
  kafkaSecurityOptions,
} from '@app/messaging';
import { HealthModule, MetricsModule } from '@app/observability';
import { ContactCipher, IdentityCipher } from '@app/patient-data';
import { RedisHealthIndicator, RedisModule } from '@app/redis';
import { REFERRAL_CONFIG, type ReferralConfig } from './config';
import { ReferralDb } from './database/referral-db';
import { DestinationsController } from './destinations/destinations.controller';
import { SuggestDestinations } from './destinations/suggest-destinations.usecase';
import { DiagnosesController } from './diagnoses/diagnoses.controller';
import { NonSpecialistList } from './diagnoses/non-specialist-list';
import { FacilityEventsController } from './events/facility-events.controller';
import { QueueTicketEventsController } from './events/queue-ticket-events.controller';
import { ReferralInbox } from './events/referral-inbox';
import { FacilityDirectory } from './facilities/facility-directory';
import { CountBookedTicket } from './hospital-load/count-booked-ticket.usecase';
import { HospitalLoadController } from './hospital-load/hospital-load.controller';
import { ExpiryScheduler } from './jobs/expiry-scheduler';
import { JobsController } from './jobs/jobs.controller';
import { OpenApiController } from './openapi.controller';
import { ErasePatientData } from './patients/erase-patient-data';
import { IdentitySealer } from './patients/identity-sealer';
import { ReferralViews } from './patients/referral-views';
import { CancelReferral } from './referrals/cancel-referral/cancel-referral.usecase';
import { CloseLoop } from './referrals/close-loop/close-loop.usecase';
import { CreateReferral } from './referrals/create-referral/create-referral.usecase';
import { ExpireReferrals } from './referrals/expire-referrals/expire-referrals.usecase';
import { ListReferrals } from './referrals/list-referrals/list-referrals.usecase';
import { PatientReferralsController } from './referrals/patient-view/patient-referrals.controller';
import { ReadPatientReferrals } from './referrals/patient-view/read-patient-referrals.usecase';
import { RecordBooking } from './referrals/record-booking/record-booking.usecase';
import { RecordVisit } from './referrals/record-visit/record-visit.usecase';
import { InternalIdentityController } from './referrals/read-patient-identity/internal-identity.controller';
import { ReadPatientIdentity } from './referrals/read-patient-identity/read-patient-identity.usecase';
import { ReferralStore } from './referrals/referral-store';
import { ReferralsController } from './referrals/referrals.controller';
import { RespondToReferral } from './referrals/respond-to-referral/respond-to-referral.usecase';
import { ComputeRrns } from './rrns/rrns.usecase';
import { ComputeDistrictRrns } from './rrns/district-rrns/district-rrns.usecase';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhooksController } from './webhooks/webhooks.controller';

export const SERVICE = 'referral-service';

/** Every HTTP controller of the service (the OpenAPI test walks this list). */
export const HTTP_CONTROLLERS = [
  ReferralsController,
  PatientReferralsController,
  DestinationsController,
  DiagnosesController,
  WebhooksController,
  HospitalLoadController,
  JobsController,
  InternalIdentityController,
  OpenApiController,
];

@Module({})
export class ReferralServiceModule {
  static forRoot(config: ReferralConfig): DynamicModule {
    return {
      module: ReferralServiceModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        databaseModule(ReferralDb, () => new ReferralDb(config.REFERRAL_DATABASE_URL)),
        RedisModule.forRoot(config.REDIS_URL, SERVICE),
        MessagingModule.forRoot(
          config.KAFKA_BROKERS,
          config.KAFKA_CLIENT_ID ?? SERVICE,
          kafkaSecurityOptions(config),
        ),
        OutboxModule.forRoot(ReferralDb),
        HealthModule.forRoot(SERVICE, [
          PostgresHealthIndicator,
          RedisHealthIndicator,
          KafkaHealthIndicator,
        ]),
      ],
      controllers: [...HTTP_CONTROLLERS, QueueTicketEventsController, FacilityEventsController],
      providers: [
        { provide: REFERRAL_CONFIG, useValue: config },
        CountBookedTicket,
        ReferralInbox,
        FacilityDirectory,
        NonSpecialistList,
        ReferralStore,
        WebhookDispatcher,
        CreateReferral,
        RespondToReferral,
        RecordVisit,
        CloseLoop,
        CancelReferral,
        ListReferrals,
        ReadPatientReferrals,
        RecordBooking,
        ExpireReferrals,
        ExpiryScheduler,
        SuggestDestinations,
        ComputeRrns,
        ComputeDistrictRrns,
        ReadPatientIdentity,
        {
          provide: IdentityCipher,
          useFactory: () => new IdentityCipher(config.IDENTITY_ENCRYPTION_KEYS),
        },
        {
          provide: ContactCipher,
          useFactory: () => new ContactCipher(config.CONTACT_ENCRYPTION_KEYS),
        },
        ReferralViews,
        IdentitySealer,
        ErasePatientData,
      ],
    };
  }
}
