// The audit log in words: what an action code means, who did it, and its details as label/value pairs.

const ACTIONS = {
  'tenant.created': 'created the tenant',
  'tenant.changed': 'changed the tenant',
  'connector.configured': 'configured a connector',
  'connector.test-event': 'sent a test event',
  'feature.configured': 'changed a feature’s settings',
  'feature.enabled': 'switched a feature on',
  'feature.disabled': 'switched a feature off',
  'event.replayed': 'replayed an event',
  'message.resent': 'resent a message',
  'key.created': 'created an API key',
  'key.revoked': 'revoked an API key',
  'user.invited': 'invited someone',
  'invitation.accepted': 'accepted an invitation',
  'invitation.revoked': 'revoked an invitation',
  'member.role-changed': 'changed a member’s role',
  'member.removed': 'removed a member',
  'template.created': 'created a template',
  'template.updated': 'edited a template',
  'template.deleted': 'deleted a template',
  'template.status-set': 'set a template’s approval status',
  'webhook-route.claimed': 'claimed a WhatsApp number',
  'webhook-route.revoked': 'lost a WhatsApp number',
  'user.signed-in': 'signed in',
  'user.sign-in-failed': 'failed to sign in',
  'user.password-changed': 'changed their password',
};

/** "key.created" → "created an API key"; unknown codes are humanized ("drip.paused" → "drip paused"). */
export function actionWords(action) {
  return ACTIONS[action] ?? String(action ?? '').replace(/[.\-_]/g, ' ');
}

/** Who: the actor's name the hub resolved (an API key's name), else the actor as recorded (an email, "system"). */
export function actorWords(entry) {
  if (entry.actorName) return entry.actorName;
  if (entry.actor === 'system') return 'the hub';
  if (entry.actor?.startsWith('key:')) return `API key ${entry.actor.slice(4)}…`;
  return entry.actor;
}

/** What it was done to: the resolved name, else the target as recorded. */
export function targetWords(entry) {
  return entry.targetName ?? entry.target ?? '';
}

const humanize = (key) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').toLowerCase();

function valueWords(value) {
  if (value == null) return '—';
  if (Array.isArray(value)) return value.length ? value.map(valueWords).join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${humanize(k)} ${valueWords(v)}`).join('; ');
  return String(value);
}

/** The details as [{label, value}] with readable labels and values (lists joined, booleans yes/no). */
export function detailRows(detail) {
  return Object.entries(detail ?? {}).map(([key, value]) => ({ label: humanize(key), value: valueWords(value) }));
}
