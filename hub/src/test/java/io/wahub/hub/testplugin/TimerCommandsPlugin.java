package io.wahub.hub.testplugin;

import org.pf4j.Plugin;

/** PF4J entry point of the tests' timer plugin (see {@link TestPluginJar#timersPluginDir()}). */
public class TimerCommandsPlugin extends Plugin {
}
