package io.wahub.hub.testplugin;

import org.pf4j.Plugin;

/** PF4J entry point of the tests' notes plugin (see {@link TestPluginJar#notesPluginDir}). */
public class NotesPlugin extends Plugin {
}
