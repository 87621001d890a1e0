import { useEffect, useState } from 'preact/hooks';
import type { StaffAuth } from './auth-client';
import { currentLang, roleLabel, translator } from './i18n';

const t = translator(currentLang());

/**
 * The signed-in account on a staff page: name, role and "Keluar". When the gateway refuses the
 * page's live subscription it says why here before the page goes to the login page.
 */
export function AccountBar({ auth }: { auth: StaffAuth }) {
  const [denied, setDenied] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  useEffect(() => auth.onDenied(setDenied), [auth]);
  const { displayName, role, facilityCode, district } = auth.account;
  const place = facilityCode ?? district;
  return (
    <header class="account-bar" data-testid="account-bar">
      <span>
        <span class="sr-only">{t('accountLabel')}: </span>
        <strong data-testid="account-name">{displayName}</strong> · {roleLabel(t, role)}
        {place && ` · ${place}`}
      </span>
      <button
        type="button"
        class="secondary"
        data-testid="logout"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void auth.logout();
        }}
      >
        {t('logout')}
      </button>
      {denied && (
        <p class="error" role="alert" data-testid="auth-denied">
          {denied === 'AUTH.TOKEN_INVALID' || denied === 'AUTH.REQUIRED'
            ? t('authDeniedExpired')
            : t('authDeniedForbidden')}
        </p>
      )}
    </header>
  );
}
