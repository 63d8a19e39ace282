/**
 * The forwarding gateway: the {@code forward} delivery target keeps each accepted message in a durable queue on
 * disk and a queue runner hands it on to the configured next hop over SMTP or LMTP.
 */
package dev.pillarbox.forward;
