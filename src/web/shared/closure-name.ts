import { closureName as nameIn, type ClosureNames } from '../../centers';
import { WebContext } from './web-context';

/**
 * A closure's name as the reader reads it ("Constitution Day"), wherever a page names one: the
 * clash table, Today, center setup. Its name in the reader's language when it has one, else
 * `reason` as it was typed.
 */
export function closureName(
  ctx: Pick<WebContext, 'locale'>,
  closure: { reason?: string; names?: ClosureNames | null },
): string {
  return nameIn(closure, ctx.locale);
}
