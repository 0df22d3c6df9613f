"""RIS and CSL-JSON exports, checked by reading them back with independent readers."""

from __future__ import annotations

import json

import jsonschema
import rispy
from conftest import build, export_targets, imported_site

# The parts of the CSL-JSON schema (citation-style-language/schema, csl-data.json) that our
# records use, written out here: types from its enum, names and dates as it models them.
NAMES = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "properties": {k: {"type": "string"} for k in ("family", "given", "non-dropping-particle", "suffix", "literal")},
    },
}
CSL_SCHEMA = {
    "$defs": {"names": NAMES},
    "type": "array",
    "items": {
        "type": "object",
        "required": ["type", "id"],
        "properties": {
            "type": {"enum": ["article", "article-journal", "paper-conference", "thesis", "book", "chapter", "report"]},
            "id": {"type": ["string", "number"]},
            "title": {"type": "string"},
            "container-title": {"type": "string"},
            "DOI": {"type": "string"},
            "URL": {"type": "string"},
            "abstract": {"type": "string"},
            "note": {"type": "string"},
            **{
                name: {"type": ["string", "number"]}
                for name in ("volume", "issue", "page", "publisher", "publisher-place", "collection-title", "edition", "ISBN", "number")
            },
            "editor": {"$ref": "#/$defs/names"},
            "author": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "family": {"type": "string"},
                        "given": {"type": "string"},
                        "non-dropping-particle": {"type": "string"},
                        "suffix": {"type": "string"},
                        "literal": {"type": "string"},
                    },
                },
            },
            "issued": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "date-parts": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 2,
                        "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "number"]}},
                    }
                },
            },
        },
        "additionalProperties": False,
    },
}


def test_csl_json_matches_the_schema_everywhere(shipped_site):
    files = sorted((shipped_site / "_site").rglob("*.json"))
    files = [f for f in files if "pagefind" not in f.parts]
    assert len(files) == export_targets(shipped_site / "_site")
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), CSL_SCHEMA)
    items = {i["id"]: i for i in json.loads((shipped_site / "_site/publications.json").read_text(encoding="utf-8"))}
    assert len(items) == 47
    efficientvit = items["cai2022efficientvit"]
    assert efficientvit["title"] == "EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction"
    assert efficientvit["author"][0] == {"family": "Cai", "given": "Han"}
    assert efficientvit["issued"] == {"date-parts": [[2023]]}  # the ICCV version's year
    assert (efficientvit["container-title"], efficientvit["page"]) == (
        "Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)",
        "17302–17313",
    )
    assert items["aditi2026cosmos"]["author"][0] == {"literal": "Aditi"}


def test_ris_reads_back(shipped_site):
    files = sorted((shipped_site / "_site").rglob("*.ris"))
    assert len(files) == export_targets(shipped_site / "_site")
    for path in files:
        records = rispy.loads(path.read_text(encoding="utf-8"))
        assert records and all(r["title"] and r["authors"] for r in records)
    records = {r["id"]: r for r in rispy.loads((shipped_site / "_site/publications.ris").read_text(encoding="utf-8"))}
    assert len(records) == 47
    hat = records["wang2020hat"]
    assert hat["title"] == "HAT: Hardware-Aware Transformers for Efficient Natural Language Processing"
    assert hat["authors"][:3] == ["Wang, Hanrui", "Wu, Zhanghao", "Liu, Zhijian"] and len(hat["authors"]) == 7
    assert hat["year"] == "2020" and hat["date"] == "2020/05/28"


def test_pages_link_every_export(shipped_site):
    out = shipped_site / "_site"
    paper = (out / "papers/hat/index.html").read_text(encoding="utf-8")
    for name in ("wang2020hat.bib", "wang2020hat.ris", "wang2020hat.json"):
        assert f'href="/papers/hat/{name}"' in paper
    author = (out / "authors/han-cai/index.html").read_text(encoding="utf-8")
    for name in ("publications.bib", "publications.ris", "publications.json"):
        assert f'href="/authors/han-cai/{name}"' in author


def test_a_family_name_of_two_words_an_imported_bib_wrote_is_kept_in_ris_and_csl(tmp_path):
    """`García Márquez, Gabriel`: the name as shown, `Gabriel García Márquez`, cannot tell its
    family name; RIS and CSL-JSON took `Márquez` for it. The .bib's parts are kept."""
    root, _ = imported_site(
        tmp_path,
        "names.bib",
        "@article{n1, title = {Names}, year = 2020, journal = {J},\n"
        "  author = {Garc{\\'\\i}a M{\\'a}rquez, Gabriel and van der Berg, Jan and Ludwig van Beethoven}}\n",
    )
    out = build(root)
    (item,) = json.loads((out / "papers/names/n1.json").read_text(encoding="utf-8"))
    assert item["author"] == [
        {"family": "García Márquez", "given": "Gabriel"},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
    ]
    (record,) = rispy.loads((out / "papers/names/n1.ris").read_text(encoding="utf-8"))
    assert record["authors"] == ["García Márquez, Gabriel", "van der Berg, Jan", "van Beethoven, Ludwig"]


def test_a_last_page_written_short_is_whole_in_every_citation(tmp_path):
    """PubMed, and the reference managers that copy from it, write `pages = {1215-23}`: the
    last page's digits that differ. RIS's end page, Google Scholar's `citation_lastpage` and the
    exports said page 23."""
    root, _ = imported_site(
        tmp_path, "short.bib", "@article{s1, title = {Short}, author = {Lee, Ann}, journal = {Lancet}, year = 2019, pages = {1215-23}}\n"
    )
    out = build(root)
    assert "pages = {1215--1223}" in (out / "papers/short/s1.bib").read_text(encoding="utf-8")
    ((record,), (item,)) = (
        rispy.loads((out / "papers/short/s1.ris").read_text(encoding="utf-8")),
        json.loads((out / "papers/short/s1.json").read_bytes()),
    )
    assert (record["start_page"], record["end_page"], item["page"]) == ("1215", "1223", "1215–1223")
    page = (out / "papers/short/index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_lastpage" content="1223">' in page and "pp. 1215–1223" in page


def test_a_softwares_version_is_on_its_page_and_in_its_citations(tmp_path):
    """Zenodo's BibTeX of a release (`@software`, `version = {v1.2.0}`): the version was said
    unread and left out of the page and of every citation of it."""
    root, (paper,) = imported_site(
        tmp_path,
        "zenodo.bib",
        "@software{lee_2023_1234567, author = {Lee, Ann and Kim, Bo}, title = {lab/fasttool: v1.2.0}, month = mar,\n"
        "  year = 2023, publisher = {Zenodo}, version = {v1.2.0}, doi = {10.5281/zenodo.1234567}}\n",
    )
    assert paper.version == "v1.2.0"
    out = build(root)
    folder = out / "papers/lab-fasttool"
    assert "version = {v1.2.0}" in (folder / "lee_2023_1234567.bib").read_text(encoding="utf-8")
    ((item,),) = [json.loads((folder / "lee_2023_1234567.json").read_bytes())]
    assert (item["type"], item["version"]) == ("software", "v1.2.0")
    assert "<dt>Version</dt><dd>v1.2.0</dd>" in (folder / "index.html").read_text(encoding="utf-8")
