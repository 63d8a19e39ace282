/**
 * The server-facing plumbing of the plugin API, used by the server and by the ESMTP extensions, never needed by an
 * ordinary plugin: {@link dev.pillarbox.smtp.plugins.spi.ExtensionPoints} (declaring the extension points, the
 * replaceable built-in defaults, the keys the server reads, the TLS context, the ENHANCEDSTATUSCODES switch and the
 * verbs' traits),
 * {@link dev.pillarbox.smtp.plugins.spi.Hooks} (how a stage's hooks run: order, first decision, refusal, timing),
 * {@link dev.pillarbox.smtp.plugins.spi.ServerEvents} (what the server reports to an observer such as the metrics
 * integration),
 * {@link dev.pillarbox.smtp.plugins.spi.VerbTrait} (the connection loop's rules a verb's module declares), the
 * configured {@link dev.pillarbox.smtp.plugins.spi.HeloNamePolicy} and the
 * {@link dev.pillarbox.smtp.plugins.spi.MaxMessageSize} qualifier.
 *
 * <p>This package depends on {@code dev.pillarbox.smtp.plugins.api}, never the other way round.
 */
package dev.pillarbox.smtp.plugins.spi;
