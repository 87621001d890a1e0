import Handlebars from 'handlebars';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];

export interface TemplateText {
  title: string;
  body: string;
}

/** A message template: versioned (`name@version` is part of the exactly-once key), id and en. */
export interface TemplateDefinition<V extends object> {
  name: string;
  version: number;
  /** Critical messages (being called, almost your turn) are sent during quiet hours too. */
  critical: boolean;
  audience: 'patient' | 'staff';
  texts: Record<Locale, TemplateText>;
  /** Example variables: rendering tests and the OpenAPI examples use them. */
  sample: V;
}

export interface RenderedMessage {
  template: string;
  locale: Locale;
  title: string;
  body: string;
}

export interface RenderContext {
  locale: Locale;
  timeZone: string;
}

export interface Template<V extends object> {
  readonly key: string;
  readonly definition: TemplateDefinition<V>;
  render(vars: V, ctx: RenderContext): RenderedMessage;
}

const hbs = Handlebars.create();
const ctxOf = (options: Handlebars.HelperOptions): RenderContext =>
  (options.data as { root: unknown; ctx: RenderContext }).ctx;

/** {{date "2026-11-24"}} → "Selasa, 24 November 2026" / "Tuesday 24 November 2026". */
hbs.registerHelper('date', (iso: string, options: Handlebars.HelperOptions) =>
  new Intl.DateTimeFormat(ctxOf(options).locale === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
);

const ZONE_LABEL: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** {{time "2026-11-24T02:30:00Z"}} → "09.30 WIB" (local time of the facility). */
hbs.registerHelper('time', (iso: string, options: Handlebars.HelperOptions) => {
  const { timeZone } = ctxOf(options);
  const hm = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
  return `${hm.replace(':', '.')} ${ZONE_LABEL[timeZone] ?? timeZone}`;
});

const STATION: Record<Locale, Record<string, string>> = {
  id: { admisi: 'loket pendaftaran (admisi)', poli: 'poli', farmasi: 'farmasi' },
  en: { admisi: 'the admission desk', poli: 'the clinic', farmasi: 'the pharmacy' },
};
hbs.registerHelper(
  'station',
  (code: string, options: Handlebars.HelperOptions) => STATION[ctxOf(options).locale][code] ?? code,
);

/** Compiles a definition once. Strict: a variable the template names but the caller lacks throws. */
export function defineTemplate<V extends object>(definition: TemplateDefinition<V>): Template<V> {
  const compiled = Object.fromEntries(
    LOCALES.map((l) => [
      l,
      {
        title: hbs.compile(definition.texts[l].title, { strict: true, noEscape: true }),
        body: hbs.compile(definition.texts[l].body, { strict: true, noEscape: true }),
      },
    ]),
  ) as Record<Locale, Record<keyof TemplateText, Handlebars.TemplateDelegate>>;
  const key = `${definition.name}@${definition.version}`;
  return {
    key,
    definition,
    render(vars, ctx) {
      const t = compiled[ctx.locale];
      const data = { ctx };
      return {
        template: key,
        locale: ctx.locale,
        title: t.title(vars, { data }).trim(),
        body: t.body(vars, { data }).replace(/\s+/g, ' ').trim(),
      };
    },
  };
}
