package io.wahub.plugins.shopify;

import org.pf4j.Plugin;

/** PF4J entry point of the Shopify plugin. It has no lifecycle work: its only extension is stateless. */
public class ShopifyPlugin extends Plugin {
}
