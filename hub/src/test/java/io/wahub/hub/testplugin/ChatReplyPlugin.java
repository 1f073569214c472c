package io.wahub.hub.testplugin;

import org.pf4j.Plugin;

/** PF4J entry point of the tests' chat-reply plugin (see {@link TestPluginJar}). */
public class ChatReplyPlugin extends Plugin {
}
