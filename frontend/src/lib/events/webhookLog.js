// Words for the webhook log's codes (GET …/webhook-log): what became of a webhook that stored nothing, and why.

export const OUTCOMES = ['refused', 'duplicate', 'ignored'];

const REASONS = {
  'bad-signature': 'Signature did not match (wrong or missing secret)',
  'connector-not-configured': 'Connector not set up for this tenant',
  'unknown-connector': 'No such connector on this hub',
  'unknown-tenant': 'No such tenant',
  'payload-too-large': 'Body too large',
  'malformed-payload': 'Body could not be read',
  replayed: 'Signed too long ago (possible replay)',
  'foreign-source': 'Sent by another shop or account',
  'unsupported-webhook': 'Not a webhook this connector takes',
  duplicate: 'Already received',
  ignored: 'Received and ignored (nothing to do)',
};

/** A sentence for a reason code; unknown codes are shown humanized. */
export function reasonLabel(code) {
  if (!code) return '';
  return REASONS[code] ?? code.replace(/[-_.]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The badge tone of an outcome. */
export function outcomeTone(outcome) {
  return outcome === 'refused' ? 'bad' : outcome === 'accepted' ? 'ok' : 'neutral';
}

/** The query of a filter form, blanks left out. */
export function logQuery({ connector = '', outcome = '' } = {}) {
  const query = {};
  if (connector.trim()) query.connector = connector.trim();
  if (outcome) query.outcome = outcome;
  return query;
}
