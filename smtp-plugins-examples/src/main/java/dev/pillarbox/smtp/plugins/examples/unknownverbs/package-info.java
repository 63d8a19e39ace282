/**
 * A replacement for the unknown-verb fall-back ({@code SmtpBinder.unknownVerb}): 502 5.5.1 for verbs known but
 * not implemented, 500 5.5.2 for the rest, and 421 4.7.0 after too many unknown verbs in one session. Plugin
 * name {@code unknown-verbs}.
 */
package dev.pillarbox.smtp.plugins.examples.unknownverbs;
