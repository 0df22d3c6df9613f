"""Names written in Chinese characters, Japanese kana or Hangul, glued to the end of a title.

These scripts have no capitals, so nothing in `…分割方法综述张伟` shows where the title ends:
a name is two to four characters, mostly led by a family name from a short list. We list the
places a name may start, scored by what makes each likely: a name known from elsewhere, the
length of the byline's other names, a family name at its start, the usual length of names
in that script. The caller treats every such cut as a guess unless the name is known.
"""

from __future__ import annotations

from collections import Counter

CHINESE_FAMILY_NAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖"
    "漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹"
    "诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    # the same names in traditional characters, where they differ
    "張劉陳楊黃趙吳孫馬鄭羅謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龍賀顧龔錢嚴湯溫聶莊魯歐紀畢塗駱藍鮑華饒繆車項連蘆"
    "婁竇黨費閔鄔邊樂儲欒鄺簡閻萬關蘭莫"
)
"""Family names of a character, the few hundred that most people in China and Taiwan carry."""

CHINESE_COMPOUND_FAMILY_NAMES = frozenset(
    "欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 令狐 慕容 司徒 夏侯 尉迟 尉遲 公孙 公孫 长孙 長孫 宇文 独孤 獨孤".split()
)
"""Family names of two characters: `欧阳娜娜` is a name of four."""

KOREAN_FAMILY_NAMES = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 민 진 나 지 "
    "엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 "
    "사 부 황보 남궁 제갈 선우 독고".split()
)
"""Korean family names: one syllable, but for the few of two."""

_USUAL_LENGTH = {"han": (3, 2), "kana": (4, 3), "hangul": (3, 2)}
"""The lengths a name most often has, most usual first: Chinese names of three characters (or
two), Japanese names in kanji of four (or three), Korean names of three syllables (or two)."""

NAME_LENGTHS = range(2, 5)
"""A name in these scripts is two to four characters long."""


def is_cjk_letter(char: str) -> bool:
    """A Chinese character (with Japanese kanji and the repeat mark `々`), a kana or a Hangul
    syllable: the letters of scripts that write a name without spaces."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or 0x3040 <= code <= 0x30FF
        or code == 0x3005
        or 0xAC00 <= code <= 0xD7AF
        or 0x1100 <= code <= 0x11FF
    )


def is_cjk_text(text: str) -> bool:
    """Whether `text` is written in these scripts alone (`李明`, `山田 太郎` with its space)."""
    letters = text.replace(" ", "")
    return bool(letters) and all(is_cjk_letter(c) for c in letters)


def _is_kana(char: str) -> bool:
    return 0x3040 <= ord(char) <= 0x30FF


def _is_hangul(char: str) -> bool:
    return 0xAC00 <= ord(char) <= 0xD7AF


def _script(text: str) -> str:
    """`hangul`, `kana` (Japanese: kana anywhere in the line) or `han` (Chinese)."""
    if any(_is_hangul(c) for c in text):
        return "hangul"
    return "kana" if any(_is_kana(c) for c in text) else "han"


def _led_by_family_name(name: str, script: str) -> bool:
    if script == "hangul":
        return name[0] in KOREAN_FAMILY_NAMES or name[:2] in KOREAN_FAMILY_NAMES
    if script == "han":
        return name[:2] in CHINESE_COMPOUND_FAMILY_NAMES if len(name) == 4 else name[0] in CHINESE_FAMILY_NAMES
    return False  # Japanese family names are too many to list


def _usual_length_among(others: list[str]) -> int | None:
    """The most common length of the byline's other names written in these scripts."""
    lengths = Counter(len(name) for name in others if name and all(is_cjk_letter(c) for c in name))
    return lengths.most_common(1)[0][0] if lengths else None


def family_name(name: str) -> str | None:
    """The family name of a name written in these scripts, which comes first: `张伟` -> `张`,
    `欧阳娜娜` -> `欧阳`, `山田 太郎` -> `山田`, `佐藤花子` -> `佐藤` (led by no Chinese or Korean
    family name: most likely Japanese, whose family names are mostly two characters). None for a
    name in another script."""
    if not is_cjk_text(name):
        return None
    if " " in name:
        return name.split(" ", 1)[0]
    if name[:2] in CHINESE_COMPOUND_FAMILY_NAMES | KOREAN_FAMILY_NAMES:
        return name[:2]
    if name[0] in CHINESE_FAMILY_NAMES | KOREAN_FAMILY_NAMES or len(name) < 3:
        return name[0] if len(name) > 1 else name
    return name[:2]


def first_word(text: str) -> str:
    """A word's first two characters when it begins in Chinese characters or kana, which write
    words without spaces (`基于深度学习` -> `基于`); the word itself otherwise."""
    if text[:1] and is_cjk_letter(text[0]) and not _is_hangul(text[0]):
        return text[:2]
    return text


def name_starts(glued: str, others: list[str], line: str) -> list[tuple[int, float]]:
    """Where in `glued` (a title's end and the first author, no space between) a name in these
    scripts may start, each with a score: higher is likelier. Empty when `glued` does not end
    in such letters. `others` are the byline's later authors, `line` the whole byline (whether
    it holds kana tells Japanese from Chinese)."""
    run = len(glued)
    while run > 0 and is_cjk_letter(glued[run - 1]):
        run -= 1
    letters = len(glued) - run
    if letters < 2:
        return []
    script = _script(line)
    usual = _usual_length_among(others)
    starts = []
    for length in NAME_LENGTHS:
        start = len(glued) - length
        if length > letters or start == 0:
            continue  # a title is left before the name
        name = glued[start:]
        score = 0.0
        if length in _USUAL_LENGTH[script]:
            score += 1.0 if length == _USUAL_LENGTH[script][0] else 0.5
        if usual == length:
            score += 2.0
        if _led_by_family_name(name, script):
            score += 4.0 if length == 4 and script == "han" else 2.0  # a compound family name is rare in a title
        if glued[start - 1 : start + 1] in CHINESE_COMPOUND_FAMILY_NAMES:
            score -= 2.0  # `欧|阳娜娜`: the cut would split a family name
        if any(0x3040 <= ord(c) <= 0x309F for c in name):
            score -= 3.0  # hiragana are a title's little words (`の`, `を`), not a name's
        if length == letters:
            score += 1.5  # the title ends in another script or a mark: `…Splatting|张伟`, `…：|山田太郎`
        starts.append((start, score))
    return starts
