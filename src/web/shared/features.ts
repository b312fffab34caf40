import { isMessageKey } from '../i18n';
import { WebContext } from './web-context';

/**
 * A resource feature as the reader reads it: the catalog's label for the features the product
 * knows (`feature.<code>`), any other (a center's own, typed in center setup) with its underscores
 * as spaces, since it is the center's own word.
 */
export function featureLabel(ctx: WebContext, feature: string): string {
  const key = `feature.${feature}`;
  return isMessageKey(key) ? ctx.t(key) : feature.replace(/_/g, ' ');
}

/** A resource's features as one line ("Projector, Wheelchair accessible"). */
export function featureList(ctx: WebContext, features: readonly string[]): string {
  return features.map((f) => featureLabel(ctx, f)).join(', ');
}
