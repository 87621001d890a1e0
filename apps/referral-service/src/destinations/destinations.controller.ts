import { Controller, Get, Param, Query } from '@nestjs/common';
import { FACILITY_CODE } from '@app/contracts';
import { ZodPipe } from '@app/http';
import { ComputeRrns, rrnsQuery, type RrnsView } from '../rrns/rrns.usecase';
import type { Suggestion } from './ranking';
import {
  SuggestDestinations,
  suggestDestinationsQuery,
  type SuggestDestinationsQuery,
} from './suggest-destinations.usecase';

/** Decision support for the referring doctor and the district: where to refer, and the RRNS. */
@Controller('v1')
export class DestinationsController {
  constructor(
    private readonly suggest: SuggestDestinations,
    private readonly rrns: ComputeRrns,
  ) {}

  @Get('referral-destinations')
  destinations(
    @Query(new ZodPipe(suggestDestinationsQuery)) q: SuggestDestinationsQuery,
  ): Promise<{ date: string; suggestions: Suggestion[] }> {
    return this.suggest.execute(q);
  }

  @Get('facilities/:facilityCode/rrns')
  ratio(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
    @Query(new ZodPipe(rrnsQuery)) q: { month: string },
  ): Promise<RrnsView> {
    return this.rrns.execute(facilityCode, q.month);
  }
}
