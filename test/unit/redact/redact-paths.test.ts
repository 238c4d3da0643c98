import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fieldsPresent } from '../../../src/redact/fields-present.ts';
import { CUT_VALUE, redactJsonText } from '../../../src/redact/redact-json-text.ts';
import { redactPaths } from '../../../src/redact/redact-paths.ts';
import { isRedactionToken, redactionToken } from '../../../src/redact/redaction-token.ts';
import { SecretTexts } from '../../../src/redact/secret-texts.ts';

const tokenOf = (field: string, value: unknown) => redactionToken(field, value);

describe('redactionToken', () => {
  it('is <redacted:> and the first 12 hex digits of SHA-256 over the path, a NUL and the value as JSON', () => {
    const hex = createHash('sha256').update('card_number\u0000"4111111111111111"').digest('hex').slice(0, 12);

    expect(redactionToken('card_number', '4111111111111111')).toBe(`<redacted:${hex}>`);
    expect(isRedactionToken(redactionToken('card_number', '4111111111111111'))).toBe(true);
  });

  it('keeps equal values equal, tells fields and values apart, and is an HMAC under a key', () => {
    const keyed = createHmac('sha256', 'k').update('a\u00001').digest('hex').slice(0, 12);

    expect(redactionToken('a', 1)).toBe(redactionToken('a', 1));
    expect(redactionToken('a', 1)).not.toBe(redactionToken('b', 1));
    expect(redactionToken('a', 1)).not.toBe(redactionToken('a', '1'));
    expect(redactionToken('a', 1, 'k')).toBe(`<redacted:${keyed}>`);
    expect(redactionToken('id', 12345678901234567890n)).toBe(redactionToken('id', 12345678901234567890n));
  });
});

describe('redactPaths', () => {
  it('replaces top-level and nested (dotted) fields, leaves the rest and never modifies the input', () => {
    const input = { card: '4111', holder: { name: 'Zoë', tz: 'UTC' }, amount: 2.5 };
    const seen: unknown[] = [];

    const out = redactPaths(input, ['card', 'holder.name'], tokenOf, (v) => seen.push(v));

    expect(out).toEqual({
      card: tokenOf('card', '4111'),
      holder: { name: tokenOf('holder.name', 'Zoë'), tz: 'UTC' },
      amount: 2.5,
    });
    expect(input.holder.name).toBe('Zoë');
    expect(seen).toEqual(['4111', 'Zoë']);
  });

  it('redacts each record of a history, each item of a list on the path, and a whole object at a path', () => {
    const history = [
      { card: 'a1', items: [{ sku: 's1' }, { sku: 's2' }] },
      { card: 'a2', items: [] },
    ];

    expect(redactPaths(history, ['items.sku'], tokenOf)).toEqual([
      { card: 'a1', items: [{ sku: tokenOf('items.sku', 's1') }, { sku: tokenOf('items.sku', 's2') }] },
      { card: 'a2', items: [] },
    ]);
    expect(redactPaths({ holder: { name: 'x' } }, ['holder'], tokenOf)).toEqual({
      holder: tokenOf('holder', { name: 'x' }),
    });
  });

  it('keeps absent and null fields, and is idempotent: a token is not hashed again', () => {
    const once = redactPaths({ card: 'abcd', note: null }, ['card', 'note', 'gone.deep'], tokenOf);

    expect(once).toEqual({ card: tokenOf('card', 'abcd'), note: null });
    expect(redactPaths(once, ['card'], tokenOf)).toBe(once);
  });

  it('fieldsPresent names the redacted fields the inputs hold a value of', () => {
    const inputs = [{ card: 'x', holder: { name: null } }, [{ card: 'y', holder: {} }]];

    expect(fieldsPresent(inputs, ['card', 'holder.name', 'holder.tz'])).toEqual(['card']);
  });
});

describe('redactJsonText (a raw log line or its excerpt)', () => {
  it('replaces the value after each redacted key, nested too, with the same token as the parsed field', () => {
    const line = '{"input":{"card":"4111 1111","holder":{"name":"Zoë \\"Z\\"","tz":"UTC"},"n":12}}';

    const out = redactJsonText(line, ['card', 'holder.name'], tokenOf);

    expect(JSON.parse(out)).toEqual({
      input: {
        card: tokenOf('card', '4111 1111'),
        holder: { name: tokenOf('holder.name', 'Zoë "Z"'), tz: 'UTC' },
        n: 12,
      },
    });
  });

  it('hides a value the excerpt cuts short through the end, and leaves bad JSON around it alone', () => {
    const excerpt = 'not json, "card": "41111111111… (300 chars)';

    expect(redactJsonText(excerpt, ['card'], tokenOf)).toBe(`not json, "card": ${CUT_VALUE}`);
    expect(redactJsonText('{"card": null, "x": 1}', ['card'], tokenOf)).toBe('{"card": null, "x": 1}');
  });
});

describe('SecretTexts', () => {
  it('replaces known values in free text, longest first, keeping tokens intact', () => {
    const secrets = new SecretTexts();
    const t1 = tokenOf('card', '4111111111111111');
    secrets.add('4111111111111111', t1);
    secrets.add('4111', tokenOf('bin', '4111'));
    secrets.add('ab', tokenOf('short', 'ab'));

    expect(secrets.scrub(`card 4111111111111111 declined (ab), ${t1}`)).toBe(`card ${t1} declined (ab), ${t1}`);
  });
});
