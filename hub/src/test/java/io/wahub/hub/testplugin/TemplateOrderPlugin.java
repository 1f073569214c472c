package io.wahub.hub.testplugin;

import org.pf4j.Plugin;

/** PF4J entry point of the tests' template-order plugin (see {@link TestPluginJar}). */
public class TemplateOrderPlugin extends Plugin {
}
