package io.pacer.server.auth;

import io.pacer.server.http.ApiRoute;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Makes the malformed requests of the reliability test, each one from its own seed so that the run is the same
 * whichever thread sends which: random and wrongly typed bodies, huge and truncated payloads, invalid UTF-8, odd
 * methods, paths and request lines, and bad headers — half of them with a valid admin key, so that they reach the
 * handlers rather than stopping at the access check.
 */
final class MalformedRequests {

    private static final String[] METHODS = {
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "BREW", "get", "PO ST", ""
    };
    private static final String[] ODD_PATHS = {
        "/",
        "*",
        "/../../etc/passwd",
        "/api/%00",
        "/api/users/%ZZ",
        "/api//users",
        "/api/users/../keys",
        "http://evil.example/api/users",
        "/api/users?limit=-1&limit=x",
        "/api/audit?limit=99999999999999999999",
        "/api/audit?before=abc",
        "/api/users/%E2%28%A1",
        "/api/\u00e9t\u00e9",
        "/;/api/users",
        "/api/users#frag",
        "/api/session/",
        "/metrics",
        "/health",
        "/openapi.json",
        "/dashboard/../../x"
    };
    private static final String[] BODIES = {
        "{}",
        "[]",
        "null",
        "42",
        "\"text\"",
        "{\"name\":",
        "{\"name\":123,\"role\":[1,2]}",
        "{\"name\":\"x\",\"role\":\"superuser\"}",
        "{\"name\":null,\"role\":null}",
        "{\"user\":{},\"password\":[]}",
        "{\"key\":12}",
        "{\"user\":\"admin\",\"password\":\"" + "p".repeat(5000) + "\"}",
        "{\"expiresInDays\":1e309}",
        "{\"name\":\"a\",\"role\":\"viewer\",\"password\":\"short\"}",
        "{\"a\":1}{\"b\":2}",
        "{'single':'quotes'}",
        "{\"name\":\"" + "n".repeat(300) + "\",\"role\":\"viewer\"}",
        "\u0000\u0000",
        "<xml/>",
        "true",
        "{\"role\":\"viewer\",\"role\":\"admin\"}"
    };

    private final List<ApiRoute> routes;
    private final long seed;
    private final String adminKey;

    MalformedRequests(List<ApiRoute> routes, long seed, String adminKey) {
        this.routes = List.copyOf(routes);
        this.seed = seed;
        this.adminKey = adminKey;
    }

    /** Request number {@code i}: its bytes, and a one-line description for failure messages. */
    Request request(int i) {
        Random r = new Random(seed * 1_000_003L + i);
        ApiRoute route = routes.get(r.nextInt(routes.size()));
        String method = r.nextInt(4) == 0 ? pick(r, METHODS) : route.method().name();
        String path = r.nextInt(5) == 0 ? pick(r, ODD_PATHS) : fill(route.path(), r);
        boolean auth = r.nextBoolean();
        StringBuilder head = new StringBuilder();
        int kind = r.nextInt(10);
        byte[] body = body(r, kind);
        String line = method + " " + path + " HTTP/1.1";
        if (kind == 9) {
            line = pick(r, new String[] {
                "GET",
                "GET / HTTP/9.9",
                "\u00ff\u00fe garbage",
                "GET /" + "a".repeat(70_000) + " HTTP/1.1",
                " / HTTP/1.1",
                "GET / HTTP/1.1 extra",
                "POST /api/users HTTP/1.0"
            });
        }
        head.append(line).append("\r\n");
        if (r.nextInt(20) != 0) {
            head.append("Host: 127.0.0.1\r\n");
        }
        if (auth) {
            head.append("Authorization: Bearer ")
                    .append(r.nextInt(10) == 0 ? junk(r, 60) : adminKey)
                    .append("\r\n");
        }
        head.append(headers(r, kind, body.length));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (kind == 5) {
            out.write(body, 0, body.length / 2); // truncated: declared length, half sent
        } else {
            out.writeBytes(body);
        }
        String description = "#" + i + " kind " + kind + " "
                + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + (auth ? " (with a key)" : "");
        return new Request(out.toByteArray(), description, line.matches("\\S+ \\S+ HTTP/(?!1\\.[01]$).*"));
    }

    /**
     * One request.
     *
     * @param unknownVersion whether its request line claims an HTTP version other than 1.0 or 1.1
     */
    record Request(byte[] bytes, String description, boolean unknownVersion) {}

    private static byte[] body(Random r, int kind) {
        return switch (kind) {
            case 0, 1 -> pick(r, BODIES).getBytes(StandardCharsets.UTF_8);
            case 2 -> randomBytes(r, r.nextInt(2_000)); // random bytes, invalid UTF-8 among them
            case 3 ->
                new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'
                };
            case 4 -> ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8); // deep nesting
            case 5 -> "{\"name\":\"truncated\",\"role\":\"viewer\"}".getBytes(StandardCharsets.UTF_8);
            case 6 -> r.nextInt(50) == 0 ? randomBytes(r, 1_000_000) : new byte[0]; // huge, or declared huge below
            default -> new byte[0];
        };
    }

    private static String headers(Random r, int kind, int length) {
        StringBuilder h = new StringBuilder();
        switch (kind) {
            case 6 ->
                h.append("Content-Length: ")
                        .append(length > 0 ? length : 1L << (20 + r.nextInt(20)))
                        .append("\r\n");
            case 7 ->
                h.append(pick(r, new String[] {
                    "Content-Length: -1\r\n",
                    "Content-Length: abc\r\n",
                    "Content-Length: 5\r\nContent-Length: 7\r\n",
                    "Transfer-Encoding: chunked\r\n\r\nzz\r\n",
                    "Transfer-Encoding: gzip, chunked\r\n",
                    "X-Long: " + "v".repeat(20_000) + "\r\n",
                    "no colon here\r\n",
                    " leading-space: x\r\n",
                    "Cookie: pacer_session=" + junk(r, 43) + "\r\n",
                    "Cookie: " + "c=1; ".repeat(500) + "\r\n",
                    "X-CSRF-Token: \u00ff\u00fe\r\n",
                    "Authorization: Basic\r\n",
                    "Authorization: Bearer\r\n",
                    "Content-Type: application/json; charset=utf-42\r\n",
                    "Origin: null\r\n",
                    "Origin: ::::\r\n",
                    "X-Correlation-Id: " + "x".repeat(5_000) + "\r\n",
                    "Expect: 100-continue\r\n",
                    "Host: \r\n"
                }));
            case 8 -> h.append("Content-Length: ").append(length).append("\r\nContent-Type: text/plain\r\n");
            default -> {
                if (length > 0) {
                    h.append("Content-Type: application/json\r\nContent-Length: ")
                            .append(length)
                            .append("\r\n");
                }
            }
        }
        if (kind != 6 && kind != 7 && kind != 8 && length > 0 && h.indexOf("Content-Length") < 0) {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        h.append("Connection: close\r\n");
        return h.toString();
    }

    private static String fill(String path, Random r) {
        return path.replaceAll("\\{[^}]+}", r.nextBoolean() ? "x" + r.nextInt(1000) : "%41%42");
    }

    private static String junk(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (33 + r.nextInt(94)));
        }
        return s.toString();
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }
}
