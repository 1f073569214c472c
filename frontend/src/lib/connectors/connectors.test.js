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
