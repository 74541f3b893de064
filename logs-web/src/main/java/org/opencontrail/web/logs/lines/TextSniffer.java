package org.opencontrail.web.logs.lines;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a file is text, and in which encoding, from its first bytes: a byte order mark says
 * UTF-8 or UTF-16; NUL bytes or many control characters say binary; bytes that are not UTF-8 are
 * shown as windows-1252, so every byte shows as a character and nothing breaks the page.
 */
public final class TextSniffer {

    /**
     * What the head of a file says.
     *
     * @param binary  not text: offer it for download, never render it
     * @param charset how to read it when text
     * @param skip    bytes of byte order mark to skip
     */
    public record Sniffed(boolean binary, Charset charset, int skip) {}

    private TextSniffer() {}

    public static Sniffed sniff(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            return new Sniffed(false, StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
            return new Sniffed(false, StandardCharsets.UTF_16BE, 2);
        }
        if (length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
            return new Sniffed(false, StandardCharsets.UTF_16LE, 2);
        }
        int controls = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return new Sniffed(true, StandardCharsets.ISO_8859_1, 0);
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b && b != 0x08) {
                controls++;
            }
        }
        if (length > 0 && controls * 10 > length) {
            return new Sniffed(true, StandardCharsets.ISO_8859_1, 0);
        }
        return new Sniffed(false, utf8(head, length) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"), 0);
    }

    /** Whether the bytes are UTF-8, allowing a character cut at the end of the sample. */
    private static boolean utf8(byte[] head, int length) {
        int end = length;
        for (int back = 1; back <= 3 && length - back >= 0; back++) {
            int b = head[length - back] & 0xff;
            if ((b & 0xc0) == 0xc0) { // the lead byte of a character that may go on past the sample
                end = length - back;
                break;
            }
            if ((b & 0x80) == 0) {
                break;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
