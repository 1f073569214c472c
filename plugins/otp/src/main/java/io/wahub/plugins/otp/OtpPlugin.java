package io.wahub.plugins.otp;

import org.pf4j.Plugin;

/** PF4J entry point of the otp plugin. It has no lifecycle work. */
public class OtpPlugin extends Plugin {
}
