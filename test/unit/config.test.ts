import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.session).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
    expect(config.login).toEqual({ maxFailures: 5, lockMs: 15 * 60_000 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.cookieSecure).toBe(false);
  });

  it('lists every problem at once', () => {
    let caught: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_IDLE_MINUTES: '-1', ADMIN_PASSWORD: 'short', TRUST_PROXY: 'maybe' });
    } catch (error) {
      caught = error as ConfigError;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect(caught!.problems.map((p) => p.split(':')[0]).sort()).toEqual(['ADMIN_PASSWORD', 'DATABASE_URL', 'PORT', 'SESSION_IDLE_MINUTES', 'TRUST_PROXY']);
  });

  it('makes cookies Secure behind a TLS proxy', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'true', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('defaults to localhost on the port and drops a trailing slash', () => {
    expect(loadConfig({ PORT: '4123' }).publicBaseUrl).toBe('http://localhost:4123');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://mqa.linyi.gov.cn/' }).publicBaseUrl).toBe('https://mqa.linyi.gov.cn');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://example.cn/quality' }).publicBaseUrl).toBe('https://example.cn/quality');
  });

  it('refuses a URL the QR code could not carry', () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://example.cn' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://example.cn/?a=1' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
