package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

class ConnectionExecutorsTest {

    @Test
    void virtualThreadsExactlyFromJava21() {
        assertThat(ConnectionExecutors.virtualThreadsAvailable()).isEqualTo(Runtime.version().feature() >= 21);
    }

    @Test
    void platformPoolIsBounded() {
        ExecutorService pool = ConnectionExecutors.platform(7);
        try {
            assertThat(((ThreadPoolExecutor) pool).getMaximumPoolSize()).isEqualTo(7);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void connectionLimiterCountsTotalAndPerClient() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(3, 2);
        var a = java.net.InetAddress.getByName("192.0.2.1");
        var b = java.net.InetAddress.getByName("192.0.2.2");
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        assertThat(limiter.tryAcquire(b)).isTrue();
        assertThat(limiter.tryAcquire(b)).isFalse();
        assertThat(limiter.open()).isEqualTo(3);
        limiter.release(a);
        assertThat(limiter.tryAcquire(b)).isTrue();
    }
}
