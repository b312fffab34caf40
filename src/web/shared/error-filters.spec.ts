import { ArgumentsHost, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '../i18n';
import { WebContext, WebContextFactory } from './web-context';
import { WebErrorFilter } from './web-error.filter';
import { DomainError } from '../../common/domain-error';
import { GlobalErrorFilter } from '../../common/error.filter';

/**
 * Both exception filters, on a real Fastify server: whatever goes wrong while they answer (a
 * header Node refuses, a page that cannot be built), the filter itself never throws or rejects
 * (which would stop the process), and the request still gets a bare 500, with one log line.
 */
function hostOf(request: FastifyRequest, reply: FastifyReply): ArgumentsHost {
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
}

const englishContext: WebContext = {
  locale: 'en',
  t: translator('en'),
  csrfToken: 'token',
  path: '/',
  secureCookies: false,
};

describe('exception filters never throw', () => {
  let server: FastifyInstance;
  let baseUrl: string;
  let errors: jest.SpyInstance;
  /** What the filter's `catch` did: 'resolved', or what it threw or rejected with. */
  let outcome: string;
  let run: (request: FastifyRequest, reply: FastifyReply) => unknown;

  beforeAll(async () => {
    server = new FastifyAdapter().getInstance<FastifyInstance>();
    server.all('/probe', async (request, reply) => {
      try {
        await run(request, reply);
        outcome = 'resolved';
      } catch (error) {
        outcome = `threw ${String(error)}`;
      }
      return reply;
    });
    baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(() => server.close());

  beforeEach(() => {
    outcome = 'not run';
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => errors.mockRestore());

  async function probe(
    filter: ExceptionFilter,
    error: unknown,
    before: (reply: FastifyReply) => void = () => undefined,
  ) {
    run = (request, reply) => {
      before(reply);
      return filter.catch(error, hostOf(request, reply));
    };
    const response = await fetch(`${baseUrl}/probe`, { redirect: 'manual' });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  const failureLines = () =>
    errors.mock.calls.filter(([line]) => String(line).startsWith('Could not answer an error'));

  it('the API filter answers a bare 500 when Node refuses a header already set', async () => {
    const response = await probe(
      new GlobalErrorFilter(),
      new DomainError('NOT_FOUND', 'No such thing'),
      (reply) => void reply.header('location', '/\u044f'),
    );
    expect(outcome).toBe('resolved');
    expect(response).toMatchObject({ status: 500, text: 'Internal error' });
    expect(response.headers.get('location')).toBeNull();
    expect(failureLines()).toHaveLength(1);
    expect(failureLines()[0][0]).not.toContain('\n    at ');
  });

  it('the page filter answers a bare 500 when the page cannot be built', async () => {
    const contexts = {
      create: () => Promise.reject(new Error('database is gone')),
    } as unknown as WebContextFactory;
    const response = await probe(new WebErrorFilter(contexts), new Error('boom'));
    expect(outcome).toBe('resolved');
    expect(response).toMatchObject({ status: 500, text: 'Internal error' });
    expect(failureLines()).toHaveLength(1);
    expect(failureLines()[0][0]).toContain('database is gone');
  });

  it('the page filter drops a redirect it had begun, and still answers its page', async () => {
    const contexts = {
      create: () => Promise.resolve(englishContext),
    } as unknown as WebContextFactory;
    const response = await probe(
      new WebErrorFilter(contexts),
      new Error('ERR_INVALID_CHAR'),
      (reply) => void reply.status(303).header('location', '/\u044f'),
    );
    expect(outcome).toBe('resolved');
    expect(response.status).toBe(500);
    expect(response.text).toContain('<html lang="en">');
    expect(response.headers.get('location')).toBeNull();
    expect(failureLines()).toHaveLength(0);
  });

  it('the page filter answers a bare 500 when a header it keeps is refused', async () => {
    const contexts = {
      create: () => Promise.resolve(englishContext),
    } as unknown as WebContextFactory;
    const response = await probe(
      new WebErrorFilter(contexts),
      new DomainError('FORBIDDEN', 'no'),
      (reply) => void reply.header('x-extra', 'caf\u00e9\n'),
    );
    expect(outcome).toBe('resolved');
    expect(response).toMatchObject({ status: 500, text: 'Internal error' });
    expect(failureLines()).toHaveLength(1);
  });

  it('the API filter hands a missing page to the page filter, which cannot reject either', async () => {
    const pages = {
      catch: () => Promise.reject(new Error('page filter failed')),
    } as ExceptionFilter;
    const { NotFoundException } = await import('@nestjs/common');
    const response = await probe(new GlobalErrorFilter(pages), new NotFoundException());
    expect(outcome).toBe('resolved');
    expect(response).toMatchObject({ status: 500, text: 'Internal error' });
    expect(failureLines()).toHaveLength(1);
  });

  it('neither filter throws when the answer was already sent', async () => {
    const contexts = {
      create: () => Promise.resolve(englishContext),
    } as unknown as WebContextFactory;
    for (const filter of [new GlobalErrorFilter(), new WebErrorFilter(contexts)]) {
      const response = await probe(filter, new Error('late'), (reply) => {
        void reply.status(200).send('already answered');
      });
      expect(outcome).toBe('resolved');
      expect(response).toMatchObject({ status: 200, text: 'already answered' });
    }
  });
});
