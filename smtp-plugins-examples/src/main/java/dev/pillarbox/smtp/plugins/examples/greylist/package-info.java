/**
 * Greylisting (RCPT hook): the first attempt of an unknown (client network, sender, recipient) triplet is
 * deferred with 451 4.7.1; a retry after the delay passes. Plugin name {@code greylist}.
 */
package dev.pillarbox.smtp.plugins.examples.greylist;
