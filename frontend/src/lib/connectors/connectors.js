/** Whether a connector has settings at all (the built-in sandbox channel has none). */
export function hasSettings(connector) {
  return Object.keys(connector.settingsSchema?.properties ?? {}).length > 0;
}

/** Whether a connector still waits for its settings before it can work. */
export function needsSettings(connector) {
  return !connector.configured && hasSettings(connector);
}

/** Whether messages can be sent through a connector: kind `channel`, or `webhook-and-channel` (WhatsApp Cloud, Evolution). */
export function isChannel(connector) {
  return connector.kind === 'channel' || connector.kind === 'webhook-and-channel';
}

/**
 * Where each vendor wants the webhook URL, and what else to paste there: `where` (a sentence), `token` (the
 * name of the setting whose value the vendor must be given as its verify token or key, if any), `secret` (where the
 * signing secret comes from).
 */
export const VENDOR_SETUP = {
  shopify: {
    where: 'Shopify admin → Settings → Notifications → Webhooks (or your app\'s webhook subscriptions): create a webhook per topic, format JSON, with this URL.',
    secret: 'The signing secret is your app\'s client secret (or the key shown under the store\'s webhooks): save it as Webhook secret.',
  },
  woocommerce: {
    where: 'WooCommerce → Settings → Advanced → Webhooks: add a webhook per topic, delivery URL = this URL, API version WP REST API v3.',
    secret: 'Type the same Secret there and here (Webhook secret).',
  },
  stripe: {
    where: 'Stripe Dashboard → Developers → Webhooks: add an endpoint with this URL.',
    secret: 'Copy the endpoint\'s signing secret (whsec_…) into Webhook secret.',
  },
  'whatsapp-cloud': {
    where: 'Meta App Dashboard → WhatsApp → Configuration → Webhook: Callback URL = this URL.',
    token: 'verifyToken',
    secret: 'Verify token: the same value as the Verify token setting below (you choose it). App secret: App settings → Basic.',
  },
  evolution: {
    where: 'Evolution API: set the instance\'s webhook URL to this URL (events MESSAGES_UPSERT, MESSAGES_UPDATE).',
    token: 'webhookApiKey',
    secret: 'The gateway must send the Webhook API key setting as its apikey header.',
  },
};

/** The setup help of a connector, or a generic one. */
export function vendorSetup(connector) {
  return VENDOR_SETUP[connector.id] ?? { where: `Paste this URL into ${connector.displayName}'s webhook settings.` };
}

/** "Last webhook" in words: {tone, text} from GET …/webhook-log/last's entry (or null: none yet). */
export function lastWebhookSummary(last) {
  if (!last) return { tone: 'neutral', text: 'No webhook received yet' };
  if (last.outcome === 'accepted') return { tone: 'ok', text: `Accepted (event ${last.reason?.replace(/^event-/, '') ?? 'stored'})` };
  if (last.outcome === 'refused') return { tone: 'bad', text: `Refused (${last.status})${last.detail ? `: ${last.detail}` : ''}` };
  return { tone: 'neutral', text: `${last.outcome === 'duplicate' ? 'Duplicate' : 'Ignored'}${last.detail ? `: ${last.detail}` : ''}` };
}
