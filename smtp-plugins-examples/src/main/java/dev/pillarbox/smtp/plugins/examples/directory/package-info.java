/**
 * A recipient directory read from a file: unknown recipients get 550 5.1.1 at RCPT, and VRFY answers from it
 * when enabled. Plugin name {@code recipient-directory}.
 */
package dev.pillarbox.smtp.plugins.examples.directory;
