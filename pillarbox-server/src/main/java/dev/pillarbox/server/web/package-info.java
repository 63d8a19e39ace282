/**
 * The web inbox: the reference server as a mail catcher for development. A page and a JSON API over the messages
 * of the Maildir (read from its own files, newest first, updated live with server-sent events), MIME parsed as a
 * stream by Apache Mime4J, HTML mail sanitised and shown in a sandboxed iframe under a strict Content-Security-Policy.
 */
package dev.pillarbox.server.web;
