import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import * as LZString from 'lz-string';

/** key = SHA-256(consId + secret + timestamp); IV = the key's first 16 bytes. */
function keyAndIv(consId: string, secret: string, timestamp: string): { key: Buffer; iv: Buffer } {
  const key = createHash('sha256').update(`${consId}${secret}${timestamp}`, 'utf8').digest();
  return { key, iv: key.subarray(0, 16) };
}

/**
 * Opens the `response` field of an Antrol answer: Base64 → AES-256-CBC (PKCS#7) → LZ-string
 * (`decompressFromEncodedURIComponent`) → text (usually JSON). Throws when it does not open.
 */
export function decryptResponse(
  consId: string,
  secret: string,
  timestamp: string,
  payload: string,
): string {
  const { key, iv } = keyAndIv(consId, secret, timestamp);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  const compressed = Buffer.concat([
    decipher.update(Buffer.from(payload, 'base64')),
    decipher.final(),
  ]).toString('utf8');
  const text: string | null = LZString.decompressFromEncodedURIComponent(compressed);
  if (text === null || (text === '' && compressed !== ''))
    throw new Error('BPJS response does not decompress (LZ-string)');
  return text;
}

/** What BPJS does to a response (used by the simulator): LZ-string, then AES-256-CBC, Base64. */
export function encryptResponse(
  consId: string,
  secret: string,
  timestamp: string,
  plain: string,
): string {
  const { key, iv } = keyAndIv(consId, secret, timestamp);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const compressed = LZString.compressToEncodedURIComponent(plain);
  return Buffer.concat([cipher.update(compressed, 'utf8'), cipher.final()]).toString('base64');
}
