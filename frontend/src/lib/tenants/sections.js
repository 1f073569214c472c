// Each section of a tenant's page, loaded on demand: the first load carries only the shell (sign-in, tenant list,
// tabs), and a section's code (and the chart library, for the dashboard) is fetched when it is first opened.
// Every section component takes the same props: {tenant, tenantId, readOnly, ontenantchange, path, role}.

export const SECTION_TITLES = {
  dashboard: 'Dashboard',
  features: 'Features',
  connectors: 'Connectors',
  messages: 'Messages',
  events: 'Events',
  phone: 'Sandbox phone',
  contacts: 'Contacts',
  templates: 'Templates',
  campaigns: 'Campaigns',
  records: 'Feature pages',
  usage: 'Usage',
  team: 'Team',
  keys: 'API keys',
  audit: 'Audit log',
};

/** section → () => import(its component). */
export const SECTION_LOADERS = {
  dashboard: () => import('../dashboard/DashboardView.svelte'),
  features: () => import('../features/FeatureList.svelte'),
  connectors: () => import('../connectors/ConnectorList.svelte'),
  messages: () => import('../messages/MessageList.svelte'),
  events: () => import('../events/EventsView.svelte'),
  phone: () => import('../phone/SandboxPhone.svelte'),
  contacts: () => import('../contacts/ContactsPage.svelte'),
  templates: () => import('../templates/TemplatesPage.svelte'),
  campaigns: () => import('../campaigns/CampaignsPage.svelte'),
  records: () => import('../records/RecordsPage.svelte'),
  team: () => import('../team/TeamPage.svelte'),
  usage: () => import('../usage/UsageView.svelte'),
  keys: () => import('../keys/KeyList.svelte'),
  audit: () => import('../audit/AuditList.svelte'),
};

/** The component of a section (cached by the module loader), or null for an unknown section. */
export function loadSection(name) {
  const loader = SECTION_LOADERS[name];
  return loader ? loader().then((module) => module.default) : Promise.resolve(null);
}
