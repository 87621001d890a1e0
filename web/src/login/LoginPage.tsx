import { useRef, useState } from 'preact/hooks';
import { ApiError, postJson } from '../shared/api';
import {
  homeFor,
  readSession,
  safeNext,
  writeSession,
  type LoginReason,
  type StaffSession,
} from '../shared/auth-session';
import { currentLang, rateLimitText, translator, type MessageKey } from '../shared/i18n';

const t = translator(currentLang());
const params = new URLSearchParams(location.search);
const next = safeNext(params.get('next'));
const reason = params.get('reason') as LoginReason | null;
const REASONS: Record<LoginReason, MessageKey> = {
  required: 'loginReason_required',
  expired: 'loginReason_expired',
  forbidden: 'loginReason_forbidden',
  logout: 'loginReason_logout',
};

/**
 * Staff sign-in (`/login.html?next=<page>`): username and password, then back to the page that
 * sent here (or the account's own work page). The session lives in this tab only.
 */
export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signedIn = readSession(sessionStorage);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const session = await postJson<StaffSession>('/api/v1/auth/login', {
        username: username.trim(),
        password,
      });
      writeSession(sessionStorage, session);
      // Replace: Back from the console must not come here with the password still typed.
      location.replace(next ?? homeFor(session.account));
    } catch (err) {
      setPassword('');
      setBusy(false);
      if (err instanceof ApiError && err.code === 'AUTH.INVALID_CREDENTIALS') {
        setError(t('loginInvalid'));
      } else if (err instanceof ApiError && err.status === 429) {
        setError(rateLimitText(t, err.retryAfterSeconds));
      } else {
        setError(t('loginFailed', { message: (err as Error).message }));
      }
    }
  };

  return (
    <main class="login">
      <div class="status-line">
        <span>{t('appName')}</span>
        <span>
          <a href="?lang=id" lang="id">
            Bahasa Indonesia
          </a>{' '}
          ·{' '}
          <a href="?lang=en" lang="en">
            English
          </a>
        </span>
      </div>
      <h1>{t('loginTitle')}</h1>
      {reason && REASONS[reason] && (
        <p class="alert" role="status" data-testid="login-reason">
          {t(REASONS[reason])}
        </p>
      )}
      {signedIn && reason !== 'logout' && (
        <p data-testid="login-signed-in">
          {t('loginSignedInAs', { name: signedIn.account.displayName })}
        </p>
      )}
      <section class="card">
        <p>{t('loginIntro')}</p>
        <form onSubmit={(e) => void submit(e)} data-testid="login-form">
          <label for="username">{t('loginUsername')}</label>
          <input
            id="username"
            name="username"
            type="text"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            maxLength={100}
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <label for="password">{t('loginPassword')}</label>
          <input
            id="password"
            name="password"
            ref={passwordInput}
            type="password"
            autocomplete="current-password"
            required
            maxLength={200}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-describedby={error ? 'login-error' : undefined}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={showPassword}
              onChange={(e) => {
                const shown = e.currentTarget.checked;
                setShowPassword(shown);
                if (passwordInput.current) passwordInput.current.type = shown ? 'text' : 'password';
              }}
            />
            {t('loginShowPassword')}
          </label>
          {error && (
            <p class="error" role="alert" id="login-error" data-testid="login-error">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('loginBusy') : t('loginSubmit')}
          </button>
        </form>
      </section>
      <p>
        {t('loginPatientHint')} <a href="/">{t('appName')}</a>
      </p>
    </main>
  );
}
