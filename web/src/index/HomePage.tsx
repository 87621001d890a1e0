import { currentLang, translator } from '../shared/i18n';

const t = translator(currentLang());

/** The entry page: where each kind of user starts. */
export function HomePage() {
  return (
    <main>
      <h1>{t('appName')}</h1>
      <p>
        <a class="button" href="/book.html">
          {t('pageBook')}
        </a>
      </p>
      <section class="card">
        <h2>{t('pageTicket')}</h2>
        <form action="/ticket.html" method="get">
          <label for="code">{t('bookingCode')}</label>
          <input
            id="code"
            name="code"
            required
            pattern="[0-9A-Za-z]{6,16}"
            autocomplete="off"
          />{' '}
          <button type="submit">{t('open')}</button>
        </form>
      </section>
      <section class="card">
        <h2>{t('pagesTitle')}</h2>
        <form method="get" action="/display.html">
          <label for="facility">{t('facilityCode')}</label>
          <input
            id="facility"
            name="facility"
            required
            pattern="[0-9A-Za-z]{8}"
            autocomplete="off"
          />
          <p class="actions">
            <button type="submit" formAction="/display.html">
              {t('pageDisplay')}
            </button>
            <button type="submit" formAction="/kiosk.html">
              {t('kioskTitle')}
            </button>
            <button type="submit" formAction="/desk.html">
              {t('deskChooseCounter')}
            </button>
            <button type="submit" formAction="/poster.html">
              {t('posterTitle')}
            </button>
          </p>
        </form>
      </section>
      <section class="card">
        <h2>{t('pageRefer')}</h2>
        <form method="get" action="/refer.html">
          <label for="refer-facility">{t('facilityCode')}</label>
          <input
            id="refer-facility"
            name="facility"
            required
            pattern="[0-9A-Za-z]{8}"
            autocomplete="off"
          />{' '}
          <button type="submit">{t('open')}</button>
        </form>
        <h2>{t('pageInbox')}</h2>
        <form method="get" action="/inbox.html">
          <label for="inbox-hospital">{t('facilityCode')}</label>
          <input
            id="inbox-hospital"
            name="hospital"
            required
            pattern="[0-9A-Za-z]{8}"
            autocomplete="off"
          />{' '}
          <button type="submit">{t('open')}</button>
        </form>
      </section>
      <p>
        <a class="button" href="/dashboard.html">
          {t('pageDashboard')}
        </a>{' '}
        <a class="button" href="/login.html">
          {t('pageLogin')}
        </a>
      </p>
      <p>
        <a href="?lang=id">Bahasa Indonesia</a> · <a href="?lang=en">English</a>
      </p>
    </main>
  );
}
