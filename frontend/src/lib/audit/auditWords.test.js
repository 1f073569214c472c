import { expect, it } from 'vitest';
import { actionWords, actorWords, detailRows, targetWords } from './auditWords.js';

it('says actions in words, and humanizes codes it does not know', () => {
  expect(actionWords('key.created')).toBe('created an API key');
  expect(actionWords('drip.paused')).toBe('drip paused');
});

it('names actors and targets by the names the hub resolved', () => {
  expect(actorWords({ actor: 'key:whk_ab12', actorName: 'key deploy' })).toBe('key deploy');
  expect(actorWords({ actor: 'ana@shop.example' })).toBe('ana@shop.example');
  expect(actorWords({ actor: 'system' })).toBe('the hub');
  expect(actorWords({ actor: 'key:whk_live_ab' })).toBe('API key whk_live_ab…');
  expect(targetWords({ target: '7b0c…', targetName: 'key deploy' })).toBe('key deploy');
  expect(targetWords({ target: 'shopify' })).toBe('shopify');
});

it('renders details as label and value, not JSON', () => {
  expect(detailRows({ settings: ['webhookSecret', 'shopDomain'], expiresAt: null, enabled: true, limits: { perMinute: 5 } })).toEqual([
    { label: 'settings', value: 'webhookSecret, shopDomain' },
    { label: 'expires at', value: '—' },
    { label: 'enabled', value: 'yes' },
    { label: 'limits', value: 'per minute 5' },
  ]);
});
