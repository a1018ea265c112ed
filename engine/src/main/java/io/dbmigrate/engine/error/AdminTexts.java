package io.dbmigrate.engine.error;

import java.util.List;

/** The answers of the admin endpoints (Jenkins and {@code serve}) when they refuse a request. */
public final class AdminTexts {
    private AdminTexts() {
    }

    /** serve: a bug answered as 500; its log has the details. */
    public static String internalError() {
        return "Internal error in db-migrate serve; its log says more.";
    }

    public static String missingToken() {
        return "Missing or wrong bearer token: send the header 'Authorization: Bearer <token>'.";
    }

    public static String bodyTooLarge(int maxBytes) {
        return "The request body is larger than " + maxBytes + " bytes.";
    }

    public static String malformedJson() {
        return "Malformed JSON body: send one object of names and string, number or true/false values, such as"
                + " {\"revision\": \"2\"}.";
    }

    public static String unsupportedBody(String contentType, String form, String json) {
        return "Unsupported request body (Content-Type " + (contentType == null ? "none" : "'" + contentType + "'")
                + "): send parameters as a form (" + form + "), as a JSON object (" + json
                + ") or in the query string.";
    }

    public static String malformedParameters() {
        return "Malformed parameters: send name=value pairs, %-encoded as an HTML form does.";
    }

    public static String adminOnly() {
        return "Only administrators may use the db-migrate endpoints.";
    }

    public static String unknownEndpoint(String path) {
        return "No db-migrate endpoint at '" + path + "'. Use status, migrate, downgrade, backups, restore or prune.";
    }

    public static String unknownTarget(String target) {
        return target.isEmpty()
                ? "No default database target is configured. Name one in the path, as in <target>/status."
                : "Unknown database target '" + target + "'.";
    }

    public static String adminRunStarted(String endpoint, String statusPath) {
        return "Started " + endpoint + ": GET " + statusPath + " for its progress and result.";
    }

    public static String adminRunRunning() {
        return "Still running.";
    }

    public static String unknownRun(String runId) {
        return "No run '" + runId + "' on this target. Runs are kept in memory, the newest 100, until a restart.";
    }

    public static String methodNotAllowed(String method, String endpoint, List<String> allowed) {
        return "Method " + method + " is not allowed on " + endpoint + ": use " + String.join(" or ", allowed) + ".";
    }
}
