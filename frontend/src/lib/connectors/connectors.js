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
