"""One spelling per person: an import writes a name that differs from another only by accents,
case or dots as the site spells it, else as the import spells it best, so that one person has
one page; names `authors.yaml` lists, and two people of one name on one paper, stay as written."""

from __future__ import annotations

import datetime as dt

from conftest import copy_site

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
    assert paper.authors == ("Radosław Miśkiewicz", "Jens Jørgen Mortensen", "JENS JORGEN MORTENSEN")  # two of one name: as written
    (paper,), said = one_spelling(
        [_paper("New", "Radosław Miśkiewicz", "Jens JØRGEN Mortensen", equal_contribution=("Radosław Miśkiewicz",))], existing, registry
    )
    assert paper.authors == ("Radoslaw Miskiewicz", "Jens Jørgen Mortensen")  # the site's, then the registry's name
    assert paper.equal_contribution == ("Radoslaw Miskiewicz",)
    assert said == ["'Jens JØRGEN Mortensen' as 'Jens Jørgen Mortensen'", "'Radosław Miśkiewicz' as 'Radoslaw Miskiewicz'"]


def test_initials_are_no_spelling_of_a_name():
    papers, said = one_spelling([_paper("A", "R. Miśkiewicz"), _paper("B", "Radosław Miśkiewicz")], [], Registry())
    assert [paper.authors for paper in papers] == [("R. Miśkiewicz",), ("Radosław Miśkiewicz",)] and said == []
