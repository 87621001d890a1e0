import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import type { templateView } from '../../api/schemas';
import { TEMPLATES } from './catalog';
import { LOCALES } from './template';

/** The message templates in use, by `name@version`. */
@Controller('v1/templates')
export class TemplatesController {
  @Get()
  list(): Array<z.infer<typeof templateView>> {
    return [...TEMPLATES.values()].map((t) => ({
      key: t.key,
      name: t.definition.name,
      version: t.definition.version,
      critical: t.definition.critical,
      audience: t.definition.audience,
      locales: [...LOCALES],
    }));
  }
}
