package io.wahub.plugins.evolution;

import org.pf4j.Plugin;

/** PF4J entry point of the Evolution API gateway plugin. It has no lifecycle work. */
public class EvolutionPlugin extends Plugin {
}
