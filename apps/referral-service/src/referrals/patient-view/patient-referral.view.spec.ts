import type { Referral } from '../../generated/prisma/client';
import { patientReferralView, toPatientReferralView } from './patient-referral.view';

const row = {
  id: '0b9f4c1e-1111-4c1e-9f4c-1e0b9f4c1e01',
  number: '3329F0011226P000001',
  patientRef: 'p_abcdefgh12345678',
  patientName: 'v1:sealed-name',
  patientNik: 'v1:sealed-nik',
  patientCardNumber: 'v1:sealed-card',
  patientPhone: 'v1:sealed-phone',
  status: 'scheduled',
  statusReason: 'alasan staf',
  originFacilityCode: '3329F001',
  destinationFacilityCode: '3329R001',
  poliCode: 'INT',
  diagnosisCode: 'E11.9',
  diagnosisName: 'Diabetes melitus tipe 2',
  notes: 'catatan dokter',
  referringDoctor: 'dr. Contoh',
  taccCode: null,
  taccReason: null,
  referralDate: new Date('2026-12-01T00:00:00Z'),
  plannedVisitDate: new Date('2026-12-03T00:00:00Z'),
  validUntil: new Date('2027-03-01T00:00:00Z'),
  visitDate: new Date('2026-12-04T00:00:00Z'),
  practiceHours: '08:00-12:00',
  bookingCode: 'ABC123XYZ',
  displayNumber: 'INT-004',
  doctorCode: 'D01',
  feedback: { diagnosis: 'x', treatmentSummary: 'y', followUp: 'z' },
  backReferral: null,
  updatedAt: new Date('2026-12-02T01:02:03Z'),
} as unknown as Referral;

describe('toPatientReferralView', () => {
  const view = toPatientReferralView(row, new Map([['3329F001', 'Puskesmas Contoh']]));

  it('shows the patient where, what, when and how the loop stands', () => {
    expect(patientReferralView.parse(view)).toEqual(view);
    expect(view).toMatchObject({
      number: row.number,
      patientRef: 'p_abcdefgh12345678',
      status: 'scheduled',
      origin: { code: '3329F001', name: 'Puskesmas Contoh' },
      destination: { code: '3329R001', name: null },
      diagnosis: { code: 'E11.9', name: 'Diabetes melitus tipe 2' },
      appointment: { visitDate: '2026-12-04', bookingCode: 'ABC123XYZ', displayNumber: 'INT-004' },
      feedbackGiven: true,
      backReferral: null,
    });
  });

  it('never carries identifiers or what staff wrote for staff', () => {
    const text = JSON.stringify(view);
    for (const secret of ['sealed', 'alasan staf', 'catatan dokter', 'dr. Contoh', 'D01', '"y"'])
      expect(text).not.toContain(secret);
    expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['patient', 'notes']));
  });
});
