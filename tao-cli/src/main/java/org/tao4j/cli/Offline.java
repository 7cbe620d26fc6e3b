package org.tao4j.cli;

/**
 * Marks a command that never talks to a node (key creation, listing, verifying, config): {@link TaoCli}
 * hides the shared {@code --network} option from its help, so the help does not offer what the command
 * ignores; it is still accepted, so scripts that pass it everywhere keep working.
 */
public interface Offline {}
