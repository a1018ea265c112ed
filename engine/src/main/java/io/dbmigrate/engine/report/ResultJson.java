package io.dbmigrate.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dbmigrate.engine.api.MigrationResult;

import java.util.Map;

/** JSON for results and other answers, written from {@link ResultMap} so every front end prints the same fields. */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    public static String of(MigrationResult result) {
        return write(ResultMap.of(result));
    }

    public static String write(Map<String, ?> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of plain values always serialize", e);
        }
    }
}
