package io.pacer.server;

import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The service's log: JSON lines on stdout ({@value #CONFIGURATION}), for log collectors. A switch rather than the
 * default configuration because the CLI's other commands keep their quiet console log; {@code pacer serve} calls
 * {@link #useJson} before it starts anything.
 */
public final class ServerLogging {

    /** The log4j2 configuration on the class path. */
    public static final String CONFIGURATION = "pacer-serve-log4j2.xml";

    private ServerLogging() {}

    /** Reconfigures log4j2 with {@value #CONFIGURATION}. */
    public static void useJson() {
        URL config = ServerLogging.class.getClassLoader().getResource(CONFIGURATION);
        if (config == null) {
            throw new IllegalStateException(CONFIGURATION + " is missing from the class path");
        }
        try {
            Configurator.reconfigure(config.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + config, e);
        }
    }

    /** Back to the configuration log4j2 finds by itself (tests). */
    public static void useDefault() {
        Configurator.reconfigure();
    }
}
