/**
 * A message hook that checks the header section (RFC 5322 3.6: exactly one From: and one Date:), streaming it
 * without reading the body. Plugin name {@code header-check}.
 */
package dev.pillarbox.smtp.plugins.examples.headercheck;
