/**
 * {@code XSTATS}: a verb with no built-in counterpart that answers multi-line server statistics, with its EHLO
 * keyword, fed by a connect hook and a message hook. Plugin name {@code xstats}.
 */
package dev.pillarbox.smtp.plugins.examples.xstats;
