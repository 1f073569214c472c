// Server-side renders a chat bubble (svelte/server): what the admin and a screen reader get for a hub message.
import { render } from 'svelte/server';
import { expect, it } from 'vitest';
import ChatBubble from './ChatBubble.svelte';

const bubble = {
  id: 'm1', mine: false, kind: 'template', text: 'Your code is ready', template: 'offer', status: 'read',
  at: '2026-01-01T10:00:00Z', replyTo: 'sandbox.p1', error: null,
  buttons: [
    { type: 'QUICK_REPLY', text: 'Confirm', payload: 'cod:1:confirm' },
    { type: 'URL', text: 'Track', url: 'https://t.example/1' },
    { type: 'COPY_CODE', text: 'Copy code', code: 'SAVE10' },
  ],
};

it('draws a hub message with its three kinds of buttons and names the sender and status for screen readers', () => {
  const { body } = render(ChatBubble, { props: { bubble, ontap: () => {} } });
  expect(body).toContain('Shop:');
  expect(body).toMatch(/<button type="button" class="bubble-button[^"]*">↩ Confirm<\/button>/);
  expect(body).toMatch(/<a class="bubble-button[^"]*" href="https:\/\/t.example\/1" target="_blank" rel="noopener noreferrer">↗ Track<\/a>/);
  expect(body).toContain('SAVE10');
  expect(body).toContain('aria-label="read"');
});

it('draws the customer’s own tap on the right, without ticks', () => {
  const { body } = render(ChatBubble, {
    props: { bubble: { ...bubble, mine: true, kind: 'button', text: 'Confirm', buttons: [] }, ontap: () => {} },
  });
  expect(body).toContain('You (customer):');
  expect(body).toContain('Tapped a button');
  expect(body).not.toContain('aria-label="read"');
});

it('disables quick replies while a reply is being sent', () => {
  const { body } = render(ChatBubble, { props: { bubble, disabled: true, ontap: () => {} } });
  expect(body).toMatch(/<button type="button" class="bubble-button[^"]*" disabled[^>]*>↩ Confirm/);
});
