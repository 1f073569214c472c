package io.wahub.plugins.openai;

import org.pf4j.Plugin;

/** PF4J entry point of the OpenAI-compatible chat model plugin. It has no lifecycle work. */
public class OpenAiCompatiblePlugin extends Plugin {
}
