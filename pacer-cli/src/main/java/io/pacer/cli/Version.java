package io.pacer.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code pacer --version}: Pacer's version plus the JDK it runs on. */
final class Version implements IVersionProvider {
    static String pacer() {
        String v = Pacer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "pacer " + pacer(), "JDK " + System.getProperty("java.vendor") + " " + System.getProperty("java.version")
        };
    }
}
