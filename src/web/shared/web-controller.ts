import {
  applyDecorators,
  Controller,
  createParamDecorator,
  ExecutionContext,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebPage } from '../../identity';
import { WebContext, WebRequest } from './web-context';
import { WebErrorFilter } from './web-error.filter';
import { WebPageInterceptor } from './web-page.interceptor';

/**
 * A controller of pages: signed in by the session cookie, forms checked for their CSRF token,
 * results sent as HTML or redirects, errors shown as pages. Each route still declares its roles
 * with `@Public()`, `@SignedIn()`, `@Staff()` or `@Roles()` like the API's.
 */
export function WebController(prefix = ''): ClassDecorator {
  return applyDecorators(
    Controller(prefix),
    WebPage(),
    ApiExcludeController(),
    UseFilters(WebErrorFilter),
    UseInterceptors(WebPageInterceptor),
  );
}

/** The page context the interceptor built for this request. */
export const Page = createParamDecorator(
  (_data: unknown, context: ExecutionContext): WebContext =>
    context.switchToHttp().getRequest<WebRequest>().webContext!,
);
