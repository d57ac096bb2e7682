package dev.pacer.alert.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small but real SMTP server on a local socket (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET,
 * NOOP, QUIT), for tests: it records every message it accepts, and can be told to answer a recipient's RCPT or a
 * message's end of DATA with a given reply (4xx or 5xx) the next few times. One shared instance per JVM, started by
 * {@link SmtpServerResource}. Plans are keyed by recipient address, so tests sharing it do not disturb each other.
 */
public final class SmtpTestServer implements AutoCloseable {
    /** A message the server accepted (250 after DATA): the envelope and the raw message as received. */
    public record Received(String mailFrom, List<String> rcptTo, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** A reply to give instead of 250, {@code times} more times. */
    private record Plan(String reply, AtomicInteger times) {
    }

    private static SmtpTestServer shared;

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-test-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> accepted = new ArrayList<>();
    private final Map<String, Plan> rcptPlans = new ConcurrentHashMap<>();
    private final Map<String, Plan> dataPlans = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();

    private SmtpTestServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** The JVM's test SMTP server, started on first use. */
    public static synchronized SmtpTestServer shared() {
        if (shared == null) {
            try {
                shared = new SmtpTestServer();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the test SMTP server", e);
            }
        }
        return shared;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Answers RCPT TO this address with {@code reply} (e.g. "550 5.1.1 No such user") the next {@code times} times. */
    public void answerRcpt(String address, String reply, int times) {
        rcptPlans.put(address.toLowerCase(Locale.ROOT), new Plan(reply, new AtomicInteger(times)));
    }

    /** Answers the end of DATA of a message to this address with {@code reply} the next {@code times} times. */
    public void answerData(String address, String reply, int times) {
        dataPlans.put(address.toLowerCase(Locale.ROOT), new Plan(reply, new AtomicInteger(times)));
    }

    /** Every accepted message with this recipient in its envelope. */
    public List<Received> acceptedFor(String address) {
        synchronized (accepted) {
            return accepted.stream().filter(r -> r.rcptTo().contains(address.toLowerCase(Locale.ROOT))).toList();
        }
    }

    public int sessions() {
        return sessions.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> session(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket client) {
        sessions.incrementAndGet();
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            client.setSoTimeout(30_000);
            reply(out, "220 smtp-test-server ESMTP ready");
            String from = null;
            List<String> rcpt = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-smtp-test-server greets you\r\n250-8BITMIME\r\n250 SIZE 10485760");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 smtp-test-server");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line.substring(10));
                    rcpt.clear();
                    reply(out, "250 2.1.0 Sender OK");
                } else if (upper.startsWith("RCPT TO:")) {
                    String to = address(line.substring(8)).toLowerCase(Locale.ROOT);
                    String planned = take(rcptPlans, List.of(to));
                    if (from == null) {
                        reply(out, "503 5.5.1 MAIL first");
                    } else if (planned != null) {
                        reply(out, planned);
                    } else {
                        rcpt.add(to);
                        reply(out, "250 2.1.5 Recipient OK");
                    }
                } else if (upper.equals("DATA")) {
                    if (from == null || rcpt.isEmpty()) {
                        reply(out, "503 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    byte[] data = readData(in);
                    String planned = take(dataPlans, rcpt);
                    if (planned != null) {
                        reply(out, planned);
                    } else {
                        synchronized (accepted) {
                            accepted.add(new Received(from, List.copyOf(rcpt), data));
                        }
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    from = null;
                    rcpt.clear();
                } else if (upper.equals("RSET")) {
                    from = null;
                    rcpt.clear();
                    reply(out, "250 2.0.0 Reset");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String take(Map<String, Plan> plans, List<String> recipients) {
        for (String r : recipients) {
            Plan p = plans.get(r);
            if (p != null && p.times().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return p.reply();
            }
        }
        return null;
    }

    private static String address(String arg) {
        String a = arg.strip();
        int lt = a.indexOf('<');
        int gt = a.indexOf('>');
        return lt >= 0 && gt > lt ? a.substring(lt + 1, gt) : a.split(" ")[0];
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One CRLF-terminated command line (ASCII), or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    /** The message up to the line holding a single dot, with leading dots unstuffed (RFC 5321 4.5.2). */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            line.write(c);
            if (c == '\n') {
                byte[] l = line.toByteArray();
                line.reset();
                if (l.length == 3 && l[0] == '.' && l[1] == '\r') {
                    return message.toByteArray();
                }
                int skip = l.length > 1 && l[0] == '.' ? 1 : 0;
                message.write(l, skip, l.length - skip);
            }
        }
        throw new IOException("connection closed inside DATA");
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }

}
