/**
 * The ESMTP service extensions of Pillarbox, one sub-package each: SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8
 * (RFC 6531), ENHANCEDSTATUSCODES (RFC 2034), CHUNKING and BINARYMIME (RFC 3030), DSN (RFC 3461) and the LMTP
 * listener mode (RFC 2033).
 *
 * <p>Each is an ordinary plugin: a Guice module that binds only through
 * {@link dev.pillarbox.smtp.plugins.api.SmtpBinder} (its EHLO keyword, the MAIL/RCPT parameters it owns, its hooks
 * and verbs) and an {@link dev.pillarbox.smtp.plugins.api.SmtpPlugin} found with {@link java.util.ServiceLoader}.
 * The code here imports only the public API ({@code smtp-core}, {@code smtp-plugins-api}), never the server's own
 * packages, to prove that the API is enough; {@code ExtensionsUseOnlyPublicApiTest} keeps that true. Switching an
 * extension off in the configuration removes its keyword and its parameters, which the server then answers with
 * {@code 555 5.5.4}.
 */
package dev.pillarbox.smtp.extensions;
