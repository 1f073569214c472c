package io.wahub.plugins.cod;

import org.pf4j.Plugin;

/** PF4J entry point of the cod plugin. It has no lifecycle work. */
public class CodPlugin extends Plugin {
}
