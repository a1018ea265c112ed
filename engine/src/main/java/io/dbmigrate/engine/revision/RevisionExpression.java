package io.dbmigrate.engine.revision;

import io.dbmigrate.engine.error.RequestFailures;
import org.flywaydb.core.api.MigrationVersion;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user may write as a revision: {@code head} (or {@code latest}), {@code base}, a version
 * ({@code 3}, {@code 3.1}, {@code 20261124.1030}), {@code -N}/{@code +N} relative to the current
 * revision, or {@code previous}. Parsed once, here; {@link RevisionResolver} turns it into a version.
 */
public sealed interface RevisionExpression {

    record Head() implements RevisionExpression {
        @Override
        public String toString() {
            return "head";
        }
    }

    record Base() implements RevisionExpression {
        @Override
        public String toString() {
            return "base";
        }
    }

    record Previous() implements RevisionExpression {
        @Override
        public String toString() {
            return "previous";
        }
    }

    record Exact(MigrationVersion version) implements RevisionExpression {
        @Override
        public String toString() {
            return version.getVersion();
        }
    }

    record Relative(int steps) implements RevisionExpression {
        public Relative {
            if (steps == 0) {
                throw new IllegalArgumentException("a relative revision moves at least one step");
            }
        }

        @Override
        public String toString() {
            return (steps > 0 ? "+" : "") + steps;
        }
    }

    Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,6})");
    Pattern VERSION = Pattern.compile("[Vv]?(\\d+(?:[._]\\d+)*)");

    static RevisionExpression parse(String input) {
        String text = input == null ? "" : input.trim();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "head", "latest" -> {
                return new Head();
            }
            case "base" -> {
                return new Base();
            }
            case "previous" -> {
                return new Previous();
            }
            default -> {
                // fall through to the numeric forms
            }
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            int steps = Integer.parseInt(relative.group(2));
            if (steps == 0) {
                throw RequestFailures.badRevision(text);
            }
            return new Relative(relative.group(1).equals("-") ? -steps : steps);
        }
        Matcher version = VERSION.matcher(text);
        if (version.matches()) {
            return new Exact(MigrationVersion.fromVersion(version.group(1)));
        }
        throw RequestFailures.badRevision(text);
    }
}
