package io.wahub.plugins.woocommerce;

import org.pf4j.Plugin;

/** PF4J entry point of the WooCommerce plugin. It has no lifecycle work. */
public class WooCommercePlugin extends Plugin {
}
