package io.tensorwasm.ops.bench.http;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Generated Wasm modules of a given size for the cold path: many small functions of i32 arithmetic,
 * so the size is code the runtime parses, validates and compiles. The export {@code run(i32) ->
 * i32} is function 0. A seed makes each module distinct.
 */
public final class SizedModules {

    private static final int STEPS = 24;

    private SizedModules() {}

    /** A module of about {@code bytes} bytes (never less). */
    static byte[] of(int bytes, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        int functions = 0;
        while (code.size() < bytes) {
            byte[] body = body(random);
            leb128(code, body.length);
            code.writeBytes(body);
            functions++;
        }
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(module, 1, new byte[] {1, 0x60, 1, 0x7f, 1, 0x7f});
        ByteArrayOutputStream declared = new ByteArrayOutputStream();
        leb128(declared, functions);
        for (int i = 0; i < functions; i++) {
            declared.write(0);
        }
        section(module, 3, declared.toByteArray());
        section(module, 7, new byte[] {1, 3, 'r', 'u', 'n', 0, 0});
        ByteArrayOutputStream codeSection = new ByteArrayOutputStream();
        leb128(codeSection, functions);
        codeSection.writeBytes(code.toByteArray());
        section(module, 10, codeSection.toByteArray());
        return module.toByteArray();
    }

    /** {@code x}, then STEPS of {@code x = x * c1 + c2}, returned. */
    private static byte[] body(Random random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 0x20, 0});
        for (int i = 0; i < STEPS; i++) {
            body.write(0x41);
            signedLeb128(body, random.nextInt(1 << 20));
            body.write(0x6c);
            body.write(0x41);
            signedLeb128(body, random.nextInt(1 << 20));
            body.write(0x6a);
        }
        body.write(0x0b);
        return body.toByteArray();
    }

    /** Appends a module section: its id, its length, its content. */
    public static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        leb128(out, content.length);
        out.writeBytes(content);
    }

    /** Appends an unsigned LEB128 number, as Wasm encodes lengths and counts. */
    public static void leb128(ByteArrayOutputStream out, long value) {
        long rest = value;
        do {
            int b = (int) (rest & 0x7f);
            rest >>>= 7;
            out.write(rest == 0 ? b : b | 0x80);
        } while (rest != 0);
    }

    private static void signedLeb128(ByteArrayOutputStream out, int value) {
        int rest = value;
        while (true) {
            int b = rest & 0x7f;
            rest >>= 7;
            boolean done = (rest == 0 && (b & 0x40) == 0) || (rest == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }
}
