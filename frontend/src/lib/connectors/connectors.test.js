import { expect, it } from 'vitest';
import { hasSettings, isChannel, needsSettings } from './connectors.js';

const schema = { type: 'object', properties: { accessToken: { type: 'string', 'x-secret': true } } };

it('a connector with settings needs them until it is configured', () => {
  expect(needsSettings({ configured: false, settingsSchema: schema })).toBe(true);
  expect(needsSettings({ configured: true, settingsSchema: schema })).toBe(false);
});

it('a connector without settings (the sandbox) never needs any', () => {
  const sandbox = { id: 'sandbox', configured: false, settingsSchema: { type: 'object', properties: {} } };

  expect(hasSettings(sandbox)).toBe(false);
  expect(needsSettings(sandbox)).toBe(false);
  expect(hasSettings({ configured: false })).toBe(false);
});

it('connectors that both receive webhooks and send messages are channels too', () => {
  expect(isChannel({ id: 'sandbox', kind: 'channel' })).toBe(true);
  expect(isChannel({ id: 'whatsapp-cloud', kind: 'webhook-and-channel' })).toBe(true);
  expect(isChannel({ id: 'shopify', kind: 'webhook' })).toBe(false);
});

it('says the last webhook in words', async () => {
  const { lastWebhookSummary } = await import('./connectors.js');
  expect(lastWebhookSummary(null)).toEqual({ tone: 'neutral', text: 'No webhook received yet' });
  expect(lastWebhookSummary({ outcome: 'accepted', reason: 'event-done', status: 202 })).toEqual({ tone: 'ok', text: 'Accepted (event done)' });
  expect(lastWebhookSummary({ outcome: 'refused', status: 401, detail: 'bad HMAC' })).toEqual({ tone: 'bad', text: 'Refused (401): bad HMAC' });
  expect(lastWebhookSummary({ outcome: 'ignored', detail: 'topic shop/update is not used' }).text).toBe('Ignored: topic shop/update is not used');
});

it('tells where each vendor wants the URL, and a generic sentence for others', async () => {
  const { vendorSetup } = await import('./connectors.js');
  expect(vendorSetup({ id: 'whatsapp-cloud' }).token).toBe('verifyToken');
  expect(vendorSetup({ id: 'acme', displayName: 'Acme' }).where).toBe("Paste this URL into Acme's webhook settings.");
});
