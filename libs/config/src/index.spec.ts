import { z } from 'zod';
import { baseServiceSchema, ConfigError, loadConfig, port, requiredVariables } from './index';

describe('loadConfig', () => {
  const schema = baseServiceSchema.extend({ PORT: port(3000), SECRET_KEY: z.string().min(4) });

  it('parses a valid environment with defaults', () => {
    const cfg = loadConfig(schema, {
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SECRET_KEY: 'abcd',
    });
    expect(cfg.PORT).toBe(3000);
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
  });

  it('names each bad variable and hides secrets', () => {
    expect(() =>
      loadConfig(schema, {
        KAFKA_BROKERS: 'nope',
        REDIS_URL: 'redis://x',
        PORT: '99999',
        SECRET_KEY: 'x',
      }),
    ).toThrow(ConfigError);
    try {
      loadConfig(schema, { KAFKA_BROKERS: 'nope', PORT: '99999', SECRET_KEY: 'x' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('KAFKA_BROKERS');
      expect(msg).toContain('REDIS_URL');
      expect(msg).toContain('not set');
      expect(msg).toContain('PORT');
      expect(msg).toContain('SECRET_KEY');
      expect(msg).not.toContain('"x"');
    }
  });

  it('lists required variables', () => {
    expect(requiredVariables(schema).sort()).toEqual(['KAFKA_BROKERS', 'REDIS_URL', 'SECRET_KEY']);
  });
});
