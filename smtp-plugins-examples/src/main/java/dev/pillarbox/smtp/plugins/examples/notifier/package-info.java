/**
 * The {@code store-notifier} example: an after-store hook that POSTs each stored message's queue id and envelope
 * to an HTTP endpoint with the JDK's HTTP client, asynchronously, with a bounded retry.
 */
package dev.pillarbox.smtp.plugins.examples.notifier;
