package io.dbmigrate.engine.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL script (its ChecksumCalculator): CRC32 over the UTF-8 bytes of each line, line endings
 * left out (so CRLF and LF give one checksum), a byte order mark at the start dropped.
 */
public final class FlywayChecksum {
    private FlywayChecksum() {
    }

    /** {@code bytes} as text, strictly decoded: a file not in {@code encoding} fails as Flyway's reading fails. */
    public static String decode(byte[] bytes, Charset encoding, Path file) throws IOException {
        try {
            return encoding.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not " + encoding + ": " + file, e);
        }
    }

    /**
     * The checksum of valid UTF-8 bytes, taken on the bytes as they are: Flyway re-encodes each line it read, which for
     * valid UTF-8 gives back the same bytes, and no byte of a multi-byte character is a CR or LF. A short command reads
     * every script once with a cold JVM, where this loop costs a third of splitting the text into line strings.
     */
    public static int ofUtf8(byte[] utf8) {
        CRC32 crc32 = new CRC32();
        boolean bom = utf8.length >= 3 && (utf8[0] & 0xff) == 0xef && (utf8[1] & 0xff) == 0xbb
                && (utf8[2] & 0xff) == 0xbf;
        int lineStart = bom ? 3 : 0;
        for (int i = lineStart; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '\n' || b == '\r') {
                crc32.update(utf8, lineStart, i - lineStart);
                if (b == '\r' && i + 1 < utf8.length && utf8[i + 1] == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        crc32.update(utf8, lineStart, utf8.length - lineStart);
        return (int) crc32.getValue();
    }
}
