"""Dated events for the Biden-transition chapter that ``events_timeline.csv`` lacks.

No raw file: each event below was checked against the page of its publisher (URL per event),
which states the date. The events join the ``events`` resource (``analysis.etl.events``).
The sentences are the project's own words.
"""

from __future__ import annotations

from analysis.etl.published import Event
from analysis.data.events import Label

EVENTS = [
    Event("2020-11-03", "elections", "U.S. presidential election between Donald Trump and Joe Biden held",
          Label.US_ELECTION_DAY, "The San Diego Union-Tribune",
          "https://www.sandiegouniontribune.com/news/gallery/photos-election-day-2020-nationwide"),
    Event("2020-11-09", "diplomacy",
          "López Obrador repeats at his morning press conference that he will not congratulate Biden until U.S. "
          "electoral authorities settle the result, the stance he first took on 7 November",
          Label.AMLO_WITHHOLDS_CONGRATULATIONS, "Tribuna (press)",
          "https://www.tribuna.com.mx/mexico/2020/11/9/amlo-se-niega-aceptar-el-triunfo-de-joe-biden-no-tenemos-nada-en-contra-suya-210995.html"),
    Event("2020-12-09", "security",
          "Mexican Senate approves López Obrador's reform of the National Security Law regulating foreign security agents",
          Label.SENATE_PASSES_FOREIGN_AGENTS_LAW, "Canal del Congreso (Mexican Congress)",
          "https://www.canaldelcongreso.gob.mx/noticias/13767/Las_y_los_senadores_avalan_regular_actividades_de_los_agentes_extranjeros_en_Mxic"),
    Event("2020-12-14", "elections",
          "Electors meet in every state and D.C. and cast 306 electoral votes for Biden and 232 for Trump",
          Label.ELECTORAL_COLLEGE_VOTE, "The Washington Post",
          "https://www.washingtonpost.com/politics/interactive/2020/electoral-college-vote-tracker/"),
    Event("2021-01-20", "elections", "Joe Biden sworn in as the 46th president of the United States",
          Label.BIDEN_INAUGURATED, "WHAS11 / Entertainment Tonight",
          "https://www.whas11.com/article/entertainment/entertainment-tonight/joe-biden-is-sworn-in-as-president-of-the-united-states/603-6697fd4f-2655-4cd1-ae96-8e7e8f98ef20"),
    Event("2022-07-20", "trade",
          "USTR requests dispute-settlement consultations with Mexico under the USMCA over energy measures favouring CFE and Pemex",
          Label.USMCA_ENERGY_CONSULTATIONS, "Office of the U.S. Trade Representative",
          "https://ustr.gov/about-us/policy-offices/press-office/press-releases/2022/july/what-they-are-saying-united-states-requests-consultations-under-usmca-over-mexicos-energy-policies"),
    Event("2024-10-01", "elections", "Claudia Sheinbaum sworn in as president of Mexico; López Obrador's term ends",
          Label.SHEINBAUM_INAUGURATED, "KYMA (CBS affiliate)",
          "https://kyma.com/news/mexico/2024/10/02/thousands-gather-in-mexico-city-to-celebrate-claudia-sheinbaum-swearing-into-office/"),
]
