package io.wahub.plugins.orders;

import org.pf4j.Plugin;

/** PF4J entry point of the orders plugin. It has no lifecycle work. */
public class OrdersPlugin extends Plugin {
}
