package io.wahub.plugins.packinglist;

import org.pf4j.Plugin;

/** PF4J entry point of the packing-list plugin. It has no lifecycle work. */
public class PackingListPlugin extends Plugin {
}
