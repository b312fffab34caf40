import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, map, mergeMap, Observable } from 'rxjs';
import { Html } from './html';
import { WebContextFactory, WebRequest } from './web-context';
import { PageResponse, Redirect, WebResult } from './web-result';

/**
 * Builds the page context before the handler (read with `@Page()`), and sends what the handler
 * returns: HTML with its status, or a 303 redirect.
 */
@Injectable()
export class WebPageInterceptor implements NestInterceptor {
  constructor(private readonly contexts: WebContextFactory) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.contexts.create(request, reply)).pipe(
      mergeMap((webContext) => {
        request.webContext = webContext;
        return next.handle() as Observable<WebResult>;
      }),
      map((result) => send(reply, result)),
    );
  }
}

function send(reply: FastifyReply, result: WebResult): string {
  // Pages show who is signed in and carry form tokens: never kept by a shared cache.
  void reply.header('cache-control', 'no-store');
  if (result instanceof Redirect) {
    void reply.status(303).header('location', result.location);
    return '';
  }
  const page = result instanceof Html ? new PageResponse(200, result) : result;
  void reply.status(page.status).header('content-type', 'text/html; charset=utf-8');
  return page.body.value;
}
