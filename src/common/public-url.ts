/**
 * Whether a URL points at this machine only (localhost, 127.0.0.0/8, ::1, or the unspecified
 * 0.0.0.0 / ::), so that a phone scanning a printed QR code could not open it.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const bare = host.replace(/^\[|\]$/g, '');
  return (
    bare === 'localhost' ||
    bare.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(bare) ||
    bare === '0.0.0.0' ||
    bare === '::1' ||
    bare === '::' ||
    bare === '0:0:0:0:0:0:0:1'
  );
}

/** The start-up warning for a loopback PUBLIC_URL, or undefined when it is reachable. */
export function loopbackWarning(publicUrl: string): string | undefined {
  if (!isLoopbackUrl(publicUrl)) return undefined;
  return (
    `Note: PUBLIC_URL is ${publicUrl}, an address only this machine can open: the QR codes ` +
    'printed from the QR sheet will not open on phones. Set PUBLIC_URL to the address people ' +
    'reach Makon at (for example http://192.168.1.10:3000 or https://makon.example.org).'
  );
}
