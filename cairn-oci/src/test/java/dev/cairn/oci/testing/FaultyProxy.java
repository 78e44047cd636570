package dev.cairn.oci.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 in front of a real registry, for network fault injection: it
 * forwards bytes unchanged, records each request's method and target, and can cut the
 * connection (a TCP reset) halfway through the body of the next N blob uploads. Clients must
 * send {@code Host} as the proxy's address, which they do when pointed at {@link #address()},
 * so the registry's upload Locations lead back through the proxy.
 */
public final class FaultyProxy implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;
    private static final Pattern UPLOAD = Pattern.compile("/v2/.+/blobs/uploads/");

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private volatile Set<String> dropMethods = Set.of("PUT", "PATCH");
    private final AtomicInteger dropped = new AtomicInteger();

    /** A request as it went through: method, path and query (empty when there is none). */
    public record Request(String method, String path, String query) {
        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    private FaultyProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    public static FaultyProxy to(LocalRegistry registry) {
        return to(registry.port());
    }

    /** A proxy to {@code 127.0.0.1:targetPort}. */
    public static FaultyProxy to(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultyProxy proxy = new FaultyProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
            proxy.threads.submit(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}: use it as the registry in references to go through the proxy. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Cuts the next {@code times} blob uploads (PUT or PATCH with a body) halfway through their body. */
    public void dropUploads(int times) {
        dropUploads(Set.of("PUT", "PATCH"), times);
    }

    /** Cuts the next {@code times} blob uploads sent with {@code method} (PUT or PATCH) halfway through. */
    public void dropUploads(String method, int times) {
        dropUploads(Set.of(method), times);
    }

    /** Cuts every blob upload from now on. */
    public void dropAllUploads() {
        dropUploads(Set.of("PUT", "PATCH"), Integer.MAX_VALUE);
    }

    private void dropUploads(Set<String> methods, int times) {
        dropMethods = Set.copyOf(methods);
        dropsLeft.set(times);
    }

    public void stopDropping() {
        dropsLeft.set(0);
    }

    /** How many uploads have been cut. */
    public int dropped() {
        return dropped.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests had this method and a path matching {@code pathRegex} (found anywhere in it). */
    public long count(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && pattern.matcher(r.path()).find()).count();
    }

    /** Blob uploads started (POST to …/blobs/uploads/ without a mount) and bodies sent (PUT or PATCH with a body). */
    public long blobUploads() {
        return requests.stream()
                .filter(r -> UPLOAD.matcher(r.path()).find())
                .filter(r -> r.method().equals("POST") && !r.query().contains("mount="))
                .count();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing a listening socket only stops new connections.
        }
        sockets.forEach(FaultyProxy::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket upstream = new Socket()) {
            upstream.connect(target, 5_000);
            sockets.add(upstream);
            threads.submit(() -> {
                pump(upstream, client);
                return null;
            });
            forwardRequests(client, upstream);
        } catch (IOException e) {
            // Either side went away; the other sees its connection close.
        } finally {
            closeQuietly(client);
        }
    }

    private void forwardRequests(Socket client, Socket upstream) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = upstream.getOutputStream();
        while (true) {
            byte[] head = readHead(in);
            if (head == null) {
                upstream.shutdownOutput();
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
            Request request = request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "/");
            requests.add(request);
            long length = contentLength(text);
            boolean chunked = text.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked");
            out.write(head);
            if (chunked) {
                forwardChunked(in, out);
            } else if (length > 0 && isUpload(request) && dropMethods.contains(request.method())
                    && dropsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                copy(in, out, length / 2);
                out.flush();
                dropped.incrementAndGet();
                reset(client, upstream);
                return;
            } else {
                copy(in, out, length);
            }
            out.flush();
        }
    }

    private static boolean isUpload(Request request) {
        return (request.method().equals("PUT") || request.method().equals("PATCH")) && UPLOAD.matcher(request.path()).find();
    }

    private static Request request(String method, String target) {
        int question = target.indexOf('?');
        return question < 0 ? new Request(method, target, "")
                : new Request(method, target.substring(0, question), target.substring(question + 1));
    }

    /** The request line and headers up to the blank line, or null at a clean end of the connection. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head over " + MAX_HEAD + " bytes");
            }
        }
        return head.toByteArray();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    private static void forwardChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                // Trailers, then the blank line that ends the body.
                String line;
                do {
                    line = readLine(in);
                    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!line.isEmpty());
                return;
            }
            copy(in, out, size);
            String end = readLine(in);
            out.write((end + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > MAX_HEAD) {
                throw new IOException("line over " + MAX_HEAD + " bytes");
            }
        }
        if (b < 0) {
            throw new IOException("connection closed mid-body");
        }
        return line.toString();
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("connection closed mid-body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // One side closed; closing the other below tells the client.
        } finally {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    /** An abortive close (RST): the client sees its connection reset, as with a network failure. */
    private static void reset(Socket client, Socket upstream) {
        try {
            client.setSoLinger(true, 0);
        } catch (IOException e) {
            // The socket is going anyway.
        }
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that was wanted.
        }
    }
}
