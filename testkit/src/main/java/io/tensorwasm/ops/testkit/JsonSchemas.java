package io.tensorwasm.ops.testkit;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates JSON documents against a JSON Schema (draft 2020-12) with vertx-json-schema, for the
 * published schemas in {@code docs/}: {@code incident-export.schema.json} (issue #19). The module
 * that calls it brings {@code io.vertx:vertx-json-schema} at test scope.
 *
 * <pre>{@code
 * assertThat(JsonSchemas.errors(JsonSchemas.INCIDENT_EXPORT, body)).isEmpty();
 * }</pre>
 */
public final class JsonSchemas {

    /** The incident export's schema, from a module's folder. */
    public static final Path INCIDENT_EXPORT = Path.of("..", "docs", "incident-export.schema.json");

    private JsonSchemas() {}

    /** What is wrong with a document, each {@code location: error}; empty when it is valid. */
    public static List<String> errors(Path schemaFile, String json) {
        JsonObject schema;
        try {
            schema = new JsonObject(Files.readString(schemaFile));
        } catch (IOException e) {
            throw new UncheckedIOException(schemaFile + ": cannot read the schema", e);
        }
        OutputUnit result =
                Validator.create(
                                JsonSchema.of(schema),
                                new JsonSchemaOptions()
                                        .setDraft(Draft.DRAFT202012)
                                        .setBaseUri("https://localhost/")
                                        .setOutputFormat(OutputFormat.Basic))
                        .validate(new JsonObject(json));
        List<String> errors = new ArrayList<>();
        if (!Boolean.TRUE.equals(result.getValid())) {
            collect(result, errors);
            if (errors.isEmpty()) {
                errors.add("invalid, without details");
            }
        }
        return errors;
    }

    private static void collect(OutputUnit unit, List<String> errors) {
        if (unit.getError() != null) {
            errors.add(unit.getInstanceLocation() + ": " + unit.getError());
        }
        if (unit.getErrors() != null) {
            unit.getErrors().forEach(e -> collect(e, errors));
        }
    }
}
