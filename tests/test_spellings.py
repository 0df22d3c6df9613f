"""One spelling per person: an import writes a name that differs from another only by accents,
case or dots as the site spells it, else as the import spells it best, so that one person has
one page; names `authors.yaml` lists stay as written. A paper that names one person twice, spelt
two ways, names them once; one name written twice alike stays, and the review asks."""

from __future__ import annotations

import datetime as dt

from conftest import build, copy_site, imported_site

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.importing.spellings import one_spelling
from site_builder.site.model import Author, Paper
from site_builder.source.content import load_papers
from site_builder.source.registry import Registry

PROFILE = """\
TY  - JOUR
AU  - Radoslaw Miskiewicz
AU  - Ann Lee
TI  - Clean Energy and Governance
PY  - 2022
JO  - Energies
ER  -

TY  - JOUR
AU  - RADOSŁAW MIŚKIEWICZ
AU  - Bo Kim
TI  - Risk in Partnerships
PY  - 2021
JO  - Marketing and Management of Innovations
ER  -

TY  - JOUR
AU  - Miśkiewicz, Radosław
TI  - Energy Efficiency in Teal Organisations
PY  - 2021
JO  - Energies
ER  -
"""
"""A profile's export that spells its owner three ways, as ORCID's records from several
databases do."""


def _paper(title: str, *authors: str, **fields) -> Paper:
    return Paper(slug=title.lower(), title=title, authors=authors, date=dt.date(2021, 1, 1), source_id=f"t:{title}", **fields)


def test_a_person_spelt_three_ways_in_one_import_is_one_person_with_one_page(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "profile.ris").write_text(PROFILE, encoding="utf-8")
    assert main(["--root", str(root), "import", str(tmp_path / "profile.ris")]) == 0
    err = capsys.readouterr().err
    assert "one spelling: 'RADOSŁAW MIŚKIEWICZ' as 'Radosław Miśkiewicz'" in err
    assert "one spelling: 'Radoslaw Miskiewicz' as 'Radosław Miśkiewicz'" in err
    assert {paper.authors[0] for paper in load_papers(root, Problems())} == {"Radosław Miśkiewicz"}
    assert main(["--root", str(root), "import", str(tmp_path / "profile.ris")]) == 0
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_the_site_s_spelling_wins_and_the_registry_s_names_stay_as_written():
    existing = [_paper("Old", "Radoslaw Miskiewicz", "Jens Jorgen Mortensen")]
    registry = Registry(authors=(Author("Jens Jørgen Mortensen", "jens", aliases=("Jens Jorgen Mortensen",)),))
    incoming = [
        _paper("New", "Radosław Miśkiewicz", "Jens Jørgen Mortensen", "JENS JORGEN MORTENSEN", equal_contribution=("Radosław Miśkiewicz",))
    ]
    (paper,), said = one_spelling(incoming, existing, registry)
    assert paper.authors == ("Radoslaw Miskiewicz", "Jens Jørgen Mortensen")  # one person twice: once, as the registry names them
    assert paper.review == (
        "its authors name 'Jens Jørgen Mortensen' and 'JENS JORGEN MORTENSEN', one person spelt two ways: "
        "named once, as 'Jens Jørgen Mortensen'"
    )
    (paper,), said = one_spelling(
        [_paper("New", "Radosław Miśkiewicz", "Jens JØRGEN Mortensen", equal_contribution=("Radosław Miśkiewicz",))], existing, registry
    )
    assert paper.authors == ("Radoslaw Miskiewicz", "Jens Jørgen Mortensen")  # the site's, then the registry's name
    assert paper.equal_contribution == ("Radoslaw Miskiewicz",)
    assert said == ["'Jens JØRGEN Mortensen' as 'Jens Jørgen Mortensen'", "'Radosław Miśkiewicz' as 'Radoslaw Miskiewicz'"]


def test_initials_are_no_spelling_of_a_name():
    papers, said = one_spelling([_paper("A", "R. Miśkiewicz"), _paper("B", "Radosław Miśkiewicz")], [], Registry())
    assert [paper.authors for paper in papers] == [("R. Miśkiewicz",), ("Radosław Miśkiewicz",)] and said == []


def test_a_reference_manager_s_duplicate_author_is_named_once_and_said():
    """Mendeley exports `Gomez-Bombarelli, Rafael and G{\\'{o}}mez-Bombarelli, Rafael`: one person
    twice, who would have two author pages. The best-written spelling stays, where first named,
    and marks follow it."""
    incoming = [
        _paper(
            "A", "Wujie Wang", "Rafael Gomez-Bombarelli", "Bo Kim", "Rafael Gómez-Bombarelli", corresponding=("Rafael Gomez-Bombarelli",)
        )
    ]
    (paper,), _ = one_spelling(incoming, [], Registry())
    assert paper.authors == ("Wujie Wang", "Rafael Gómez-Bombarelli", "Bo Kim")
    assert paper.corresponding == ("Rafael Gómez-Bombarelli",)
    assert "'Rafael Gómez-Bombarelli' and 'Rafael Gomez-Bombarelli', one person spelt two ways" in paper.review


def test_a_mendeley_entry_naming_one_person_twice_gives_them_one_page(tmp_path, capsys):
    root, (paper,) = imported_site(
        tmp_path,
        "refs.bib",
        "@article{Wang2020, title = {{Active learning of ionic liquids}}, year = {2020}, journal = {Chemical Communications},\n"
        "  author = {Wang, Wujie and Gomez-Bombarelli, Rafael and G{\\'{o}}mez-Bombarelli, Rafael}}\n",
    )
    assert paper.authors == ("Wujie Wang", "Rafael Gómez-Bombarelli") and "one person spelt two ways" in paper.review
    out = build(root)
    assert sorted(path.name for path in (out / "authors").iterdir() if path.is_dir()) == ["rafael-gomez-bombarelli", "wujie-wang"]
    assert "author = {Wang, Wujie and Gómez-Bombarelli, Rafael}" in (out / "papers" / paper.slug / "Wang2020.bib").read_text()


def test_one_name_written_twice_alike_may_be_two_people_and_stays():
    (paper,), _ = one_spelling([_paper("A", "Wei Zhang", "Ann Lee", "Wei Zhang", review="check the date")], [], Registry())
    assert paper.authors == ("Wei Zhang", "Ann Lee", "Wei Zhang")
    assert paper.review == "check the date; its authors name 'Wei Zhang' 2 times: if that is one person, delete the others from `authors`"


def test_two_people_the_registry_tells_apart_stay_as_written():
    registry = Registry(authors=(Author("José García", "jose-garcia"), Author("Jose Garcia", "jose-garcia-2")))
    (paper,), _ = one_spelling([_paper("A", "José García", "Jose Garcia")], [], registry)
    assert paper.authors == ("José García", "Jose Garcia") and paper.review == ""
