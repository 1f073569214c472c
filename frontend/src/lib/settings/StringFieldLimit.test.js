// A text setting with a limit: the whole value stays (no maxlength attribute cutting a paste), a counter says how
// long it is, and an over-long value marks the input invalid.
import { render } from 'svelte/server';
import { expect, it } from 'vitest';
import StringField from './fields/StringField.svelte';
import { fieldsFromSchema } from './schema.js';

const [field] = fieldsFromSchema({ type: 'object', properties: { name: { type: 'string', title: 'Name', maxLength: 5 } } });

it('keeps a too-long value whole, counts it, and marks it invalid', () => {
  const { body } = render(StringField, { props: { field, value: 'abcdefgh' } });
  expect(body).not.toContain('maxlength');
  expect(body).toContain('value="abcdefgh"');
  expect(body).toContain('8 / 5 characters');
  expect(body).toMatch(/aria-invalid="true"/);
});

it('a value within the limit is valid and counted', () => {
  const { body } = render(StringField, { props: { field, value: 'abc' } });
  expect(body).toContain('3 / 5 characters');
  expect(body).toMatch(/aria-invalid="false"/);
});
