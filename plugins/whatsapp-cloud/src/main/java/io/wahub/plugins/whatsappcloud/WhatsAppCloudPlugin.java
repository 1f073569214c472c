package io.wahub.plugins.whatsappcloud;

import org.pf4j.Plugin;

/** PF4J entry point of the WhatsApp Cloud API plugin. It has no lifecycle work. */
public class WhatsAppCloudPlugin extends Plugin {
}
