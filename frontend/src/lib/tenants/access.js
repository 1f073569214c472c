// Who may do what in a tenant, from the session (GET /api/v1/session). The hub enforces all of it;
// the panel only avoids offering what would be refused.

/**
 * The caller's role in a tenant: their membership's role; the operator counts as owner everywhere.
 * @returns {'owner'|'admin'|'member'|null}
 */
export function roleIn(session, tenantId) {
  if (!session) return null;
  const membership = session.tenants?.find((tenant) => tenant.tenantId === tenantId);
  if (membership) return session.operator && membership.role === 'member' ? 'owner' : membership.role;
  return session.operator ? 'owner' : null;
}

/** Members only read; owners and admins change things. */
export function canEdit(role) {
  return role === 'owner' || role === 'admin';
}

/** The session's memberships as tenant objects, for when the tenant list cannot be fetched. */
export function tenantsFromSession(session) {
  return (session?.tenants ?? []).map((tenant) => ({ id: tenant.tenantId, name: tenant.tenantName }));
}
