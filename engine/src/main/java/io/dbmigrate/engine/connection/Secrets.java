package io.dbmigrate.engine.connection;


import java.util.regex.Pattern;

/** Masks secrets in any text before it leaves the engine: the known password, and URL credentials. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*):[^@/\\s]*@");
    private static final Pattern PARAM_PASSWORD = Pattern.compile("(?i)(password=)[^&\\s]*");

    private Secrets() {
    }

    public static String mask(String text, Secret password) {
        if (text == null) {
            return null;
        }
        String masked = text;
        if (password != null && !password.isEmpty()) {
            masked = masked.replace(password.reveal(), "****");
        }
        masked = URL_PASSWORD.matcher(masked).replaceAll("$1:****@");
        return PARAM_PASSWORD.matcher(masked).replaceAll("$1****");
    }
}
