/**
 * The reference server's HTTP side for operators: {@link dev.pillarbox.server.http.HttpEndpoint} (the JDK's HTTP
 * server on virtual threads, serving exact-path {@link dev.pillarbox.server.http.HttpRoute}s) and the health probes
 * ({@link dev.pillarbox.server.http.Health}). Routes are plain values, so that the metrics page, the probes and a
 * web inbox can share one endpoint or use their own.
 */
package dev.pillarbox.server.http;
