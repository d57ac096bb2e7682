package dev.pacer.e2e.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes of the systems under test, handed out once per JVM and taken below the operating
 * system's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}).
 *
 * <p>A port the system picks itself ({@code new ServerSocket(0)}) is free only at that moment: released and given to
 * a service seconds later, it may meanwhile have been handed out again — as the local port of one of the other
 * processes' outgoing connections (Kafka clients, JDBC pools) or to a second system starting beside the first, which
 * is how a CI run once lost {@code BadInputTest}'s suite to "Port … seems to be in use". Below the ephemeral range the
 * kernel never allocates on its own, and this JVM never hands out a port twice; what remains (a foreign process
 * binding a fixed port there in between) is met by {@link PacerSystem} starting that service again on another port.
 */
final class Ports {
    private static final int LOWEST = 20_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static int next = -1;

    private Ports() {
    }

    /** A port nothing listens on now and this JVM has not handed out before. */
    static synchronized int reserve() {
        int highest = ephemeralStart() - 1;
        int span = highest - LOWEST + 1;
        if (next < 0) {
            next = LOWEST + ThreadLocalRandom.current().nextInt(span); // two JVMs side by side rarely meet
        }
        for (int tried = 0; tried < span; tried++) {
            int port = next;
            next = port >= highest ? LOWEST : port + 1;
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + highest);
    }

    private static boolean bindable(int port) {
        for (String host : new String[] {"0.0.0.0", "127.0.0.1"}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The first port of the kernel's ephemeral range (32768 when it cannot be read). */
    static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"), StandardCharsets.US_ASCII);
            int start = Integer.parseInt(range.trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
