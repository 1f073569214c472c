// How a message's state reads to an admin: the status word on its badge, and the channel's error in plain words.

/** A queued message that has already failed at least once is being retried, not waiting for its first try. */
export function displayStatus(message) {
  if (message.status === 'queued' && message.attempts > 0 && message.lastError) return 'retrying';
  return message.status;
}

/** Meta's error codes (and the hub's own failure codes) that admins meet most, said plainly. */
const PLAIN = {
  131026: 'WhatsApp could not deliver it: the number may not use WhatsApp, or has not accepted the latest terms.',
  131047: 'More than 24 hours have passed since the customer last wrote: only an approved template can be sent now.',
  131049: 'Meta held it back to keep the customer from getting too many marketing messages. Try later.',
  131050: 'The customer has stopped marketing messages from this business.',
  131051: 'WhatsApp does not support this kind of message.',
  131056: 'Too many messages to this customer in a short time. It will be retried.',
  130429: 'The WhatsApp number sends faster than its limit allows. It will be retried.',
  132000: "The template's variables do not match the approved template.",
  132001: 'The template does not exist in this language, or is not approved yet.',
  190: 'The access token has expired or was revoked: save a new one in the connector settings.',
  'not-configured': 'The channel is not set up: save its settings on the Connectors page.',
  'bad-response': 'The channel answered something the hub does not understand.',
};

/**
 * The channel's error in plain words, from a stored `lastError` `<code>: <the channel's sentence>` such as
 * `131026: Message Undeliverable.` or `http-500: WhatsApp Cloud API answered HTTP 500`; null when there is no
 * error. Unknown codes keep the channel's own sentence; text without a code is returned as it is.
 */
export function plainError(lastError) {
  if (!lastError) return null;
  const coded = /^([\w-]+):\s+(.*)$/s.exec(lastError.trim());
  if (!coded) return lastError;
  const [, code, detail] = coded;
  if (PLAIN[code]) return PLAIN[code];
  const http = /^http-(\d{3})$/.exec(code);
  if (http) {
    const status = Number(http[1]);
    if (status === 429) return 'The channel asked the hub to slow down (HTTP 429).';
    if (status >= 500) return `The channel's server had a problem (HTTP ${status}).`;
    if (status === 401 || status === 403) return `The channel refused the credentials (HTTP ${status}): check the connector settings.`;
    return `The channel refused the message (HTTP ${status}).`;
  }
  return detail;
}
