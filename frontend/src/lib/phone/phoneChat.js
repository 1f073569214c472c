// What the sandbox phone shows and sends, as plain functions: the chat bubbles of a contact's conversation, and
// the reply a tap on a button makes, which the hub takes in as the Cloud API's webhook would post it.

/** Outbound kinds whose text and buttons only the message's own detail has (the timeline has the template's name). */
const NEEDS_DETAIL = new Set(['template']);

/** Whether the timeline entry must be completed with GET /messages/{id} (a template message's text and buttons). */
export function needsDetail(entry) {
  return entry.direction === 'outbound' && NEEDS_DETAIL.has(entry.kind);
}

/**
 * The chat bubbles, oldest first, from the timeline (newest first, as the hub pages it) and the message details
 * fetched for template messages (`details`: message id → GET /messages/{id}'s `message`).
 * @returns {{id: string, mine: boolean, text: string, buttons: object[], status: string, at: string,
 *            template: string|null, kind: string, replyTo: string|null, error: string|null}[]}
 */
export function bubbles(items, details = new Map()) {
  return [...items].reverse().map((entry) => {
    const detail = details.get(entry.id);
    const outbound = entry.direction === 'outbound';
    return {
      id: entry.id,
      // the phone belongs to the customer: what the customer sent is "mine"
      mine: !outbound,
      kind: entry.kind,
      text: detail?.text ?? entry.text ?? '',
      template: entry.template ?? null,
      buttons: outbound && detail ? tappable(detail) : [],
      status: entry.status,
      at: entry.at,
      // what a reply to this message names as `replyTo`: the id the channel gave it
      replyTo: outbound ? entry.providerMessageId ?? null : null,
      error: entry.error ?? null,
    };
  });
}

/**
 * A template message's buttons, each with what a tap sends: a quick reply carries the payload the feature gave it
 * (or, as WhatsApp does without one, its label); URL and copy-code buttons are not sent anywhere.
 */
export function tappable(message) {
  const buttons = message.buttons ?? [];
  const payloads = quickReplyPayloads(message.template);
  let rank = 0;
  return buttons.map((button, position) => {
    if (button.type !== 'QUICK_REPLY') return { ...button };
    const payload = payloads.named ? payloads.byRank[rank] : payloads.byPosition[position];
    rank += 1;
    return { ...button, payload: payload ?? button.text };
  });
}

/** Payloads of a message's quick-reply components: by rank among quick replies (named templates) or by position. */
function quickReplyPayloads(template) {
  const components = (template?.components ?? []).filter((component) => component.subType === 'quick_reply');
  const named = Boolean(template?.variables);
  const byRank = [...components].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((c) => c.parameters?.[0]);
  const byPosition = {};
  for (const component of components) byPosition[component.index] = component.parameters?.[0];
  return { named, byRank, byPosition };
}

/** The body of POST /sandbox/replies for a tap on `button` of `bubble`, as the customer `from`. */
export function tapReply(from, bubble, button) {
  const reply = { from, buttonPayload: button.payload, buttonText: button.text };
  if (bubble.replyTo) reply.replyTo = bubble.replyTo;
  return reply;
}

/** The body of POST /sandbox/replies for a typed text; null when there is nothing to send. */
export function textReply(from, text) {
  const trimmed = (text ?? '').trim();
  return trimmed ? { from, text: trimmed } : null;
}

/** A number as E.164 (`+4915112345678`) from what was typed (spaces, dashes, brackets, a leading 00); else null. */
export function e164(typed) {
  const compact = (typed ?? '').replace(/[\s\-().]/g, '').replace(/^00/, '+');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

/** Ticks for an outbound message's status, as WhatsApp draws them, with a word for screen readers. */
export function ticks(status) {
  switch (status) {
    case 'read':
      return { mark: '✓✓', label: 'read', read: true };
    case 'delivered':
      return { mark: '✓✓', label: 'delivered', read: false };
    case 'sent':
      return { mark: '✓', label: 'sent', read: false };
    case 'failed':
    case 'dead':
    case 'suppressed':
      return { mark: '!', label: status, read: false };
    default:
      return { mark: '…', label: status ?? 'pending', read: false };
  }
}
