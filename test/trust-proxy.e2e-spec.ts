import { startTestApp, TestApp } from './support/test-app';

/**
 * TRUST_PROXY decides which address the per-address sign-in limit counts: the connection's peer
 * by default (a spoofed X-Forwarded-For changes nothing), the address the trusted proxy forwards
 * when set (so people behind one proxy are not all locked out together).
 */
let attempt = 0;

/** A failed sign-in from `forwardedFor`, each with an email of its own (the email limit stays out). */
async function failFrom(t: TestApp, forwardedFor: string): Promise<number> {
  const response = await t.request('POST', '/api/v1/auth/login', {
    body: { email: `nobody-${++attempt}@proxy.example`, password: 'wrong-password' },
    headers: { 'x-forwarded-for': forwardedFor },
  });
  return response.status;
}

/** Ten failures from one forwarded address: the limit of API.md. */
async function exhaust(t: TestApp, forwardedFor: string): Promise<void> {
  for (let i = 0; i < 10; i++) expect(await failFrom(t, forwardedFor)).toBe(401);
}

describe('TRUST_PROXY and the per-address sign-in limit', () => {
  it('off (the default): X-Forwarded-For is ignored, the peer address is counted', async () => {
    const t = await startTestApp();
    try {
      await exhaust(t, '198.51.100.1');
      // Another forwarded address changes nothing: the connection's address is at its limit.
      expect(await failFrom(t, '198.51.100.2')).toBe(429);
      expect(await failFrom(t, '203.0.113.9, 198.51.100.3')).toBe(429);
    } finally {
      await t.close();
    }
  });

  it.each([
    ['the proxy’s address', '127.0.0.1'],
    ['a range holding it', '10.0.0.0/8,127.0.0.0/8'],
    ['one hop', '1'],
  ])('set to %s: each forwarded address is counted apart', async (_label, trustProxy) => {
    const t = await startTestApp({ env: { TRUST_PROXY: trustProxy } });
    try {
      await exhaust(t, '198.51.100.1');
      expect(await failFrom(t, '198.51.100.1')).toBe(429);
      expect(await failFrom(t, '198.51.100.2')).toBe(401);
      // The proxy appends the client's address: what the client itself claimed comes first.
      expect(await failFrom(t, '198.51.100.1, 198.51.100.4')).toBe(401);
    } finally {
      await t.close();
    }
  });
});
