/**
 * The reference server's configuration: one YAML file, {@code PILLARBOX_*} environment variables and
 * command-line flags, merged and checked by {@link dev.pillarbox.server.config.ConfigLoader} into a
 * {@link dev.pillarbox.server.config.ReferenceConfig}. The format is documented in
 * {@code docs/reference-server.md}.
 */
package dev.pillarbox.server.config;
