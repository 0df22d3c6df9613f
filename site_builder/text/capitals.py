"""Text set wholly in capitals, cased again as it is usually written.

Web of Science exports older records in capitals (`THE STRUCTURE OF NEURAL NETWORKS`, `IEEE
TRANSACTIONS ON NEURAL NETWORKS`, `WISNIEWSKI, P`); pages would show them shouting. Casing them
again is a guess, since a word in capitals may be an acronym. The guess keeps what it can tell
is one: a known name (`IEEE`, `NeurIPS`), a word without a vowel (`CNN`), a Roman numeral, a
word of one or two letters that is no English word (`AI`, `CA`). It takes a word's form from a
record that has it in its own case (Web of Science's `Journal-ISO`) where there is one.
"""

from __future__ import annotations

import re

_LETTERS = re.compile(r"(?<![\\\w])[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word: letters, and an apostrophe inside (`O'BRIEN`); not a LaTeX command's name."""
SMALL_WORDS = frozenset("a an the and but or nor for so yet at by in of on to up via with from into as per vs et".split())
"""Words a title-cased name keeps in small letters, but first or after a colon."""
_TWO_LETTER_WORDS = frozenset("am be do go he if is it me my no we".split())
"""Words of two letters that are words; others (`AI`, `UK`, `CA`, `PO`) are taken for acronyms."""
_ROMAN = re.compile(r"(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
_VOWELS = frozenset("AEIOUYÀÁÂÄÅÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ")
KNOWN_FORMS = frozenset(
    "IEEE ACM SIAM SPIE IET IEICE IFIP IAPR AAAI IJCAI ACL NAACL EMNLP CVF CVPR ICCV ECCV ICML ICLR NeurIPS SIGGRAPH "
    "USENIX VLDB SIGMOD KDD WWW MIT NASA NIH NSF USA UK EU AI IoT NLP PLoS PNAS BMC BMJ JAMA IOP AIP APS ACS RSC AMS "
    "OSA LNCS CEUR IJCNN ICASSP INTERSPEECH ICRA IROS MICCAI ISBI DNA RNA MRI ECG EEG COVID".split()
)
"""Words written in their own case wherever they stand: the societies and venues most often
named in capitals by databases."""


def mostly_capitals(text: str) -> bool:
    """Whether three letters in five of `text` or more are capitals: a title or a name an export
    set in capitals (`RADOSŁAW MIŚKIEWICZ`), where `is_shouted` asks for every letter."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if c.isupper()) >= 0.6 * len(letters) if letters else False


def is_shouted(text: str, min_words: int = 2) -> bool:
    """Whether `text` is set wholly in capitals: every letter of a script with capitals a
    capital, and at least `min_words` words of four letters or more in capitals (an acronym
    alone, `IEEE`, `BERT`, is not; nor a title in Arabic, whose letters have no case)."""
    words = [w for w in _LETTERS.findall(text) if len(w) >= 4 and w.isupper()]
    return len(words) >= min_words and not any(c.islower() for c in text)


def recased(text: str, known: dict[str, str] | None = None) -> str:
    """`text`, wholly in capitals, in title case: small words (`of`, `and`) in small letters but
    first or after a colon, every other word with one capital, but for the words it can tell are
    acronyms. `known` maps a word, case-folded, to its form (a record's own spelling)."""
    forms = {word.casefold(): word for word in KNOWN_FORMS} | dict(known or {})
    first = True

    def word(match: re.Match) -> str:
        nonlocal first
        written = match.group()
        before = text[: match.start()].rstrip()
        opens = first or before.endswith((":", ".", "?", "!", "—", "–"))
        first = False
        folded = written.casefold()
        if folded in forms:
            return forms[folded]
        if folded in SMALL_WORDS:
            return capitalized(written) if opens else folded
        if folded in _TWO_LETTER_WORDS:
            return capitalized(written)
        if len(written) <= 2 or _ROMAN.fullmatch(written) or not any(c in _VOWELS for c in written.upper()):
            return written
        return capitalized(written)

    return _LETTERS.sub(word, text)


def capitalized(word: str) -> str:
    """`WISNIEWSKI` -> `Wisniewski`, `O'BRIEN` -> `O'Brien`: a capital and then small letters,
    and a capital again after a single letter and an apostrophe."""
    cased = word[:1].upper() + word[1:].lower()
    return _AFTER_ONE_LETTER.sub(lambda m: m.group(1) + m.group(2).upper(), cased)


_AFTER_ONE_LETTER = re.compile(r"^([^\W\d_]['’])([^\W\d_])")


def words_capitalized(text: str) -> str:
    """Every word of `text` `capitalized`: `DUPONT-MOREL` -> `Dupont-Morel`."""
    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)*", lambda m: capitalized(m.group()), text)


_SHORT_FAMILY_NAMES = frozenset("LI WU HE XU YU MA HU GU LU QI DU FU YE SU LV OU YI JI AN BI DI MU NI PU RU SI TU XI YU ZU".split())
"""Chinese family names of two letters in pinyin, which capitals do not tell from initials (`AB`)."""


def is_family_in_capitals(word: str) -> bool:
    """Whether `word` is a family name written in capitals before the given name, as Chinese and
    French forms write it (`ZHANG Wei`, `DUPONT Jean`): three letters or more with a vowel, or a
    Chinese family name of two; not initials (`AB Lee`, `JRR Tolkien`) or a word of marks."""
    letters = "".join(c for c in word if c.isalpha())
    if letters != word.replace("-", "").replace("'", "") or not all_capitals(letters):
        return False
    return letters in _SHORT_FAMILY_NAMES or (len(letters) >= 3 and any(c in "AEIOUY" for c in letters))


def family_in_capitals_first(name: str) -> bool:
    """`ZHANG Wei`, `LEE Ann`, `DUPONT Jean-Paul`: a family name in capitals, then a given name
    that is not in capitals nor initials."""
    first, *rest = name.split() or [""]
    return bool(rest) and is_family_in_capitals(first) and not any(all_capitals(word) or len(word.rstrip(".")) < 2 for word in rest)


def all_capitals(text: str) -> bool:
    """Whether `text` has two letters or more, every one a capital (`ZHANG`, `WISNIEWSKI, P`)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
