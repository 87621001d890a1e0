import { useState } from 'preact/hooks';
import { ApiError, postJson } from './api';
import { rateLimitText, type Translate } from './i18n';
import type { PatientAccess } from './patient-access';

/**
 * Opening a ticket or a referral on a device: a one-time code is sent to the phone on file (given
 * when booking, or on the referral; through notification-service), and the code typed here gives
 * this tab the patient's token for that booking or referral.
 */
export function PatientOtp({
  code,
  kind = 'booking',
  t,
  notice,
  onVerified,
}: {
  code: string;
  kind?: 'booking' | 'referral';
  t: Translate;
  notice: string | null;
  onVerified: (access: PatientAccess) => void;
}) {
  const subject = kind === 'referral' ? { referralNumber: code } : { bookingCode: code };
  const referral = kind === 'referral';
  const [sent, setSent] = useState(false);
  const [otp, setOtp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const explain = (e: unknown, invalid: string): string => {
    if (e instanceof ApiError && e.status === 429) return rateLimitText(t, e.retryAfterSeconds);
    if (e instanceof ApiError && e.status === 404) return t('ticketNotFound');
    if (e instanceof ApiError && e.status === 400 && referral) return t('referralNumberInvalid');
    if (e instanceof ApiError && e.code === 'AUTH.OTP_INVALID') return invalid;
    return (e as Error).message;
  };

  const request = async () => {
    setBusy(true);
    setError(null);
    try {
      await postJson('/api/v1/auth/patient/otp', subject);
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
          ...subject,
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
      <h2 id="otp-title">{t(referral ? 'referralOtpTitle' : 'otpTitle')}</h2>
      {notice && <p class="alert">{notice}</p>}
      <p>{t(referral ? 'referralOtpIntro' : 'otpIntro', { code })}</p>
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
            {busy ? t('otpVerifying') : t(referral ? 'referralOtpVerify' : 'otpVerify')}
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
