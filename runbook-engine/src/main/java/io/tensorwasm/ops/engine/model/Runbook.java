package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A runbook: front matter, sections and steps, read from one Markdown page (or one block of a
 * seed-style file).
 *
 * @param id its identifier, unique in a catalogue
 * @param title the page title
 * @param metadata what machines need
 * @param sections the H2 sections in page order
 * @param steps the steps in order
 * @param escalation the escalation line, for a person and for the page it sends
 * @param contentHash SHA-256 of the text it was read from, recorded with each execution
 * @param position where it starts
 * @param fleetBlocks the steps that address a fleet, in page order
 * @param text the text it was read from (the page, or its block of a seed-style file), which each
 *     execution pins by its hash; empty when it was built in code
 */
public record Runbook(
        String id,
        String title,
        Metadata metadata,
        List<Section> sections,
        List<Step> steps,
        String escalation,
        String contentHash,
        Position position,
        List<FleetBlock> fleetBlocks,
        String text) {

    public Runbook {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("\"\": a runbook needs an id");
        }
        title = title == null || title.isBlank() ? id : title;
        Objects.requireNonNull(metadata, "metadata");
        sections = List.copyOf(sections);
        steps = List.copyOf(steps);
        escalation = escalation == null ? "" : escalation;
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(position, "position");
        fleetBlocks = List.copyOf(fleetBlocks);
        text = text == null ? "" : text;
    }

    /** A runbook built in code, with no fleet steps and no text to pin. */
    public Runbook(
            String id,
            String title,
            Metadata metadata,
            List<Section> sections,
            List<Step> steps,
            String escalation,
            String contentHash,
            Position position) {
        this(
                id,
                title,
                metadata,
                sections,
                steps,
                escalation,
                contentHash,
                position,
                List.of(),
                "");
    }

    /** The same runbook under other metadata (a promoted shadow runbook runs as auto). */
    public Runbook withMetadata(Metadata other) {
        return new Runbook(
                id,
                title,
                other,
                sections,
                steps,
                escalation,
                contentHash,
                position,
                fleetBlocks,
                text);
    }

    /** The sum of the step estimates. */
    public Duration estimatedTotal() {
        return steps.stream().map(Step::estimate).reduce(Duration.ZERO, Duration::plus);
    }

    /** The H2 section with a title. */
    public Optional<Section> section(String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst();
    }

    /** The fleet block a step belongs to, if any. */
    public Optional<FleetBlock> fleetBlock(int step) {
        return fleetBlocks.stream().filter(b -> b.contains(step)).findFirst();
    }

    /** The step with a number. */
    public Optional<Step> step(int number) {
        return steps.stream().filter(s -> s.number() == number).findFirst();
    }
}
