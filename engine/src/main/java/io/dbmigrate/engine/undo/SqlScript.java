package io.dbmigrate.engine.undo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SQL script split into statements the way psql splits it, in one pass over the text: semicolons count only
 * outside parentheses, strings, quoted names, dollar quotes, comments (which nest) and SQL-standard function bodies
 * ({@code BEGIN ATOMIC ... END}); a {@code COPY ... FROM STDIN} statement takes the lines after it, up to {@code \.},
 * as its data. Each statement keeps its tokens, so rules can read it without parsing the text again.
 */
public record SqlScript(String name, List<SqlScript.Statement> statements) {

    /**
     * One statement as written: {@code sql} from just after the previous terminator up to its own {@code ;} (leading
     * comments included), {@code line} the 1-based line of its first token, {@code offset} where {@code sql} starts in
     * the script, and for a {@code COPY ... FROM STDIN} its inline data (else null).
     */
    public record Statement(String sql, int line, int offset, List<Token> tokens, String copyData) {
        public Statement {
            tokens = List.copyOf(tokens);
        }

        /** The statement without the comments and blanks before it. */
        public String text() {
            return tokens.isEmpty() ? sql : sql.substring(tokens.get(0).offset() - offset);
        }

        /** The first token upper-cased when it is a word (the statement's kind: SELECT, DROP...), else "". */
        public String firstWord() {
            return tokens.isEmpty() || tokens.get(0).type() != Type.WORD ? ""
                    : tokens.get(0).text().toUpperCase(Locale.ROOT);
        }

        /** The words (keywords and unquoted names) upper-cased, in order. */
        public List<String> words() {
            return tokens.stream().filter(t -> t.type() == Type.WORD).map(t -> t.text().toUpperCase(Locale.ROOT)).toList();
        }
    }

    /** A token: {@code text} is a word as written, a string's or quoted name's content, or the operator. */
    public record Token(Type type, String text, int offset) {
    }

    public enum Type { WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING, NUMBER, PARAMETER, OPERATOR }

    public static SqlScript parse(String name, String script) throws ScriptSyntaxException {
        return new SqlScript(name, List.copyOf(new Lexer(script).statements()));
    }

    /** One pass over the script, with a running line count. */
    private static final class Lexer {
        private final String s;
        private int pos;
        private int line = 1;
        private final List<Statement> statements = new ArrayList<>();

        Lexer(String script) {
            this.s = script;
        }

        List<Statement> statements() throws ScriptSyntaxException {
            // a byte-order mark is no part of the SQL (Flyway drops it too)
            int start = s.startsWith("\uFEFF") ? 1 : 0;
            pos = start;
            int firstLine = 0;
            int atomicDepth = 0;
            int parenDepth = 0;
            List<Token> tokens = new ArrayList<>();
            while (true) {
                skipBlanksAndComments();
                if (pos >= s.length()) {
                    add(start, s.length(), firstLine, tokens, null);
                    return statements;
                }
                char c = s.charAt(pos);
                if (c == ';' && atomicDepth == 0 && parenDepth == 0) {
                    int end = pos++;
                    String copyData = isCopyFromStdin(tokens) ? copyData() : null;
                    add(start, end, firstLine, tokens, copyData);
                    start = pos;
                    tokens = new ArrayList<>();
                    continue;
                }
                if (tokens.isEmpty()) {
                    firstLine = line;
                }
                Token token = next();
                tokens.add(token);
                atomicDepth = atomic(tokens, token, atomicDepth);
                parenDepth = parens(token, parenDepth);
            }
        }

        private void add(int start, int end, int firstLine, List<Token> tokens, String copyData) {
            if (!tokens.isEmpty()) {
                statements.add(new Statement(s.substring(start, end), firstLine, start, tokens, copyData));
            }
        }

        /** Semicolons inside parentheses do not end a statement, as psql counts (CREATE RULE ... DO (a; b)). */
        private static int parens(Token token, int depth) {
            if (token.type() != Type.OPERATOR) {
                return depth;
            }
            return switch (token.text()) {
                case "(" -> depth + 1;
                case ")" -> Math.max(0, depth - 1);
                default -> depth;
            };
        }

        /**
         * Depth inside a SQL-standard function body: {@code BEGIN ATOMIC} in a CREATE FUNCTION/PROCEDURE opens it,
         * CASE and BEGIN nest, END closes; semicolons inside do not end the statement (as psql counts).
         */
        private static int atomic(List<Token> tokens, Token token, int depth) {
            if (token.type() != Type.WORD) {
                return depth;
            }
            String word = token.text().toUpperCase(Locale.ROOT);
            if (depth > 0) {
                return switch (word) {
                    case "CASE", "BEGIN" -> depth + 1;
                    case "END" -> depth - 1;
                    default -> depth;
                };
            }
            if (word.equals("ATOMIC") && tokens.size() >= 2 && isWord(tokens.get(tokens.size() - 2), "BEGIN")
                    && createsRoutine(tokens)) {
                return 1;
            }
            return 0;
        }

        private static boolean createsRoutine(List<Token> tokens) {
            int i = 0;
            if (!isWord(tokens.get(i++), "CREATE")) {
                return false;
            }
            if (isWord(tokens.get(i), "OR") && tokens.size() > i + 2) {
                i += 2;
            }
            return isWord(tokens.get(i), "FUNCTION") || isWord(tokens.get(i), "PROCEDURE");
        }

        private static boolean isWord(Token token, String word) {
            return token.type() == Type.WORD && token.text().equalsIgnoreCase(word);
        }

        private static boolean isCopyFromStdin(List<Token> tokens) {
            if (tokens.isEmpty() || !isWord(tokens.get(0), "COPY")) {
                return false;
            }
            for (int i = 1; i + 1 < tokens.size(); i++) {
                if (isWord(tokens.get(i), "FROM") && isWord(tokens.get(i + 1), "STDIN")) {
                    return true;
                }
            }
            return false;
        }

        /** The lines after a COPY's terminator up to a line {@code \.} (or the end): the rest of its own line is skipped. */
        private String copyData() {
            int eol = s.indexOf('\n', pos);
            if (eol < 0) {
                pos = s.length();
                return "";
            }
            pos = eol + 1;
            line++;
            int dataStart = pos;
            while (pos < s.length()) {
                int next = s.indexOf('\n', pos);
                int lineEnd = next < 0 ? s.length() : next;
                String text = s.substring(pos, lineEnd);
                if (text.equals("\\.") || text.equals("\\.\r")) {
                    String data = s.substring(dataStart, pos);
                    pos = next < 0 ? s.length() : next + 1;
                    line += next < 0 ? 0 : 1;
                    return data;
                }
                pos = next < 0 ? s.length() : next + 1;
                line += next < 0 ? 0 : 1;
            }
            return s.substring(dataStart);
        }

        private void skipBlanksAndComments() throws ScriptSyntaxException {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith("--", pos)) {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (s.startsWith("/*", pos)) {
                    blockComment();
                } else {
                    return;
                }
            }
        }

        /** PostgreSQL's block comments nest. */
        private void blockComment() throws ScriptSyntaxException {
            int startLine = line;
            int depth = 0;
            do {
                if (pos >= s.length()) {
                    throw new ScriptSyntaxException("unterminated /* comment starting at line " + startLine, startLine);
                }
                if (s.startsWith("/*", pos)) {
                    depth++;
                    pos += 2;
                } else if (s.startsWith("*/", pos)) {
                    depth--;
                    pos += 2;
                } else {
                    if (s.charAt(pos) == '\n') {
                        line++;
                    }
                    pos++;
                }
            } while (depth > 0);
        }

        private Token next() throws ScriptSyntaxException {
            int start = pos;
            char c = s.charAt(pos);
            if (c == '\'') {
                return new Token(Type.STRING, quoted('\'', false), start);
            }
            if (c == '"') {
                return new Token(Type.QUOTED_IDENTIFIER, quoted('"', false), start);
            }
            if ((c == 'E' || c == 'e') && at(pos + 1) == '\'') {
                pos++;
                return new Token(Type.STRING, quoted('\'', true), start);
            }
            if ((c == 'U' || c == 'u') && at(pos + 1) == '&' && (at(pos + 2) == '\'' || at(pos + 2) == '"')) {
                pos += 2;
                char quote = s.charAt(pos);
                return new Token(quote == '"' ? Type.QUOTED_IDENTIFIER : Type.STRING, quoted(quote, false), start);
            }
            if ("BbXxNn".indexOf(c) >= 0 && at(pos + 1) == '\'') {
                pos++;
                return new Token(Type.STRING, quoted('\'', false), start);
            }
            if (c == '$') {
                if (Character.isDigit(at(pos + 1))) {
                    pos++;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                    return new Token(Type.PARAMETER, s.substring(start, pos), start);
                }
                int tagEnd = dollarTagEnd(pos);
                if (tagEnd > 0) {
                    return new Token(Type.DOLLAR_STRING, dollarQuoted(s.substring(pos, tagEnd)), start);
                }
            }
            if (isWordStart(c)) {
                while (pos < s.length() && isWordPart(s.charAt(pos))) {
                    pos++;
                }
                return new Token(Type.WORD, s.substring(start, pos), start);
            }
            if (Character.isDigit(c) || (c == '.' && Character.isDigit(at(pos + 1)))) {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                        || s.charAt(pos) == '_')) {
                    pos++;
                }
                return new Token(Type.NUMBER, s.substring(start, pos), start);
            }
            pos += s.startsWith("::", pos) ? 2 : 1;
            return new Token(Type.OPERATOR, s.substring(start, pos), start);
        }

        private char at(int i) {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_' || c >= 0x80;
        }

        private static boolean isWordPart(char c) {
            return isWordStart(c) || Character.isDigit(c) || c == '$';
        }

        /** Reads a quoted string or name at pos (on its opening quote); a doubled quote stands for one. */
        private String quoted(char quote, boolean backslashEscapes) throws ScriptSyntaxException {
            int startLine = line;
            StringBuilder text = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) {
                    throw new ScriptSyntaxException("unterminated " + (quote == '"' ? "quoted name" : "string")
                            + " starting at line " + startLine, startLine);
                }
                char c = s.charAt(pos++);
                if (c == '\n') {
                    line++;
                }
                if (backslashEscapes && c == '\\' && pos < s.length()) {
                    char escaped = s.charAt(pos++);
                    if (escaped == '\n') {
                        line++;
                    }
                    text.append(c).append(escaped);
                } else if (c == quote) {
                    if (at(pos) != quote) {
                        return text.toString();
                    }
                    text.append(quote);
                    pos++;
                } else {
                    text.append(c);
                }
            }
        }

        /** Where a dollar-quote tag starting at {@code i} ends (after its closing $), or -1 when it is none. */
        private int dollarTagEnd(int i) {
            int j = i + 1;
            if (j < s.length() && s.charAt(j) != '$') {
                if (!isWordStart(s.charAt(j))) {
                    return -1;
                }
                while (j < s.length() && (isWordStart(s.charAt(j)) || Character.isDigit(s.charAt(j)))) {
                    j++;
                }
            }
            return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
        }

        private String dollarQuoted(String tag) throws ScriptSyntaxException {
            int startLine = line;
            int bodyStart = pos + tag.length();
            int end = s.indexOf(tag, bodyStart);
            if (end < 0) {
                throw new ScriptSyntaxException("unterminated dollar-quoted string " + tag + " starting at line "
                        + startLine, startLine);
            }
            for (int i = pos; i < end; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            pos = end + tag.length();
            return s.substring(bodyStart, end);
        }
    }
}
