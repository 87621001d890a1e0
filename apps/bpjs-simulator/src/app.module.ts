import { Module, type DynamicModule } from '@nestjs/common';
import { loggingModule } from '@app/logging';
import { HealthModule, MetricsModule } from '@app/observability';
import { AntrolController } from './antrol/antrol.controller';
import { AntrolLedger } from './antrol/antrol-ledger';
import { SIMULATOR_CONFIG, type SimulatorConfig } from './config';
import { Outage } from './sim/outage';
import { SimController } from './sim/sim.controller';

export const SERVICE = 'bpjs-simulator';

/** A stand-in for BPJS Antrol: no Kafka, Redis or Postgres; state in memory. */
@Module({})
export class SimulatorModule {
  static forRoot(config: SimulatorConfig): DynamicModule {
    return {
      module: SimulatorModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        HealthModule.forRoot(SERVICE, []),
      ],
      controllers: [AntrolController, SimController],
      providers: [{ provide: SIMULATOR_CONFIG, useValue: config }, AntrolLedger, Outage],
    };
  }
}
