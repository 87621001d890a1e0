import { useMemo, useState } from 'preact/hooks';
import { setPageAuth } from './page-auth';
import {
  clearPatientAccess,
  PatientAuth,
  readPatientAccess,
  savePatientAccess,
  type PatientAccess,
} from './patient-access';

/**
 * A patient page's identity for one booking code or referral number (`key`): the token kept on
 * this tab, set as the page's auth while rendering (so the first reads and subscriptions carry
 * it); a refusal forgets it and leaves `lostNotice` for the one-time code form.
 */
export function usePatientAccess(key: string, lostNotice: string) {
  const [access, setAccess] = useState<PatientAccess | null>(() =>
    key ? readPatientAccess(sessionStorage, key) : null,
  );
  const [notice, setNotice] = useState<string | null>(null);
  const auth = useMemo(
    () =>
      access &&
      new PatientAuth(access, () => {
        clearPatientAccess(sessionStorage, key);
        setNotice(lostNotice);
        setAccess(null);
      }),
    [access],
  );
  setPageAuth(auth && { fetch: (input, init) => auth.fetch(input, init), live: auth });
  const grant = (a: PatientAccess) => {
    savePatientAccess(sessionStorage, key, a);
    setNotice(null);
    setAccess(a);
  };
  return { access, auth, notice, grant };
}
