import { REFERRAL_STATUSES } from '../referral-status';
import { FHIR_SYSTEMS, SERVICE_REQUEST_STATUS, TASK_STATUS, toFhirBundle } from './to-fhir-bundle';
import type { Referral } from '../../generated/prisma/client';

const referral = {
  id: '0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
  number: '332901011126P000001',
  originFacilityCode: '33290101',
  destinationFacilityCode: '3329R001',
  poliCode: 'INT',
  subspecialty: null,
  patientRef: 'p_abcdefghijklmnop',
  patientNik: '3329010101900001',
  identityKeyId: null,
  identityErasedAt: null,
  patientCardNumber: null,
  patientName: 'Siti',
  patientPhone: null,
  diagnosisCode: 'E11.5',
  diagnosisName: 'DM',
  nonSpecialist: false,
  taccCode: null,
  taccReason: null,
  referralType: 0,
  serviceType: 2,
  referralDate: new Date('2026-11-23T00:00:00Z'),
  plannedVisitDate: new Date('2026-11-25T00:00:00Z'),
  validUntil: new Date('2027-02-21T00:00:00Z'),
  notes: null,
  referringDoctor: 'dr. Andi',
  status: 'completed',
  statusReason: null,
  visitDate: null,
  doctorCode: null,
  practiceHours: null,
  bookingCode: null,
  displayNumber: null,
  forwardedFrom: null,
  feedback: { diagnosis: 'E11.5', treatmentSummary: 'Insulin', followUp: 'PRB' },
  backReferral: null,
  version: 3,
  idempotencyKey: null,
  requestHash: null,
  createdAt: new Date('2026-11-23T01:00:00Z'),
  updatedAt: new Date('2026-11-25T04:00:00Z'),
} as Referral;

describe('FHIR view', () => {
  it('maps every status to a FHIR Task and ServiceRequest status', () => {
    for (const s of REFERRAL_STATUSES) {
      expect(TASK_STATUS[s]).toBeDefined();
      expect(SERVICE_REQUEST_STATUS[s]).toBeDefined();
    }
    expect(TASK_STATUS.declined).toBe('rejected');
    expect(TASK_STATUS.expired).toBe('failed');
  });

  it('is a Bundle of ServiceRequest + Task, with the SATUSEHAT NIK system and UTC times', () => {
    const bundle = toFhirBundle(referral, 'completed') as {
      entry: Array<{ resource: Record<string, unknown> }>;
    };
    const [sr, task] = bundle.entry.map((e) => e.resource);
    expect(sr).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'completed',
      intent: 'order',
    });
    expect(task).toMatchObject({ resourceType: 'Task', status: 'completed' });
    expect(JSON.stringify(sr)).toContain(FHIR_SYSTEMS.nik);
    expect(task.authoredOn).toBe('2026-11-23T01:00:00.000Z');
    expect(JSON.stringify(task)).toContain('treatmentSummary');
  });
});
