import { FuzzWorld } from './fuzz-world';
import { deepArray, toJson } from './hostile';
import { FuzzRequest, Role } from './runner';
import { routeOf } from './web-fuzz';

/**
 * The requests issue 14 found to stop the server or fail with 500, exactly as reported: a `next`
 * outside visible ASCII with a session (finding 1), a form's `next` with a line break and a valid
 * CSRF pair (finding 1), JSON nested 5,000 levels deep on the anonymous login (finding 3), and
 * year-9999 dates on the timeline, occupancy, the report and its CSV, closures and their pages
 * (finding 7).
 */
export async function knownCrashingInputs(
  baseUrl: string,
  world: FuzzWorld,
): Promise<FuzzRequest[]> {
  const member = world.tokens.member[0];
  const coordinator = world.tokens.coordinator[0];
  const center = world.world.centerId;
  const anonymousPair = await csrfPair(baseUrl, undefined);
  const memberPair = await csrfPair(baseUrl, member);
  const coordinatorPair = await csrfPair(baseUrl, coordinator);
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const page = (
    as: Role,
    method: 'GET' | 'POST',
    path: string,
    label: string,
    cookie: string,
    body?: string,
  ): FuzzRequest => ({
    method,
    path,
    route: routeOf(path).split('?')[0],
    as,
    label: `known: ${label}`,
    headers: {
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body,
  });
  const api = (
    as: Role,
    method: string,
    path: string,
    label: string,
    body?: string,
  ): FuzzRequest => {
    const token =
      as === 'member' ? member : as === 'coordinator' ? coordinator : world.tokens.admin[0];
    return {
      method,
      path,
      route: routeOf(path).split('?')[0],
      as,
      label: `known: ${label}`,
      headers: {
        ...(as === 'anonymous' ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    };
  };
  const y9999 = '9999-12-31';
  return [
    page(
      'member',
      'GET',
      '/login?next=%2F%D1%8F',
      'next=/я with a session',
      `makon_session=${member}`,
    ),
    page(
      'anonymous',
      'GET',
      '/login?next=%2F%D1%8F',
      'next=/я with a junk session',
      'makon_session=junk',
    ),
    page(
      'anonymous',
      'POST',
      '/lang',
      'next=/\\nx with a CSRF pair',
      anonymousPair.cookie,
      form({ _csrf: anonymousPair.token, locale: 'ru', next: '/\nx' }),
    ),
    page(
      'member',
      'POST',
      '/lang',
      'next=/\\nx signed in',
      memberPair.cookie,
      form({ _csrf: memberPair.token, locale: 'en', next: '/\nx' }),
    ),
    api(
      'anonymous',
      'POST',
      '/api/v1/auth/login',
      'email nested 5000 deep',
      toJson({ email: deepArray(5000), password: 'x' }),
    ),
    api('admin', 'GET', `/api/v1/centers/${center}/timeline?date=${y9999}`, 'timeline year 9999'),
    api(
      'admin',
      'GET',
      `/api/v1/centers/${center}/occupancy?at=${y9999}T23:59`,
      'occupancy year 9999',
    ),
    api(
      'admin',
      'GET',
      `/api/v1/reports/utilization?centerId=${center}&from=${y9999}&to=${y9999}`,
      'report year 9999',
    ),
    api(
      'admin',
      'GET',
      `/api/v1/reports/utilization?centerId=${center}&from=${y9999}&to=${y9999}&format=csv`,
      'report CSV year 9999',
    ),
    api(
      'admin',
      'POST',
      `/api/v1/centers/${center}/closures`,
      'closure year 9999',
      toJson({ from: y9999, to: y9999, reason: 'End of time' }),
    ),
    page(
      'coordinator',
      'GET',
      `/admin?center=${center}&date=${y9999}`,
      'today page year 9999',
      coordinatorPair.cookie,
    ),
    page(
      'coordinator',
      'GET',
      `/admin/reports?center=${center}&from=${y9999}&to=${y9999}`,
      'reports page year 9999',
      coordinatorPair.cookie,
    ),
    page(
      'coordinator',
      'GET',
      `/admin/reports.csv?center=${center}&from=${y9999}&to=${y9999}`,
      'report CSV page year 9999',
      coordinatorPair.cookie,
    ),
    page(
      'coordinator',
      'POST',
      '/admin/center/closures',
      'closure form year 9999',
      coordinatorPair.cookie,
      form({ _csrf: coordinatorPair.token, center, from: y9999, to: y9999, reason: 'End of time' }),
    ),
  ];
}

/** A CSRF cookie and its form token, as a browser with this session (or none) gets them. */
async function csrfPair(
  baseUrl: string,
  session: string | undefined,
): Promise<{ cookie: string; token: string }> {
  const sessionCookie = session ? `makon_session=${session}` : '';
  const response = await fetch(`${baseUrl}${session ? '/book' : '/login'}`, {
    headers: sessionCookie ? { cookie: sessionCookie } : {},
    redirect: 'manual',
  });
  const text = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
  const csrfCookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .find((pair) => pair.startsWith('makon_csrf='));
  if (!token || !csrfCookie)
    throw new Error(`no CSRF pair from ${response.status} ${text.slice(0, 200)}`);
  return { cookie: [sessionCookie, csrfCookie].filter(Boolean).join('; '), token };
}
