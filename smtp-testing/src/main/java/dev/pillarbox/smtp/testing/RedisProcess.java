package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private {@code redis-server} on a free loopback port with its own directory and no persistence, for tests that
 * stop it mid-test (the machine's own Redis is never stopped). {@link #stop()} and {@link #start()} again keep
 * the port, as a restarted production Redis would.
 */
public final class RedisProcess extends EngineProcess {

    private static final String REDIS = "/usr/bin/redis-server";

    private final Path dir;
    private final int port;

    private RedisProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts one in {@code dir}. */
    public static RedisProcess start(Path dir) throws IOException, InterruptedException {
        RedisProcess redis = new RedisProcess(Files.createDirectories(dir), freePort());
        redis.start();
        return redis;
    }

    /** (Re)starts it on its port; returns when it answers PING. */
    public void start() throws IOException, InterruptedException {
        launch(List.of(REDIS, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()), Map.of(), dir.resolve("redis.log"),
                Duration.ofSeconds(20));
    }

    @Override
    protected boolean ready() {
        return answers(port, "PING\r\n".getBytes(StandardCharsets.US_ASCII),
                "+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Its port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>/0}. */
    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }
}
