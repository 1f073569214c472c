package io.wahub.plugins.stripe;

import org.pf4j.Plugin;

/** PF4J entry point of the Stripe plugin. It has no lifecycle work. */
public class StripePlugin extends Plugin {
}
