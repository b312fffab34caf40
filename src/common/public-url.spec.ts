import { isLoopbackUrl, loopbackWarning } from './public-url';

describe('isLoopbackUrl', () => {
  it.each([
    'http://127.0.0.1:3000',
    'http://127.12.0.9',
    'http://localhost:3000',
    'http://LOCALHOST',
    'http://app.localhost:8080',
    'http://[::1]:3000',
    'http://0.0.0.0:3000',
    'http://[::]:3000',
  ])('%s is loopback', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
    expect(loopbackWarning(url)).toContain(url);
  });

  it.each([
    'http://192.168.1.10:3000',
    'https://makon.example.org',
    'http://10.0.0.5',
    'http://127.example.org',
    'http://localhost.example.org',
    'not a url',
  ])('%s is not', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
    expect(loopbackWarning(url)).toBeUndefined();
  });
});
