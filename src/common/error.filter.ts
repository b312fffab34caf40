import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Inject,
  Logger,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { domainErrorFor } from './database-errors';
import { DomainError, ERROR_STATUS, ErrorCode } from './domain-error';
import { answerLastResort } from './last-resort';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [extra: string]: unknown;
}

const CODE_FOR_HTTP_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'INVALID_STATE',
  429: 'TOO_MANY_REQUESTS',
};

/** Fastify's own client errors (bad JSON, too large, wrong content type) carry these. */
interface FastifyClientError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Renders an error as a page (the web app's filter): given the paths that match no route outside
 * the API, so that a mistyped address in a browser gets a page in the reader's language.
 */
export const PAGE_ERRORS = Symbol('PAGE_ERRORS');

/**
 * The one error shape of API.md. Domain errors keep their code; framework errors are mapped by
 * status; anything unknown becomes a bare 500 (logged here, never shown to the caller).
 */
@Catch()
export class GlobalErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() @Inject(PAGE_ERRORS) private readonly pages?: ExceptionFilter) {}

  /** Never throws: a failure while answering ends in a bare 500 and one log line. */
  catch(caught: unknown, host: ArgumentsHost): unknown {
    try {
      return this.answer(caught, host);
    } catch (failure) {
      answerLastResort(
        host.switchToHttp().getResponse<FastifyReply>(),
        this.logger,
        caught,
        failure,
      );
      return undefined;
    }
  }

  private answer(caught: unknown, host: ArgumentsHost): unknown {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (
      this.pages &&
      caught instanceof NotFoundException &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !/^\/api(\/|$|\?)/.test(request.url)
    ) {
      const page = this.pages.catch(caught, host) as unknown;
      // The page filter never rejects; should one ever, its failure still gets an answer.
      return page instanceof Promise
        ? page.catch((failure) =>
            answerLastResort(
              host.switchToHttp().getResponse<FastifyReply>(),
              this.logger,
              caught,
              failure,
            ),
          )
        : page;
    }
    // A database error the request caused outside a write transaction (which maps its own).
    const error = domainErrorFor(caught) ?? caught;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(error);
    if (error instanceof DomainError) {
      for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    }
    if (body.statusCode >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json').send(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return {
        statusCode: error.status,
        code: error.code,
        message: error.message,
        ...error.extras,
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code =
        CODE_FOR_HTTP_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
      const message = status >= 500 ? 'Internal error' : error.message;
      return code === 'VALIDATION_FAILED'
        ? { statusCode: status, code, message, details: [{ field: 'body', message }] }
        : { statusCode: status, code, message };
    }
    const clientError = error as FastifyClientError;
    const status = clientError?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (status === 413) {
        return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
      }
      const code = CODE_FOR_HTTP_STATUS[status] ?? 'VALIDATION_FAILED';
      const message = clientError.message ?? 'Bad request';
      // A body Fastify could not parse (bad JSON, a wrong content type) is a validation error.
      return code === 'VALIDATION_FAILED'
        ? { statusCode: status, code, message, details: [{ field: 'body', message }] }
        : { statusCode: status, code, message };
    }
    return { statusCode: ERROR_STATUS.INTERNAL, code: 'INTERNAL', message: 'Internal error' };
  }
}
