package io.wahub.plugins.drips;

import org.pf4j.Plugin;

/** PF4J entry point of the drips plugin. It has no lifecycle work. */
public class DripsPlugin extends Plugin {
}
