import { useState } from 'preact/hooks';
import { ApiError, postJson } from '../shared/api';
import { rateLimitText, type Translate } from '../shared/i18n';
import type { PatientAccess } from '../shared/patient-access';

/**
 * Opening a ticket on a device that did not book it: a one-time code is sent to the phone given
 * when booking (through notification-service), and the code typed here gives this tab the
 * patient's token for that booking.
 */
export function PatientOtp({
  code,
  t,
  notice,
  onVerified,
}: {
  code: string;
  t: Translate;
  notice: string | null;
  onVerified: (access: PatientAccess) => void;
}) {
  const [sent, setSent] = useState(false);
  const [otp, setOtp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const explain = (e: unknown, invalid: string): string => {
    if (e instanceof ApiError && e.status === 429) return rateLimitText(t, e.retryAfterSeconds);
    if (e instanceof ApiError && e.status === 404) return t('ticketNotFound');
    if (e instanceof ApiError && e.code === 'AUTH.OTP_INVALID') return invalid;
    return (e as Error).message;
  };

  const request = async () => {
    setBusy(true);
    setError(null);
    try {
      await postJson('/api/v1/auth/patient/otp', { bookingCode: code });
      setSent(true);
    } catch (e) {
      setError(explain(e, t('otpInvalid')));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onVerified(
        await postJson<PatientAccess>('/api/v1/auth/patient/verify', {
          bookingCode: code,
          otp: otp.trim(),
        }),
      );
    } catch (err) {
      setOtp('');
      setError(explain(err, t('otpInvalid')));
      setBusy(false);
    }
  };

  return (
    <section class="card login" aria-labelledby="otp-title" data-testid="patient-otp">
      <h2 id="otp-title">{t('otpTitle')}</h2>
      {notice && <p class="alert">{notice}</p>}
      <p>{t('otpIntro', { code })}</p>
      {!sent ? (
        <button type="button" disabled={busy} onClick={() => void request()}>
          {busy ? t('otpSending') : t('otpSend')}
        </button>
      ) : (
        <form onSubmit={(e) => void verify(e)}>
          <p role="status" data-testid="otp-sent">
            {t('otpSent')}
          </p>
          <label for="otp">{t('otpCode')}</label>
          <input
            id="otp"
            name="otp"
            inputMode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]*"
            required
            autofocus
            maxLength={10}
            value={otp}
            onInput={(ev) => setOtp(ev.currentTarget.value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('otpVerifying') : t('otpVerify')}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => void request()}>
            {t('otpResend')}
          </button>
        </form>
      )}
      {error && (
        <p class="error" role="alert" data-testid="otp-error">
          {error}
        </p>
      )}
    </section>
  );
}
