/**
 * The lab's one tokenizer. Every feature that turns text into words (ingestion,
 * evaluation look-ups, the analogy workbench) goes through these rules, so that
 * a word means the same thing everywhere.
 *
 * Rules, applied in order:
 *  1. Unicode NFKC normalisation (ligatures, full-width forms and the like fold
 *     to their plain letters), and U+2019 RIGHT SINGLE QUOTATION MARK becomes an
 *     ASCII apostrophe.
 *  2. Lowercasing (locale-independent `toLowerCase`), unless `lowercase: false`.
 *  3. A token is a maximal run of word characters: letters (\p{L}), combining
 *     marks (\p{M}) and digits (\p{N}). Runs are joined into one token by
 *       - an apostrophe or a hyphen with word characters on both sides
 *         ("don't", "well-known", "rock'n'roll");
 *       - a full stop or comma with digits on both sides ("3.14", "1,000", "0.3mm").
 *     Everything else separates tokens and is dropped, punctuation included.
 *     CJK and other scripts without spaces come through as runs of letters.
 *
 * `tokenize` is the reference implementation. Ingestion uses a byte-level fast
 * path (byteTokenizer.ts) that must agree with it; the tests check they do.
 */

export interface TokenizerOptions {
  lowercase: boolean;
}

export const defaultTokenizerOptions: TokenizerOptions = { lowercase: true };

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:(?:['-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** Normalisation step shared by the reference and the fast path's slow lane. */
export function normalizeText(text: string, options: TokenizerOptions = defaultTokenizerOptions): string {
  let t = text.normalize('NFKC').replace(/\u2019/g, "'");
  if (options.lowercase) t = t.toLowerCase();
  return t;
}

export function tokenize(text: string, options: TokenizerOptions = defaultTokenizerOptions): string[] {
  return normalizeText(text, options).match(TOKEN) ?? [];
}

/** Tokenizes a single user-typed word (evaluation sets, queries): the first token, or null. */
export function normalizeWord(word: string, options: TokenizerOptions = defaultTokenizerOptions): string | null {
  const tokens = tokenize(word, options);
  return tokens.length === 1 ? tokens[0] : null;
}
