/**
 * The PROXY protocol, versions 1 and 2 (HAProxy's proxy-protocol.txt): a load balancer in front of the server
 * sends one header before any SMTP byte, naming the real client. {@link dev.pillarbox.smtp.server.proxy.ProxyHeaderDecoder}
 * is a pure, byte-level decoder that never asks for a byte past the header, so everything after it stays SMTP.
 */
package dev.pillarbox.smtp.server.proxy;
