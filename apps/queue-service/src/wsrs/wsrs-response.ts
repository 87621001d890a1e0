import { DomainError } from '@app/http';

/**
 * WS RS answers: always HTTP 200; the outcome is in `metadata.code` — 200 success, 201 failure
 * with the reason in `message`, 202 patient not registered at this facility yet (Mobile JKN then
 * calls `pasienbaru`). This is the shape BPJS's Mobile JKN expects.
 */
export interface WsrsMetadata {
  code: 200 | 201 | 202;
  message: string;
}
export interface WsrsAnswer<T = unknown> {
  response?: T;
  metadata: WsrsMetadata;
}

export const ok = <T>(response?: T, message = 'Ok'): WsrsAnswer<T> =>
  response === undefined
    ? { metadata: { code: 200, message } }
    : { response, metadata: { code: 200, message } };

export const fail = (message: string): WsrsAnswer<never> => ({ metadata: { code: 201, message } });

/** Raised inside a WS RS use case to answer with metadata 201 (or 202) and this message. */
export class WsrsRefusal extends Error {
  constructor(
    message: string,
    readonly code: 201 | 202 = 201,
  ) {
    super(message);
    this.name = 'WsrsRefusal';
  }
}

export const NEW_PATIENT_MESSAGE =
  'Data pasien ini tidak ditemukan, silahkan Melakukan Registrasi Pasien Baru';

/** Runs a use case; a refusal or a DomainError (our rules) becomes metadata 201 with its reason. */
export async function answer<T>(run: () => Promise<WsrsAnswer<T>>): Promise<WsrsAnswer<T>> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof WsrsRefusal) return { metadata: { code: e.code, message: e.message } };
    if (e instanceof DomainError) return fail(e.message);
    throw e;
  }
}
