package io.dbmigrate.engine.step;

import io.dbmigrate.engine.connection.Secret;

/**
 * What a Jenkins credential gave the step, without Jenkins types: a user and password (a
 * username-with-password credential), or a whole database URL (a secret-text credential). The record's
 * {@code toString} shows {@code ****} for both secrets.
 *
 * @param user     the user name; empty for a URL credential
 * @param password the password; {@link Secret#NONE} for a URL credential
 * @param url      the database URL, which may hold a password; {@link Secret#NONE} for a username/password one
 */
public record CredentialValue(String user, Secret password, Secret url) {

    public CredentialValue {
        user = user == null ? "" : user;
        password = password == null ? Secret.NONE : password;
        url = url == null ? Secret.NONE : url;
    }

    public static CredentialValue usernamePassword(String user, Secret password) {
        return new CredentialValue(user, password, Secret.NONE);
    }

    public static CredentialValue url(Secret url) {
        return new CredentialValue("", Secret.NONE, url);
    }

    /** True for a secret text that holds the whole URL. */
    public boolean holdsUrl() {
        return !url.isEmpty();
    }
}
