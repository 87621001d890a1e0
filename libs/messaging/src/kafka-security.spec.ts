import { ConfigError } from '@app/config';
import { kafkaSecurityOptions } from './kafka-client';

const base = {
  KAFKA_SECURITY_PROTOCOL: 'plaintext',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: undefined,
  KAFKA_SASL_PASSWORD: undefined,
  KAFKA_SSL_CA_FILE: undefined,
} as const;

describe('kafkaSecurityOptions', () => {
  it('adds nothing for plaintext', () => {
    expect(kafkaSecurityOptions(base)).toEqual({});
  });

  it('builds SCRAM options for sasl_plaintext', () => {
    expect(
      kafkaSecurityOptions({
        ...base,
        KAFKA_SECURITY_PROTOCOL: 'sasl_plaintext',
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD: 'pw',
      }),
    ).toEqual({ sasl: { mechanism: 'scram-sha-256', username: 'svc', password: 'pw' } });
  });

  it('verifies certificates under TLS', () => {
    expect(kafkaSecurityOptions({ ...base, KAFKA_SECURITY_PROTOCOL: 'ssl' })).toEqual({
      ssl: { rejectUnauthorized: true },
    });
  });

  it('stops the start when SASL has no user or password, naming the variables', () => {
    expect(() =>
      kafkaSecurityOptions({
        ...base,
        KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
        KAFKA_SASL_USERNAME: 'svc',
      }),
    ).toThrow(ConfigError);
    expect(() => kafkaSecurityOptions({ ...base, KAFKA_SECURITY_PROTOCOL: 'sasl_ssl' })).toThrow(
      /KAFKA_SASL_USERNAME.*\n.*KAFKA_SASL_PASSWORD/,
    );
  });

  it('stops the start when the CA file cannot be read', () => {
    expect(() =>
      kafkaSecurityOptions({
        ...base,
        KAFKA_SECURITY_PROTOCOL: 'ssl',
        KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem',
      }),
    ).toThrow(/KAFKA_SSL_CA_FILE: cannot read/);
  });
});
