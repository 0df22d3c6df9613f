"""Other reference formats given to `import`: RIS (EndNote, Zotero, Mendeley, publishers),
PubMed's MEDLINE, EndNote's tagged files (Google Scholar's "EndNote" export), CSL-JSON (Zotero's,
pandoc's, a site_builder site's own) and tables of papers (Google Scholar's CSV export, Scopus's, a spreadsheet)
read as the BibTeX they stand for; BibTeX under another name read as
BibTeX; the formats the import does not read named, with how to export BibTeX; never a
listing's error on every third line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_LISTING, bib_papers, build, copy_site, imported_site

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.importing.bibimport import read_bibtex
from site_builder.importing.sniff import file_format, unread_format
from site_builder.site.model import Topic
from site_builder.source.content import load_papers
from site_builder.source.registry import Registry

RIS = FIXTURES / "databases/endnote.ris"


def test_a_ris_file_imports_as_its_papers_with_every_field_it_has(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(RIS)]) == 0
    said = capsys.readouterr()
    assert "4 added" in said.out
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    mapping = papers["Bibliometric mapping of artificial intelligence research: 50% more & counting"]
    assert mapping.authors == ("Jan Kowalski", "Anna Nowak", "World Health Organization")
    assert (mapping.venue, mapping.volume, mapping.number, mapping.pages) == ("Scientometrics", "126", "4", "3011--3035")
    assert (mapping.date.isoformat(), mapping.date_precision) == ("2021-04-15", "day")  # `DA`, not Zotero's `Y2`
    assert mapping.doi == "10.1007/s11192-021-04001-1"
    assert mapping.links == {"url": "https://link.springer.com/article/10.1007/s11192-021-04001-1"}
    # the abstract's wrapped line joined; `%` and `$` escaped in its Markdown, shown as written
    assert mapping.body == (
        "We map the artificial intelligence research of Central Europe from 2000 to 2020 using co-authorship networks. "
        "Results show a growth of 12\\% a year at \\$5 a paper."
    )
    conference = papers["Sparse Attention for Point Clouds"]
    assert (conference.type, conference.venue, conference.authors) == (
        "conference",
        "2021 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
        ("A. Nowak", "J. Kowalski"),
    )
    chapter = papers["Mid Things"]
    assert (chapter.type, chapter.venue, chapter.editors, chapter.bibtex_key) == (
        "chapter",
        "Computer Vision – ECCV 2022",
        ("Shai Avidan",),
        "lee2022mid",
    )
    assert (chapter.series, chapter.publisher, chapter.address, chapter.isbn) == (
        "Lecture Notes in Computer Science",
        "Springer Nature Switzerland",
        "Cham",
        "978-3-031-19775-8",
    )
    assert chapter.pdf == "https://lab.example.org/papers/mid.pdf"
    untitled = next(paper for paper in papers.values() if paper.note == "Keynote at the lab's retreat")
    assert "no `title`" in untitled.review  # imported with its best guess, and said


def test_what_is_said_of_a_ris_record_names_its_own_line(tmp_path):
    problems = Problems()
    read_bibtex(RIS, Registry(), problems, "endnote.ris")
    untitled = [str(p) for p in problems.items if "no title" in p.message or "`title`" in p.message]
    assert untitled and untitled[0].startswith("endnote.ris:57:"), untitled  # `TY  - GEN`


@pytest.mark.parametrize("suffix", [".txt", ".bibtex", ".ris"])
def test_bibtex_saved_under_another_name_is_read_as_bibtex(tmp_path, suffix, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    source = tmp_path / f"refs{suffix}"
    source.write_text("@article{lee2021, title={A Title}, author={Lee, Ann}, journal={J}, year={2021}}\n", encoding="utf-8")
    assert main(["--root", str(root), "import", str(source)]) == 0
    assert [paper.bibtex_key for paper in load_papers(root, Problems())] == ["lee2021"]


@pytest.mark.parametrize(
    "text, said",
    [
        ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Lee, A\nTI A Title\nER\n", "a Web of Science text file"),
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n<xml><records><record><titles><title>T</title></titles></record></records></xml>\n',
            "an EndNote XML file",
        ),
        (
            '<rdf:RDF\n xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<bib:Article rdf:about="#item_1">\n</bib:Article>\n</rdf:RDF>\n',
            "a Zotero RDF file",
        ),
        (
            '<?xml version="1.0"?>\n<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>T</title></titleInfo></mods></modsCollection>\n',
            "a MODS XML file",
        ),
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n<dblpperson name="Ann Lee"><r><article key="x"><author>Ann Lee</author></article></r></dblpperson>\n',
            "DBLP's XML",
        ),
        (
            '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet><PubmedArticle></PubmedArticle></PubmedArticleSet>\n',
            "PubMed's XML",
        ),
        ("<!DOCTYPE html>\n<html><head><title>Ann Lee - Google Scholar</title></head><body>Papers</body></html>\n", "a web page (HTML)"),
        ('<?xml version="1.0"?>\n<references><ref><title>T</title></ref></references>\n', "an XML file"),
    ],
)
def test_a_format_the_import_does_not_read_is_named_with_a_format_to_export_instead(tmp_path, text, said, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    for suffix in (".txt", ".bib"):  # taken for a listing, or for a .bib
        source = tmp_path / f"refs{suffix}"
        source.write_text(text, encoding="utf-8")
        assert main(["--root", str(root), "import", str(source)]) == 1
        err = capsys.readouterr().err
        assert f"this is {said}" in err and ("BibTeX" in err or "(.nbib)" in err)  # a format the import reads
        assert "expected a category and date" not in err
    assert not list((root / "content/papers").glob("*.md"))


def test_a_new_site_given_a_bib_as_its_listing_says_what_it_is(tmp_path, capsys):
    source = tmp_path / "refs.txt"
    shutil.copy(RIS, source)
    assert main(["new", str(tmp_path / "lab"), "--listing", str(source)]) == 1
    assert "this is a RIS file, not a listing" in capsys.readouterr().err


def test_a_listing_is_a_listing():
    text = Path(SEED_LISTING).read_text(encoding="utf-8")
    assert (file_format(text), unread_format(text)) == ("listing", None)


def test_a_folder_of_ris_and_bib_files_is_one_import(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(RIS, folder / "endnote.ris")
    (folder / "more.bib").write_text(
        "@article{lee2021, title={Sparse Attention for Point Clouds}, author={Nowak, A.}, year={2021}}\n", encoding="utf-8"
    )
    assert main(["--root", str(root), "import", str(folder)]) == 0
    assert "4 added" in capsys.readouterr().out  # the .bib's paper is the RIS file's conference paper


def test_google_scholars_csv_export_imports_as_its_papers(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(FIXTURES / "databases/scholar-citations.csv")]) == 0
    said = capsys.readouterr()
    assert "5 added" in said.out and "also used" not in said.err
    assert "this looks like Google Scholar's export" in said.err  # its titles in small letters: `enrich` capitalises them
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    compression = papers["Deep compression: Compressing deep neural networks with pruning, trained quantization and huffman coding"]
    assert (compression.authors, compression.arxiv, compression.type) == (
        ("Song Han", "Huizi Mao", "William J Dally"),
        "1510.00149",
        "preprint",
    )
    sic = papers["SIC power devices in power electronics: An overview"]
    assert (sic.authors[0], sic.type, sic.pages, sic.publisher) == ("Luciano FS Alves", "conference", "1--8", "IEEE")
    assert papers["Mcunet: Tiny deep learning on iot devices"].type == "conference"  # NeurIPS, a known conference
    assert "../scholar-citations.csv:7:" in said.err.replace(str(FIXTURES / "databases"), "..")  # the row without a title


def test_entries_without_keys_are_each_said_once_and_never_taken_for_one_key(tmp_path):
    (first, second), problems = bib_papers(
        tmp_path, "@article{, title={A}, author={Lee, Ann}, year=2020}\n@article{, title={B}, author={Lee, Ann}, year=2021}\n"
    )
    said = [p.message for p in problems.items]
    assert said.count("this entry has no key: it is imported with a key of its own") == 2
    assert not [message for message in said if "also used" in message]
    assert first.review == second.review == "the .bib entry has no key"


def test_a_scopus_csv_export_imports_with_full_names_pages_and_its_type(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(FIXTURES / "databases/scopus.csv")]) == 0
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    mapping = papers["Bibliometric mapping of artificial intelligence research in Central Europe"]
    assert mapping.authors == ("Jan Kowalski", "Anna Nowak", "Piotr Wiśniewski")  # `Author full names`, without ids
    assert (mapping.pages, mapping.number, mapping.type, mapping.doi) == ("3011--3035", "4", "journal", "10.1007/s11192-021-04001-1")
    assert set(mapping.links) == {"scopus"} and mapping.body == "We map the artificial intelligence research of Central Europe."
    assert papers["Sparse attention for point clouds"].type == "conference"  # `Document Type`


def test_a_labs_own_spreadsheet_imports_by_its_column_names(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(FIXTURES / "databases/lab-spreadsheet.csv")]) == 0
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    tiny = papers["Tiny Things, Fast"]
    assert tiny.authors == ("Ann Lee", "Bo Kim", "Chen Wei")  # a list written with commas, read and said in its review
    assert "commas" in tiny.review
    assert (tiny.type, tiny.venue, tiny.pdf, tiny.links) == (
        "conference",
        "NeurIPS 2023",
        "https://lab.example.org/tiny.pdf",
        {"code": "https://github.com/lab/tiny"},
    )
    assert papers['A Survey of "Small" Models'].type == "journal"


def test_a_csv_that_is_no_table_of_papers_is_no_table_of_papers():
    assert file_format("name,score\nAnn,3\n") == "listing"
    assert file_format("Title,Authors,Year\nA,B,2020\n") == "csv"


def test_a_spreadsheet_saved_with_semicolons_or_tabs_is_a_table(tmp_path):
    for delimiter in (";", "\t"):
        text = (
            delimiter.join(["Titel", "Title", "Authors", "Year"])
            + "\n"
            + delimiter.join(["x", "Kleine Dinge, schnell", "Lee, Ann", "2021"])
            + "\n"
        )
        (paper,), _ = bib_papers(tmp_path, text, name="papers.csv")
        assert (paper.title, paper.authors, paper.date.year) == ("Kleine Dinge, schnell", ("Ann Lee",), 2021)


def test_a_pubmed_medline_file_imports_with_full_names_its_doi_and_pubmed_links(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(FIXTURES / "databases/pubmed.nbib")]) == 0
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    sensors = papers["Wideband Anti-Jamming Based on Free Space Optical Communication and Photonic Signal Processing"]
    assert sensors.authors == ("Ben Wu", "Yang Qi", "Chenxi Qiu")  # `FAU`, not `AU - Wu B`
    assert (sensors.venue, sensors.doi, sensors.date.isoformat()) == ("Sensors", "10.3390/s21041136", "2021-02-05")
    assert sensors.links == {
        "pubmed": "https://pubmed.ncbi.nlm.nih.gov/33561972/",
        "pmc": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7915352/",
    }
    assert sensors.body.startswith("We propose and demonstrate an anti-jamming system to defend against wideband jamming attack.")
    cells = papers["Things in cells"]
    assert cells.authors == ("A. Lee", "B. C. Kim", "Cell Things Consortium")  # `AU - Kim BC`; a consortium
    assert (cells.pages, cells.date_precision) == ("311--325", "month")  # `PG - 311-25`, `DP - 2019 Mar`


def test_an_endnote_tagged_file_imports_as_its_papers(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(FIXTURES / "databases/scholar.enw")]) == 0
    said = capsys.readouterr().err
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    mcunet = papers["Mcunet: Tiny deep learning on iot devices"]
    assert (mcunet.authors[-1], mcunet.venue, mcunet.volume, mcunet.pages, mcunet.date.year) == (
        "Song Han", "Advances in Neural Information Processing Systems", "33", "11711--11722", 2020,
    )  # fmt: skip
    chapter = papers["Mid Things"]
    assert (chapter.type, chapter.venue, chapter.editors, chapter.doi, chapter.bibtex_key) == (
        "chapter", "Computer Vision – ECCV 2022", ("Shai Avidan",), "10.1007/978-3-031-19775-8_5", "lee2022mid",
    )  # fmt: skip
    assert chapter.body == "We study mid things across two lines."
    untitled = next(paper for paper in papers.values() if paper.type == "thesis")
    assert (untitled.authors, untitled.date.isoformat()) == (("Bo Kim",), "2021-06-01")  # `%D 2021/06/30`: the year and month EndNote gave
    assert "scholar.enw:29:" in said  # the thesis without a title, said by its own line


def test_endnote_s_tags_of_signs_are_tags_and_its_date_text_gives_the_month(tmp_path):
    """EndNote writes an author's address as `%+`, an attached file as `%>`: those lines were
    read as more of the author before them (`Richard %+ DeepMind Evans, UK London`: two people
    made of one). `%8 Aug` beside `%D 2021` hid the year."""
    _, (paper,) = imported_site(
        tmp_path,
        "desktop.enw",
        "%0 Journal Article\n%T Protein Structure\n%A Jumper, John\n%A Evans, Richard\n%+ DeepMind, London, UK\n"
        "%J Nature\n%D 2021\n%8 Aug\n%> file:///Users/ann/Library/PDF/jumper.pdf\n%! AlphaFold\n",
    )
    assert (paper.authors, paper.date.isoformat(), paper.date_precision) == (("John Jumper", "Richard Evans"), "2021-08-01", "month")
    assert paper.review == ""


def test_a_zotero_csl_json_export_imports_as_its_papers_with_every_field_it_has(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(FIXTURES / "databases/zotero.json")]) == 0
    said = capsys.readouterr()
    assert "6 added" in said.out
    # the report without a title is imported under its key, said by the line its item starts on
    assert "zotero.json:70: warning: entry 'untitled1': it has no `title`" in said.err
    papers = {paper.bibtex_key or paper.title: paper for paper in load_papers(root, Problems())}
    journal = papers["vanderberg2024scaling"]  # Better BibTeX's key, from Zotero's `Extra` (CSL's `note`)
    assert (journal.doi, journal.note) == ("10.1038/s41592-024-00001-1", "See the erratum of 2025.")
    # CSL's rich text as a .bib writes it: italics shown as italics, `nocase` kept as written in citations
    assert journal.title == "Scaling \\emph{in vivo} imaging of mRNA to CO₂ levels"
    assert journal.bibtex_title == "Scaling \\textit{in vivo} imaging of {mRNA} to CO\\textsubscript{2} levels"
    assert journal.authors == ("Pieter van der Berg", "Jo Kim Jr.", "Anna von Berg", "The Imaging Consortium")
    assert (journal.type, journal.venue, journal.volume, journal.number, journal.pages) == (
        "journal",
        "Nature Methods",
        "21",
        "2",
        "101--109",
    )
    assert (journal.date.isoformat(), journal.body) == ("2024-02-15", "We image mRNA in vivo.")
    assert (papers["lee2023sparse"].type, papers["lee2023sparse"].venue) == (
        "conference", "International Conference on Learning Representations (ICLR)",
    )  # fmt: skip
    assert (papers["park2024tiny"].type, papers["park2024tiny"].arxiv, papers["park2024tiny"].date.isoformat()) == (
        "preprint", "2401.01234", "2024-01-03",
    )  # fmt: skip
    assert papers["park2024tiny"].note == ""  # the `arXiv:… [cs]` Zotero adds to a preprint's `Extra` is its id, no note
    chapter = papers["lee2022chapter"]
    assert (chapter.type, chapter.venue, chapter.editors, chapter.pages, chapter.address, chapter.series) == (
        "chapter", "Handbook of Efficient AI", ("Eva Novak",), "55--80", "Cham", "Lecture Notes in AI",
    )  # fmt: skip
    assert (papers["kim2021thesis"].type, papers["kim2021thesis"].bibtex_type, papers["kim2021thesis"].date.year) == (
        "thesis", "mastersthesis", 2021,
    )  # fmt: skip


def test_a_sites_own_csl_json_imports_back_as_the_same_papers(tmp_path, shipped_site):
    """A lab moving its site: the `publications.json` a site_builder site publishes is read
    back as every paper with its title, authors, venue, DOI, arXiv id, pages and year."""
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(shipped_site / "_site/publications.json")]) == 0
    shipped = {paper.title: paper for paper in load_papers(Path(__file__).parents[1], Problems())}
    moved = {paper.title: paper for paper in load_papers(root, Problems())}
    assert sorted(moved) == sorted(shipped)

    def essentials(paper):
        year = paper.venue_year or paper.date.year
        return (paper.authors, paper.venue, paper.doi, paper.arxiv, paper.pages.replace("–", "--"), year)

    assert {t: essentials(p) for t, p in moved.items()} == {t: essentials(p) for t, p in shipped.items()}


@pytest.mark.parametrize(
    "text",
    [
        '[{"id":"a","type":"article-journal","title":"One","author":[{"family":"Lee","given":"Ann"}],"issued":{"date-parts":[[2021]]}},'
        '{"id":"b","type":"book","title":"Two","author":[{"family":"Kim","given":"Bo"}],"issued":{"date-parts":[[2020]]}}]',
        '{"items": [{"id": "a", "type": "article-journal", "title": "One", "author": [{"family": "Lee", "given": "Ann"}],'
        ' "issued": {"date-parts": [[2021]]}}, {"id": "b", "type": "book", "title": "Two", "author": [{"family": "Kim"}]}]}',
        '{"a": {"id": "a", "type": "article-journal", "title": "One", "author": [{"family": "Lee", "given": "Ann"}]},\n'
        ' "b": {"id": "b", "type": "book", "title": "Two", "author": [{"family": "Kim", "given": "Bo"}]}}',
    ],
)
def test_csl_json_on_one_line_or_in_an_object_imports_every_item(tmp_path, text):
    papers, problems = bib_papers(tmp_path, text, "refs.json")
    assert [(paper.bibtex_key, paper.title) for paper in papers] == [("a", "One"), ("b", "Two")]
    assert file_format(text) == "csl" and not problems.errors


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '[\n  {"type": "book", "title": "A"}\n  {"type": "book"}\n]\n',
            "refs.json:3: error: this JSON cannot be read: Expecting ',' delimiter",
        ),
        ('{"name": "site", "version": 2}\n', "refs.json: error: this JSON holds no references"),
    ],
)
def test_json_that_is_no_csl_json_is_said_where_and_nothing_is_written(tmp_path, text, said, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "refs.json").write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "import", str(tmp_path / "refs.json")]) == 1
    assert said in capsys.readouterr().err.replace(str(tmp_path) + "/", "")
    assert not list((root / "content/papers").glob("*.md"))


def test_a_folder_of_exports_imports_every_file_of_references_in_it_and_no_other_json(tmp_path, capsys):
    """A folder stands for the files of references in it, whatever the reference manager
    named them, CSL-JSON included; a site's other JSON (`package.json`, Hugo's `data/`, anything
    under `node_modules`) is no reference file and is not read."""
    exports = tmp_path / "exports"
    for name in ("zotero.json", "pubmed.nbib", "scholar.enw"):
        shutil.copy(FIXTURES / "databases" / name, _made(exports / "refs") / name)
    (exports / "package.json").write_text('{"name": "site", "version": "1.0.0"}', encoding="utf-8")
    (_made(exports / "data") / "people.json").write_text('[{"name": "Ann Lee", "role": "PI"}]', encoding="utf-8")
    # CSL-shaped, but a tool's: a folder of tooling is not the lab's references
    shutil.copy(FIXTURES / "databases/zotero.json", _made(exports / "node_modules/pkg") / "fixture.json")
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", "--dry-run", str(exports)]) == 0
    from_folder = capsys.readouterr().out
    named = [str(FIXTURES / "databases" / name) for name in ("zotero.json", "pubmed.nbib", "scholar.enw")]
    assert main(["--root", str(root), "import", "--dry-run", *named]) == 0
    assert from_folder.splitlines()[-1] == capsys.readouterr().out.splitlines()[-1]
    assert main(["--root", str(root), "import", str(exports)]) == 0
    said = capsys.readouterr()
    assert "added" in said.out and "people.json" not in said.err and "package.json" not in said.err
    assert "node_modules" not in said.err
    titles = {paper.title for paper in load_papers(root, Problems())}
    assert "Mid Things" in titles and any("mRNA" in title for title in titles)


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_publish_or_perish_table_of_a_scholar_search_imports_its_papers_right(tmp_path, capsys):
    """Scholar's names in a comma list (`K He, X Zhang`; two of them are two people, not one
    written family name first), a list cut short with `…` (et al.), the venue in `Source`, the
    page range in `StartPage` and `EndPage`, `ArticleURL` and a PDF's `FullTextURL` as links,
    no host name (`openaccess.thecvf.com`) taken for a publisher, and an abstract cut short said so."""
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(FIXTURES / "databases/publish-or-perish.csv")]) == 0
    assert "3 added" in capsys.readouterr().out
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    resnet = papers["Deep residual learning for image recognition"]
    assert (resnet.authors, resnet.et_al, resnet.type, resnet.pages) == (
        ("K He", "X Zhang", "S Ren", "J Sun"),
        False,
        "conference",
        "770--778",
    )
    assert resnet.venue == "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition"
    assert resnet.pdf.endswith("He_Deep_Residual_Learning_CVPR_2016_paper.pdf") and resnet.links["url"].endswith("_paper.html")
    assert resnet.publisher == ""
    # Scholar's abstracts are snippets: imported, and said to be cut short
    assert (
        resnet.body.endswith("…")
        and resnet.review == "its abstract ends in `…`, cut short where it was copied from: paste the whole abstract"
    )
    assert papers["A study of things"].review == ""  # no abstract, nothing to say
    transformer = papers["Attention is all you need"]
    assert (transformer.authors[-1], transformer.et_al) == ("J Uszkoreit", True)
    two = papers["A study of things"]
    assert (two.authors, two.venue, two.publisher, two.pages) == (("J Smith", "A Lee"), "Nature Methods", "", "345--352")


@pytest.mark.parametrize(
    ("written", "authors"),
    [
        ("Smith, John", ("John Smith",)),  # one person, family name first (Zotero's table)
        ("Lee, Ann Marie", ("Ann Marie Lee",)),
        ("García Márquez, Gabriel José", ("Gabriel José García Márquez",)),
        ("van der Berg, Jan; Kim, Bo", ("Jan van der Berg", "Bo Kim")),
        ("JW Smith, A O'Neil", ("JW Smith", "A O'Neil")),
    ],
)
def test_a_tables_author_cell_is_read_as_the_table_writes_names(tmp_path, written, authors):
    table = tmp_path / "papers.csv"
    table.write_text(f'Title,Authors,Year\nA Paper,"{written}",2021\n', encoding="utf-8")
    (paper,) = read_bibtex(table, Registry(), Problems(), "papers.csv")
    assert paper.authors == authors


def test_json_that_is_no_csl_is_no_csl():
    assert file_format('{"name": "site", "version": 2}') != "csl"
    assert file_format('[{"id": 1, "title": "One"') != "csl"  # cut off: no JSON at all


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("lab.bib", "@article{k, title = {Fast Models}, author = {Lee, Ann}, journal = {J}, year = 2024, keywords = {LLM; pruning}}\n"),
        ("zotero.ris", "TY  - JOUR\nTI  - Fast Models\nAU  - Lee, Ann\nPY  - 2024\nKW  - pruning\nKW  - LLM\nER  - \n"),
        ("pubmed.nbib", "PMID- 1\nTI  - Fast Models.\nDP  - 2024\nOT  - LLM\nFAU - Lee, Ann\nAU  - Lee A\nJT  - J\n"),
        ("scholar.enw", "%0 Journal Article\n%T Fast Models\n%A Lee, Ann\n%D 2024\n%K pruning\n%K LLM\n"),
        (
            "zotero.json",
            '[{"type": "article-journal", "title": "Fast Models", "author": [{"literal": "Ann Lee"}], "keyword": "LLM, pruning"}]',
        ),
        ("scopus.csv", 'Authors,Title,Year,Source title,Author Keywords\n"Lee, Ann",Fast Models,2024,J,LLM; pruning\n'),
    ],
)
def test_a_records_own_keywords_give_it_the_sites_topics(tmp_path, name, text):
    """A reference manager's tags and a database's author keywords name a paper's subjects as
    well as its title and abstract do: matched against the keywords of the site's topics."""
    registry = Registry(
        topics=(Topic("Efficient LLMs", "efficient-llms", keywords=("LLM",)), Topic("Vision", "vision", keywords=("image",)))
    )
    (tmp_path / name).write_text(text, encoding="utf-8")
    problems = Problems()
    (paper,) = read_bibtex(tmp_path / name, registry, problems, name)
    assert paper.topics == ("Efficient LLMs",)
    assert not any("keywords" in problem.message for problem in problems.items)


@pytest.mark.parametrize("source", [SEED_LISTING, RIS, FIXTURES / "databases/scopus.csv"], ids=["listing", "ris", "csv"])
@pytest.mark.parametrize("ending", ["\r", "\r\n"], ids=["classic-mac", "windows"])
def test_a_file_whose_lines_end_otherwise_imports_the_same_papers(tmp_path, source, ending, capsys):
    """Lines ended by `\r` alone (classic Mac OS, as older exports write them) made the format
    sniffing's CSV reader raise on a listing; `\r\n` as Windows writes them."""
    text = source.read_text(encoding="utf-8")
    written = tmp_path / f"written{source.suffix}"
    written.write_bytes(text.replace("\n", ending).encode("utf-8"))
    runs = {}
    for name, path in (("lf", source), ("other", written)):
        root = copy_site(tmp_path / name, with_papers=False)
        assert main(["--root", str(root), "import", str(path), "--as-of", "2026-11-27"]) == 0
        runs[name] = sorted((p.slug, p.title, p.authors) for p in load_papers(root, Problems()))
    assert runs["other"] == runs["lf"] and runs["lf"]
    assert "Traceback" not in capsys.readouterr().err


def test_a_ris_file_saved_as_utf16_text_imports_as_ris(tmp_path, capsys):
    """EndNote on Windows saves "Unicode" text as UTF-16: the import read it, but the choice of
    reader decoded it otherwise and took the `.txt` for a listing, which then refused it."""
    root = copy_site(tmp_path / "site", with_papers=False)
    saved = tmp_path / "endnote.txt"
    saved.write_bytes(RIS.read_text(encoding="utf-8").encode("utf-16"))
    assert main(["--root", str(root), "import", str(saved)]) == 0
    assert "4 added" in capsys.readouterr().out


PATENTS = {
    "scholar.bib": "@misc{lee2019method, title={Method and system for fast inference}, author={Lee, Ann and Kim, Bo},\n"
    "  year={2019}, month=nov, publisher={Google Patents}, note={US Patent 10,481,234}}\n",
    "biblatex.bib": "@patent{kim2021device, title={Device for Efficient Things}, author={Kim, Bo}, number={US11123456B2},\n"
    "  year={2021}, type={patentus}}\n",
    "zotero.ris": "TY  - PAT\nTI  - Apparatus for Sparse Attention\nAU  - Lee, Ann\nPY  - 2022\nER  - \n",
    "zotero.json": '[{"id": "p", "type": "patent", "title": "Chip for Quantized Models", "author": [{"family": "Kim", "given": "Bo"}],'
    ' "number": "US 11,222,333 B1", "issued": {"date-parts": [[2023]]}}]\n',
}


def test_patents_from_scholar_biblatex_ris_and_csl_are_patents_in_every_export(tmp_path):
    """Scholar files a patent as `@misc` with its number in `note` and Google Patents as the
    publisher; it was `other`, a conference paper to CSL-JSON and RIS when it had a venue."""
    root = copy_site(tmp_path / "site", with_papers=False)
    for name, text in PATENTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["--root", str(root), "import", str(tmp_path / name)]) == 0
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    assert {paper.type for paper in papers.values()} == {"patent"}
    scholar = papers["Method and system for fast inference"]
    assert (scholar.venue, scholar.note, scholar.publisher) == ("US Patent 10,481,234", "", "")
    assert papers["Device for Efficient Things"].number == "US11123456B2"
    out = build(root)
    cited = {item["title"]: item for item in json.loads((out / "publications.json").read_text(encoding="utf-8"))}
    assert {item["type"] for item in cited.values()} == {"patent"}
    assert cited["Method and system for fast inference"]["number"] == "US Patent 10,481,234"
    assert cited["Device for Efficient Things"]["number"] == "US11123456B2"
    assert not any("container-title" in item for item in cited.values())
    assert (out / "publications.ris").read_text(encoding="utf-8").count("TY  - PAT") == 4
    exported = (out / "publications.bib").read_text(encoding="utf-8")
    assert exported.count("@misc{") == 4 and "howpublished = {US Patent 10,481,234}" in exported
    page = (out / "papers" / scholar.slug / "index.html").read_text(encoding="utf-8")
    assert "<dt>Patent</dt><dd>US Patent 10,481,234</dd>" in page
    numbered = papers["Device for Efficient Things"]  # biblatex's patent: a number, no venue
    assert "<dt>Patent</dt><dd>US11123456B2</dd>" in (out / "papers" / numbered.slug / "index.html").read_text(encoding="utf-8")
    assert '"@type":"CreativeWork"' in page and '"identifier":"US Patent 10,481,234"' in page
    assert "citation_conference_title" not in page and "PublicationEvent" not in page  # no conference, no article
    assert '<span class="venue">US Patent 10,481,234</span>' in (out / "index.html").read_text(encoding="utf-8")


def test_a_misc_entry_with_a_venue_is_no_conference_paper_in_ris_or_csl(tmp_path):
    """`@misc` with `howpublished = {Blog}` has a venue; CSL-JSON and RIS made it a conference paper."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "misc.bib").write_text(
        "@misc{m, title={Notes on Speed}, author={Lee, Ann}, howpublished={Blog}, year={2020}}\n", encoding="utf-8"
    )
    assert main(["--root", str(root), "import", str(tmp_path / "misc.bib")]) == 0
    out = build(root)
    (item,) = json.loads((out / "publications.json").read_text(encoding="utf-8"))
    assert (item["type"], item["container-title"]) == ("article", "Blog")
    assert "TY  - GEN" in (out / "publications.ris").read_text(encoding="utf-8")


ZOTERO_RIS = """\
TY  - JOUR
TI  - Highly accurate protein structure prediction with AlphaFold
AU  - Jumper, John
T2  - Nature
DA  - 2021/08//
PY  - 2021
VL  - 596
SP  - 583
EP  - 589
Y2  - 2023/05/02/05:10:14
N1  - <div data-schema-version="8"><p>Read this for the <strong>group meeting</strong> on Friday.</p></div>
N1  - Number: 7873
ER  -
"""
"""Zotero's RIS export: a note a person kept on the item, in Zotero's HTML, and the item's Extra."""


def test_a_person_s_own_note_in_a_zotero_ris_export_is_not_published(tmp_path, capsys):
    root, (paper,) = imported_site(tmp_path, "zotero.ris", ZOTERO_RIS)
    said = capsys.readouterr().err
    assert (paper.note, paper.number) == ("", "7873")
    assert "fields the site does not use were not imported: `annote` (1 entry)" in said
    assert "1 entry: lines of Zotero's Extra in `note` (`Number: 7873`" in said  # said, as of a .bib's
    out = build(root)
    assert not [path for path in out.rglob("*") if path.is_file() and b"group meeting" in path.read_bytes()]


SCOPUS_RIS = """\
TY  - JOUR
AU  - Pierrot, A.
AU  - Béron, F.
TI  - FORC signatures of dipolar coupled nanowire-based hysterons
PY  - 2020
T2  - Journal of Applied Physics
J2  - J Appl Phys
VL  - 128
IS  - 9
C7  - 093903
DO  - 10.1063/5.0020407
N1  - Export Date: 15 October 2020
M3  - Article
DB  - Scopus
N1  - References: Mayergoyz, I.D., (1986) Phys. Rev. Lett., 56, p. 1518;
Preisach, F., (1935) Z. Phys., 94, p. 277
N1  - Correspondence Address: Pierrot, A.; Institut Jean Lamour, France; email: a.pierrot@univ.fr
N1  - Measured at 300 K.
ER  -

TY  - JOUR
AU  - Kowalski, J
TI  - BIBLIOMETRIC MAPPING OF ARTIFICIAL INTELLIGENCE RESEARCH
T2  - SCIENTOMETRICS
J2  - Scientometrics
PY  - 2021
SP  - 3011
EP  - 3035
AN  - WOS:000654321000012
N1  - Times Cited in Web of Science Core Collection:  12
Total Times Cited:  15
Cited Reference Count:  40
ER  -
"""


def test_what_scopus_and_web_of_science_write_of_their_record_in_ris_stays_off_the_page(tmp_path):
    """Scopus's RIS writes the paper's whole reference list and its corresponding author's
    address and email as `N1` notes, Web of Science its citation counts: all of it was the
    paper's note, on its page. They are read as the databases' BibTeX exports have them; a
    person's note stays, and an article number (`C7`) is the pages of a paper without."""
    (scopus, wos), problems = bib_papers(tmp_path, SCOPUS_RIS, "records.ris")
    assert (scopus.note, wos.note) == ("Measured at 300 K.", "")
    assert (scopus.pages, scopus.venue, wos.venue, wos.title) == (
        "093903",
        "Journal of Applied Physics",
        "Scientometrics",  # its own case, from the abbreviation
        "Bibliometric Mapping of Artificial Intelligence Research",
    )
    said = [str(p) for p in problems.items]
    assert any("`correspondence_address` (1 entry)" in line and "`references` (1 entry)" in line for line in said)
    assert any("2 entries: the database's record in `note`" in line for line in said)


ENDNOTE_PUBMED_RIS = """\
TY  - JOUR
AU  - Sneddon, E. A.
AU  - George, O.
TI  - High incidence of estrous cycle irregularities in heterogeneous stock (HS) rats
JO  - Psychopharmacology (Berl)
PY  - 2026
N1  - 1432-2072
Sneddon, Elizabeth A
George, Olivier
Orcid: 0000-0002-3700-5003
U01 DA044451/DA/NIDA NIH HHS/United States
Journal Article
Germany
2026/03/24
Psychopharmacology (Berl). 2026 Mar 24:10.1007/s00213-026-07041-8.
DO  - 10.1007/s00213-026-07041-8
ER  -

TY  - JOUR
AU  - Lee, Ann
JO  - J
PY  - 2025
N1  - Read before Friday
ER  -
"""


def test_the_pubmed_record_an_endnote_ris_keeps_in_its_note_completes_the_paper_and_stays_off_its_page(tmp_path):
    """EndNote's RIS writes a note's lines one a line, untagged: a PubMed record (ISSN, full
    names, grants, the citation) was glued into one line and shown as the paper's note, and its
    full names and day were lost. It is read as the same record in a .bib's `note` is, and what
    is said of the next record still names that record's own line."""
    (rats, untitled), problems = bib_papers(tmp_path, ENDNOTE_PUBMED_RIS, "endnote.ris")
    assert (rats.authors, rats.date.isoformat(), rats.note) == (("Elizabeth A. Sneddon", "Olivier George"), "2026-03-24", "")
    assert untitled.note == "Read before Friday"
    said = [str(p) for p in problems.items]
    assert any("completed from the PubMed record in their `note`" in line for line in said)
    assert any(line.startswith("endnote.ris:19: warning: entry of type @article: it has no `title`") for line in said), said
