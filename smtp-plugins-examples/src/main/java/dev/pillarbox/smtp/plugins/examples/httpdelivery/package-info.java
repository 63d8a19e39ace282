/**
 * A delivery hook that POSTs each message to an HTTP endpoint with {@link java.net.http.HttpClient}; the
 * endpoint's answer decides the SMTP reply. Plugin name {@code http-delivery}.
 */
package dev.pillarbox.smtp.plugins.examples.httpdelivery;
