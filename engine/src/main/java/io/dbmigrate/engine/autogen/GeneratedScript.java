package io.dbmigrate.engine.autogen;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of one generated script, in the order they must run, and a warning for each
 * destructive one (a dropped table, column or type, a changed column type).
 */
public record GeneratedScript(List<String> statements, List<String> warnings) {

    public GeneratedScript {
        statements = List.copyOf(statements);
        warnings = List.copyOf(warnings);
    }

    /** The file's text: the header lines and one "WARNING" line per warning as comments, then the statements. */
    public String text(List<String> header) {
        List<String> lines = new ArrayList<>();
        header.forEach(line -> lines.add("-- " + line.replaceAll("\\s*\\R\\s*", " ")));
        warnings.forEach(warning -> lines.add("-- WARNING: " + warning));
        lines.add("");
        boolean blank = true;
        for (String statement : statements) {
            // a statement of several lines stands apart
            boolean multiLine = statement.contains("\n");
            if (multiLine && !blank) {
                lines.add("");
            }
            lines.add(statement);
            blank = multiLine;
            if (multiLine) {
                lines.add("");
            }
        }
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines) + "\n";
    }
}
