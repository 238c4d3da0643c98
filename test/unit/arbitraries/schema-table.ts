import { z } from 'zod';

const Category: z.ZodType<{ name: string; children: unknown[] }> = z.object({
  name: z.string(),
  children: z.array(z.lazy(() => Category)),
});

/** Schemas covering every construct a contract can use, alone and combined. */
export const SCHEMA_TABLE: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['string', z.string()],
  ['string min/max', z.string().min(2).max(5)],
  ['string length', z.string().length(3)],
  ['string regex', z.string().regex(/^[A-Z]{2}-\d{3}$/)],
  [
    'string regex + max',
    z
      .string()
      .regex(/^[a-z]+$/)
      .max(4),
  ],
  ['string startsWith/endsWith/includes', z.string().startsWith('id_').endsWith('!').includes('-').max(12)],
  ['string lowercase/uppercase', z.object({ lo: z.string().lowercase(), up: z.string().uppercase().min(3) })],
  ['string trim/toLowerCase (overwrite)', z.string().trim().toLowerCase().min(1)],
  ['email', z.email()],
  ['uuid', z.uuid()],
  ['uuid via z.string().uuid()', z.string().uuid()],
  ['url', z.url()],
  [
    'other formats',
    z.object({ ip: z.ipv4(), v6: z.ipv6(), cuid: z.cuid(), ulid: z.ulid(), nano: z.nanoid(), e164: z.e164() }),
  ],
  [
    'formats without usable pattern',
    z.object({
      b64: z.base64(),
      b64u: z.base64url(),
      emoji: z.emoji(),
      host: z.hostname(),
      dur: z.iso.duration(),
      jwt: z.jwt(),
    }),
  ],
  ['iso datetime', z.iso.datetime()],
  ['iso datetime offset ms', z.iso.datetime({ offset: true, precision: 3 })],
  ['iso datetime local minutes', z.iso.datetime({ local: true, precision: -1 })],
  ['iso date/time', z.object({ d: z.iso.date(), t: z.iso.time(), t0: z.iso.time({ precision: 0 }) })],
  ['number', z.number()],
  ['int min/max', z.number().int().min(-3).max(3)],
  ['number gt/lt exclusive', z.number().gt(0).lt(1)],
  ['number multipleOf', z.number().multipleOf(0.25).min(-10).max(10)],
  ['int multipleOf big range', z.number().int().multipleOf(7).nonnegative()],
  ['int32/uint32/float32', z.object({ a: z.int32(), b: z.uint32(), c: z.float32(), d: z.number().positive() })],
  ['safe int without bounds', z.number().int()],
  ['bigint', z.bigint()],
  [
    'bigint bounds multipleOf',
    z
      .bigint()
      .min(-100n)
      .max(10n ** 30n)
      .multipleOf(3n),
  ],
  ['int64/uint64', z.object({ a: z.int64(), b: z.uint64() })],
  ['boolean/null/undefined/nan', z.object({ b: z.boolean(), n: z.null(), u: z.undefined(), x: z.nan() })],
  ['coerce', z.object({ n: z.coerce.number(), s: z.coerce.string(), b: z.coerce.boolean() })],
  ['date', z.date().min(new Date('2000-01-01')).max(new Date('2030-01-01'))],
  [
    'enum/native enum/literal',
    z.object({ e: z.enum(['a', 'b']), n: z.enum({ A: 1, B: 2 }), l: z.literal(['x', 3, null]) }),
  ],
  [
    'optional/nullable/nullish/default/prefault',
    z.object({
      o: z.string().optional(),
      n: z.number().nullable(),
      nn: z.boolean().nullish(),
      d: z.number().default(5),
      p: z.string().prefault('p'),
    }),
  ],
  ['strict object', z.strictObject({ id: z.string(), n: z.number() })],
  ['loose object', z.looseObject({ id: z.string() })],
  ['catchall object', z.object({ id: z.string() }).catchall(z.number().int())],
  [
    'nested objects',
    z.object({
      merchant: z.object({
        name: z.string(),
        geo: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
      }),
    }),
  ],
  ['array bounds', z.array(z.string()).min(1).max(3)],
  ['array length', z.array(z.number().int()).length(2)],
  ['array nonempty of objects', z.array(z.object({ price: z.number().nonnegative() })).nonempty()],
  ['tuple with rest', z.tuple([z.string(), z.number().int()], z.boolean())],
  ['tuple optional item', z.tuple([z.string(), z.number().optional()])],
  ['record string keys', z.record(z.string().min(1), z.number())],
  ['record enum keys (exhaustive)', z.record(z.enum(['a', 'b', 'c']), z.boolean())],
  ['partial record', z.partialRecord(z.enum(['x', 'y']), z.string())],
  ['record number keys', z.record(z.number(), z.string())],
  ['union', z.union([z.string(), z.number(), z.null()])],
  [
    'discriminated union',
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('card'), last4: z.string().length(4) }),
      z.object({ kind: z.literal('cash'), amount: z.number().positive() }),
    ]),
  ],
  ['xor', z.xor([z.string(), z.number()])],
  ['union allowing NaN', z.union([z.number(), z.nan()])],
  ['intersection', z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() }))],
  ['set/map', z.object({ s: z.set(z.string()).max(3), m: z.map(z.string(), z.number()) })],
  ['template literal', z.templateLiteral(['user_', z.number().int().nonnegative(), '_', z.enum(['a', 'b'])])],
  ['transform', z.string().transform((s) => s.length)],
  ['pipe to coerce number', z.string().pipe(z.coerce.number())],
  ['stringbool codec', z.stringbool()],
  ['codec', z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() })],
  ['refine', z.string().refine((s) => s.length % 2 === 0)],
  ['object superRefine', z.object({ lo: z.number(), hi: z.number() }).refine((o) => o.lo <= o.hi)],
  [
    'readonly/catch/nonoptional',
    z.object({ r: z.array(z.string()).readonly(), c: z.number().catch(0), no: z.string().optional().nonoptional() }),
  ],
  ['any/unknown', z.object({ a: z.any(), u: z.unknown() })],
  ['recursive lazy', Category],
  ['json', z.json()],
  [
    'contract-like input',
    z.object({
      userId: z.string().min(1),
      amount: z.number().multipleOf(0.01).min(0).max(1_000_000),
      currency: z.enum(['EUR', 'USD']),
      ts: z.iso.datetime({ offset: true }),
      tags: z.array(z.string().max(10)).max(5),
      merchant: z.object({ name: z.string(), mcc: z.string().regex(/^\d{4}$/) }).nullable(),
      note: z.string().optional(),
      meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  ],
];
