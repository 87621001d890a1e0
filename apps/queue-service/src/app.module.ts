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
import { RedisHealthIndicator, RedisModule } from '@app/redis';
import { CounterDirectory } from './calling/counter-directory';
import { CounterQueueQuery } from './calling/counter-queue.usecase';
import { CounterOperations } from './calling/counter-operations';
import { CountersController } from './calling/counters.controller';
import { QUEUE_CONFIG, type QueueConfig } from './config';
import { QueueDb } from './database/queue-db';
import { ExpireTickets } from './expiry/expire-tickets.usecase';
import { ErasePatientData } from './patient-identity/erase-patient-data';
import { JobsController } from './expiry/jobs.controller';
import { DeclareAbsence } from './facilities/declare-absence/declare-absence.usecase';
import { FacilitiesController } from './facilities/facilities.controller';
import { PoliDirectory } from './facilities/poli-directory';
import { MasterDataChanges } from './facilities/master-data-changes';
import { UpsertFacility } from './facilities/upsert-facility/upsert-facility.usecase';
import { FacilityKpisQuery } from './kpis/facility-kpis.usecase';
import { DistrictKpisQuery } from './kpis/district-kpis/district-kpis.usecase';
import { DistrictsController } from './kpis/districts.controller';
import { Estimates } from './live/estimates';
import { FacilityBoardQuery } from './live/facility-board.usecase';
import { LiveState } from './live/live-state';
import { WaitingTicketsMetric } from './live/waiting-tickets.metric';
import { OpenApiController } from './openapi/openapi.controller';
import { ContactCipher, IdentityCipher } from '@app/patient-data';
import { InternalIdentityController } from './patient-identity/internal-identity.controller';
import { ReadPatientIdentity } from './patient-identity/read-identity.usecase';
import { BookForReferral } from './referrals/book-for-referral.usecase';
import { ReferralIdentityClient } from './referrals/referral-identity.client';
import { CancelForReferral } from './referrals/cancel-for-referral.usecase';
import { QueueInbox } from './referrals/queue-inbox';
import { ReferralEventsController } from './referrals/referral-events.controller';
import { ScheduleResolver } from './schedules/schedule-resolver';
import { BookTicket } from './tickets/book-ticket/book-ticket.usecase';
import { CancelTicket } from './tickets/cancel-ticket/cancel-ticket.usecase';
import { CheckIn } from './tickets/check-in/check-in.usecase';
import { QueueNumberAllocator } from './tickets/numbering/queue-number.allocator';
import { ReadTicket } from './tickets/read-ticket/read-ticket.usecase';
import { SetPriority } from './tickets/set-priority/set-priority.usecase';
import { TicketStatusQuery } from './tickets/ticket-status/ticket-status.usecase';
import { TicketRepository } from './tickets/ticket.repository';
import { TicketsController } from './tickets/tickets.controller';
import { TicketTransitions } from './tickets/transitions/ticket-transitions';
import { AmbilAntrean } from './wsrs/ambil-antrean/ambil-antrean.usecase';
import { AntreanOps } from './wsrs/antrean-ops/antrean-ops.usecase';
import { WsrsAuth } from './wsrs/auth/wsrs-auth';
import { FarmasiQueue } from './wsrs/farmasi/farmasi-queue';
import { FktpAntrean } from './wsrs/fktp/fktp-antrean.usecase';
import { WsFktpController } from './wsrs/fktp/wsfktp.controller';
import { OperatingSchedules } from './wsrs/jadwal-operasi/operating-schedules';
import { WsrsCodeMappings } from './wsrs/mappings/wsrs-mappings';
import { WsrsPatients } from './wsrs/pasien-baru/wsrs-patients';
import { WsrsSessionQuota } from './wsrs/session-quota';
import { StatusAntrean } from './wsrs/status-antrean/status-antrean.usecase';
import { WsrsAdminController } from './wsrs/wsrs-admin.controller';
import { WsrsController } from './wsrs/wsrs.controller';

export const SERVICE = 'queue-service';

@Module({})
export class QueueServiceModule {
  static forRoot(config: QueueConfig): DynamicModule {
    return {
      module: QueueServiceModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        databaseModule(QueueDb, () => new QueueDb(config.QUEUE_DATABASE_URL)),
        RedisModule.forRoot(config.REDIS_URL, SERVICE),
        MessagingModule.forRoot(
          config.KAFKA_BROKERS,
          config.KAFKA_CLIENT_ID ?? SERVICE,
          kafkaSecurityOptions(config),
        ),
        OutboxModule.forRoot(QueueDb),
        HealthModule.forRoot(SERVICE, [
          PostgresHealthIndicator,
          RedisHealthIndicator,
          KafkaHealthIndicator,
        ]),
      ],
      controllers: [
        TicketsController,
        CountersController,
        FacilitiesController,
        DistrictsController,
        JobsController,
        OpenApiController,
        ReferralEventsController,
        WsrsController,
        WsrsAdminController,
        WsFktpController,
        InternalIdentityController,
      ],
      providers: [
        { provide: QUEUE_CONFIG, useValue: config },
        {
          provide: IdentityCipher,
          useFactory: () => new IdentityCipher(config.IDENTITY_ENCRYPTION_KEYS),
        },
        {
          provide: ContactCipher,
          useFactory: () => new ContactCipher(config.CONTACT_ENCRYPTION_KEYS),
        },
        ReadPatientIdentity,
        ErasePatientData,
        PoliDirectory,
        ScheduleResolver,
        MasterDataChanges,
        QueueNumberAllocator,
        TicketRepository,
        LiveState,
        WaitingTicketsMetric,
        Estimates,
        TicketTransitions,
        BookTicket,
        ReadTicket,
        TicketStatusQuery,
        CheckIn,
        CancelTicket,
        SetPriority,
        CounterDirectory,
        CounterQueueQuery,
        CounterOperations,
        UpsertFacility,
        DeclareAbsence,
        FacilityBoardQuery,
        FacilityKpisQuery,
        DistrictKpisQuery,
        ExpireTickets,
        BookForReferral,
        ReferralIdentityClient,
        CancelForReferral,
        QueueInbox,
        WsrsAuth,
        WsrsPatients,
        WsrsCodeMappings,
        WsrsSessionQuota,
        AmbilAntrean,
        StatusAntrean,
        AntreanOps,
        OperatingSchedules,
        FarmasiQueue,
        FktpAntrean,
      ],
    };
  }
}
