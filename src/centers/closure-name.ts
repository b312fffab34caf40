import type { Locale } from '../identity';
import type { ClosureNames } from './closure.entity';

/**
 * A closure's name in the reader's language: its name for that locale when it has one (the demo's
 * holidays have all three), else its `reason` as it was typed.
 */
export function closureName(
  closure: { reason?: string; names?: ClosureNames | null },
  locale: Locale,
): string {
  const named = closure.names?.[locale]?.trim();
  return named ? named : (closure.reason ?? '');
}
