import { ExecutionContext, Paramtype } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '../common/validation';

const VALIDATED: Partial<Record<RouteParamtypes, Paramtype>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'param',
};

const pipe = createValidationPipe();

/**
 * API.md orders errors 400 before 401 and 403, but Nest runs guards before pipes. When the guard
 * is about to refuse a request, it calls this first, so that a malformed request is still told
 * it is malformed: it runs the route's own validation and throws its 400, if any.
 */
export async function validateBeforeRefusing(context: ExecutionContext): Promise<void> {
  const controller = context.getClass();
  const prototype = controller.prototype as object;
  const handler = context.getHandler().name;
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    { index: number; data?: string }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', prototype, handler) ?? []) as Array<
    new () => unknown
  >;
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const sources: Record<Paramtype, unknown> = {
    body: request.body,
    query: request.query,
    param: request.params,
    custom: undefined,
  };
  for (const [key, { index, data }] of Object.entries(args)) {
    const type = VALIDATED[Number(key.split(':')[0]) as RouteParamtypes];
    if (!type) continue;
    const source = sources[type] as Record<string, unknown> | undefined;
    const value = data ? source?.[data] : source;
    await pipe.transform(value, { type, metatype: types[index], data });
  }
}
