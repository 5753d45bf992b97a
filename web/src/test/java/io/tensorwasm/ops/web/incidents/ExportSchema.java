package io.tensorwasm.ops.web.incidents;

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

/** The published schema of incident exports, {@code docs/incident-export.schema.json}. */
final class ExportSchema {

    static final Path FILE = Path.of("..", "docs", "incident-export.schema.json");

    private ExportSchema() {}

    /** What is wrong with an export, each {@code location: error}; empty when it is valid. */
    static List<String> errors(String json) {
        JsonObject schema;
        try {
            schema = new JsonObject(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(FILE + ": cannot read the schema", e);
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
