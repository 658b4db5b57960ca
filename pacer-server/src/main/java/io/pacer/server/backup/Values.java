package io.pacer.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;

/** Binds a backed-up JSON value to an insert, as the target column's kind wants it (SQLite and PostgreSQL differ). */
final class Values {

    private Values() {}

    static void bind(PreparedStatement insert, int index, String kind, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            insert.setNull(index, sqlType(kind));
            return;
        }
        switch (kind) {
            case "integer" -> insert.setLong(index, value.isBoolean() ? (value.asBoolean() ? 1 : 0) : value.asLong());
            case "real" ->
                insert.setDouble(index, value.isTextual() ? Double.parseDouble(value.asText()) : value.asDouble());
            case "boolean" -> insert.setBoolean(index, value.isBoolean() ? value.asBoolean() : value.asLong() != 0);
            case "binary" -> insert.setBytes(index, Base64.getDecoder().decode(value.asText()));
            default -> insert.setString(index, value.isTextual() ? value.asText() : value.toString());
        }
    }

    private static int sqlType(String kind) {
        return switch (kind) {
            case "integer" -> Types.BIGINT;
            case "real" -> Types.DOUBLE;
            case "boolean" -> Types.BOOLEAN;
            case "binary" -> Types.BINARY;
            default -> Types.VARCHAR;
        };
    }
}
