import { describe, expect, it } from 'vitest';
import {
  fieldKind,
  fieldsFromSchema,
  humanize,
  initialValues,
  isSecretSet,
  MASK,
  parseLines,
  splitErrors,
  toPayload,
} from './schema.js';

const SHOPIFY = {
  type: 'object',
  properties: {
    shopDomain: { type: 'string', title: 'Shop domain', description: 'x.myshopify.com' },
    webhookSecret: { type: 'string', title: 'Webhook secret', writeOnly: true, 'x-secret': true },
    defaultCountry: { type: 'string', default: 'US' },
    includePrices: { type: 'boolean', title: 'Include prices', default: true },
    mode: { type: 'string', enum: ['a', 'b'] },
    retries: { type: 'integer', minimum: 0, maximum: 10 },
    tags: { type: 'array', items: { type: 'string' } },
    extra: { type: 'object' },
  },
  required: ['shopDomain', 'webhookSecret'],
};

describe('fieldKind', () => {
  it.each([
    [{ type: 'string' }, 'string'],
    [{}, 'string'],
    [{ type: 'string', 'x-secret': true }, 'secret'],
    [{ type: 'string', writeOnly: true }, 'secret'],
    [{ type: 'string', format: 'password' }, 'secret'],
    [{ type: 'string', enum: ['a', 'b'] }, 'enum'],
    [{ type: 'boolean' }, 'boolean'],
    [{ type: 'integer' }, 'number'],
    [{ type: 'number' }, 'number'],
    [{ type: ['integer', 'null'] }, 'number'],
    [{ type: 'array', items: { type: 'string' } }, 'list'],
    [{ type: 'array', items: { type: 'integer' } }, 'list'],
    [{ type: 'array', items: { type: 'object' } }, 'unsupported'],
    [{ type: 'array' }, 'unsupported'],
    [{ type: 'object' }, 'unsupported'],
  ])('%j is drawn as %s', (property, kind) => {
    expect(fieldKind(property)).toBe(kind);
  });
});

describe('fieldsFromSchema', () => {
  it('lists fields in declaration order with label, help and required', () => {
    const fields = fieldsFromSchema(SHOPIFY);

    expect(fields.map((f) => [f.name, f.kind, f.label, f.required])).toEqual([
      ['shopDomain', 'string', 'Shop domain', true],
      ['webhookSecret', 'secret', 'Webhook secret', true],
      ['defaultCountry', 'string', 'Default country', false],
      ['includePrices', 'boolean', 'Include prices', false],
      ['mode', 'enum', 'Mode', false],
      ['retries', 'number', 'Retries', false],
      ['tags', 'list', 'Tags', false],
      ['extra', 'unsupported', 'Extra', false],
    ]);
    expect(fields[0].help).toBe('x.myshopify.com');
    expect(fields[5].schema).toEqual({ type: 'integer', minimum: 0, maximum: 10 });
  });

  it('gives no fields for a missing or empty schema', () => {
    expect(fieldsFromSchema(undefined)).toEqual([]);
    expect(fieldsFromSchema({ type: 'object' })).toEqual([]);
  });
});

it.each([
  ['defaultCountry', 'Default country'],
  ['shop_domain', 'Shop domain'],
  ['api-key', 'Api key'],
  ['phoneNumberId', 'Phone number id'],
])('humanize(%s) is %s', (name, label) => {
  expect(humanize(name)).toBe(label);
});

describe('initialValues', () => {
  it('starts from stored settings, then defaults, and never from a secret', () => {
    const fields = fieldsFromSchema(SHOPIFY);

    const values = initialValues(fields, {
      shopDomain: 'x.myshopify.com',
      webhookSecret: MASK,
      includePrices: false,
      tags: ['vip'],
      extra: { a: 1 },
    });

    expect(values).toEqual({
      shopDomain: 'x.myshopify.com',
      webhookSecret: '',
      defaultCountry: 'US',
      includePrices: false,
      mode: '',
      retries: '',
      tags: ['vip'],
      extra: { a: 1 },
    });
  });

  it('uses defaults when nothing is stored', () => {
    const values = initialValues(fieldsFromSchema(SHOPIFY), undefined);

    expect(values.includePrices).toBe(true);
    expect(values.defaultCountry).toBe('US');
    expect(values.tags).toEqual([]);
    expect(values.extra).toBe('');
  });

  it('starts a boolean without default as false', () => {
    expect(initialValues(fieldsFromSchema({ properties: { on: { type: 'boolean' } } }))).toEqual({ on: false });
  });
});

describe('isSecretSet', () => {
  it('is true for the mask and false when the hub sent nothing', () => {
    expect(isSecretSet({ webhookSecret: MASK }, 'webhookSecret')).toBe(true);
    expect(isSecretSet({}, 'webhookSecret')).toBe(false);
    expect(isSecretSet({ webhookSecret: null }, 'webhookSecret')).toBe(false);
    expect(isSecretSet(undefined, 'webhookSecret')).toBe(false);
  });
});

describe('toPayload', () => {
  const fields = fieldsFromSchema(SHOPIFY);
  const values = {
    shopDomain: 'x.myshopify.com',
    webhookSecret: '',
    defaultCountry: 'DE',
    includePrices: true,
    mode: 'b',
    retries: 3,
    tags: ['vip'],
    extra: { a: 1 },
  };

  it('leaves out a secret nobody typed, so the hub keeps it', () => {
    expect(toPayload(fields, values)).toEqual({
      shopDomain: 'x.myshopify.com',
      defaultCountry: 'DE',
      includePrices: true,
      mode: 'b',
      retries: 3,
      tags: ['vip'],
      extra: { a: 1 },
    });
  });

  it('sends a newly typed secret', () => {
    expect(toPayload(fields, { ...values, webhookSecret: 's3cret' }).webhookSecret).toBe('s3cret');
  });

  it('never sends the mask back as a secret', () => {
    expect(toPayload(fields, { ...values, webhookSecret: MASK })).not.toHaveProperty('webhookSecret');
  });

  it('sends emptied fields as null, so the hub unsets them', () => {
    expect(toPayload(fields, { ...values, shopDomain: '', retries: '', mode: '' })).toMatchObject({
      shopDomain: null,
      retries: null,
      mode: null,
    });
  });

  it('leaves out a field it cannot edit when it had no value', () => {
    expect(toPayload(fields, { ...values, extra: '' })).not.toHaveProperty('extra');
  });

  it('sends numbers as numbers', () => {
    expect(toPayload(fields, { ...values, retries: null }).retries).toBeNull();
    expect(toPayload(fields, { ...values, retries: '7' }).retries).toBe(7);
  });
});

describe('parseLines', () => {
  it('drops blank lines and trims', () => {
    expect(parseLines(' vip \n\n  wholesale\n')).toEqual(['vip', 'wholesale']);
  });

  it('turns numeric items of a number list into numbers and leaves the rest for the hub to reject', () => {
    expect(parseLines('1\n 20 \nabc', 'integer')).toEqual([1, 20, 'abc']);
    expect(parseLines('1\n2', 'string')).toEqual(['1', '2']);
  });
});

describe('splitErrors', () => {
  it('puts errors of known fields inline, with or without the settings. prefix, and keeps the rest', () => {
    const fields = fieldsFromSchema(SHOPIFY);

    const { byField, other } = splitErrors(fields, {
      shopDomain: 'must end with .myshopify.com',
      'settings.webhookSecret': 'must not be blank',
      enabled: 'must be true or false',
    });

    expect(byField).toEqual({ shopDomain: 'must end with .myshopify.com', webhookSecret: 'must not be blank' });
    expect(other).toEqual({ enabled: 'must be true or false' });
  });

  it('copes with no errors', () => {
    expect(splitErrors([], undefined)).toEqual({ byField: {}, other: {} });
  });
});
