/**
 * The FKTP referral form's rules that need no server: which identifier was typed, what is still
 * missing before sending, and the request body. The server checks everything again; these only
 * spare the doctor a round trip.
 */

/** TACC codes and reasons as BPJS's P-Care takes them (kdTacc, alasanTacc), as referral-service checks them. */
export const TACC_TIME_BRACKETS = ['< 3 Hari', '>= 3 - 7 Hari', '>= 7 Hari'] as const;
export const TACC_AGE_BRACKETS = [
  '< 1 Bulan',
  '>= 1 Bulan - < 12 Bulan',
  '>= 1 Tahun - < 5 Tahun',
  '>= 5 Tahun - < 12 Tahun',
  '>= 12 Tahun - < 55 Tahun',
  '>= 55 Tahun',
] as const;
export type TaccCode = 1 | 2 | 3 | 4;
export const TACC_CODES: readonly TaccCode[] = [1, 2, 3, 4];

/** The reasons to choose from for a TACC code; complication (3) is typed as "<ICD-10> - <name>". */
export function taccReasons(code: TaccCode): readonly string[] {
  switch (code) {
    case 1:
    case 4:
      return TACC_TIME_BRACKETS;
    case 2:
      return TACC_AGE_BRACKETS;
    case 3:
      return [];
  }
}

const COMPLICATION = /^[A-Z]\d{2}(\.\d{1,2})? - .{3,}$/;

export function taccReasonValid(code: TaccCode, reason: string): boolean {
  return code === 3 ? COMPLICATION.test(reason.trim()) : taccReasons(code).includes(reason);
}

/** A NIK is 16 digits, a JKN card number 13. */
export function identifierKind(value: string): 'nik' | 'cardNumber' | null {
  const digits = value.replace(/\s+/g, '');
  if (/^\d{16}$/.test(digits)) return 'nik';
  if (/^\d{13}$/.test(digits)) return 'cardNumber';
  return null;
}

export const PHONE = /^(\+62|62|0)8\d{7,12}$/;

export interface ReferralForm {
  doctor: string;
  patientName: string;
  identifier: string;
  phone: string;
  /** The ICD-10 code as looked up (the server's spelling), empty until found. */
  diagnosisCode: string;
  poliCode: string;
  subspecialty: string;
  plannedVisitDate: string;
  destination: string;
  notes: string;
  tacc: { code: TaccCode; reason: string } | null;
}

export type FormProblem =
  | 'doctor'
  | 'patientName'
  | 'identifier'
  | 'phone'
  | 'diagnosis'
  | 'poli'
  | 'date'
  | 'destination'
  | 'tacc';

/** What still stops the form from being sent (`today` as YYYY-MM-DD in the facility's zone). */
export function formProblems(form: ReferralForm, needsTacc: boolean, today: string): FormProblem[] {
  const problems: FormProblem[] = [];
  if (form.doctor.trim().length < 3) problems.push('doctor');
  if (form.patientName.trim().length < 2) problems.push('patientName');
  if (!identifierKind(form.identifier)) problems.push('identifier');
  if (form.phone.trim() && !PHONE.test(form.phone.trim())) problems.push('phone');
  if (!form.diagnosisCode) problems.push('diagnosis');
  if (!form.poliCode) problems.push('poli');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.plannedVisitDate) || form.plannedVisitDate < today) {
    problems.push('date');
  }
  if (!form.destination) problems.push('destination');
  if (needsTacc && !(form.tacc && taccReasonValid(form.tacc.code, form.tacc.reason))) {
    problems.push('tacc');
  }
  return problems;
}

/** The body of POST /api/v1/referrals. */
export function referralRequest(origin: string, form: ReferralForm, withTacc: boolean) {
  const identifier = form.identifier.replace(/\s+/g, '');
  const kind = identifierKind(identifier);
  return {
    originFacilityCode: origin,
    referringDoctor: form.doctor.trim(),
    patient: {
      name: form.patientName.trim(),
      ...(kind ? { [kind]: identifier } : {}),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    },
    diagnosisCode: form.diagnosisCode,
    destination: {
      facilityCode: form.destination,
      poliCode: form.poliCode,
      ...(form.subspecialty ? { subspecialty: form.subspecialty } : {}),
    },
    plannedVisitDate: form.plannedVisitDate,
    ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
    ...(withTacc && form.tacc
      ? { tacc: { code: form.tacc.code, reason: form.tacc.reason.trim() } }
      : {}),
  };
}
