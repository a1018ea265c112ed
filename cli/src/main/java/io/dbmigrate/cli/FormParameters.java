package io.dbmigrate.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Parameters in application/x-www-form-urlencoded text: a query string or a form body. */
final class FormParameters {
    private FormParameters() {
    }

    /**
     * Adds each {@code name=value} pair of {@code encoded} to {@code into}; a later value for a name wins.
     *
     * @throws IllegalArgumentException when a pair holds a malformed %-escape
     */
    static void addTo(Map<String, String> into, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            into.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }
}
