package io.pacer.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A test client of {@code GET /api/events}: reads server-sent events on a thread of its own as they arrive. */
final class EventStream implements AutoCloseable {

    /** One event as it came over the wire. */
    record Event(String id, String type, String data) {
        JsonNode json() {
            try {
                return Json.documentReader().readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + data, e);
            }
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final HttpResponse<InputStream> response;
    private final CompletableFuture<Void> reading;

    EventStream(HttpClient client, URI uri, String lastEventId) throws IOException, InterruptedException {
        this(client, request(uri, lastEventId));
    }

    /** Sends {@code request} as it is (headers and all) and reads the events of the answer, whatever its status. */
    EventStream(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reading = CompletableFuture.runAsync(this::read);
    }

    private static HttpRequest.Builder request(URI uri, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request;
    }

    private void read() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        synchronized (events) {
                            events.add(new Event(id, type, data.toString()));
                        }
                    }
                    id = null;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    synchronized (events) {
                        comments.add(line);
                    }
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // the stream ended
        }
    }

    int status() {
        return response.statusCode();
    }

    /** A header of the answer, or empty. */
    String header(String name) {
        return response.headers().firstValue(name).orElse("");
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<Event> of(String type) {
        return events().stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return reading.isDone();
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
