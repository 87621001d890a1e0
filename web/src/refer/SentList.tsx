import { referralStatusLabel, type Translate } from '../shared/i18n';
import type { ReferralView } from '../shared/referrals';

/** What this FKTP sent, with each referral's status as it changes (pushed). */
export function SentList(props: {
  t: Translate;
  referrals: ReferralView[] | null;
  hospitalName: (code: string) => string;
}) {
  const { t, referrals, hospitalName } = props;
  return (
    <section class="card" aria-labelledby="sent-title">
      <h2 id="sent-title">{t('referSentList')}</h2>
      {referrals?.length === 0 && <p>{t('referSentEmpty')}</p>}
      {referrals && referrals.length > 0 && (
        <div class="table-scroll">
          <table class="referrals" data-testid="sent-list">
            <thead>
              <tr>
                <th scope="col">{t('colNumber')}</th>
                <th scope="col">{t('colPatient')}</th>
                <th scope="col">{t('colDestination')}</th>
                <th scope="col">{t('colDiagnosis')}</th>
                <th scope="col">{t('colVisit')}</th>
                <th scope="col">{t('colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {referrals.map((r) => (
                <tr key={r.id} data-testid={`sent-${r.number}`}>
                  <td>{r.number}</td>
                  <td>{r.patient.name}</td>
                  <td>
                    {hospitalName(r.destinationFacilityCode)} · {r.poliCode}
                  </td>
                  <td>
                    {r.diagnosis.code} {r.diagnosis.name}
                  </td>
                  <td>
                    {r.appointment?.visitDate ?? r.plannedVisitDate}
                    {r.appointment?.displayNumber && ` · ${r.appointment.displayNumber}`}
                  </td>
                  <td>
                    <span class={`badge ref-${r.status}`} data-testid="sent-status">
                      {referralStatusLabel(t, r.status)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
