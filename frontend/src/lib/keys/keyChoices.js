// What a new API key may do and for how long: the scopes the hub knows (hub/…/security/Scope.java) and the
// expiry choices of the form.

export const SCOPES = [
  { value: 'tenant:read', label: 'Read the tenant, its connectors and features' },
  { value: 'messages:read', label: 'Read events and messages' },
  { value: 'usage:read', label: 'Read usage and quota' },
  { value: 'contacts:read', label: 'Read contacts' },
  { value: 'tenant:write', label: 'Change the tenant, connectors and features' },
  { value: 'contacts:write', label: 'Change and import contacts' },
  { value: 'feature:*', label: "Call every feature's API" },
  { value: 'admin', label: 'Manage keys and people, read the audit log' },
];

/** What a new key gets unless the admin chooses otherwise (the hub's default too). */
export const DEFAULT_SCOPES = ['tenant:read', 'messages:read', 'usage:read'];

export const EXPIRIES = [
  { days: 30, label: 'in 30 days' },
  { days: 90, label: 'in 90 days' },
  { days: 365, label: 'in a year' },
  { days: 0, label: 'never' },
];

/** The `expiresAt` to send for a choice of `days` from `now` (null: never). */
export function expiresAt(days, now = new Date()) {
  if (!days) return null;
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
}
