/** HTML that is already safe to insert as is (built by {@link html} or {@link raw}). @internal */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value a {@link html} template takes: text (escaped), numbers, safe HTML, or lists of them. @internal */
export type HtmlValue = string | number | SafeHtml | undefined | null | false | readonly HtmlValue[];

/**
 * Escapes text for an HTML text node or a quoted attribute value: `& < > " '` become entities, so a logged
 * `<script>` or `"><img onerror=…>` is shown, never run.
 * @internal
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function part(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is {@link SafeHtml} (another `html` template):
 * the one way the report builds markup, so no logged string reaches the page unescaped.
 * @internal
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += part(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup (our own CSS and scripts), inserted as is. @internal */
export function raw(text: string): SafeHtml {
  return new SafeHtml(text);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and the line separators are written as
 * `\u` escapes, so neither `</script>` nor `<!--` in a logged value can end or change the element; `JSON.parse`
 * reads the same value back.
 * @internal
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
