/**
 * The reference server: its command line ({@link dev.pillarbox.smtp.server.cli.Main}: {@code serve},
 * {@code explain}), its start-up ({@link dev.pillarbox.smtp.server.cli.ReferenceServer}) and its recipient
 * policy ({@link dev.pillarbox.smtp.server.cli.AcceptedDomainsHook}: the server never relays).
 */
package dev.pillarbox.smtp.server.cli;
