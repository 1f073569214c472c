import { describe, expect, it } from 'vitest';
import { firstMalformed, preview, syncExamples, templateErrors, templateVariables, toRequest } from './templateCheck.js';

const valid = {
  name: 'order_ready',
  language: 'en_US',
  category: 'UTILITY',
  header: 'Order {{order_number}}',
  body: 'Hi {{first_name}}, order {{order_number}} is ready.',
  footer: 'Reply STOP to opt out',
  buttons: [
    { type: 'QUICK_REPLY', text: 'Thanks' },
    { type: 'URL', text: 'Track', url: 'https://shop.example/t/{{tracking_id}}' },
  ],
  examples: { order_number: '#1001', first_name: 'Jon', tracking_id: 'ABC' },
};

describe('templateErrors', () => {
  it('accepts a template whose variables all have examples', () => {
    expect(templateErrors(valid)).toEqual({});
    expect(templateVariables(valid)).toEqual(['order_number', 'first_name', 'tracking_id']);
  });

  it('refuses positional placeholders with the hub’s words', () => {
    expect(templateErrors({ ...valid, body: 'Hi {{1}}' }).body)
      .toBe("malformed placeholder '{{1}}': write variables as {{lowercase_name}}");
    expect(firstMalformed('a {{ Name }} b')).toBe('{{ Name }}');
    expect(firstMalformed('a {{name}} b')).toBeNull();
  });

  it('wants an example for every variable and a variable for every example', () => {
    const errors = templateErrors({ ...valid, examples: { first_name: 'Jon', order_number: ' ', tracking_id: 'x', total: '9' } });
    expect(errors).toEqual({
      'examples.order_number': 'an example is required for every variable',
      'examples.total': 'no variable {{total}} in the template',
    });
  });

  it('checks names, footers and buttons as Meta does', () => {
    const errors = templateErrors({
      ...valid,
      name: 'Order Ready',
      footer: 'Bye {{first_name}}',
      buttons: [{ type: 'URL', text: 'Go', url: 'https://x.example/{{a}}/b' }, { type: 'QUICK_REPLY', text: '' }],
    });
    expect(errors.name).toBe('only lowercase letters, digits and underscores');
    expect(errors.footer).toBe('no variables allowed');
    expect(errors['buttons[0].url']).toBe('an http(s) URL with at most one variable, at its end');
    expect(errors['buttons[1].text']).toBe('required');
  });
});

it('preview fills the examples and shows a missing one as its name', () => {
  expect(preview({ ...valid, examples: { first_name: 'Jon' } })).toEqual({
    header: 'Order [order_number]',
    body: 'Hi Jon, order [order_number] is ready.',
    footer: 'Reply STOP to opt out',
    buttons: [
      { type: 'QUICK_REPLY', text: 'Thanks', url: undefined },
      { type: 'URL', text: 'Track', url: 'https://shop.example/t/[tracking_id]' },
    ],
  });
});

it('syncExamples keeps what was typed for the remaining variables only', () => {
  expect(syncExamples({ ...valid, header: '', buttons: [] }, { first_name: 'Jon', gone: 'x' }))
    .toEqual({ first_name: 'Jon', order_number: '' });
});

it('toRequest leaves out blank texts and examples', () => {
  expect(toRequest({ ...valid, header: '  ', footer: '', examples: { first_name: 'Jon', order_number: '' } })).toEqual({
    name: 'order_ready',
    language: 'en_US',
    category: 'UTILITY',
    body: valid.body,
    buttons: [
      { type: 'QUICK_REPLY', text: 'Thanks' },
      { type: 'URL', text: 'Track', url: 'https://shop.example/t/{{tracking_id}}' },
    ],
    examples: { first_name: 'Jon' },
  });
});
