"""Evidence the fact-check ledger needs that no chapter table holds: published figures and dated events.

Raw input: ``collected/factcheck_figures.csv``, the project's own collection of figures seen in
official releases, in press reports citing them, or in fact-checkers' pages (same columns as
``published_figures.csv``; URL and a short verbatim excerpt per row; see
``raw/collected/README.md``). It was compiled while checking the five articles' claims (searches of
stored copies of public pages); there is no single publisher download: each row's ``url`` is the
page where its figure was seen, e.g. the ICE/DHS study page for drug cash moving to Mexico,
https://webarchive.library.unt.edu/web/20130215135150/http://www.ice.gov/cornerstone/cps-study.htm.
Where only press or a secondary page was found, the row's publisher says "as reported by …".

The dated events the ledger's checks need (party foundings, the 2018 transition, the Cienfuegos
file, …) are declared below in :data:`EVENTS`, each with the URL of the page that states the date;
they join the ``events`` resource (``analysis.etl.events``). The sentences are the project's own words.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.events import Label
from analysis.etl import DerivationError, resources_from_meta
from analysis.etl.published import COLLECTED, Event, read_published

FIGURES = f"{COLLECTED}/factcheck_figures.csv"
TOPIC = "factcheck"
STATUSES = ["final", "preliminary", "partial-year", "unspecified"]


def derive_figures(raw: Path, built: dict) -> pd.DataFrame:
    """One row per published figure, keyed by indicator and period (unique); ranges keep both ends."""
    frame = read_published(raw, files=(FIGURES,))
    path = raw / FIGURES
    for record in frame.to_dict("records"):
        if record["topic"] != TOPIC:
            raise DerivationError(path, f"topic {record['topic']!r} is not {TOPIC!r}", row=record["source_row"], field="topic")
        if record["status"] not in STATUSES:
            raise DerivationError(path, f"status {record['status']!r} not in {STATUSES}", row=record["source_row"], field="status")
        if pd.isna(record["value"]) and pd.isna(record["value_low"]):
            raise DerivationError(path, "no figure: every row of this file must give a number or a range", row=record["source_row"], field="value")
    duplicated = frame[frame.duplicated(["indicator", "period"], keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        raise DerivationError(path, f"indicator {first['indicator']!r} given twice for period {first['period']!r}",
                              row=int(first["source_row"]), field="indicator")
    out = pd.DataFrame({
        "indicator": frame["indicator"], "geo": frame["geo"], "period": frame["period"],
        "value": frame["value"], "value_low": frame["value_low"], "value_high": frame["value_high"],
        "unit": frame["unit"], "status": frame["status"], "publisher": frame["publisher"], "document": frame["document"],
        "source_url": frame["url"], "note": frame["retrieved_note"].mask(frame["retrieved_note"] == ""),
        "source_row": frame["source_row"].astype("int64"),
    })
    return out.reset_index(drop=True)


RESOURCES = resources_from_meta(__file__, derive={"factcheck_figures": derive_figures})


# Dated events the ledger's checks read (each URL states the date; checked with the search tools).
ZC_EXCELSIOR = "https://zcnoticias.com/?p=202065"
PRENSA_ALTERNA_LETTER = "https://prensaalterna.com/carta-abierta-completa-que-envio-lopez-obrador-al-presidente-de-estados-unidos-de-norteamerica"

# Events other steps already declare (Mérida Letter of Agreement, the 2017 value-chain dialogue, zero
# tolerance, Mexico's 2018 retaliation, EO 13841, the Peace and Security Plan, the January 2021 foreign-agent
# guidelines) are not repeated here: the claims use those steps' labels.
EVENTS = [
    Event("1929-03-04", "elections", "The Partido Nacional Revolucionario, predecessor of the PRI, is founded at a convention in Querétaro",
          Label.PNR_FOUNDED, "Memórica (digital archive of the Government of Mexico)",
          "https://memoricamexico.gob.mx/es/memorica/Temas?cId=NWE3NTE0YTktN2Y1OS00MjU5LWFjMTMtMzZlNzkzMjRjOGEz&cd=false&ctId=3"),
    Event("1939-09-16", "elections", "The National Action Party (PAN) is founded in Mexico City",
          Label.PAN_FOUNDED, "México Histórico", "https://mexicohistorico.com/paginas/fundacin_del_partido_accin_nacional_pan_en_1939.html"),
    Event("1989-05-05", "elections", "The Party of the Democratic Revolution (PRD) is founded by former PRI members and parties of the left",
          Label.PRD_FOUNDED, "24 Horas", "https://24-horas.mx/2014/11/25/cuauhtemoc-cardenas-y-la-historia-del-partido-que-ayudo-a-fundar"),
    Event("1997-09-01", "elections",
          "The LVII Legislature opens: for the first time the PRI lacks an absolute majority in the Chamber of Deputies (239 of 500 seats)",
          Label.PRI_LOSES_CHAMBER_MAJORITY, "Memoria Política de México", "https://memoriapoliticademexico.org/Efemerides/9/01091997.html"),
    Event("2000-12-01", "elections", "Vicente Fox of the PAN is sworn in as president, the first not from the PRI since 1929",
          Label.FOX_TAKES_OFFICE, "Excélsior (via ZC Noticias)", ZC_EXCELSIOR),
    Event("2000-12-05", "elections", "López Obrador takes office as Head of Government of the Federal District (Mexico City)",
          Label.AMLO_HEADS_MEXICO_CITY, "Los Presidenciables (blog)",
          "http://gobiernamexico.blogspot.com/2006/01/andrs-manuel-lpez-obrador-triunfo-en.html"),
    Event("2011-10-02", "elections", "López Obrador formalises Morena as a civil association",
          Label.MORENA_CIVIL_ASSOCIATION, "Expansión",
          "https://expansion.mx/nacional/2011/10/02/lopez-obrador-formaliza-a-morena-como-su-estructura-para-las-elecciones"),
    Event("2014-11", "migration", "Guatemala, Honduras and El Salvador launch the Alliance for Prosperity plan, which the United States backs",
          Label.ALLIANCE_FOR_PROSPERITY, "The White House (Obama administration archive)",
          "https://obamawhitehouse.archives.gov/blog/2015/03/16/our-central-american-strategy"),
    Event("2015-06-16", "migration", "Launching his campaign, Donald Trump says Mexico sends people who bring drugs and crime, calling them rapists",
          Label.TRUMP_CAMPAIGN_LAUNCH, "Salon",
          "https://www.salon.com/2015/06/16/donald_trump_refers_to_immigrants_as_rapists_in_presidential_campaign_launch/"),
    Event("2015-11-04", "security",
          "The DEA's 2015 threat assessment finds Mexican criminal organisations to be the main suppliers of heroin, cocaine, "
          "methamphetamine and marijuana to the United States",
          Label.DEA_THREAT_ASSESSMENT_2015, "U.S. Drug Enforcement Administration",
          "https://www.dea.gov/press-releases/2015/11/04/dea-releases-2015-drug-threat-assessment-heroin-and-painkiller-abuse"),
    Event("2016-11-09", "elections", "Donald Trump is declared president-elect of the United States after the 8 November election",
          Label.TRUMP_ELECTED_2016, "The NewsHouse (Syracuse University)",
          "https://ww2.thenewshouse.com/story/donald-trump-wins-2016-presidential-election"),
    Event("2017-02", "migration", "López Obrador tours U.S. cities, Chicago among them, to speak up for Mexican migrants",
          Label.AMLO_US_TOUR, "El Mañana", "http://www.elmanana.com/amlodenunciaraatrumpporviolacionalosderechoshumanos-3639883.html"),
    Event("2017-02-13", "security", "The U.S. Treasury designates Venezuela's vice president, Tareck El Aissami, a drug trafficker under the Kingpin Act",
          Label.EL_AISSAMI_DESIGNATED, "dpa-AFX (via finanznachrichten.de)",
          "http://www.finanznachrichten.de/nachrichten-2017-02/39926005-us-blacklists-venezuela-vice-president-as-major-drug-trafficker-020.htm"),
    Event("2017-06-15", "diplomacy", "The United States and Mexico open the two-day Conference on Prosperity and Security in Central America in Miami",
          Label.CENTRAL_AMERICA_CONFERENCE, "Secretaría de Relaciones Exteriores (Mexico)",
          "https://www.gob.mx/sre/en/prensa/conference-on-prosperity-and-security-in-central-america-112108"),
    Event("2017-10-26", "security", "At the President's direction, the acting HHS secretary declares the opioid epidemic a public health emergency",
          Label.OPIOID_EMERGENCY, "National Association of Counties",
          "https://www.naco.org/blog/president-declares-opioid-epidemic-public-health-emergency"),
    Event("2018-01-10", "security", "A new State Department travel advisory puts five Mexican states, Tamaulipas among them, at Level 4, 'do not travel'",
          Label.FIVE_STATES_AT_LEVEL_4, "World Global News (reporting the State Department advisory)",
          "http://worldglobal.news/2018/01/10/u-s-travelers-should-not-visit-mexicos-crime-ridden-states-a-new-travel-advisory-system-warns/"),
    Event("2018-04-04", "migration",
          "Mexico's Senate asks the government to suspend migration and anti-crime cooperation with the United States, responding to "
          "Trump's decision to send the National Guard to the border",
          Label.SENATE_ASKS_TO_SUSPEND_COOPERATION, "Consolidación Hoy",
          "https://www.consolidacionhoy.com/senado-suspender-cooperacion-bilateral-con-eu-en-materia-de-migracion-y-lucha-contra-delincuencia-organizada/"),
    Event("2018-04-18", "diplomacy", "Protests against the Ortega government break out in Managua, opening Nicaragua's 2018 crisis",
          Label.NICARAGUA_PROTESTS_BEGIN, "The Globe Post", "https://theglobepost.com/2018/08/13/nicaraguans-flee-costa-rica/amp"),
    Event("2018-04-20", "security", "Italy extradites former Tamaulipas governor Tomás Yarrington to the United States, where he faces trial",
          Label.YARRINGTON_EXTRADITED, "La Crónica de Baja California (EFE)",
          "http://www.lacronica.com/EdicionEnLinea/Notas/Nacional/20042018/1331913-Italia-extradita-a-Tomas-Yarrington-a-EU.html"),
    Event("2018-05-05", "diplomacy", "Roberta Jacobson's resignation as U.S. ambassador to Mexico takes effect",
          Label.AMBASSADOR_JACOBSON_LEAVES, "KTSA", "http://www.ktsa.com/u-s-ambassador-to-mexico-resigns/"),
    Event("2018-06-01", "trade", "Trump floats replacing NAFTA with separate bilateral agreements with Canada and with Mexico",
          Label.TWO_BILATERAL_DEALS_FLOATED, "Associated Press (via Novedades, SIPSE)",
          "https://sipse.com/novedades-news/news/trump-wouldnt-mind-seeing-nafta-replaced-298637.html"),
    Event("2018-06-19", "elections", "López Obrador closes his Sinaloa campaign with a rally in Culiacán, promising to defend migrants",
          Label.AMLO_CULIACAN_RALLY, "El Debate", "https://www.debate.com.mx/opinion/TERCER-PISO-20180620-0009.html"),
    Event("2018-07-02", "diplomacy", "Trump and López Obrador hold their first phone conversation, the day after the Mexican election",
          Label.FIRST_TRUMP_AMLO_CALL, "López Obrador's letter to Trump of 12 July 2018 (published by Prensa Alterna)", PRENSA_ALTERNA_LETTER),
    Event("2018-07-05", "diplomacy", "López Obrador names Marcelo Ebrard as his future foreign secretary",
          Label.EBRARD_NAMED, "Expansión", "https://expansion.mx/presidencia/2018/07/05/amlo-hace-el-primer-cambio-de-su-gabinete-y-propone-a-ebrard-en-la-sre"),
    Event("2018-07-05", "security", "López Obrador's designated interior secretary proposes decriminalising marijuana and licensing poppy for medicines",
          Label.DECRIMINALISATION_PROPOSED, "dpa (via La Hora)",
          "https://lahora.gt/internacionales/wpcomvip/2018/07/05/equipo-de-lopez-obrador-evalua-legalizar-marihuana-y-amapola/"),
    Event("2018-07-06", "security", "López Obrador's security team outlines its plans, among them an amnesty for low-level offenders",
          Label.AMNESTY_PROPOSED, "The Ohio Star (Daily Caller News Foundation)",
          "https://theohiostar.com/2018/07/10/mexican-president-elect-lopez-obrador-proposes-border-force-to-contain-illegal-immigration-into-mexico/"),
    Event("2018-07-09", "migration", "Alfonso Durazo, the designated security minister, says the new government will create a specialised border police",
          Label.BORDER_POLICE_PROPOSED, "National Review (reporting a Bloomberg interview)",
          "https://www.nationalreview.com/news/mexico-to-create-border-force-curtailing-illegal-immigration-from-central-america/"),
    Event("2018-07-12", "diplomacy",
          "López Obrador signs a letter to Trump proposing joint work on trade, migration, development and security, handed to the U.S. delegation",
          Label.AMLO_LETTER_TO_TRUMP, "López Obrador's letter (published by Prensa Alterna)", PRENSA_ALTERNA_LETTER),
    Event("2018-07-13", "diplomacy",
          "Secretary of State Pompeo, with Treasury Secretary Mnuchin, Homeland Security Secretary Nielsen and adviser Kushner, meets López Obrador in Mexico City",
          Label.POMPEO_DELEGATION, "U.S. Department of State background briefing (via government-world.com)",
          "http://government-world.com/press-releases-background-briefing-previewing-secretary-pompeos-upcoming-travel-to-mexico/?print=print"),
    Event("2018-09-26", "security", "Former Veracruz governor Javier Duarte is sentenced to nine years after pleading guilty to money laundering and criminal association",
          Label.DUARTE_SENTENCED, "Animal Político", "https://www.animalpolitico.com/2018/09/duarte-se-declara-culpable/"),
    Event("2018-10", "diplomacy", "The U.S. Senate confirms Kimberly Breier to lead the State Department's Western Hemisphere bureau, as assistant secretary",
          Label.BREIER_CONFIRMED, "EFE (via La Oferta)", "https://laofertanew.laoferta.com/?p=60133"),
    Event("2018-10-03", "migration",
          "After a call with Trump, López Obrador speaks of about $30 billion of joint investment by Mexico, the United States and Canada "
          "for development in Central America and southern Mexico",
          Label.JOINT_INVESTMENT_30BN, "OnCubaNews", "https://oncubanews.com/mundo/ee-uu/trump-amlo-hablan-migracion-centroamerica"),
    Event("2018-10-18", "migration", "Trump threatens to call up the military and close the southern border unless Mexico stops the migrant caravan",
          Label.BORDER_CLOSURE_THREAT_2018, "HuffPost",
          "https://www.huffingtonpost.com/entry/trump-threatens-to-order-military-to-close-our-southern-border-over-immigration_us_5bc87257e4b0a8f17ee9b1da"),
    Event("2021-01", "trade", "López Obrador proposes to absorb autonomous regulators, the transparency (INAI) and competition (COFECE) bodies among them, into ministries",
          Label.AUTONOMOUS_BODIES_PLAN, "El Diario de Sonora",
          "https://eldiariodesonora.com.mx/mexico/2024/12/24/fin-organismos-autonomos-mexico-impacto-amlo-sheinbaum.html"),
    Event("2021-01-15", "security",
          "The U.S. Justice Department says publishing the Cienfuegos file breached the legal-assistance treaty and puts further information sharing in doubt",
          Label.DOJ_ON_CIENFUEGOS_FILE, "Reuters (via National Post)",
          "https://nationalpost.com/pmn/news-pmn/crime-pmn/u-s-deeply-disappointed-mexico-closed-probe-of-ex-defense-minister-2"),
]
