import { describe, expect, it } from 'vitest';
import { bubbles, e164, needsDetail, tapReply, tappable, textReply, ticks } from './phoneChat.js';

const codMessage = {
  id: 'm1',
  text: 'Hi Jon, you ordered #1001 (44.98 EUR) to pay cash on delivery.',
  buttons: [
    { type: 'QUICK_REPLY', text: 'Confirm' },
    { type: 'QUICK_REPLY', text: 'Cancel' },
  ],
  template: {
    name: 'cod_order_confirmation',
    variables: { first_name: 'Jon' },
    components: [
      { type: 'button', subType: 'quick_reply', index: 1, parameters: ['cod:shopify:7:cancel'] },
      { type: 'button', subType: 'quick_reply', index: 0, parameters: ['cod:shopify:7:confirm'] },
    ],
  },
};

describe('tappable', () => {
  it('gives each quick reply of a named template the payload of its rank', () => {
    expect(tappable(codMessage).map((b) => b.payload)).toEqual(['cod:shopify:7:confirm', 'cod:shopify:7:cancel']);
  });

  it('falls back to the label when the feature gave no payload, as WhatsApp does', () => {
    const message = { buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }], template: { variables: {} } };
    expect(tappable(message)[0].payload).toBe('Stop promotions');
  });

  it('matches a positional template payload by the button position and leaves URL buttons without one', () => {
    const message = {
      buttons: [
        { type: 'URL', text: 'Track', url: 'https://t.example/1' },
        { type: 'QUICK_REPLY', text: 'Help' },
      ],
      template: { variables: null, components: [{ subType: 'quick_reply', index: 1, parameters: ['help:1'] }] },
    };
    expect(tappable(message)).toEqual([
      { type: 'URL', text: 'Track', url: 'https://t.example/1' },
      { type: 'QUICK_REPLY', text: 'Help', payload: 'help:1' },
    ]);
  });
});

describe('bubbles', () => {
  const items = [
    { direction: 'inbound', id: 'sandbox.2', kind: 'text', text: 'STOP', status: 'received', at: '2026-01-01T10:02:00Z' },
    {
      direction: 'outbound', id: 'm1', kind: 'template', text: null, template: 'cod_order_confirmation',
      status: 'sent', providerMessageId: 'sandbox.p1', at: '2026-01-01T10:00:00Z',
    },
  ];

  it('orders the timeline oldest first, the customer on the right, template text and buttons from the detail', () => {
    const shown = bubbles(items, new Map([['m1', codMessage]]));
    expect(shown.map((b) => [b.id, b.mine])).toEqual([['m1', false], ['sandbox.2', true]]);
    expect(shown[0].text).toBe(codMessage.text);
    expect(shown[0].buttons.map((b) => b.text)).toEqual(['Confirm', 'Cancel']);
    expect(shown[0].replyTo).toBe('sandbox.p1');
    expect(shown[1].buttons).toEqual([]);
  });

  it('asks for details of template messages only', () => {
    expect(items.map(needsDetail)).toEqual([false, true]);
  });
});

describe('replies', () => {
  it('a tap carries payload, label and the message answered', () => {
    const [bubble] = bubbles([{ direction: 'outbound', id: 'm1', kind: 'template', providerMessageId: 'sandbox.p1' }],
      new Map([['m1', codMessage]]));
    expect(tapReply('+4915112345678', bubble, bubble.buttons[0])).toEqual({
      from: '+4915112345678', buttonPayload: 'cod:shopify:7:confirm', buttonText: 'Confirm', replyTo: 'sandbox.p1',
    });
  });

  it('a typed text is trimmed, and nothing is sent for blanks', () => {
    expect(textReply('+4915112345678', '  STOP ')).toEqual({ from: '+4915112345678', text: 'STOP' });
    expect(textReply('+4915112345678', '   ')).toBeNull();
  });
});

it.each([
  ['+49 151 1234-5678', '+4915112345678'],
  ['0049 (151) 12345678', '+4915112345678'],
  ['015112345678', null],
  ['+0151', null],
  ['', null],
])('e164(%j) = %j', (typed, number) => {
  expect(e164(typed)).toBe(number);
});

it('ticks name every status for screen readers', () => {
  expect(ticks('read')).toEqual({ mark: '✓✓', label: 'read', read: true });
  expect(ticks('dead').label).toBe('dead');
  expect(ticks('queued').label).toBe('queued');
});
