import type { ClosureRule } from '../scheduling/types';
import { WebContext } from './web-context';

/**
 * A closure's name as the reader reads it ("Constitution Day"), wherever a page names one: the
 * clash table and Today. Closures have one name (`reason`) for now; when they carry one per
 * language, this is the one place that picks the reader's.
 */
export function closureName(_ctx: WebContext, closure: Pick<ClosureRule, 'reason'>): string {
  return closure.reason ?? '';
}
