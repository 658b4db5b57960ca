package io.pacer.server.events;

import java.util.Objects;

/**
 * One event of the service's live stream ({@code GET /api/events}), as it goes on the wire: {@code id: ID},
 * {@code event: TYPE}, {@code data: JSON} (one line). The types and their data are described in docs/server-api.md.
 *
 * @param id increasing from 1 for the life of the instance; a reconnecting client sends the last one it saw as
 *     {@code Last-Event-ID} and gets what it missed, if the hub still holds it
 * @param type {@code sample}, {@code health}, {@code alert}, {@code lag}, {@code run}, …
 * @param data the event's JSON, serialized once for every client
 */
public record ServerEvent(long id, String type, String data) {

    public ServerEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
