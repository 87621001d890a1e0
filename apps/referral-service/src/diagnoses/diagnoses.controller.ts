import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import { lookupIcd10 } from './icd10';
import { NonSpecialistList, type NonSpecialistEntry } from './non-specialist-list';

export const icd10Param = z.string().min(3).max(8);

export const putNonSpecialistRequest = z
  .object({
    name: z.string().min(2).max(200),
    active: z.boolean().default(true),
    source: z.string().min(3).max(200),
  })
  .strict();

export const diagnosisView = z.object({
  code: z.string(),
  name: z.string(),
  nonSpecialist: z.boolean(),
});

export const nonSpecialistEntryView = z.object({
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  source: z.string(),
});

/** ICD-10 lookup and the configurable list of the FKTP's own (non-specialist) diagnoses. */
@Controller('v1')
export class DiagnosesController {
  constructor(private readonly list: NonSpecialistList) {}

  @Get('diagnoses/:code')
  async lookup(
    @Param('code', new ZodPipe(icd10Param)) code: string,
  ): Promise<z.infer<typeof diagnosisView>> {
    const d = lookupIcd10(code);
    return { ...d, nonSpecialist: (await this.list.match(d.code)) !== undefined };
  }

  @Get('non-specialist-diagnoses')
  all(): Promise<NonSpecialistEntry[]> {
    return this.list.list();
  }

  /** Adds an entry, renames it, or switches it off (`active: false`). */
  @Put('non-specialist-diagnoses/:code')
  async put(
    @Param('code', new ZodPipe(icd10Param)) code: string,
    @Body(new ZodPipe(putNonSpecialistRequest)) body: z.infer<typeof putNonSpecialistRequest>,
  ): Promise<NonSpecialistEntry> {
    const entry = { code: lookupIcd10(code).code, ...body };
    await this.list.put(entry);
    return entry;
  }
}
