/**
 * Per-client rate limiting with token buckets: connections (421 4.7.0 at connect) and MAIL transactions
 * (450 4.7.1). Plugin name {@code rate-limit}.
 */
package dev.pillarbox.smtp.plugins.examples.ratelimit;
