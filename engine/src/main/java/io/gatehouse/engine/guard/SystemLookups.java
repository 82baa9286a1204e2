package io.gatehouse.engine.guard;

import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs blocking system DNS lookups on virtual threads so a caller can stop waiting at its timeout. */
final class SystemLookups {

    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private SystemLookups() {}

    static Future<InetAddress[]> submit(String host) {
        return EXECUTOR.submit(() -> InetAddress.getAllByName(host));
    }
}
