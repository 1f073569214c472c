import { expect, it } from 'vitest';
import { focusFirstProblem, textErrors, textProblem } from './textRules.js';

it('refuses text that is only white space, not empty text', () => {
  expect(textProblem('   ')).toBe('must not be only spaces');
  expect(textProblem(' \t\n')).toBe('must not be only spaces');
  expect(textProblem('')).toBeNull();
  expect(textProblem(' ok ')).toBeNull();
});

it('says by how much a long paste is over the limit instead of cutting it', () => {
  expect(textProblem('abcdef', { maxLength: 4 })).toBe('is 6 characters long; the limit is 4 (2 too many)');
  expect(textProblem('👍👍', { maxLength: 2 })).toBeNull();
});

it('checks only the text fields of a form', () => {
  const fields = [
    { name: 'shopDomain', kind: 'string', schema: { maxLength: 5 } },
    { name: 'webhookSecret', kind: 'secret', schema: {} },
    { name: 'count', kind: 'number', schema: {} },
  ];
  expect(textErrors(fields, { shopDomain: 'toolong', webhookSecret: '  ', count: 3 })).toEqual({
    shopDomain: 'is 7 characters long; the limit is 5 (2 too many)',
    webhookSecret: 'must not be only spaces',
  });
});

it('focuses the first invalid input, else the error banner', () => {
  const focused = [];
  const element = (name) => ({ name, focus: () => focused.push(name) });
  const root = (invalid, banner) => ({ querySelector: (selector) => (selector.includes('aria-invalid') ? invalid : banner) });
  expect(focusFirstProblem(root(element('shopDomain'), element('banner'))).name).toBe('shopDomain');
  expect(focusFirstProblem(root(null, element('banner'))).name).toBe('banner');
  expect(focused).toEqual(['shopDomain', 'banner']);
  expect(focusFirstProblem(root(null, null))).toBeNull();
});
