package io.wahub.plugins.drips;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Definition read(String json, Map<String, String> errors) throws Exception {
        return DefinitionReader.definition(JSON.readTree(json), errors);
    }

    @Test
    void presets_areValid_andSurviveTheirStoredForm() throws Exception {
        for (String preset : Presets.names()) {
            Map<String, String> errors = new TreeMap<>();
            Definition definition = DefinitionReader.definition(Presets.request(preset), errors);
            assertThat(errors).as(preset).isEmpty();
            assertThat(Definition.of(definition.toJson())).isEqualTo(definition);
        }
    }

    @Test
    void stepsWithoutIds_getTheirPosition_andDefaultsApply() throws Exception {
        Map<String, String> errors = new TreeMap<>();
        Definition definition = read("""
                {"steps":[{"type":"wait","duration":"PT1H"},{"type":"add-tag","tag":"vip"}]}""", errors);

        assertThat(errors).isEmpty();
        assertThat(definition.steps()).extracting(Step::id).containsExactly("s1", "s2");
        assertThat(definition.steps().getFirst().duration()).isEqualTo(Duration.ofHours(1));
        assertThat(definition.reentryDays()).isNull();
        assertThat(definition.holdoutPercent()).isZero();
        assertThat(definition.window()).isNull();
    }

    @Test
    void everyBadField_isNamed() throws Exception {
        Map<String, String> errors = new TreeMap<>();
        read("""
                {"reentry":{"policy":"after","days":0},"holdoutPercent":51,"goals":["message.received"],
                 "window":{"days":["XYZ"],"from":"10:00","to":"09:00"},
                 "steps":[{"id":"a","type":"wait-until","time":"noon"},{"id":"a","type":"jump"},
                  {"type":"condition","then":"end"},{"type":"remove-tag"}]}""", errors);

        assertThat(errors.keySet()).containsExactly("goals", "holdoutPercent", "reentry.days", "steps[0].time",
                "steps[1].id", "steps[1].type", "steps[2].tag", "steps[3].tag", "window.days", "window.to");
    }
}
