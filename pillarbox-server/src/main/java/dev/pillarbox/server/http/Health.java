package dev.pillarbox.server.http;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The health probes, answered in JSON for Kubernetes-style probes and HAProxy checks: {@code /health/live} is
 * {@code 200 {"status":"UP"}} while the process answers at all; {@code /health/ready} runs every readiness check and
 * answers {@code 200} when all pass, else {@code 503}, with each check's status and, for a failed one, why:
 *
 * <pre>
 * {"status":"DOWN","checks":{"listeners":{"status":"UP"},"store":{"status":"DOWN","error":"..."}}}
 * </pre>
 */
public final class Health {

    /** The liveness probe's path. */
    public static final String LIVE = "/health/live";
    /** The readiness probe's path. */
    public static final String READY = "/health/ready";

    private Health() {
    }

    /**
     * One readiness check, e.g. the listeners are bound, the store is writable.
     *
     * @param name its key in the JSON answer
     * @param probe passes by returning, fails by throwing (the exception's message says why)
     */
    public record Check(String name, Probe probe) {

        /** Checks the components. */
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(probe, "probe");
        }
    }

    /** What a check runs. */
    @FunctionalInterface
    public interface Probe {

        /** Returns when the thing checked is ready; throws, saying why, when not. */
        void run() throws Exception;
    }

    /** The two probe routes, readiness made of {@code checks} in order. */
    public static List<HttpRoute> routes(List<Check> checks) {
        List<Check> ready = List.copyOf(checks);
        return List.of(new HttpRoute(LIVE, request -> HttpResponse.json(200, "{\"status\":\"UP\"}")),
                new HttpRoute(READY, request -> readiness(ready)));
    }

    private static HttpResponse readiness(List<Check> checks) {
        boolean up = true;
        StringJoiner results = new StringJoiner(",", "{", "}");
        for (Check check : checks) {
            String problem = problem(check.probe());
            up &= problem == null;
            results.add(string(check.name()) + ":{\"status\":" + (problem == null ? "\"UP\"}"
                    : "\"DOWN\",\"error\":" + string(problem) + "}"));
        }
        return HttpResponse.json(up ? 200 : 503, "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":"
                + results + "}");
    }

    /** Null when the probe passed, else why not. */
    private static String problem(Probe probe) {
        try {
            probe.run();
            return null;
        } catch (Exception e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    /** {@code text} as a JSON string (RFC 8259 7): quotes, backslashes and control characters escaped. */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
