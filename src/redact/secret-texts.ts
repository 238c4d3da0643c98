import { escapeRegExp } from './_plain.ts';
import { isRedactionToken, TOKEN_IN_TEXT } from './redaction-token.ts';

/**
 * Texts shorter than this are not searched for in free text (messages, hints, stderr): a two-letter value would
 * blank out every word that holds it. The value itself is still replaced wherever it is an input field.
 */
export const MIN_SECRET_LENGTH = 4;

/** Most texts kept: a report holds a bounded number of inputs; a stream tells each record's own. */
const MAX_SECRETS = 10_000;

/**
 * The real values of redacted fields met so far, as the texts they may show as inside free text (an error message that
 * quotes the input, a hint, a side's stderr line, a raw log line), each with its token: {@link scrub} replaces them.
 * @remarks Since 0.1
 * @public
 */
export class SecretTexts {
  readonly #tokens = new Map<string, string>();
  #pattern: RegExp | undefined;

  /** Notes a real value (a string, number or bigint; the leaves of a list or object) and the token shown for it. */
  add(value: unknown, token: string): void {
    if (typeof value === 'string') {
      this.#note(value, token);
      // As it shows inside JSON text (an excerpt of the log line, a message quoting JSON).
      const escaped = JSON.stringify(value).slice(1, -1);
      if (escaped !== value) this.#note(escaped, token);
    } else if (typeof value === 'number' || typeof value === 'bigint') this.#note(String(value), token);
    else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) this.add(item, token);
    }
  }

  #note(text: string, token: string): void {
    const skip = text.length < MIN_SECRET_LENGTH || this.#tokens.has(text) || this.#tokens.size >= MAX_SECRETS;
    if (skip || isRedactionToken(text)) return;
    this.#tokens.set(text, token);
    this.#pattern = undefined;
  }

  /** How many texts are known. */
  get size(): number {
    return this.#tokens.size;
  }

  /**
   * The text with every known value replaced by its token, longest first; tokens already in the text are left alone
   * (a value's digits may appear inside one).
   */
  scrub(text: string): string {
    if (this.#tokens.size === 0) return text;
    if (this.#pattern === undefined) {
      const texts = [...this.#tokens.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.#pattern = new RegExp(`${TOKEN_IN_TEXT.source}|${texts.join('|')}`, 'g');
    }
    return text.replace(this.#pattern, (found) => this.#tokens.get(found) ?? found);
  }
}
