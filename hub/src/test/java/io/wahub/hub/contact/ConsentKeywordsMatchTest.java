package io.wahub.hub.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsentKeywordsMatchTest {

    @Test
    void defaults_matchStopAndStartWordsOfSixLanguages_ignoringCaseAccentsAndPunctuation() {
        var words = ConsentKeywords.DEFAULTS;

        for (String stop : new String[] {"STOP", "stop.", " Unsubscribe ", "baja", "Parar!", "STOPP", "arret",
                "Arrêt !", "désabonner", "Stop promotions", "¡BAJA!"}) {
            assertThat(words.match(stop)).as(stop).contains("stop");
        }
        for (String start : new String[] {"START", "start", "Alta", "voltar", "Anmelden", "REPRENDRE"}) {
            assertThat(words.match(start)).as(start).contains("start");
        }
    }

    @Test
    void textsThatOnlyContainAWord_orNothing_areNoKeyword() {
        var words = ConsentKeywords.DEFAULTS;

        assertThat(words.match("please stop")).isEmpty();
        assertThat(words.match("STOP IT NOW")).isEmpty();
        assertThat(words.match("")).isEmpty();
        assertThat(words.match(null)).isEmpty();
    }

    @Test
    void normalise_upperCasesStripsAccentsCollapsesBlanks() {
        assertThat(ConsentKeywords.normalise("  Arrêt   les  promos !! ")).isEqualTo("ARRET LES PROMOS");
    }
}
