package io.dbmigrate.engine.admin;

/**
 * What a front end sends back: the status code and a JSON body (the result object, or a small
 * {@code {"success":false,"message":...}} when the request was refused before anything ran).
 */
public record AdminResponse(int status, String body) {

    public String contentType() {
        return "application/json";
    }
}
