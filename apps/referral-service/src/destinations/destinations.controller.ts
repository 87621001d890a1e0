import { Controller, Get, Param, Query } from '@nestjs/common';
import { FACILITY_CODE } from '@app/contracts';
import { ZodPipe } from '@app/http';
import { ComputeRrns, rrnsQuery, type RrnsView } from '../rrns/rrns.usecase';
import {
  ComputeDistrictRrns,
  districtParam,
  type DistrictRrnsView,
} from '../rrns/district-rrns/district-rrns.usecase';
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
    private readonly districtRrns: ComputeDistrictRrns,
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

  /** Every FKTP of a district (kabupaten/kota) in one answer, for the district dashboard. */
  @Get('districts/:district/rrns')
  districtRatio(
    @Param('district', new ZodPipe(districtParam)) district: string,
    @Query(new ZodPipe(rrnsQuery)) q: { month: string },
  ): Promise<DistrictRrnsView> {
    return this.districtRrns.execute(district, q.month);
  }
}
