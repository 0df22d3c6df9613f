"""The journal macros of astronomy and physics `.bib` files: NASA ADS exports `journal = {\\apj}`,
which the AASTeX and MNRAS classes define and nothing else knows. Read as LaTeX they are
unknown commands and the venue would be lost; here each is the journal's name and the short
name its papers cite it by.
"""

from __future__ import annotations

import re

JOURNAL_MACROS = {
    "aj": ("AJ", "The Astronomical Journal"),
    "actaa": ("Acta Astron.", "Acta Astronomica"),
    "araa": ("ARA&A", "Annual Review of Astronomy and Astrophysics"),
    "apj": ("ApJ", "The Astrophysical Journal"),
    "apjl": ("ApJL", "The Astrophysical Journal Letters"),
    "apjs": ("ApJS", "The Astrophysical Journal Supplement Series"),
    "ao": ("Appl. Opt.", "Applied Optics"),
    "apss": ("Ap&SS", "Astrophysics and Space Science"),
    "aap": ("A&A", "Astronomy and Astrophysics"),
    "aapr": ("A&A Rev.", "Astronomy and Astrophysics Review"),
    "aaps": ("A&AS", "Astronomy and Astrophysics Supplement Series"),
    "azh": ("AZh", "Astronomicheskii Zhurnal"),
    "baas": ("BAAS", "Bulletin of the American Astronomical Society"),
    "caa": ("Chinese Astron. Astrophys.", "Chinese Astronomy and Astrophysics"),
    "cjaa": ("Chinese J. Astron. Astrophys.", "Chinese Journal of Astronomy and Astrophysics"),
    "icarus": ("Icarus", "Icarus"),
    "jcap": ("JCAP", "Journal of Cosmology and Astroparticle Physics"),
    "jrasc": ("JRASC", "Journal of the Royal Astronomical Society of Canada"),
    "memras": ("MmRAS", "Memoirs of the Royal Astronomical Society"),
    "mnras": ("MNRAS", "Monthly Notices of the Royal Astronomical Society"),
    "na": ("New A", "New Astronomy"),
    "nar": ("New A Rev.", "New Astronomy Reviews"),
    "pra": ("Phys. Rev. A", "Physical Review A"),
    "prb": ("Phys. Rev. B", "Physical Review B"),
    "prc": ("Phys. Rev. C", "Physical Review C"),
    "prd": ("Phys. Rev. D", "Physical Review D"),
    "pre": ("Phys. Rev. E", "Physical Review E"),
    "prl": ("Phys. Rev. Lett.", "Physical Review Letters"),
    "pasa": ("PASA", "Publications of the Astronomical Society of Australia"),
    "pasp": ("PASP", "Publications of the Astronomical Society of the Pacific"),
    "pasj": ("PASJ", "Publications of the Astronomical Society of Japan"),
    "rmxaa": ("Rev. Mexicana Astron. Astrofis.", "Revista Mexicana de Astronomía y Astrofísica"),
    "qjras": ("QJRAS", "Quarterly Journal of the Royal Astronomical Society"),
    "skytel": ("S&T", "Sky and Telescope"),
    "solphys": ("Sol. Phys.", "Solar Physics"),
    "sovast": ("Soviet Ast.", "Soviet Astronomy"),
    "ssr": ("Space Sci. Rev.", "Space Science Reviews"),
    "zap": ("ZAp", "Zeitschrift für Astrophysik"),
    "nat": ("Nature", "Nature"),
    "iaucirc": ("IAU Circ.", "IAU Circulars"),
    "aplett": ("Astrophys. Lett.", "Astrophysics Letters"),
    "apspr": ("Astrophys. Space Phys. Res.", "Astrophysics Space Physics Research"),
    "bain": ("Bull. Astron. Inst. Netherlands", "Bulletin of the Astronomical Institutes of the Netherlands"),
    "fcp": ("Fund. Cosmic Phys.", "Fundamentals of Cosmic Physics"),
    "gca": ("Geochim. Cosmochim. Acta", "Geochimica et Cosmochimica Acta"),
    "grl": ("Geophys. Res. Lett.", "Geophysical Research Letters"),
    "jcp": ("J. Chem. Phys.", "The Journal of Chemical Physics"),
    "jgr": ("J. Geophys. Res.", "Journal of Geophysical Research"),
    "jqsrt": ("J. Quant. Spectrosc. Radiat. Transfer", "Journal of Quantitative Spectroscopy and Radiative Transfer"),
    "memsai": ("Mem. Soc. Astron. Italiana", "Memorie della Società Astronomica Italiana"),
    "nphysa": ("Nucl. Phys. A", "Nuclear Physics A"),
    "physrep": ("Phys. Rep.", "Physics Reports"),
    "physscr": ("Phys. Scr.", "Physica Scripta"),
    "planss": ("Planet. Space Sci.", "Planetary and Space Science"),
    "procspie": ("Proc. SPIE", "Proceedings of the SPIE"),
    "psj": ("PSJ", "The Planetary Science Journal"),
    "rnaas": ("RNAAS", "Research Notes of the AAS"),
}
"""Macro name -> (short name, journal name): the AASTeX list (`aas_macros.sty`), as ADS writes it."""

_MACRO = re.compile(r"\{?\s*\\([A-Za-z]+)\s*(?:\{\})?\s*\}?")


def journal_macro(value: str) -> tuple[str, str] | None:
    """The (short name, journal name) a field that is one journal macro (`\\apj`, `{\\mnras}`)
    stands for, or None."""
    match = _MACRO.fullmatch(value.strip())
    return JOURNAL_MACROS.get(match.group(1).lower()) if match else None
