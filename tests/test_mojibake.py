"""Tests for the encoding-damage (mojibake) detector."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from glossalign.corpora.mojibake import (
    EncodingDamage,
    find_encoding_damage,
    repair_encoding_damage,
)

# (damaged text, what it should read, wrong codec reported)
DAMAGED = [
    ("We donâ€™t ship on Sundays.", "We don’t ship on Sundays.", "cp1252"),
    ("Le cafÃ© est fermÃ© le dimanche.", "Le café est fermé le dimanche.", "cp1252"),
    ("O cÃ£o Ã© grande.", "O cão é grande.", "cp1252"),
    ("I love ðŸ˜€ emoji", "I love 😀 emoji", "cp1252"),
    ("Î“ÎµÎ¹Î¬ ÏƒÎ¿Ï… ÎºÏŒÏƒÎ¼Îµ", "Γειά σου κόσμε", "cp1252"),
    ("à¸\xa0à¸²à¸©à¸²à¹„à¸—à¸¢", "ภาษาไทย", "cp1252"),
    ("í•œêµ\xadì–´", "한국어", "cp1252"),
    ("TÃ¼rkÃ§e Ã¶ÄŸrenmek gÃ¼zel", "Türkçe öğrenmek güzel", "cp1252"),  # same bytes in cp1254
    ("ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€! ÐšÐ°Ðº Ð´ÐµÐ»Ð°?", "Привет, мир! Как дела?", "cp1252"),
    ("cafÃƒÂ©", "café", "cp1252"),  # encoded twice
    ("Itâ\x80\x99s raining in ZÃ¼rich.", "It’s raining in Zürich.", "latin-1"),
    ("РџСЂРёРІРµС‚, РјРёСЂ! РљР°Рє РґРµР»Р°?", "Привет, мир! Как дела?", "cp1251"),
    ("п÷я─п╦п╡п╣я┌, п╪п╦я─! п\xa0п╟п╨ п╢п╣п╩п╟?", "Привет, мир! Как дела?", "koi8-r"),
    ("ĞŸÑ€Ğ¸Ğ²ĞµÑ‚, Ğ¼Ğ¸Ñ€! ĞšĞ°Ğº Ğ´ĞµĞ»Ğ°?", "Привет, мир! Как дела?", "cp1254"),
    ("ZaĹĽĂłĹ‚Ä‡ gÄ™Ĺ›lÄ… jaĹşĹ„", "Zażółć gęślą jaźń", "cp1250"),
    (
        "PĹ\x99Ă\xadliĹĄ ĹžluĹĽouÄ\x8dkĂ˝ kĹŻĹ\x88 ĂşpÄ\x9bl Ä\x8fĂĄbelskĂŠ Ăłdy",
        "Příliš žluťoučký kůň úpěl ďábelské ódy",
        "iso-8859-2",
    ),
    ("Das ist fĂźr dich.", "Das ist für dich.", "iso-8859-2"),
    ("Ξ\x9aΞ±Ξ»Ξ·ΞΌΞ\xadΟ\x81Ξ± ΞΊΟ\x8cΟƒΞΌΞµ", "Καλημέρα κόσμε", "cp1253"),
    ("Ξ‘ΞΈΞ®Ξ½Ξ±", "Αθήνα", "cp1253"),
    (
        "the 2020 World Internet Conference ยท Internet Development Forum.",
        "the 2020 World Internet Conference · Internet Development Forum.",
        "cp874",
    ),
    (
        "ยซ Bonjour ยป, dit-il en entrant dans la salle.",
        "« Bonjour », dit-il en entrant dans la salle.",
        "cp874",
    ),
    ("涓\ue15e浗浜烘皯閾惰\ue511", "中国人民银行", "gbk"),
    ("袩褉懈胁械褌, 屑懈褉! 袣邪泻 写械谢邪?", "Привет, мир! Как дела?", "gbk"),
    ("I had a caf茅 yesterday.", "I had a café yesterday.", "gbk"),
    ("譚ｱ莠ｬ繧ｿ繝ｯ繝ｼ", "東京タワー", "shift_jis"),
    ("荳ｭ蝗ｽ", "中国", "shift_jis"),
]

GENUINE = [
    "ภาษาไทยเป็นภาษาราชการของประเทศไทย",
    "รถ คน ลง เรือ ไป ตลาด",
    "The Thai word รถ means car.",
    "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "В «Войне и мире» — 1225 страниц.",
    "Віктор їсть ґрунтовні яблука, а Євген — ні. Ці слова.",
    "Ђорђе Балашевић, Љубљана, Његош",
    "Қазақстан Республикасы",
    "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Άλλη μια φορά.",
    "Pijamalı hasta yağız şoföre çabucak güvendi. İstanbul’da",
    "Zażółć gęślą jaźń. Łódź, Wrocław, Gdańsk.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy. Úžasný Dvořák.",
    "Árvíztűrő tükörfúrógép",
    "Înțelepciunea și știința României",
    "« L’été à Paris », dit-elle — c’est déjà ça ! Œuvre, garçon, naïve, Noël.",
    "« café\u00a0» et Prix\u00a0: 5\u00a0€",
    "„Anführungszeichen“ – Grüße aus Köln, Straße, weiß.",
    "German (Bone, »ß« unten)",
    "¿Qué pasó? ¡Olé! El niño comió piñas.",
    "SÃO PAULO É A MAIOR CIDADE DO BRASIL",
    "AÇÃO E REAÇÃO; NÃO, IRMÃ\u00a0MAIS VELHA",
    "Þórður og Ævar fóru í góða ferð.",
    "Blåbærsyltetøy og smørbrød; hårdvara för älgjakt",
    "Tiếng Việt có dấu rất đẹp.",
    "中华人民共和国成立于1949年。",
    "Maotai (茅台) is a Chinese liquor.",
    "请在iPhone手机上下载app。T台走秀和CP值，卡拉OK。",
    "讀取足夠的資料時發生錯誤。",
    "佟 佟 [Tong2] /surname Tong/",
    "跂跂 跂跂 [qi2 qi2] /crawling/",
    "讷讷 3 ad",
    "-R|--raw-extract <deb> <目录>",
    "<b>状态</b>",
    "%s (每 %gs)",
    "東京タワーは日本の有名な観光地です。",
    "ﾃｽﾄ ｶﾀｶﾅ ﾊﾝｶｸ",
    "한국어 텍스트를 확인합니다. K팝",
    "اللغة العربية جميلة جدا",
    "שלום עולם",
    "हिन्दी भाषा",
    "Great job 👍🎉 see you ❤️",
    "“Quoted” — ‘single’ … • bullet – dash",
    "5 × 10³ m², ±0.5 °C, € 100, © 2024 ACME™, ½ cup",
    "Cafe\u0301 de\u0301ja\u0300 vu",
    "涓\ufffd鍥\ufffd",  # lossy GBK mojibake: the lost bytes leave nothing to repair
]

ROUND_TRIP_SENTENCES = [
    "We don’t ship on Sundays — see the “terms” page.",
    "Le café de la gare est fermé en août.",
    "Die Straße ist für Fußgänger gesperrt.",
    "¿Dónde está la estación? ¡Olé!",
    "A ação começou em São Paulo.",
    "Zażółć gęślą jaźń w Łodzi.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Pijamalı hasta yağız şoföre çabucak güvendi.",
    "Съешь же ещё этих мягких французских булок.",
    "Віктор їсть ґрунтовні яблука, а Євген — ні.",
    "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.",
    "中华人民共和国成立于一九四九年。",
    "東京タワーは日本の有名な観光地です。",
    "한국어 문장을 확인합니다.",
    "اللغة العربية جميلة جدا",
    "ภาษาไทยเป็นภาษาราชการของประเทศไทย",
    "Tiếng Việt có dấu rất đẹp.",
    "Great job 👍 see you soon",
]

# Reported codec -> the Python decoder that makes its mojibake. "gbk" is decoded as GB18030
# (what browsers do for the label "gbk") and "shift_jis" as its Windows form cp932.
DECODERS = {
    "cp1252": "cp1252",
    "latin-1": "latin-1",
    "cp1250": "cp1250",
    "iso-8859-2": "iso-8859-2",
    "cp1254": "cp1254",
    "cp1251": "cp1251",
    "cp1253": "cp1253",
    "koi8-r": "koi8-r",
    "cp874": "cp874",
    "gbk": "gb18030",
    "shift_jis": "cp932",
}


def _strictly_decodable(sentence: str, decoder: str) -> bool:
    try:
        sentence.encode("utf-8").decode(decoder)
    except UnicodeDecodeError:
        return False
    return True


ROUND_TRIPS = [
    pytest.param(sentence, codec, id=f"{codec}-{index}")
    for codec, decoder in DECODERS.items()
    for index, sentence in enumerate(ROUND_TRIP_SENTENCES)
    if _strictly_decodable(sentence, decoder)
]

# Documented limits: each should fail today; strict, so a fix shows up as XPASS.
LIMITS = [
    pytest.param(
        "In a broken file, é shows up as Ã©.",
        "In a broken file, é shows up as Ã©.",
        marks=pytest.mark.xfail(strict=True, reason="text that quotes mojibake on purpose"),
        id="quoted-mojibake",
    ),
    pytest.param(
        "hĂĽrdvara",
        "hårdvara",
        marks=pytest.mark.xfail(
            strict=True,
            reason="ISO-8859-2 'ĂĽ' is also cp1250 for 'ü'; a lone word cannot tell them apart",
        ),
        id="iso-8859-2-vs-cp1250",
    ),
    pytest.param(
        "ยซ Bonjour ยป",
        "« Bonjour »",
        marks=pytest.mark.xfail(strict=True, reason="too little context in a short segment"),
        id="short-segment",
    ),
    pytest.param(
        "芦 Bonjour 禄",
        "« Bonjour »",
        marks=pytest.mark.xfail(
            strict=True, reason="lone GBK ideographs are too often genuine to repair"
        ),
        id="gbk-lone-guillemets",
    ),
]


@pytest.mark.parametrize(("damaged", "expected", "codec"), DAMAGED)
def test_damaged_text_is_repaired(damaged: str, expected: str, codec: str) -> None:
    findings = find_encoding_damage(damaged)
    assert findings
    assert {finding.codec for finding in findings} == {codec}
    assert repair_encoding_damage(damaged) == expected


@pytest.mark.parametrize(("damaged", "expected", "codec"), DAMAGED)
def test_findings_are_ordered_spans_of_the_text(damaged: str, expected: str, codec: str) -> None:
    findings = find_encoding_damage(damaged)
    rebuilt, position = [], 0
    for finding in findings:
        assert finding.found == damaged[finding.start : finding.end]
        assert finding.start >= position  # sorted, not overlapping
        assert finding.repaired != finding.found
        rebuilt += [damaged[position : finding.start], finding.repaired]
        position = finding.end
    assert "".join([*rebuilt, damaged[position:]]) == expected


@pytest.mark.parametrize("text", GENUINE)
def test_genuine_text_has_no_findings(text: str) -> None:
    assert find_encoding_damage(text) == []
    assert repair_encoding_damage(text) == text


@pytest.mark.parametrize(("sentence", "codec"), ROUND_TRIPS)
def test_wrongly_decoded_sentence_round_trips(sentence: str, codec: str) -> None:
    damaged = sentence.encode("utf-8").decode(DECODERS[codec])
    assert damaged != sentence
    assert find_encoding_damage(damaged)
    assert repair_encoding_damage(damaged) == sentence


def test_every_codec_has_round_trip_cases() -> None:
    covered = {param.values[1] for param in ROUND_TRIPS}
    counts = {codec: sum(p.values[1] == codec for p in ROUND_TRIPS) for codec in covered}
    assert covered == set(DECODERS)
    assert min(counts.values()) >= 3


@pytest.mark.parametrize(("damaged", "expected"), LIMITS)
def test_documented_limits(damaged: str, expected: str) -> None:
    assert repair_encoding_damage(damaged) == expected


def test_span_is_minimal() -> None:
    text = "Our team wonâ€™t be there, sorry."
    assert find_encoding_damage(text) == [EncodingDamage(12, 15, "â€™", "’", "cp1252")]


def test_only_the_damaged_word_is_flagged_in_a_mixed_word() -> None:
    text = "The cafÃ©â€™s owner is Zoë."  # é and ’ damaged, ë genuine
    findings = find_encoding_damage(text)
    assert [finding.found for finding in findings] == ["Ã©â€™"]
    assert repair_encoding_damage(text) == "The café’s owner is Zoë."


def test_lines_are_judged_separately() -> None:
    text = "Zażółć gęślą jaźń.\nLe cafÃ© est fermÃ©.\nภาษาไทย"
    assert repair_encoding_damage(text) == "Zażółć gęślą jaźń.\nLe café est fermé.\nภาษาไทย"


def test_ascii_and_empty_text() -> None:
    assert find_encoding_damage("") == []
    assert find_encoding_damage("plain ASCII text, 100% clean") == []
    assert repair_encoding_damage("plain") == "plain"


def test_finding_is_frozen() -> None:
    finding = find_encoding_damage("cafÃ©")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


def test_seed_text_damaged_middle_dot(shared_dir: Path) -> None:
    seed = shared_dir / "seeds" / "000_f6c2400dcf251796.txt"
    if not seed.is_file():
        pytest.skip("seed text is not available")
    text = seed.read_text(encoding="utf-8")
    findings = find_encoding_damage(text)
    assert [(f.found, f.repaired, f.codec) for f in findings] == [("ยท", "·", "cp874")]
    assert text[findings[0].start - 11 : findings[0].start] == "Conference "


def test_shared_gold_corpora_have_no_findings(shared_dir: Path) -> None:
    paths = [
        path
        for path in sorted((shared_dir / "eval").rglob("*"))
        if path.is_file() and path.suffix in {".en", ".zh", ".txt", ".csv", ".sgm", ""}
    ]
    if not paths:
        pytest.skip("no shared gold corpora")
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="strict")
        assert find_encoding_damage(text) == [], path
