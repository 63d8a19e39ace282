package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.spi.ServerEvents.ConnectionRefusal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionExecutorsTest {

    @Test
    void virtualThreadsExactlyFromJava21() {
        assertThat(ConnectionExecutors.virtualThreadsAvailable()).isEqualTo(Runtime.version().feature() >= 21);
    }

    @Test
    void acceptThreadIsVirtualFromJava21AndAPlatformDaemonBefore() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Thread thread = ConnectionExecutors.acceptThread(ran::countDown, "smtp-accept-test");
        assertThat(thread.getName()).isEqualTo("smtp-accept-test");
        assertThat(thread.isDaemon()).isTrue(); // virtual threads are always daemons
        boolean virtual = Runtime.version().feature() >= 21
                && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        assertThat(virtual).isEqualTo(ConnectionExecutors.virtualThreadsAvailable());
        thread.start();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void platformPoolAndItsQueueAreBounded() throws Exception {
        ExecutorService pool = ConnectionExecutors.platform(7);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertThat(((ThreadPoolExecutor) pool).getMaximumPoolSize()).isEqualTo(7);
            Runnable busy = () -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            for (int i = 0; i < 14; i++) { // 7 running, 7 waiting
                pool.execute(busy);
            }
            // no unbounded queue: the server answers a refused task 421 (SmtpServer.accept)
            assertThatThrownBy(() -> pool.execute(busy)).isInstanceOf(RejectedExecutionException.class);
        } finally {
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void connectionLimiterCountsTotalAndPerClient() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(3, 2, Networks.LOOPBACK);
        var a = java.net.InetAddress.getByName("192.0.2.1");
        var b = java.net.InetAddress.getByName("192.0.2.2");
        assertThat(limiter.tryAcquire(a)).isNull();
        assertThat(limiter.tryAcquire(a)).isNull();
        assertThat(limiter.tryAcquire(a)).isEqualTo(ConnectionRefusal.PER_CLIENT_LIMIT);
        assertThat(limiter.tryAcquire(b)).isNull();
        assertThat(limiter.tryAcquire(b)).isEqualTo(ConnectionRefusal.LIMIT);
        assertThat(limiter.open()).isEqualTo(3);
        limiter.release(a);
        assertThat(limiter.tryAcquire(b)).isNull();
    }

    @Test
    void trustedClientsCountOnlyTowardTheTotal() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(4, 1, Networks.of("192.0.2.0/24"));
        var trusted = java.net.InetAddress.getByName("192.0.2.1");
        var other = java.net.InetAddress.getByName("198.51.100.1");
        assertThat(limiter.tryAcquire(trusted)).isNull();
        assertThat(limiter.tryAcquire(trusted)).as("past the per-client limit").isNull();
        assertThat(limiter.tryAcquire(trusted)).isNull();
        assertThat(limiter.tryAcquire(other)).isNull();
        assertThat(limiter.tryAcquire(trusted)).as("the total limit").isEqualTo(ConnectionRefusal.LIMIT);
        limiter.release(trusted);
        limiter.release(trusted);
        assertThat(limiter.open()).isEqualTo(2);
        assertThat(limiter.tryAcquire(other)).as("the per-client limit of the untrusted one").isEqualTo(ConnectionRefusal.PER_CLIENT_LIMIT);
        assertThat(limiter.tryAcquire(trusted)).isNull();
        assertThat(limiter.open()).isEqualTo(3);
    }
}
