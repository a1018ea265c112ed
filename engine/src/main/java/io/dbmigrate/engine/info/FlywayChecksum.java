package io.dbmigrate.engine.info;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL script (its ChecksumCalculator): CRC32 over the UTF-8 bytes of each line, line endings
 * left out (so CRLF and LF give one checksum), a byte order mark at the start dropped.
 */
public final class FlywayChecksum {
    private static final char BOM = '\ufeff';

    private FlywayChecksum() {
    }

    /** The text of a script as Flyway reads it: strictly decoded, so a file not in {@code encoding} fails here too. */
    public static String read(Path file, Charset encoding) throws IOException {
        try {
            return encoding.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not " + encoding + ": " + file, e);
        }
    }

    public static int of(String text) {
        CRC32 crc32 = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            String line = lines.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            while (line != null) {
                crc32.update(line.getBytes(StandardCharsets.UTF_8));
                line = lines.readLine();
            }
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to read", e);
        }
        return (int) crc32.getValue();
    }
}
