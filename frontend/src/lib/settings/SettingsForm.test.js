// Server-side renders the form and its fields (svelte/server): no browser or DOM library needed.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import BooleanField from './fields/BooleanField.svelte';
import ListField from './fields/ListField.svelte';
import NumberField from './fields/NumberField.svelte';
import PasswordField from './fields/PasswordField.svelte';
import SelectField from './fields/SelectField.svelte';
import StringField from './fields/StringField.svelte';
import { componentFor } from './registry.js';
import { fieldsFromSchema } from './schema.js';
import SettingsForm from './SettingsForm.svelte';

const SCHEMA = {
  type: 'object',
  properties: {
    shopDomain: { type: 'string', title: 'Shop domain', description: 'Your store, e.g. x.myshopify.com' },
    webhookSecret: { type: 'string', title: 'Webhook secret', writeOnly: true, 'x-secret': true },
    includePrices: { type: 'boolean', title: 'Include prices', default: true },
    mode: { type: 'string', title: 'Mode', enum: ['fast', 'careful'] },
    retries: { type: 'integer', title: 'Retries', minimum: 0 },
    tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
  },
  required: ['shopDomain'],
};

const field = (name) => fieldsFromSchema(SCHEMA).find((f) => f.name === name);

describe('registry', () => {
  it.each([
    ['string', StringField],
    ['secret', PasswordField],
    ['boolean', BooleanField],
    ['number', NumberField],
    ['enum', SelectField],
    ['list', ListField],
    ['unsupported', null],
  ])('draws %s fields with its component', (kind, component) => {
    expect(componentFor(kind)).toBe(component);
  });
});

describe('PasswordField', () => {
  it('shows that a secret is set, never a value, and offers to set a new one', () => {
    const { body } = render(PasswordField, { props: { field: field('webhookSecret'), value: '', isSet: true } });

    expect(body).toContain('>set<');
    expect(body).toContain('Set new value');
    expect(body).not.toContain('<input');
  });

  it('asks for a value when none is set', () => {
    const { body } = render(PasswordField, { props: { field: field('webhookSecret'), value: '', isSet: false } });

    expect(body).toContain('type="password"');
    expect(body).toContain('placeholder="Not set"');
    expect(body).not.toContain('Set new value');
  });
});

describe('fields', () => {
  it('show the label, help and the server error next to the input', () => {
    const { body } = render(StringField, {
      props: { field: field('shopDomain'), value: 'x', error: 'must end with .myshopify.com' },
    });

    expect(body).toContain('Shop domain');
    expect(body).toContain('Your store, e.g. x.myshopify.com');
    expect(body).toContain('must end with .myshopify.com');
    expect(body).toContain('aria-invalid="true"');
  });

  it('edit a list one item per line', () => {
    const { body } = render(ListField, { props: { field: field('tags'), value: ['vip', 'wholesale'] } });

    expect(body).toMatch(/<textarea[^>]*>vip\nwholesale<\/textarea>/);
  });

  it('offer each enum value as an option', () => {
    const { body } = render(SelectField, { props: { field: field('mode'), value: 'careful' } });

    expect(body).toMatch(/<option value="fast"[^>]*>fast<\/option>/);
    expect(body).toMatch(/<option value="careful"[^>]*selected[^>]*>careful<\/option>/);
  });
});

describe('SettingsForm', () => {
  it('draws one input per field kind from the schema', () => {
    const { body } = render(SettingsForm, {
      props: { schema: SCHEMA, settings: { shopDomain: 'acme.myshopify.com', webhookSecret: '••••' }, onsave: async () => ({}) },
    });

    expect(body).toContain('value="acme.myshopify.com"');
    expect(body).toContain('Set new value');
    expect(body).not.toContain('••••');
    expect(body).toContain('role="switch"');
    expect(body).toContain('<select');
    expect(body).toContain('type="number"');
    expect(body).toContain('Save settings');
  });

  it('says so when there is nothing to set', () => {
    const { body } = render(SettingsForm, { props: { schema: { type: 'object' }, onsave: async () => ({}) } });

    expect(body).toContain('No settings.');
  });
});
