/**
 * The reference server: its command line ({@link dev.pillarbox.server.cli.Main}: {@code serve},
 * {@code explain}), its start-up ({@link dev.pillarbox.server.cli.ReferenceServer}) and its recipient
 * policy ({@link dev.pillarbox.server.cli.AcceptedDomainsHook}: the server never relays).
 */
package dev.pillarbox.server.cli;
