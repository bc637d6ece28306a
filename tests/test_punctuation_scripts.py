"""The punctuation rules know their script: damage the precision corpus showed
(benchmarks/precision/) stays fixed, and the seeds' repairs still happen."""

import pytest

from cleaner import clean

KEPT = [
    # A spaced ellipsis is no space before a full stop.
    "I will . . . reverse the decision.",
    "It was a strange match . . . momentum swings.",
    # Scripts that write no spaces between words get none after a closing quote.
    "그는 “그게 왜 잘못이냐”고 말했다.",
    "“国民女婿”你家有吗",
    "今年上半年主要经济指标实现“V”型反转的重庆",
    "《管子》曰：“秋者阴气始下，故万物收。”进入秋季后",
    "ประชาชน “ไม่เห็นด้วย”กับนโยบาย",
    "「“Crucial Adrenaline”を採用」",
    # A quote is not split from a letter that ends the quoted word.
    "a list of “How To”s for beginners",
    # The Russian omission mark is correct in Russian text.
    "Путин заявил: «Против наших государств <…> мы используем этот момент».",
    "Он сказал: «Мы ‹…> будем стоять».",
    "Lukashenko said: «Мы <…> будем стоять».",
    # Points that begin a path; letters spaced out; a comma glued to the next word.
    "you need to run ./autogen.sh before you can build",
    "BTCBTCBTCR O O BTC E T . C O M",
    "كما جاءت أسهم شركات الإنماء ,وسابك والخدمات الأرضية",
    "становила 1 , 930 трлн у гривневому еквіваленті",
    # Real pages (benchmarks/real): a footnote mark after a quote, a reply's
    # `.@name`, a point standing for a path in a flattened Dockerfile.
    "“Es ist nicht zu wenig Zeit, die wir haben, sondern es ist zu viel Zeit, die wir nicht nutzen.”1",
    "@KevinColeman .@Angry_Drunk @s_bielefeld Wow, you guys are veering right into crazy territory.",
    "FROM python:3.7 COPY . /tmp/myapp RUN pip install /tmp/myapp CMD flask run exampleapp:app",
]

FIXED = [
    (
        "“We are losing our sovereignty by cooperating with Russia,”Lukashenko stated.",
        "“We are losing our sovereignty by cooperating with Russia,” Lukashenko stated.",
    ),
    ("citing “unfriendly steps”British authorities took", "citing “unfriendly steps” British authorities took"),
    ("“Мы выдержим,”сказал Лукашенко.", "“Мы выдержим,” сказал Лукашенко."),
    ("against our states <…> we will use this moment", "against our states […] we will use this moment"),
    ("Minsk , Moscow and Kyiv .", "Minsk, Moscow and Kyiv."),
    ("ended in Minsk . . . and then in Kyiv .", "ended in Minsk . . . and then in Kyiv."),
    ("صرح بذلك مسؤول في المملكة .", "صرح بذلك مسؤول في المملكة."),
]


@pytest.mark.parametrize("text", KEPT)
def test_kept(text):
    assert clean(text) == text


@pytest.mark.parametrize("text, expected", FIXED)
def test_fixed(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize("text", KEPT + [fixed for _, fixed in FIXED])
def test_clean_text_stays_clean(text):
    assert clean(clean(text)) == clean(text)
