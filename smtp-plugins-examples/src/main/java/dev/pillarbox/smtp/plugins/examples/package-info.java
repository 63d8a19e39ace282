/**
 * Example plugins for the Pillarbox SMTP server, one package each, each usable as-is: put this module's jar on
 * the reference server's class path and enable a plugin by name in the {@code plugins:} section. Every plugin is
 * off by default. The plugin author's guide ({@code docs/plugins.md}) quotes these sources.
 */
package dev.pillarbox.smtp.plugins.examples;
