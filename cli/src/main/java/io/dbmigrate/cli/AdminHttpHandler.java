package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dbmigrate.engine.admin.AdminHandler;
import io.dbmigrate.engine.admin.AdminRequest;
import io.dbmigrate.engine.admin.AdminResponse;
import io.dbmigrate.engine.error.AdminTexts;
import io.dbmigrate.engine.report.ResultJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP edge of {@code serve}: checks the bearer token, turns the exchange into an
 * {@link AdminRequest} (path below {@value #PREFIX}, query and form parameters) and writes the
 * {@link AdminResponse} back. Every decision after the token is the engine's {@link AdminHandler}.
 */
final class AdminHttpHandler implements HttpHandler {
    static final String PREFIX = "/admin/db/";
    /** Far more than a revision needs; bounds what one request can make the server hold. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/json";

    private final AdminHandler handler;
    private final byte[] token;
    private final PrintWriter log;

    AdminHttpHandler(AdminHandler handler, byte[] token, PrintWriter log) {
        this.handler = handler;
        this.token = token.clone();
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            AdminResponse response;
            try {
                response = answer(exchange);
            } catch (RuntimeException e) {
                // a bug, not a result: one line for the operator, no details for the caller
                log.println("ERROR: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                response = refusal(500, AdminTexts.internalError());
            }
            log.println(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> "
                    + response.status());
            send(exchange, response);
        }
    }

    private AdminResponse answer(HttpExchange exchange) throws IOException {
        // before anything else: without the token, a caller learns nothing, not even which paths exist
        if (!hasToken(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"db-migrate\"");
            return refusal(401, AdminTexts.missingToken());
        }
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(PREFIX)) {
            return refusal(404, AdminTexts.unknownEndpoint(path));
        }
        Map<String, String> parameters = new HashMap<>();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = readBody(exchange.getRequestBody());
        if (body.length > MAX_BODY_BYTES) {
            return refusal(413, AdminTexts.bodyTooLarge(MAX_BODY_BYTES));
        }
        try {
            FormParameters.addTo(parameters, exchange.getRequestURI().getRawQuery());
            if (body.length > 0 && isType(contentType, FORM)) {
                FormParameters.addTo(parameters, new String(body, StandardCharsets.UTF_8));
            } else if (body.length > 0 && isType(contentType, JSON_TYPE)) {
                if (!addJson(parameters, body)) {
                    return refusal(400, AdminTexts.malformedJson());
                }
            } else if (body.length > 0) {
                // a body we cannot read must never be ignored: the run would go ahead with defaults
                return refusal(415, AdminTexts.unsupportedBody(contentType, FORM, JSON_TYPE));
            }
        } catch (IllegalArgumentException e) {
            return refusal(400, AdminTexts.malformedParameters());
        }
        return handler.handle(new AdminRequest(exchange.getRequestMethod(), path.substring(PREFIX.length()),
                parameters, true));
    }

    /** Constant time in the token's content, so response times do not reveal how much of a guess was right. */
    private boolean hasToken(String authorization) {
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
            return false;
        }
        byte[] given = authorization.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private static boolean isType(String contentType, String type) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(type);
    }

    /** A flat JSON object's names and scalar values into {@code parameters}; false when the body is not one. */
    private static boolean addJson(Map<String, String> parameters, byte[] body) {
        JsonNode object;
        try {
            object = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return false;
        }
        if (object == null || !object.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                return false;
            }
            parameters.put(field.getKey(), field.getValue().asText());
        }
        return true;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(MAX_BODY_BYTES + 1);
    }

    private static void send(HttpExchange exchange, AdminResponse response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType() + "; charset=utf-8");
        // answers describe a database's state right now: never worth caching anywhere
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The shape the engine uses for its own refusals, for the ones made here before it is asked. */
    private static AdminResponse refusal(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", message);
        return new AdminResponse(status, ResultJson.write(body));
    }
}
