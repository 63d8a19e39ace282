/**
 * SMTP AUTH (RFC 4954) as a plugin built on the public plugin API only: SASL PLAIN (RFC 4616), LOGIN and
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) through a pluggable {@link dev.pillarbox.smtp.extensions.auth.Authenticator},
 * a password file with salted PBKDF2 hashes or SCRAM keys (never plaintext), a growing delay after failures per
 * client address, the {@code AUTH=} MAIL parameter, and the submission policy of RFC 6409 (no MAIL before AUTH).
 */
package dev.pillarbox.smtp.extensions.auth;
