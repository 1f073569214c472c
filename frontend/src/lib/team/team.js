// Who may be given which role on the Team page. The hub enforces it (OwnerRule); the page only avoids offering
// what would be refused: only owners (and the operator, who counts as one) make, change or remove owners.

export const ROLES = ['owner', 'admin', 'member'];

/** The roles the caller (with `callerRole` in the tenant) may give, invite or take away. */
export function assignableRoles(callerRole) {
  if (callerRole === 'owner') return ROLES;
  if (callerRole === 'admin') return ['admin', 'member'];
  return [];
}

/** Whether the caller may change or remove a member who has `memberRole`. */
export function canManage(callerRole, memberRole) {
  return assignableRoles(callerRole).includes(memberRole);
}

/** The link an invited person opens to accept, on this panel. */
export function invitationLink(token, origin = globalThis.location?.origin ?? '') {
  return `${origin}/#/invite/${encodeURIComponent(token)}`;
}

/** "in 6 days", "in 5 hours", "in 3 minutes" until `iso`; "expired" once past. */
export function expiresIn(iso, now = Date.now()) {
  const left = new Date(iso).getTime() - now;
  if (!(left > 0)) return 'expired';
  const minutes = Math.round(left / 60000);
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  return `in ${days} days`;
}
