import { HttpStatus } from '@nestjs/common';
import type { StatusTable } from '@app/http';

export const BridgeErrorCode = {
  CredentialsNotFound: 'BPJS.CREDENTIALS_NOT_FOUND',
} as const;

export const BRIDGE_STATUS_TABLE: StatusTable = {
  [BridgeErrorCode.CredentialsNotFound]: HttpStatus.NOT_FOUND,
};
