import { HttpStatus } from '@nestjs/common';
import type { StatusTable } from '@app/http';

/** Stable codes of authentication and authorization (the contract in AUTH-CONTRACT / README). */
export const AuthErrorCode = {
  Required: 'AUTH.REQUIRED',
  TokenInvalid: 'AUTH.TOKEN_INVALID',
  InvalidCredentials: 'AUTH.INVALID_CREDENTIALS',
  RefreshInvalid: 'AUTH.REFRESH_INVALID',
  RefreshReused: 'AUTH.REFRESH_REUSED',
  OtpInvalid: 'AUTH.OTP_INVALID',
  Forbidden: 'AUTH.FORBIDDEN',
  FacilityForbidden: 'AUTH.FACILITY_FORBIDDEN',
  UsernameTaken: 'AUTH.USERNAME_TAKEN',
} as const;

export const AUTH_STATUS: StatusTable = {
  [AuthErrorCode.Required]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.TokenInvalid]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.RefreshInvalid]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.RefreshReused]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.OtpInvalid]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [AuthErrorCode.FacilityForbidden]: HttpStatus.FORBIDDEN,
  [AuthErrorCode.UsernameTaken]: HttpStatus.CONFLICT,
};

export const AUTH_MESSAGES = {
  required: 'Silakan masuk terlebih dahulu (Authorization: Bearer <token>).',
  tokenInvalid: 'Sesi tidak berlaku atau sudah berakhir. Silakan masuk kembali.',
  forbidden: 'Peran Anda tidak diizinkan memakai fitur ini.',
  facilityForbidden: 'Anda tidak berwenang atas faskes atau wilayah ini.',
  notYours: 'Data ini bukan milik Anda.',
  undeclared: 'Akses ke alamat ini belum diatur; ditolak.',
} as const;
