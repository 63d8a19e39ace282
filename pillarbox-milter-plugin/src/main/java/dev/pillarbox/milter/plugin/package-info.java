/**
 * The milter plugin: {@link dev.pillarbox.milter.plugin.MilterPlugin} wires the {@code smtp-milter} client into the
 * server's hooks, one filter chain per SMTP session.
 */
package dev.pillarbox.milter.plugin;
