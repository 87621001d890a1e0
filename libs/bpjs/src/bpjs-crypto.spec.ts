import { createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import * as LZString from 'lz-string';
import { decryptResponse, encryptResponse } from './response-crypto';
import { sign, signedHeaders, verifySignature } from './signature';
import { classifyAntrolAnswer } from './antrol';

/**
 * Vectors computed outside the code under test: the fixed ones with Python's hmac/hashlib and the
 * openssl CLI (`openssl enc -aes-256-cbc -K <sha256 hex> -iv <its first 16 bytes> -base64`), and
 * random ones against a second implementation written here from BPJS's description.
 */
const CONS_ID = '1234';
const SECRET = 'rahasia123';
const TS = '1700000000';

// python3: base64.b64encode(hmac.new(b'rahasia123', b'1234&1700000000', hashlib.sha256).digest())
const FIXED_SIGNATURE = 'pgi9NGDg1Iyee4RsETrtPE5y9egAlf4Zh7YydnUr9VE=';
// printf '%s' "$LZ" | openssl enc -aes-256-cbc -K 0e93…c244 -iv 0e93…5b41 -base64 -A
const FIXED_CIPHERTEXT =
  'RxSq86gD3C4xZ4afS9tWjN3WQ14pOUwM81Iu0gKF0Qi1SVP7JIZsFibEEjjpA60MrcZtWaujrPenEUORYbgMCjL5ZmQbqpOnqwrAJjyo37gwVw3rhAmNoQ2mS8Y2t2od';
const FIXED_PLAIN = JSON.stringify({ list: [{ taskid: 3, waktu: '2026-11-23 08:00:00 WIB' }] });

/** A second, independent reading of the BPJS rules. */
function referenceSignature(consId: string, secret: string, ts: string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(Buffer.from(consId + '&' + ts, 'utf8'));
  return mac.digest().toString('base64');
}
function referenceDecrypt(consId: string, secret: string, ts: string, b64: string): string {
  const keyHash = createHash('sha256');
  keyHash.update(consId + secret + ts);
  const key = keyHash.digest();
  const iv = Buffer.alloc(16);
  key.copy(iv, 0, 0, 16);
  const d = createDecipheriv('aes-256-cbc', key, iv);
  let out = d.update(b64, 'base64', 'utf8');
  out += d.final('utf8');
  return LZString.decompressFromEncodedURIComponent(out);
}

describe('BPJS signature', () => {
  it('matches the fixed vector', () => {
    expect(sign(CONS_ID, SECRET, TS)).toBe(FIXED_SIGNATURE);
    expect(verifySignature(CONS_ID, SECRET, TS, FIXED_SIGNATURE)).toBe(true);
    expect(verifySignature(CONS_ID, SECRET, '1700000001', FIXED_SIGNATURE)).toBe(false);
    expect(verifySignature(CONS_ID, 'other', TS, FIXED_SIGNATURE)).toBe(false);
  });

  it('matches the reference implementation on random inputs', () => {
    for (let i = 0; i < 50; i++) {
      const consId = String(10000 + i * 37);
      const secret = randomBytes(12).toString('base64');
      const ts = String(1_700_000_000 + i * 999);
      expect(sign(consId, secret, ts)).toBe(referenceSignature(consId, secret, ts));
    }
  });

  it('builds the four headers with one timestamp', () => {
    expect(signedHeaders({ consId: CONS_ID, secret: SECRET, userKey: 'uk' }, TS)).toEqual({
      'X-cons-id': CONS_ID,
      'X-timestamp': TS,
      'X-signature': FIXED_SIGNATURE,
      user_key: 'uk',
    });
  });
});

describe('BPJS response decryption', () => {
  it('opens the fixed vector encrypted by openssl', () => {
    expect(decryptResponse(CONS_ID, SECRET, TS, FIXED_CIPHERTEXT)).toBe(FIXED_PLAIN);
  });

  it('agrees with the reference implementation, both ways, on random inputs', () => {
    for (let i = 0; i < 30; i++) {
      const secret = randomBytes(10).toString('hex');
      const ts = String(1_700_000_000 + i);
      const plain = JSON.stringify({
        i,
        text: randomBytes(i * 7).toString('base64'),
        ok: 'Ñandú ✓',
      });
      const sealed = encryptResponse(CONS_ID, secret, ts, plain);
      expect(referenceDecrypt(CONS_ID, secret, ts, sealed)).toBe(plain);
      expect(decryptResponse(CONS_ID, secret, ts, sealed)).toBe(plain);
    }
  });

  it('refuses a response sealed with another timestamp or secret', () => {
    const sealed = encryptResponse(CONS_ID, SECRET, TS, FIXED_PLAIN);
    expect(() => decryptResponse(CONS_ID, SECRET, '1700000001', sealed)).toThrow();
    expect(() => decryptResponse(CONS_ID, 'wrong', TS, sealed)).toThrow();
  });
});

describe('classifyAntrolAnswer', () => {
  it.each([
    [200, 'Ok.', 'done'],
    [208, 'Terdapat duplikasi Kode Booking', 'done'],
    [201, 'TaskId=3 sudah ada', 'done'],
    [201, 'TaskId sebelumnya belum terkirim', 'previous-task-missing'],
    [201, 'Kode Booking tidak ditemukan', 'rejected'],
  ])('%s %s → %s', (code, message, outcome) => {
    expect(classifyAntrolAnswer({ code, message })).toBe(outcome);
  });
});
