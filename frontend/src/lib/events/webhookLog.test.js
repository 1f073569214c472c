import { expect, it } from 'vitest';
import { logQuery, outcomeTone, reasonLabel } from './webhookLog.js';

it('names every reason the hub records in words', () => {
  expect(reasonLabel('bad-signature')).toBe('Signature did not match (wrong or missing secret)');
  expect(reasonLabel('payload-too-large')).toBe('Body too large');
  expect(reasonLabel('duplicate')).toBe('Already received');
  expect(reasonLabel('some-new-code')).toBe('Some new code');
  expect(reasonLabel(null)).toBe('');
});

it('refusals are red, accepted green, the rest neutral', () => {
  expect([outcomeTone('refused'), outcomeTone('accepted'), outcomeTone('duplicate')]).toEqual(['bad', 'ok', 'neutral']);
});

it('leaves blank filters out of the query', () => {
  expect(logQuery({ connector: ' shopify ', outcome: '' })).toEqual({ connector: 'shopify' });
  expect(logQuery({ connector: '', outcome: 'refused' })).toEqual({ outcome: 'refused' });
});
