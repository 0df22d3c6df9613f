"""A venue's short form for badges ("ICCV 2023"): the paper's own `venue_short`, the site's
table (`site.yaml` `venues`), then the defaults below for the main ML, CV, NLP, robotics,
systems, HCI, security and data venues, then an acronym the name ends with in parentheses
("… (ICLR)") or after a colon or dash ("…: EMNLP 2023"); ACL's Findings volumes are
"Findings of EMNLP"."""

from __future__ import annotations

import re

from site_builder.site.model import Paper

DEFAULT_VENUES = (
    ("Neural Information Processing Systems", "NeurIPS"),
    ("International Conference on Learning Representations", "ICLR"),
    ("International Conference on Machine Learning", "ICML"),
    ("Computer Vision and Pattern Recognition", "CVPR"),
    ("International Conference on Computer Vision", "ICCV"),
    ("European Conference on Computer Vision", "ECCV"),
    ("Winter Conference on Applications of Computer Vision", "WACV"),
    ("British Machine Vision Conference", "BMVC"),
    ("Pattern Analysis and Machine Intelligence", "TPAMI"),
    ("International Journal of Computer Vision", "IJCV"),
    ("Annual Meeting of the Association for Computational Linguistics", "ACL"),
    ("Empirical Methods in Natural Language Processing", "EMNLP"),
    ("North American Chapter of the Association for Computational Linguistics", "NAACL"),
    ("Conference on Language Modeling", "COLM"),
    ("Transactions of the Association for Computational Linguistics", "TACL"),
    ("AAAI Conference on Artificial Intelligence", "AAAI"),
    ("International Joint Conference on Artificial Intelligence", "IJCAI"),
    ("Artificial Intelligence and Statistics", "AISTATS"),
    ("Uncertainty in Artificial Intelligence", "UAI"),
    ("Conference on Learning Theory", "COLT"),
    ("Journal of Machine Learning Research", "JMLR"),
    ("Transactions on Machine Learning Research", "TMLR"),
    ("Conference on Robot Learning", "CoRL"),
    ("Robotics: Science and Systems", "RSS"),
    ("International Conference on Robotics and Automation", "ICRA"),
    ("Intelligent Robots and Systems", "IROS"),
    ("Machine Learning and Systems", "MLSys"),
    ("Design Automation Conference", "DAC"),
    ("International Symposium on Computer Architecture", "ISCA"),
    ("Architectural Support for Programming Languages and Operating Systems", "ASPLOS"),
    ("International Symposium on Microarchitecture", "MICRO"),
    ("High-Performance Computer Architecture", "HPCA"),
    ("Knowledge Discovery and Data Mining", "KDD"),
    ("Web Search and Data Mining", "WSDM"),
    ("International Conference on Data Mining", "ICDM"),
    ("The Web Conference", "WWW"),
    ("SIGGRAPH Asia", "SIGGRAPH Asia"),
    ("SIGGRAPH", "SIGGRAPH"),
    ("Operating Systems Design and Implementation", "OSDI"),
    ("Symposium on Operating Systems Principles", "SOSP"),
    ("Networked Systems Design and Implementation", "NSDI"),
    ("European Conference on Computer Systems", "EuroSys"),
    ("High Performance Computing, Networking, Storage and Analysis", "SC"),
    ("Programming Language Design and Implementation", "PLDI"),
    ("Medical Image Computing and Computer Assisted Intervention", "MICCAI"),
    ("Acoustics, Speech and Signal Processing", "ICASSP"),
    ("Human Factors in Computing Systems", "CHI"),
    ("User Interface Software and Technology", "UIST"),
    ("International Conference on Software Engineering", "ICSE"),
    ("Foundations of Software Engineering", "FSE"),
    ("Computer and Communications Security", "CCS"),
    ("Research and Development in Information Retrieval", "SIGIR"),
    ("Management of Data", "SIGMOD"),
    ("Very Large Data Bases", "VLDB"),
    ("International Conference on Computational Linguistics", "COLING"),
    ("European Chapter of the Association for Computational Linguistics", "EACL"),
    ("Asian Conference on Computer Vision", "ACCV"),
    ("International Conference on 3D Vision", "3DV"),
    ("Transactions on Graphics", "TOG"),
    ("Transactions on Image Processing", "TIP"),
    ("Transactions on Neural Networks and Learning Systems", "TNNLS"),
    ("Learning for Dynamics and Control", "L4DC"),
)
_ACRONYM = re.compile(
    r"\(\s*([A-Z][A-Za-z]*[A-Z])(?:[-\s]*['’]?(\d{2}|\d{4}))?\s*\)\s*$"
    r"|(?:[:–—]|\s-{1,2})\s*([A-Z][A-Za-z]*[A-Z])(?:[-\s]*['’]?(\d{2}|\d{4}))?\s*$"
)
"""`(ICLR)`, `(AAAI-18)`, `(ASPLOS '26)` at the end of a venue's name, or after a colon or a
dash (`Findings of the Association for Computational Linguistics: EMNLP 2023`, `Medical Image
Computing and Computer Assisted Intervention -- MICCAI 2023`), with the edition's year."""
_FINDINGS = re.compile(r"^\s*Findings\s+of\b", re.IGNORECASE)
"""ACL's Findings volumes, another venue than the conference they name: `Findings of EMNLP`."""


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w:]+", " ", text.casefold()).split())


def short_venue(paper: Paper, table: tuple[tuple[str, str], ...] = ()) -> str:
    """The venue's short form, or "" when none is known (the badge then shows the full name)."""
    if paper.venue_short:
        return paper.venue_short
    return known_short(paper.venue, table)


def known_short(venue: str, table: tuple[tuple[str, str], ...] = ()) -> str:
    """The short form of a venue's name: the site's table's, ACL's Findings as `Findings of
    EMNLP`, the defaults', else the acronym it ends with (`(ICLR)`, `-- MICCAI 2023`); "" when
    none is known."""
    if not venue:
        return ""
    name = _words(venue)
    for words, short in table:
        if _words(words) in name:
            return short
    found = _trailing_acronym(venue)[0]
    if _FINDINGS.match(venue):  # the conference is named after the colon, if at all
        return f"Findings of {found}" if found else ""
    return next((short for words, short in DEFAULT_VENUES if _words(words) in name), found)


_JOURNALS = frozenset(("TPAMI", "IJCV", "JMLR", "TMLR", "TACL", "TOG", "TIP", "TNNLS"))
_CONFERENCE_WORDS = re.compile(r"\b(?:conference|proceedings|symposium|workshop|congress|meeting)\b|^proc\.", re.IGNORECASE)
_SHORT_AND_YEAR = re.compile(r"([A-Z][A-Za-z&]*[A-Z])\s*['’]?(?:19|20)?\d\d")


_JOURNALS_CALLED_PROCEEDINGS = re.compile(
    r"^\s*(?:Proc(?:eedings|\.)\s+(?:of\s+)?(?:the\s+)?(?:National\s+Academy|Natl\.?\s+Acad|IEEE\s*(?:$|[,(\d])|Royal\s+Society|R\.\s*Soc"
    r"|ACM\s+on\b|VLDB|American\s|London\s+Mathematical|Edinburgh|Cambridge\s+Philosophical|Japan\s+Academy)|PNAS\b|PVLDB\b)",
    re.IGNORECASE,
)
"""Journals whose names begin with `Proceedings`: PNAS, Proceedings of the IEEE, of the Royal
Society, of the ACM on Programming Languages (OOPSLA's and POPL's), of the VLDB Endowment."""


_JOURNAL_WORDS = re.compile(r"\b(?:journal|transactions|letters|magazine|annals|bulletin)\b", re.IGNORECASE)


def _names_a_journal(venue: str) -> bool:
    """A journal's words (`Transactions`, `Letters`) or a journal called `Proceedings …` (PNAS)."""
    return bool(_JOURNAL_WORDS.search(venue) or _JOURNALS_CALLED_PROCEEDINGS.search(venue))


def is_conference(venue: str) -> bool:
    """Whether a venue's name says it is a conference's: its words (`Proceedings of …`,
    `… Conference`, but no journal called `Proceedings of the National Academy of Sciences` or
    `… Transactions …`), a known conference's name, or one's short form with its year (`FSE 2025`)."""
    if _names_a_journal(venue):
        return False
    short = known_short(venue)
    if _CONFERENCE_WORDS.search(venue) or (short and short not in _JOURNALS):
        return True
    alone = _SHORT_AND_YEAR.fullmatch(venue.strip())
    return bool(alone) and alone.group(1) not in _JOURNALS


def names_a_conference(venue: str) -> bool:
    """Stricter than `is_conference`, for a venue a lab filed as a journal's (`@article`): the
    words of a conference's name and none of a journal's (`Transactions`, `Letters`), or a
    conference of the defaults by its name or short form (`{CVPR}`, `ICLR 2024`). An acronym
    alone says nothing here: `(TODAES)` is a journal's."""
    if _names_a_journal(venue):
        return False
    if _CONFERENCE_WORDS.search(venue):
        return True
    name = _words(venue)
    named = {short for words, short in DEFAULT_VENUES if _words(words) in name}
    named |= {short for _, short in DEFAULT_VENUES if len(short) >= 3 and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", venue)}
    return bool(named - _JOURNALS)


_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|['’]\d\d\b|[A-Za-z]-\d\d$")
"""A year the short form gives itself: `CVPR 2020`, `ICLR'24`, `AAAI-18`."""


def venue_badge(paper: Paper, table: tuple[tuple[str, str], ...] = ()) -> str:
    """`ICCV 2023`: the short form and the published year, unless the short form has its own
    (`abbr = {CVPR 2020}`); "" for a paper with no venue."""
    short = short_venue(paper, table)
    if not short or _HAS_YEAR.search(short):
        return short
    return f"{short} {_edition_year(paper.venue, short) or paper.venue_year or paper.date.year}"


def _edition_year(venue: str, short: str) -> int:
    """The year a venue's name gives the edition beside its acronym (`Computer Vision -- ECCV
    2024`, `(AAAI-18)`): a proceedings volume often comes out the year after, and its `.bib`
    gives that year, not the conference's. 0 when the name gives none."""
    acronym, year = _trailing_acronym(venue)
    if not acronym or not year or not short.endswith(acronym):
        return 0
    return int(year) if len(year) == 4 else 2000 + int(year) if int(year) < 70 else 1900 + int(year)


def _trailing_acronym(venue: str) -> tuple[str, str]:
    """The acronym a venue's name ends with (`_ACRONYM`) and the year written beside it, as
    written (`2024`, `18`); "" for either that is not there."""
    match = _ACRONYM.search(venue)
    if match is None:
        return "", ""
    return match.group(1) or match.group(3), match.group(2) or match.group(4) or ""
