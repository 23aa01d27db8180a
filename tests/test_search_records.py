"""The search records (build_scripts/search_records.py) of the full fixture: one per briefing, with a section per
annotation (its counterclaim text, the names, what a result shows of it); how briefings are filtered and sorted;
folding of letters that do not decompose; and the record files Pagefind reads (build_scripts/pagefind_index.py),
every value escaped."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts.model import Site
from build_scripts.pagefind_index import claims_file, claims_json, record_html
from build_scripts.pipeline import Project, load_site
from build_scripts.search_records import (
    _ABBREVIATION,
    _ABBREVIATION_FORM,
    BRIEFING,
    EVERY,
    EVERY_ID,
    PAGE,
    SPEAKER,
    TOPIC,
    Field,
    Record,
    Section,
    abbreviation_pairs,
    briefing_record,
    claim_section,
    date_pairs,
    figure_pairs,
    fold_pairs,
    other_names,
    page_record,
    records,
    speaker_record,
)

from conftest import FIXTURES

RATIONING = "briefings/2022-05-14-arden-water-rationing/"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(Project(FIXTURES / "full"))


@pytest.fixture(scope="module")
def by_url(site: Site) -> dict[str, Record]:
    return {r.url: r for r in records(site)}


@pytest.fixture(scope="module")
def sections(site: Site) -> dict[str, Section]:
    return {s.id: s for r in records(site) for s in r.sections}


def test_one_record_per_briefing_speaker_and_topic(site: Site, by_url: dict[str, Record]) -> None:
    kinds = [r.kind for r in records(site)]
    assert kinds.count(BRIEFING) == len(site.briefings)
    assert kinds.count(SPEAKER) == len(site.speakers) and kinds.count(TOPIC) == len(site.topics)
    assert len(by_url) == len(kinds)  # every URL once
    for b in site.briefings:  # each annotation is a section of its briefing's record, in the briefing's order
        assert [s.id for s in by_url[f"briefings/{b.slug}/"].sections] == [a.id for a in b.annotations]


def test_a_section_holds_its_counterclaims_and_their_speakers(sections: dict[str, Section]) -> None:
    section = sections["marsh-rationing-only-way"]
    content = section.content
    for text in ("Marsh argues that limiting household use is the sole option for keeping supplies flowing",
                 "Rationing is the only way to get through the summer without the taps running dry",
                 "Helena Marsh",
                 # the inline counterclaim, with its speaker, claim and quote
                 "Paolo Brandt: Brandt says restrictions only manage the shortage and calls for more storage. "
                 "Rationing manages a shortage; it does not end one",
                 # the cited annotation's claim, with its speaker
                 "Samuel Okafor: Okafor says pipe losses exceed all agricultural consumption in the valley."):
        assert text in content, text
    assert section.heading == Field(section.meta["claim"], 7.0)
    weights = {f.text: f.weight for f in section.fields}
    assert weights["Helena Marsh"] == 1.0
    assert weights["Samuel Okafor: Okafor says pipe losses exceed all agricultural consumption in the valley."] < 1


@pytest.mark.parametrize("ann_id, meta", [
    ("marsh-rationing-only-way",
     {"id": "marsh-rationing-only-way", "speaker": "Helena Marsh", "attribution": "direct quote",
      "disputers": "Samuel Okafor, Paolo Brandt", "topics": ["Water rationing", "Drought"]}),
    ("board-reviews-cap",
     {"id": "board-reviews-cap", "speaker": "The article", "attribution": "the article's framing",
      "disputers": "", "topics": ["Water rationing"]}),
])
def test_what_a_result_shows_of_an_annotation(sections: dict[str, Section], ann_id: str, meta: dict) -> None:
    got = dict(sections[ann_id].meta)
    assert got.pop("claim") == sections[ann_id].heading.text
    assert got == meta


def test_a_briefing_is_filtered_by_the_values_of_its_annotations(site: Site, by_url: dict[str, Record]) -> None:
    record = by_url[RATIONING]
    metas = [s.meta for s in record.sections]
    assert record.filters == {
        "speaker": tuple(dict.fromkeys(m["speaker"] for m in metas)),
        "topic": tuple(dict.fromkeys(t for m in metas for t in m["topics"])),
        "briefing": ("Arden Valley orders first water rationing in twenty years",), "year": ("2022",),
        "disputed": ("Disputed", "Not disputed"),  # some of its claims are disputed, some not
    }
    assert {"Helena Marsh", "The article"} <= set(record.filters["speaker"])


def test_a_topic_s_name_finds_the_claims_filed_under_it(site: Site, sections: dict[str, Section]) -> None:
    """Each claim's section holds the names of its topics, low: the topic's own page comes first on them."""
    for ann in site.annotations.values():
        names = ", ".join(site.topics[t].name for t in ann.topics)
        weights = {f.text: f.weight for f in sections[ann.id].fields}
        assert weights.get(names) == (0.5 if names else None), (ann.id, names, weights)


def test_a_note_is_searchable_as_plain_text(sections: dict[str, Section]) -> None:
    content = sections["reservoir-at-31-percent"].content
    assert "The board publishes reservoir levels weekly; this figure is from the Monday before the vote." in content


def test_sort_keys_follow_the_site_order(site: Site) -> None:
    """Newest first by the sort key ``date`` is the order of every list (ties: the site's order)."""
    briefings = [r for r in records(site) if r.kind == BRIEFING]
    keys = [r.sort["date"] for r in briefings]
    assert sorted(keys, reverse=True) == keys and len(set(keys)) == len(keys)
    assert [s.id for r in briefings for s in r.sections] == list(site.annotations)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d{6}", key) for key in keys)


def test_briefing_speaker_and_topic_records(by_url: dict[str, Record]) -> None:
    briefing = by_url[RATIONING]
    assert briefing.title == "Arden Valley orders first water rationing in twenty years"
    assert "Water board caps household use as the Harlow reservoir falls to 31 per cent" in briefing.content
    assert "The Arden Courier · Lena Hartmann · 2022-05-14" in briefing.content
    speaker = by_url["speakers/ines-varga/"]
    assert speaker.title == "Ines Varga" and "Hydrologist at Northfield University" in speaker.content
    topic = by_url["topics/river-flows/"]
    assert topic.title == "River flows" and "as measured by surveys" in topic.content
    assert not (speaker.filters or topic.filters)  # the explorer lists briefings' claims only


def test_urls_without_directory_urls(site: Site) -> None:
    urls = {r.url for r in records(site, use_directory_urls=False)}
    assert "briefings/2022-05-14-arden-water-rationing.html" in urls
    assert "speakers/ines-varga.html" in urls


@pytest.mark.parametrize("text, expected", [
    ("Zoë Łukasik", {"Lukasik": "Łukasik"}),  # ë folds by itself (Pagefind strips the accent); Ł does not
    ("Søren Kierkegaard", {"Soren": "Søren", "Soeren": "Søren"}),  # and as English writes it out
    ("Müller, Söder and Lüdenscheidt-Bär",  # "Muller" finds "Müller" already: Pagefind folds the ü
     {"Mueller": "Müller", "Soeder": "Söder", "Luedenscheidt": "Lüdenscheidt", "Baer": "Bär"}),
    ("Ålborg, Æsir, ØRSTED", {"Aalborg": "Ålborg", "Aesir": "Æsir", "ORSTED": "ØRSTED", "OeRSTED": "ØRSTED"}),
    ("Straße", {"Strasse": "Straße"}),
    ("Łódź and ŁÓDŹ, Łódź", {"Lodz": "Łódź", "LODZ": "ŁÓDŹ"}),  # each once, to the first word it was found for
    ("Café résumé", {}),  # accents alone: nothing to add
    ("Путин", {}),  # another script is searched as written
    ("plain words", {}),
    # words joined by punctuation that is not ASCII, which Pagefind does not split into its parts
    ("Sean O’Brien", {"O'Brien": "O’Brien"}),
    ("“O’Brien’s”", {"O'Brien's": "O’Brien’s"}),
    ("Côte d’Ivoire", {"d'Ivoire": "d’Ivoire"}),
    ("the Seoul–Washington talks—which", {"Seoul-Washington": "Seoul–Washington", "talks-which": "talks—which"}),
    ("U.S.–EU, 2018–19", {"U.S.-EU": "U.S.–EU", "2018-19": "2018–19"}),
    ("Łódź–Warsaw", {"Lodz-Warsaw": "Łódź–Warsaw"}),  # one form folds the letters and the dash
    ("Москва–Пекин, 東京・大阪", {"Москва-Пекин": "Москва–Пекин", "東京-大阪": "東京・大阪"}),  # scripts as written
    ("Łukasik’s", {"Lukasik": "Łukasik"}),  # a part of one letter: the word's own form
    ("Kim’s plan, they’re x—y", {}),  # "Kim" finds "kims"; a part of two letters after an apostrophe, or one
    ("Karl-Marx-Straße", {"Strasse": "Straße"}),  # ASCII hyphens: Pagefind splits them itself
])
def test_fold_pairs(text: str, expected: dict[str, str]) -> None:
    assert fold_pairs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("U.S. and US", {"zqxuszqx": "U.S."}),  # one form, however written: to the first
    ("the U.S.-led talks and the U.S.’s terms", {"zqxuszqx": "U.S."}),  # joined to another word
    ("US-led, UN, EU.", {"zqxuszqx": "US", "zqxunzqx": "UN", "zqxeuzqx": "EU"}),
    ("U.S.–EU", {"zqxuszqx": "U.S.", "zqxeuzqx": "EU"}),
    ("USA, U.S.A. and U.S", {"zqxusazqx": "USA", "zqxuszqx": "U.S"}),
    ("e.g. J.R.R. Tolkien", {"zqxegzqx": "e.g.", "zqxjrrzqx": "J.R.R."}),
    ("ÜN, США, Ü.N.", {}),  # other letters: searched as written
    # not an abbreviation: lower case, one letter, four capitals, a capital within a word or beside a digit
    ("use us Us I A. NATO DPRK McDonald CO2 5G F-35 G7 COVID-19", {}),
])
def test_abbreviation_pairs(text: str, expected: dict[str, str]) -> None:
    assert abbreviation_pairs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Herald · Jane Doe · 2018-07-08", {"8-July-2018": "2018-07-08"}),  # the day without its nought
    ("from 2020-02-29 to 2021-12-31", {"29-February-2020": "2020-02-29", "31-December-2021": "2021-12-31"}),
    ("(2019-01-10), 2019-01-10.", {"10-January-2019": "2019-01-10"}),  # each date once
    # not a date: no such month or day, a longer run of digits or hyphens, a month alone, no hyphens
    ("2018-13-01 2018-00-10 2018-07-32 2018-07-00 12018-07-08 2018-07-081 2018-07-08-1 2018-07 20180708", {}),
])
def test_date_pairs(text: str, expected: dict[str, str]) -> None:
    assert date_pairs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("a £2bn plan", {"2-billion-pounds": "2bn"}),  # to the figure as a word: digits and unit's letters
    ("$4.5bn and €90 million", {"4.5-billion-dollars": "4.5bn", "90-euros": "90"}),
    ("at 3.7% and 0.75%, 10%-15%", {"3.7-percent-per-cent": "3.7", "0.75-percent-per-cent": "0.75",
                                   "10-percent-per-cent": "10", "15-percent-per-cent": "15"}),
    ("a $3m deal, ¥500", {"3-million-dollars": "3m", "500-yen": "500"}),
    ("£1.2tn, €4mn", {"1.2-trillion-pounds": "1.2tn", "4-million-euros": "4mn"}),
    ("£2bn or £2bn", {"2-billion-pounds": "2bn"}),  # each once
    # no sign and no unit, or a unit of its own that may be another's ("2m" may be metres), or within a word
    ("a 2m wall, 42,200 homes, CO2, 5G, F-35, x3.7%y, 2018-07-08", {}),
])
def test_figure_pairs(text: str, expected: dict[str, str]) -> None:
    assert figure_pairs(text) == expected


def test_a_briefing_s_date_has_its_form_in_words_before_its_byline(site: Site) -> None:
    """A briefing's date is written YYYY-MM-DD; its form in words comes just before the byline that holds it,
    and what a result shows of the briefing names it, so that the date is marked where it stands."""
    b = site.briefings[0]
    b = replace(b, article=replace(b.article, published="2021-03-05"))
    record = briefing_record(site, b)
    texts = [f.text for f in record.fields]
    at = texts.index("5-March-2021")
    assert texts[at + 1].endswith(" · 2021-03-05")
    assert record.fields[at].weight == record.fields[at + 1].weight
    assert "5-March-2021 2021-03-05" in record.meta["folds"]
    assert record.meta["date"] == "2021-03-05"


def test_search_js_reads_an_abbreviation_as_the_index_does() -> None:
    """A query's abbreviation is searched as its form (search.js): both read an abbreviation with one pattern,
    and write its form alike."""
    script = (Path(__file__).parents[1] / "docs" / "javascripts" / "search.js").read_text(encoding="utf-8")
    strings = dict(re.findall(r'var ([A-Z_]+) = ("[^"]*");', script))  # its parts named (CAPITALS)
    found = re.search(r'var ABBREVIATION_AT = ((?:(?:"[^"]*"|[A-Z_]+)\s*\+?\s*)+);', script)
    assert found
    parts = re.findall(r'"[^"]*"|[A-Z_]+', found.group(1))
    pattern = "".join(json.loads(strings.get(part, part)) for part in parts)
    assert pattern == _ABBREVIATION.pattern
    assert _ABBREVIATION_FORM == "zqx{}zqx"
    assert 'return "zqx" + word.replace(/[^\\p{L}\\p{M}\\p{N}]+/gu, "").toLowerCase() + "zqx";' in script


def test_a_claim_s_section_names_the_words_its_forms_fold(site: Site) -> None:
    """What a result shows of a claim names each ASCII form its text gets, with the word it stands for: the
    result marks the word where it stands, and leaves out the forms."""
    ann = site.annotations["reservoir-at-31-percent"]
    changed = replace(ann, claim="Marsh reports the Łódź reservoir holds under a third.", quote=ann.quote + " Søren")
    section = claim_section(site, site.briefing(site.briefing_of[ann.id]), changed)
    assert section.meta["folds"] == "Lodz Łódź Soren Søren Soeren Søren"
    texts = [f.text for f in section.fields]  # the claim's forms, then each field's just before it
    assert texts[:3] == ["Lodz", "Soren Soeren", changed.quote]


def test_folded_names_are_indexed_at_the_names_weight() -> None:
    record = page_record("x/", "Zoë Łukasik", ["About Michał"])
    assert [(f.text, f.weight) for f in record.fields] == [
        ("Lukasik", 0.5), ("Zoë Łukasik", 0.5), ("Michal", 0.1), ("About Michał", 0.1)]
    assert record.meta == {"folds": "Lukasik Łukasik Michal Michał"}
    assert record.kind == PAGE


def test_an_abbreviation_s_form_comes_before_its_field() -> None:
    record = page_record("x/", "Talks", ["Søren on the U.S.-led talks"])
    assert [f.text for f in record.fields] == ["Talks", "Soren Soeren zqxuszqx", "Søren on the U.S.-led talks"]
    assert record.meta == {"folds": "Soren Søren Soeren Søren zqxuszqx U.S."}


def test_record_html_escapes_every_value() -> None:
    evil = '<script>alert(1)</script>"&'
    section = Section(evil, Field(evil, 7.0), (Field(evil, 2.0),), {"id": evil, "speaker": evil})
    record = Record("briefings/x/", BRIEFING, evil, (Field(evil, 2.0),), meta={"byline": evil},
                    filters={"topic": (evil,)}, sort={"date": "2022-01-01"}, sections=(section,))
    page = record_html(record)
    assert "<script>" not in page and page.count(html.escape(evil)) == 8  # title twice, id, heading, 2 fields, byline, filter
    assert '<p data-pagefind-weight="2">' in page
    assert f'<section><h2 id="{html.escape(evil)}" data-pagefind-weight="7">{html.escape(evil)}.</h2>' in page
    assert f'<span data-pagefind-filter="topic">{html.escape(evil)}</span>' in page
    assert '<span data-pagefind-sort="date">2022-01-01</span>' in page
    assert f'<span data-pagefind-meta="claims_file">{claims_file(record)}</span>' in page
    assert json.loads(claims_json(record)) == [{"id": evil, "speaker": evil}]
    assert re.fullmatch(r"claims/[0-9a-f]{16}\.json", claims_file(record))


def test_a_record_changes_with_what_its_results_show() -> None:
    """The claims file is named by what it holds: a record whose annotations' attribution alone changed is not
    the same record (serve writes the index again), and a cached list never goes with a newer index."""
    def record(attribution: str) -> Record:
        section = Section("a", Field("Claim.", 7.0), (), {"id": "a", "attribution": attribution})
        return Record("briefings/x/", BRIEFING, "X", (), sections=(section,))

    assert claims_file(record("direct quote")) != claims_file(record("as reported"))
    assert record_html(record("direct quote")) != record_html(record("as reported"))
    assert claims_file(record("direct quote")) == claims_file(record("direct quote"))


def test_every_briefing_record_holds_the_word_that_lists_them_all(by_url: dict[str, Record]) -> None:
    """A search by filters alone asks for EVERY, which every briefing with claims holds, last and under a heading
    that is no annotation's (so neither a briefing's nor a claim's excerpt shows it); speakers and topics lack it."""
    page = record_html(by_url[RATIONING])
    every = f'<section><h2 id="{EVERY_ID}" data-pagefind-weight="0.1">{EVERY}</h2></section>'
    assert page.count(EVERY) == 1 and every + "</main>" in page
    assert EVERY not in record_html(by_url["speakers/ines-varga/"])
    assert EVERY_ID not in {s.id for r in by_url.values() for s in r.sections}


def test_each_other_name_of_a_speaker_is_a_field_of_its_own(site: Site, by_url: dict[str, Record]) -> None:
    """A speaker's other names are fields of their own, each ending in a stop in the index, so that an excerpt
    reads "Paolo Brandt. the mayor." and not "Paolo Brandt the mayor", as if it were one name; an alias whose
    words the name holds ("Brandt") is left out, which the excerpt would repeat ("Paolo Brandt. Brandt.")."""
    checked = 0
    for speaker_id, s in site.speakers.items():
        record = by_url[f"speakers/{speaker_id}/"]
        others = other_names(site, speaker_id)
        texts = [f.text for f in record.fields]
        assert texts[: 1 + len(others)] == [s.name, *others], texts
        assert {f.weight for f in record.fields[1 : 1 + len(others)]} <= {5.0}
        checked += len(s.aliases) > len(others)
    assert by_url["speakers/paolo-brandt/"].fields[1].text == "the mayor"
    assert checked, "the fixture has an alias whose words its speaker's name holds"


def test_a_speaker_s_record_counts_their_claims_and_counterclaims(site: Site) -> None:
    """As their page does ("0 claims · 1 counterclaim made"); a speaker who made none has no such count."""
    by_url = {r.url: r for r in records(site)}
    for speaker_id in site.speakers:
        meta = by_url[f"speakers/{speaker_id}/"].meta
        made = len(site.disputes_by.get(speaker_id, ()))
        assert meta["claims"] == str(len(site.by_speaker.get(speaker_id, ())))
        assert meta.get("counterclaims") == (str(made) if made else None)
    assert any(m.meta["claims"] == "0" and m.meta.get("counterclaims") for m in by_url.values()), \
        "the fixture has a speaker who made counterclaims alone"


@pytest.mark.parametrize("role, affiliation, fields", [
    ("senior researcher at the Sejong Institute", "Sejong Institute",
     ["senior researcher at the Sejong Institute", ""]),  # named by the role: not said twice
    ("senior researcher", "Sejong Institute", ["senior researcher", "Sejong Institute"]),
    ("Director of Fundraising", "Fund", ["Director of Fundraising", "Fund"]),  # a word, not letters in one
])
def test_a_speaker_s_affiliation_is_not_repeated(site: Site, role: str, affiliation: str,
                                                 fields: list[str]) -> None:
    speaker_id = next(iter(site.speakers))
    speaker = replace(site.speakers[speaker_id], role=role, affiliation=affiliation, roles=())
    changed = replace(site, speakers={**site.speakers, speaker_id: speaker})
    texts = [f.text for f in speaker_record(changed, speaker_id).fields]
    assert texts[-2:] == fields


@pytest.mark.parametrize("speaker_id, names", [
    ("helena-marsh", ["the chair"]),  # "Marsh" is a word of her name: her name finds it already
    ("paolo-brandt", ["the mayor"]),
    ("samuel-okafor", []),
    ("", []),  # the article's own framing has no aliases
])
def test_a_speaker_s_other_names(site: Site, speaker_id: str, names: list[str]) -> None:
    assert other_names(site, speaker_id) == names


def test_a_claim_is_found_by_its_speaker_s_other_names(site: Site) -> None:
    """Each claim's section holds the other names the articles use for its speaker ("Pyongyang" finds North
    Korea's claims), after the name, at half its weight."""
    checked = 0
    for b in site.briefings:
        for ann in b.annotations:
            section = claim_section(site, b, ann)
            texts = [(f.text, f.weight) for f in section.fields]
            for name in other_names(site, ann.speaker):
                assert (name, 0.5) in texts, (ann.id, texts)
                checked += 1
    assert checked
