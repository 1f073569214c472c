package io.wahub.sdk.panel;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One kind of thing a feature keeps (verifications, campaigns …) as the panel shows it: a list with columns and
 * filters, a detail view, actions on one item, and a form to create one. Paths are operations of the feature's API
 * (see {@link FeaturePanel}); {@code {id}} in a path stands for the {@code id} field of the item it applies to.
 *
 * @param id      stable kebab-case id, part of the panel's URL
 * @param title   the page's title, plural: "Verifications"
 * @param list    how to list them
 * @param detail  how to show one, or null for no detail view
 * @param actions what can be done to one (buttons on its row and detail view); may be empty
 * @param create  the form to create one, or null for none
 */
public record PanelResource(String id, String title, Listing list, Detail detail, List<Action> actions,
                            Form create) {

    /** Column and field types the panel knows how to draw. */
    public static final Set<String> TYPES = Set.of("text", "number", "boolean", "datetime", "status");

    public PanelResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(list, "list");
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /**
     * The list page.
     *
     * @param path    a {@code GET} operation answering a JSON array of items; filters are sent as its query parameters
     * @param columns what each row shows
     * @param filters what the list can be narrowed by; may be empty
     */
    public record Listing(String path, List<Column> columns, List<Filter> filters) {
        public Listing {
            Objects.requireNonNull(path, "path");
            columns = List.copyOf(columns);
            filters = filters == null ? List.of() : List.copyOf(filters);
        }
    }

    /**
     * A column of the list, or a field of the detail view.
     *
     * @param field the item's JSON field
     * @param label the header or label
     * @param type  one of {@link #TYPES}: {@code status} is drawn as a badge, {@code datetime} in the viewer's zone
     */
    public record Column(String field, String label, String type) {
        public Column {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(label, "label");
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("column type must be one of " + TYPES + ": " + type);
            }
        }
    }

    /**
     * A filter of the list, sent as query parameter {@code param}.
     *
     * @param options the values to choose from (a select); empty for free text
     */
    public record Filter(String param, String label, List<String> options) {
        public Filter {
            Objects.requireNonNull(param, "param");
            Objects.requireNonNull(label, "label");
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /**
     * The detail view of one item.
     *
     * @param path   a {@code GET} operation with {@code {id}}, answering the item
     * @param fields what it shows
     */
    public record Detail(String path, List<Column> fields) {
        public Detail {
            Objects.requireNonNull(path, "path");
            fields = List.copyOf(fields);
        }
    }

    /**
     * Something done to one item.
     *
     * @param method  the operation's method ({@code POST}, {@code DELETE} …)
     * @param path    the operation, with {@code {id}}
     * @param confirm whether the panel asks "are you sure?" first
     */
    public record Action(String id, String label, String method, String path, boolean confirm) {
        public Action {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * The form that creates an item: drawn from {@code fields} exactly like settings (a record whose components carry
     * {@link io.wahub.sdk.Setting} and Bean Validation annotations; the hub turns it into JSON Schema), posted as
     * JSON to {@code path}.
     */
    public record Form(String path, Class<? extends Record> fields) {
        public Form {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(fields, "fields");
        }
    }
}
