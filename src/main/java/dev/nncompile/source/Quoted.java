package dev.nncompile.source;

/**
 * User text quoted inside a message: {@code 'rleu'}, cut to {@value #MAX} chars so that a megabyte-long name
 * cannot make a megabyte-long message.
 *
 * <pre>{@code
 * "unknown activation " + Quoted.of(name)   // unknown activation 'rleu'
 * }</pre>
 */
public final class Quoted {
    public static final int MAX = 40;

    private Quoted() {}

    public static String of(String text) {
        String shown = text.length() <= MAX ? text : text.substring(0, MAX) + "...";
        return "'" + shown + "'";
    }
}
