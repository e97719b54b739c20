package dev.nncompile.cli;

import picocli.CommandLine.IVersionProvider;

/** The version, read from the jar's manifest when there is one. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"nncompile " + (v == null ? "(development build)" : v)};
    }
}
