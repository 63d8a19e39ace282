/**
 * STARTTLS (RFC 3207) and the TLS context shared with implicit TLS listeners (RFC 8314), as a plugin built on the
 * public plugin API only: the {@code STARTTLS} verb and its EHLO keyword, the server's certificate and the
 * allowed protocol versions and cipher suites, and a policy that refuses MAIL before TLS
 * ({@code 530 5.7.0 Must issue a STARTTLS command first}).
 */
package dev.pillarbox.smtp.extensions.starttls;
