package io.wahub.plugins.invoices;

import org.pf4j.Plugin;

/** PF4J entry point of the invoices plugin. It has no lifecycle work. */
public class InvoicesPlugin extends Plugin {
}
