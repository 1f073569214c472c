// Server-side renders the template editor (svelte/server) for a stored template: findings show at their fields.
import { render } from 'svelte/server';
import { expect, it } from 'vitest';
import TemplateEditor from './TemplateEditor.svelte';

const stored = {
  id: 't1', name: 'order_ready', language: 'en_US', category: 'UTILITY',
  body: 'Hi {{first_name}}, order {{1}} is ready.', buttons: [], examples: { first_name: 'Jon' },
};

it('shows a positional placeholder as an error at the body, tied to it for screen readers', () => {
  const { body } = render(TemplateEditor, { props: { tenantId: 'acme', template: stored } });
  const error = /<p class="field-error" id="([^"]+)">malformed placeholder '\{\{1\}\}': write variables as \{\{lowercase_name\}\}<\/p>/.exec(body);
  expect(error).not.toBeNull();
  expect(body).toMatch(new RegExp(`<textarea[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${error[1]}`));
  expect(body).toContain('Edit order_ready');
});

it('previews the body with the examples filled in', () => {
  const { body } = render(TemplateEditor, {
    props: { tenantId: 'acme', template: { ...stored, body: 'Hi {{first_name}}, order {{order_number}}.', examples: { first_name: 'Jon' } } },
  });
  expect(body).toContain('Hi Jon, order [order_number].');
  expect(body).toContain('Example for {{order_number}}');
});
