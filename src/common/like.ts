/** The escape clause to put after every `LIKE :param` whose pattern comes from escapeLike. */
export const LIKE_ESCAPE = "ESCAPE '\\'";

/** The text, matched literally (its % and _ too) inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
