// The panel's location lives in the URL hash: `#/acme/messages` = tenant acme, messages section.
// `#/invite/<token>` is the page where an invited person accepts their invitation.

export const SECTIONS = ['dashboard', 'features', 'connectors', 'messages', 'events', 'phone', 'contacts', 'templates', 'campaigns', 'records', 'usage', 'team', 'keys', 'audit'];

/** Sections only owners and admins see (the hub answers 403 to members). */
export const ADMIN_SECTIONS = ['keys', 'audit'];

/** @returns {{tenantId: string|null, section: string}} */
export function parseHash(hash) {
  const [tenantId, section] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { tenantId: tenantId || null, section: SECTIONS.includes(section) ? section : SECTIONS[0] };
}

export function hashFor(tenantId, section = SECTIONS[0]) {
  return tenantId ? `#/${encodeURIComponent(tenantId)}/${section}` : '#/';
}

/** The invitation token of `#/invite/<token>`, else null. */
export function inviteToken(hash) {
  const match = /^#\/?invite\/([^/]+)\/?$/.exec(hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/** The platform operator's page (all tenants); `-` is never a tenant id. */
export const OPERATOR_HASH = '#/-/operator';

export function isOperatorHash(hash) {
  return /^#\/?-\/operator\/?$/.test(hash);
}

/**
 * What follows the section in the hash, decoded: `#/acme/records/otp/verifications` → ['otp', 'verifications'].
 * @returns {string[]}
 */
export function subPath(hash) {
  return hash.replace(/^#\/?/, '').split('/').slice(2).filter(Boolean).map(decodeURIComponent);
}

/** A hash below a section: `pageHash('acme', 'records', 'otp', 'verifications')`. */
export function pageHash(tenantId, section, ...rest) {
  return [hashFor(tenantId, section), ...rest.map(encodeURIComponent)].join('/');
}
