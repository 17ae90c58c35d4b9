"""Dated events for the Biden-transition chapter that ``events_timeline.csv`` lacks.

No raw file: each event below was checked against the page of its publisher (URL per event),
which states the date. The events join the ``events`` resource (``analysis.etl.events``).
The sentences are the project's own words.

Besides the transition weeks, the chapter tests Starr and Ling's argument that López Obrador would
push back against U.S. pressure on energy, democracy and the autonomous regulators, and that the
USMCA would restrain him. The events of those disputes (2020–2024) are declared here. Where no
government page was found, the publisher is the press or law firm that reported the date, named as
such ("(press)", "(law firm)"); the date each states:

- 2020-12-15: Opportimes reports López Obrador's press-conference remark of "December 15" that the
  regulators (Cofece, IFT, INAI) would be reviewed.
- 2021-01-07: El Diario (Agencia Reforma), dated 7 January 2021 in its URL, reports the same-day
  announcement of an administrative reform to fold autonomous bodies into ministries.
- 2021-01-29: El Diario, dated 29 January 2021 in its URL, reports the Economy Secretary's remarks to
  Morena's deputies that IFT and Cofece would be kept because of USMCA commitments.
- 2021-03-09: Ritch Mueller (law firm): the Electricity Industry Law reform was published in the DOF
  "con fecha 9 de marzo de 2021".
- 2022-02-15: La Jornada of 16 February 2022 reports López Obrador's remark "ayer" (the 15th) that
  his government would not have time to abolish IFT and Cofece.
- 2022-04-17: Diario de Yucatán, dated 17 April 2022 in its URL, reports the Chamber of Deputies'
  vote (275 for, 223 against) that left the electricity amendment short of two thirds, quoting the
  Chamber's own post.
- 2023-02-27: El País (republished by Pledge Times) quotes the State Department spokesperson's post
  dated "February 27, 2023" on Mexico's electoral reform.
- 2024-02-05: Galicia Abogados (law firm): "El 5 de febrero de 2024, el Ejecutivo Federal presentó al
  Congreso" its package of constitutional initiatives.
- 2024-12-20: El Heraldo de México: the constitutional reform abolishing seven autonomous bodies was
  published in the DOF "este viernes 20 de diciembre" (after López Obrador's term).
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
    Event("2020-12-15", "trade",
          "At his morning press conference López Obrador says the regulators created by earlier governments, among them "
          "the competition commission (Cofece), the telecommunications institute (IFT) and the transparency institute "
          "(INAI), should be reviewed because in his view they serve no social purpose",
          Label.REGULATORS_UNDER_REVIEW, "Opportimes (press)",
          "https://opportimes.com/ife-and-cofece-will-not-disappear-clouthier"),
    Event("2021-01-07", "trade",
          "López Obrador announces an administrative reform under which autonomous bodies such as the IFT and the INAI "
          "would be absorbed by federal ministries",
          Label.PLAN_TO_ABSORB_REGULATORS, "El Diario (Agencia Reforma, press)",
          "https://diario.mx/nacional/anuncia-amlo-reforma-para-absorber-a-autonomos-20210107-1749095.html"),
    Event("2021-01-29", "trade",
          "Economy Secretary Tatiana Clouthier tells Morena's deputies that the IFT and Cofece are Mexican commitments "
          "under the USMCA and that the president agreed they would not be touched",
          Label.IFT_COFECE_KEPT_FOR_USMCA, "El Diario (press)",
          "https://diario.mx/nacional/ift-y-cofece-no-seran-tocados-clouthier-20210129-1757014.html"),
    Event("2021-03-09", "trade",
          "Reform of the Electricity Industry Law published in the official gazette (DOF): dispatch rules changed to "
          "favour the plants of the state utility CFE over private generators",
          Label.ELECTRICITY_LAW_REFORM, "Ritch Mueller (law firm)",
          "https://ritch.com.mx/es/read/551/newsflash-se-publica-reforma-a-la-ley-de-la-industria-electrica"),
    Event("2022-02-15", "trade",
          "López Obrador says the IFT and Cofece should disappear but that his government no longer has time to "
          "amend the constitution to abolish them",
          Label.NO_TIME_TO_ABOLISH_REGULATORS, "La Jornada (press)",
          "https://www.jornada.com.mx/2022/02/16/politica/005n1pol"),
    Event("2022-04-17", "trade",
          "The Chamber of Deputies votes 275 to 223 for López Obrador's constitutional amendment on electricity, short "
          "of the two-thirds majority it needed, so the amendment fails",
          Label.ELECTRICITY_REFORM_REJECTED, "Diario de Yucatán (press, quoting the Chamber of Deputies)",
          "https://www.yucatan.com.mx/mexico/2022/4/17/reforma-electrica-no-pasa-morena-no-alcanza-la-mayoria-calificada-314615.html"),
    Event("2023-02-27", "diplomacy",
          "After street protests against López Obrador's reform of the electoral authority (INE), the U.S. State "
          "Department's spokesperson says the United States backs an adequately funded, independent electoral "
          "authority and judicial independence as supports of democracy; López Obrador calls the statement meddling",
          Label.STATE_DEPT_ON_ELECTORAL_REFORM, "El País (press, republished by Pledge Times)",
          "https://pledgetimes.com/there-is-more-democracy-in-mexico-than-in-the-united-states-lopez-obrador-responds-to-blinken/"),
    Event("2024-02-05", "elections",
          "López Obrador sends Congress a package of constitutional initiatives, among them the popular election of "
          "judges, a new electoral authority in place of the INE and the abolition of autonomous regulators",
          Label.FEBRUARY_2024_REFORM_PACKAGE, "Galicia Abogados (law firm)",
          "https://www.galicia.com.mx/links/publicacion?p=861"),
    Event("2024-10-01", "elections", "Claudia Sheinbaum sworn in as president of Mexico; López Obrador's term ends",
          Label.SHEINBAUM_INAUGURATED, "KYMA (CBS affiliate)",
          "https://kyma.com/news/mexico/2024/10/02/thousands-gather-in-mexico-city-to-celebrate-claudia-sheinbaum-swearing-into-office/"),
    Event("2024-12-20", "trade",
          "Under President Sheinbaum, the constitutional reform abolishing seven autonomous bodies, among them the INAI, "
          "Cofece, the IFT and the energy regulator (CRE), is published in the DOF",
          Label.REGULATORS_ABOLISHED, "El Heraldo de México (press)",
          "https://heraldodemexico.com.mx/nacional/2024/12/20/es-oficial-publican-en-dof-desaparicion-de-organismos-autonomos-663166.html"),
]
