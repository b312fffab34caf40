import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/domain-error';
import { answerLastResort } from '../../common/last-resort';
import { domainErrorFor } from '../../common/database-errors';
import { errorMessage, statusSentence } from './error-text';
import { html } from './html';
import { MessageKey } from '../i18n';
import { renderPage } from './layout';
import { WebContextFactory, WebRequest } from './web-context';
import { safeNextPath } from './web-result';

/**
 * Errors on pages become pages: no session sends the browser to the sign-in form (and back
 * afterwards); refusals, missing items and failures get a short page in the reader's language.
 * It never throws (nor rejects): a failure while answering ends in a bare 500 and one log line.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');

  constructor(private readonly contexts: WebContextFactory) {}

  async catch(caught: unknown, host: ArgumentsHost): Promise<void> {
    try {
      await this.answer(caught, host);
    } catch (failure) {
      answerLastResort(
        host.switchToHttp().getResponse<FastifyReply>(),
        this.logger,
        caught,
        failure,
      );
    }
  }

  private async answer(caught: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = domainErrorFor(caught) ?? caught;
    const status =
      error instanceof DomainError
        ? error.status
        : error instanceof HttpException
          ? error.getStatus()
          : 500;
    // A redirect the page had begun (its Location may be what failed) is not part of the answer.
    reply.removeHeader('location');
    void reply.header('cache-control', 'no-store');
    if (status === 401) {
      const next = request.method === 'GET' ? safeNextPath(request.url, '/') : '/';
      void reply
        .status(303)
        .header('location', `/login?next=${encodeURIComponent(next)}`)
        .send();
      return;
    }
    if (status >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    const context = request.webContext ?? (await this.contexts.create(request, reply));
    const message: MessageKey =
      error instanceof DomainError && error.extras.reason === 'csrf'
        ? 'error.csrf'
        : status === 403
          ? 'error.forbidden'
          : status === 404
            ? 'error.notFound'
            : 'error.server';
    // A 4xx that is none of the above (bad input on a page without a form of its own) says why,
    // in the reader's words (never the API's English message).
    const says =
      status < 500 && message === 'error.server'
        ? error instanceof DomainError
          ? errorMessage(context, error)
          : html`<p><strong>${statusSentence(context, status)}</strong></p>`
        : html`<p>${context.t(message)}</p>`;
    const body = renderPage(context, {
      title: context.t('error.title'),
      main: html`<div class="error" role="alert">${says}</div>
        <p><a href="/">${context.t('error.back')}</a></p>`,
    });
    void reply.status(status).header('content-type', 'text/html; charset=utf-8').send(body.value);
  }
}
