/**
 * The reference server's message stores: {@link dev.pillarbox.server.maildir.MaildirStore} (durable,
 * the default) and {@link dev.pillarbox.server.maildir.DiscardStore} (accept and throw away, for
 * benchmarks), each with its own Guice module.
 */
package dev.pillarbox.server.maildir;
