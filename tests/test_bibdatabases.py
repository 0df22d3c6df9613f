"""Exports of Web of Science and Scopus (tests/fixtures/databases/): what the databases add that
is not the paper's stays off its page, and what they set in capitals is cased again and said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, bib_papers, build, copy_site, imported_site

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.importing.bibdatabases import tidy_database_fields
from site_builder.source.content import load_papers
from site_builder.text.capitals import is_shouted, recased
from site_builder.text.links import paper_buttons

DATABASES = FIXTURES / "databases"


def imported(tmp_path: Path, name: str, capsys) -> tuple[dict, str]:
    root = copy_site(tmp_path / "site", with_papers=False)
    shutil.copy(DATABASES / name, tmp_path / name)
    assert main(["--root", str(root), "import", str(tmp_path / name)]) == 0
    said = capsys.readouterr().err
    build(root)
    return {paper.title: paper for paper in load_papers(root, Problems())}, said


def test_a_web_of_science_export_reads_as_the_papers_not_in_capitals_nor_in_braces(tmp_path, capsys):
    papers, said = imported(tmp_path, "web-of-science.bib", capsys)
    assert len(papers) == 3
    mapping = papers["Bibliometric mapping of artificial intelligence research in Central Europe"]
    # every value is braced twice: the abstract showed its braces
    assert mapping.body == "We map the artificial intelligence research of Central Europe from 2000 to 2020 using co-authorship networks. " \
        "Results show a growth of 12\\% a year."  # fmt: skip
    assert (mapping.venue, mapping.publisher, mapping.pages) == ("Scientometrics", "Springer", "3011--3035")
    assert mapping.review == ""
    old = papers["The Structure of Neural Networks for Speech"]
    assert old.authors == ("P. Wisniewski", "J. Kowalski")
    assert old.venue == "IEEE Transactions on Neural Networks"
    assert old.bibtex_title == "{The Structure of Neural Networks for Speech}"  # the export cites what the page shows
    assert "its title was written in capitals" in old.review
    proceedings = papers["Sparse Attention for Point Clouds"]
    assert proceedings.venue == "2021 IEEE/CVF Conference on Computer Vision and Pattern Recognition, CVPR 2021"
    assert "3 entries: titles, venues or names written in capitals" in said


def test_a_scopus_export_keeps_its_record_off_the_papers_page(tmp_path, capsys):
    papers, said = imported(tmp_path, "scopus.bib", capsys)
    assert len(papers) == 4
    mapping = papers["Bibliometric mapping of artificial intelligence research in Central Europe"]
    assert mapping.note == ""  # `Cited by: 42; All Open Access, Hybrid Gold Open Access`
    assert mapping.body.endswith("Results show a growth of 12% a year.")  # not `© 2021, Akadémiai Kiadó, …`
    assert mapping.pages == "3011--3035"  # `3011 – 3035`
    assert set(mapping.links) == {"scopus"}  # the record's page, not the paper's website
    assert ("Scopus", mapping.links["scopus"]) in paper_buttons(mapping)
    conference = papers["Sparse attention for point clouds"]
    assert conference.note.startswith("Conference name: 2021 IEEE/CVF Conference")  # the event is the readers'
    assert "Conference code" not in conference.note and "Cited by" not in conference.note
    assert conference.body == "Point clouds are sparse. We exploit it."
    in_press = papers["A study of things"]
    assert (in_press.note, in_press.body, in_press.pages) == ("In press", "Thematic analysis.", "17114--17136")
    assert papers["Another study"].note == ""  # `cited By 3`, the older exports' words
    for words in ("the database's record in `note`", "the database's page for the record", "copyright line"):
        assert words in said
    assert "publication_stage" not in said  # read: `Article in press`


@pytest.mark.parametrize(
    "written, cased",
    [
        ("THE STRUCTURE OF NEURAL NETWORKS FOR SPEECH", "The Structure of Neural Networks for Speech"),
        ("A CNN FOR LSTM-BASED SPEECH: PART II", "A CNN for LSTM-Based Speech: Part II"),
        (
            "ADVANCES IN NEURAL INFORMATION PROCESSING SYSTEMS 33 (NEURIPS 2020)",
            "Advances in Neural Information Processing Systems 33 (NeurIPS 2020)",
        ),
        ("PHYSICAL REVIEW B", "Physical Review B"),
        ("WHAT IS IT: AN AI VIEW OF THE UK", "What Is It: An AI View of the UK"),
        ("O'BRIEN AND D'ANGELO ON {\\TEX}", "O'Brien and D'Angelo on {\\TEX}"),
    ],
)
def test_text_in_capitals_is_title_cased_keeping_what_looks_like_an_acronym(written, cased):
    assert recased(written) == cased


@pytest.mark.parametrize(
    "text, shouted",
    [
        ("IEEE", False),
        ("BERT AND GPT", False),
        ("BERT: PRE-TRAINING", True),
        ("SCIENTOMETRICS", False),
        ("THE STRUCTURE OF SPEECH", True),
        ("The IEEE WAY", False),
        ("НЕЙРОННЫЕ СЕТИ ДЛЯ ИЗОБРАЖЕНИЙ", True),
        ("الشبكات العصبية العميقة", False),  # Arabic's letters have no case: none is a small one
        ("CNN للتعرف على الصور", False),
        ("基于深度学习的图像分割方法研究", False),
        ("ישראל BERT GPT", False),
    ],
)
def test_only_text_wholly_in_capitals_with_words_is_shouting(text, shouted):
    assert is_shouted(text) is shouted


def test_a_venue_takes_its_words_case_from_the_records_own_abbreviation(tmp_path):
    fields = {"journal": "{PLOS ONE}", "journal-iso": "{PLoS One}", "unique-id": "{WOS:000301234500007}"}
    tidy_database_fields(fields, [], {})
    assert fields["journal"] == "{PLoS One}"


@pytest.mark.parametrize(
    "author, cased",
    [
        ("WISNIEWSKI, P and KOWALSKI, J", "Wisniewski, P and Kowalski, J"),
        ("DUPONT, JEAN-PIERRE and O'NEIL, AB", "Dupont, Jean-Pierre and O'Neil, AB"),
        ("Wei ZHANG and Ann Lee and others", "Wei Zhang and Ann Lee and others"),
        ("ZHANG Wei and LI Na and DUPONT Jean-Pierre", "Zhang, Wei and Li, Na and Dupont, Jean-Pierre"),  # family name first
        ("AB Lee and JRR Tolkien and MD Rahman", "AB Lee and JRR Tolkien and MD Rahman"),  # initials
        ("ZHANG WEI", "ZHANG WEI"),  # which is the family name? left as written
        ("{IBM Research} and Lee, AB and NVIDIA Corporation", "{IBM Research} and Lee, AB and NVIDIA Corporation"),
    ],
)
def test_names_in_capitals_are_cased_and_initials_and_organisations_kept(author, cased):
    fields = {"author": author}
    tidy_database_fields(fields, [], {})
    assert fields["author"] == cased


@pytest.mark.parametrize(
    "abstract, kept",
    [
        ("We study X. © 2021 IEEE", "We study X."),
        ("We study X. (C) 2019 Elsevier Ltd. All rights reserved.", "We study X."),
        ("We study X. Copyright 2020 The Authors.", "We study X."),
        ("© 2021 Elsevier B.V. We study X.", "© 2021 Elsevier B.V. We study X."),  # a copyright first is not cut
        ("We compare (a) apples, (b) pears and (c) 2020 yields.", "We compare (a) apples, (b) pears and (c) 2020 yields."),
        ("We cite © symbols in the middle. They matter.", "We cite © symbols in the middle. They matter."),
    ],
)
def test_only_a_copyright_line_that_ends_an_abstract_is_left_out(abstract, kept):
    fields = {"abstract": abstract}
    done = tidy_database_fields(fields, [], {})
    assert fields["abstract"].strip() == kept
    assert ("copyright" in done) is (kept != abstract)


def test_a_note_of_the_readers_is_kept_whole(tmp_path):
    (paper,), problems = bib_papers(
        tmp_path,
        "@article{a, title={A}, author={Lee, Ann}, year=2021, note={Open access; cited by the committee; Best paper}}\n",
    )
    assert paper.note == "Open access; cited by the committee; Best paper"
    assert not [p for p in problems.items if "record" in p.message]


def test_a_lone_word_in_capitals_is_an_acronym_but_in_a_web_of_science_record(tmp_path):
    mine = {"booktitle": "ICSME", "institution": "ISPA"}
    wos = {"journal": "{{SCIENTOMETRICS}}", "unique-id": "{{WOS:000654321000012}}"}
    assert (tidy_database_fields(mine, [], {}), mine) == (set(), {"booktitle": "ICSME", "institution": "ISPA"})
    tidy_database_fields(wos, [], {})
    assert wos["journal"] == "{{Scientometrics}}"


def test_an_article_number_is_the_pages_of_a_paper_without_pages(tmp_path):
    papers, problems = bib_papers(
        tmp_path,
        "@article{a, title={A}, author={Lee, Ann}, journal={Sensors}, year=2021, volume=21, number=4, ARTICLE-NUMBER={1136}}\n"
        "@inproceedings{b, title={B}, author={Lee, Ann}, booktitle={SC '23}, year=2023, articleno={42}, numpages={12}}\n"
        "@article{c, title={C}, author={Lee, Ann}, journal={Phys. Rev. D}, year=2020, eid={045001}, pages={045001--12}}\n",
    )
    assert [paper.pages for paper in papers] == ["1136", "42:1--42:12", "045001--12"]  # ACM's number and length, as ACM cites them
    assert not [p for p in problems.items if "article-number" in p.message or "articleno" in p.message]


def test_ieees_pages_of_an_article_in_early_access_are_no_pages(tmp_path):
    (early, issued, single), problems = bib_papers(
        tmp_path,
        "@ARTICLE{9583600, author={Yan, Li}, journal={IEEE Internet of Things Journal}, title={A}, year={2021}, volume={}, number={}, pages={1-1}}\n"
        "@ARTICLE{9583601, author={Yan, Li}, journal={IEEE Internet of Things Journal}, title={B}, year={2022}, volume={9}, pages={1-1}}\n"
        "@ARTICLE{9583602, author={Yan, Li}, journal={IEEE Access}, title={C}, year={2021}, volume={}, pages={1-14}}\n",
    )
    assert (early.pages, issued.pages, single.pages) == ("", "1--1", "1--14")  # a volume's page 1 is a page
    assert [p.message for p in problems.items if "early access" in p.message] != []


def test_a_month_mendeley_wrote_as_the_issue_is_the_month(tmp_path):
    """Mendeley writes the month a paper appeared as its issue (`number = {April}`, real entries
    of MNRAS and Aggressive Behavior): the page said "MNRAS, vol. 450, no. April", and an entry
    with no `month` lost it. A month another field states is the entry's; the word stays."""
    (alone, beside, other, issue), problems = bib_papers(
        tmp_path,
        "@article{a, author = {Parviainen, Hannu}, journal = {MNRAS}, number = {April}, volume = {450}, title = {A}, year = {2015}}\n"
        "@article{b, author = {Mesa-Gresa, Patricia}, journal = {Aggressive behavior}, month = apr, number = {April}, title = {B}, year = {2013}}\n"
        "@article{c, author = {Lee, Ann}, journal = {J}, month = jun, number = {April}, title = {C}, year = {2013}}\n"
        "@article{d, author = {Lee, Ann}, journal = {J}, number = {4}, issue = {Sept.}, title = {D}, year = {2013}}\n",
    )
    assert [(p.date.isoformat(), p.date_precision, p.number) for p in (alone, beside, other, issue)] == [
        ("2015-04-01", "month", ""),
        ("2013-04-01", "month", ""),
        ("2013-06-01", "month", "April"),
        ("2013-09-01", "month", "4"),
    ]
    assert [p.message for p in problems.items if "issue's number" in p.message] == [
        "3 entries: a month's name as the issue's number (`number = {April}`, as Mendeley writes the month a paper appeared) "
        "was read as the month, not the issue"
    ]


ZOTERO = """\
@article{jumper_highly_2021,
	title = {Highly accurate protein structure prediction with {AlphaFold}},
	volume = {596},
	doi = {10.1038/s41586-021-03819-2},
	journal = {Nature},
	author = {Jumper, John and Evans, Richard},
	month = aug,
	year = {2021},
	note = {Number: 7873
Publisher: Nature Publishing Group
Citation Key: jumper2021alphafold},
	pages = {583--589},
}

@misc{liu_visual_2023,
	title = {Visual {Instruction} {Tuning}},
	url = {https://example.org/llava},
	publisher = {arXiv},
	author = {Liu, Haotian and Lee, Yong Jae},
	year = {2023},
	note = {arXiv:2304.08485 [cs]},
}

@article{kept_2020,
	title = {A Note Kept},
	journal = {Nature},
	volume = {5},
	author = {Lee, Ann},
	year = {2020},
	note = {Volume: 6
Original Date: 1998
Presented at the spring meeting: thanks to all},
}
"""
"""Zotero's own BibTeX export, as it writes an item whose Extra holds the fields its type has no
place for (the Nature translator's `Number` and `Publisher`, the arXiv translator's id) and the
citation key Better BibTeX pinned."""


def test_zotero_s_extra_lines_in_a_note_are_read_as_their_fields_and_leave_the_note(tmp_path, capsys):
    root, imported = imported_site(tmp_path, "zotero.bib", ZOTERO)
    said = capsys.readouterr().err
    papers = {paper.bibtex_key: paper for paper in imported}
    nature = papers["jumper2021alphafold"]  # the key Better BibTeX pinned, which the lab cites
    assert (nature.number, nature.publisher, nature.note) == ("7873", "Nature Publishing Group", "")
    preprint = papers["liu_visual_2023"]
    assert (preprint.arxiv, preprint.note) == ("2304.08485", "")
    kept = papers["kept_2020"]  # a volume that differs from the entry's, a label the import has no field for, a sentence
    assert kept.volume == "5"
    assert kept.note.split() == "Volume: 6 Original Date: 1998 Presented at the spring meeting: thanks to all".split()
    assert "2 entries: lines of Zotero's Extra in `note` (`Number: 7873`, `Publisher: …`, `arXiv: 2304.08485`) were read" in said
    page = (build(root) / "papers" / nature.slug / "index.html").read_text(encoding="utf-8")
    assert "Number: 7873" not in page and "Nature Publishing Group" in page
