import type { Referral } from '../../generated/prisma/client';
import { dateOnly } from '../referral-dates';
import type { ReferralStatus } from '../referral-status';

/** SATUSEHAT identifier systems (Kemenkes). */
export const FHIR_SYSTEMS = {
  nik: 'https://fhir.kemkes.go.id/id/nik',
  ihsNumber: 'https://fhir.kemkes.go.id/id/ihs-number',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  /** Project namespace: BPJS facility codes and referral numbers have no SATUSEHAT system. */
  facilityCode: 'https://antrean-rujukan.id/fhir/sid/kode-ppk',
  referralNumber: 'https://antrean-rujukan.id/fhir/sid/nomor-rujukan',
  jknCard: 'https://antrean-rujukan.id/fhir/sid/nomor-kartu-jkn',
  referralStatus: 'https://antrean-rujukan.id/fhir/CodeSystem/referral-status',
} as const;

type TaskStatus =
  | 'requested'
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'in-progress'
  | 'completed'
  | 'cancelled'
  | 'failed';

/** Our status → FHIR Task.status (the business status keeps the detail). */
export const TASK_STATUS: Record<ReferralStatus, TaskStatus> = {
  sent: 'requested',
  forwarded: 'requested',
  received: 'received',
  accepted: 'accepted',
  scheduled: 'accepted',
  needs_rescheduling: 'accepted',
  declined: 'rejected',
  attended: 'in-progress',
  completed: 'completed',
  back_referred: 'completed',
  cancelled: 'cancelled',
  no_show: 'failed',
  expired: 'failed',
};

/** Our status → ServiceRequest.status. */
export const SERVICE_REQUEST_STATUS: Record<ReferralStatus, 'active' | 'completed' | 'revoked'> = {
  sent: 'active',
  forwarded: 'active',
  received: 'active',
  accepted: 'active',
  scheduled: 'active',
  needs_rescheduling: 'active',
  attended: 'active',
  completed: 'completed',
  back_referred: 'completed',
  declined: 'revoked',
  cancelled: 'revoked',
  no_show: 'revoked',
  expired: 'revoked',
};

const org = (code: string) => ({
  identifier: { system: FHIR_SYSTEMS.facilityCode, value: code },
  display: code,
});

/** A referral as FHIR R4: ServiceRequest ("Dirujuk ke") + the Task that tracks it. Times in UTC. */
export function toFhirBundle(r: Referral, status: ReferralStatus): Record<string, unknown> {
  const patientIds = [
    ...(r.patientNik ? [{ use: 'official', system: FHIR_SYSTEMS.nik, value: r.patientNik }] : []),
    ...(r.patientCardNumber ? [{ system: FHIR_SYSTEMS.jknCard, value: r.patientCardNumber }] : []),
  ];
  const subject = { identifier: patientIds[0], display: r.patientName };
  const srId = `sr-${r.id}`;
  const feedback = r.feedback as {
    diagnosis: string;
    treatmentSummary: string;
    followUp: string;
  } | null;
  const serviceRequest = {
    resourceType: 'ServiceRequest',
    id: srId,
    identifier: [{ system: FHIR_SYSTEMS.referralNumber, value: r.number }],
    status: SERVICE_REQUEST_STATUS[status],
    intent: 'order',
    category: [{ text: 'Dirujuk ke' }],
    code: { text: `Rujukan poli ${r.poliCode}${r.subspecialty ? ` (${r.subspecialty})` : ''}` },
    subject,
    authoredOn: r.createdAt.toISOString(),
    occurrenceDateTime: `${dateOnly(r.visitDate ?? r.plannedVisitDate)}T00:00:00Z`,
    requester: { display: r.referringDoctor },
    performer: [org(r.destinationFacilityCode)],
    reasonCode: [
      { coding: [{ system: FHIR_SYSTEMS.icd10, code: r.diagnosisCode, display: r.diagnosisName }] },
    ],
    ...(r.notes ? { note: [{ text: r.notes }] } : {}),
    extension: [
      { url: 'validUntil', valueDate: dateOnly(r.validUntil) },
      ...(r.taccCode !== null
        ? [{ url: 'tacc', valueString: `${r.taccCode}: ${r.taccReason}` }]
        : []),
    ],
  };
  const task = {
    resourceType: 'Task',
    id: `task-${r.id}`,
    identifier: [{ system: FHIR_SYSTEMS.referralNumber, value: r.number }],
    basedOn: [{ reference: `ServiceRequest/${srId}` }],
    focus: { reference: `ServiceRequest/${srId}` },
    status: TASK_STATUS[status],
    businessStatus: { coding: [{ system: FHIR_SYSTEMS.referralStatus, code: status }] },
    ...(r.statusReason ? { statusReason: { text: r.statusReason } } : {}),
    intent: 'order',
    for: subject,
    requester: org(r.originFacilityCode),
    owner: org(r.destinationFacilityCode),
    authoredOn: r.createdAt.toISOString(),
    lastModified: r.updatedAt.toISOString(),
    restriction: { period: { end: `${dateOnly(r.validUntil)}T23:59:59Z` } },
    ...(feedback
      ? {
          output: [
            { type: { text: 'diagnosis' }, valueString: feedback.diagnosis },
            { type: { text: 'treatmentSummary' }, valueString: feedback.treatmentSummary },
            { type: { text: 'followUp' }, valueString: feedback.followUp },
          ],
        }
      : {}),
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: [{ resource: serviceRequest }, { resource: task }],
  };
}
