package dev.nncompile.cli;

/** The exit codes of every command. */
final class ExitCode {
    static final int OK = 0;
    /** the specs or data have errors */
    static final int INPUT = 1;
    static final int USAGE = 2;
    static final int IO = 3;
    static final int INTERNAL = 4;

    private ExitCode() {}
}
