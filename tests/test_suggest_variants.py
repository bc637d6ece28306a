"""``suggest`` proposes spellings of the same name only: never an ordinary word,
never another name; competing spellings nearly as common as the name are
proposed, marked for review.

The dump is built from sentences modelled on news text (the damaging pairs
were found by ``suggest`` on real article bodies: see issue 13); each pair
stands in the contexts it had there.
"""

import json
import random

import pytest

from cleaner import Cleaner, Config
from cleaner.suggest import suggest

# (sentence, how many documents hold it); {n} varies the number so that no line recurs.
SENTENCES = [
    ("President Alexander Lukashenko said in Minsk that Belarus would respond to sanctions {n}.", 20),
    ("Opposition leaders said President Alexander Lukashenka rigged the vote in Belarus {n}.", 8),
    ("Belarusian Foreign Minister Vladimir Makei met his Russian counterpart in Minsk {n}.", 9),
    ("Belarusian Foreign Minister Vladimir Makey met his Polish counterpart in Minsk {n}.", 3),
    ("Opposition leader Svetlana Tikhanovskaya spoke to supporters in Vilnius {n}.", 9),
    ("Opposition leader Sviatlana Tsikhanouskaya spoke to supporters in Vilnius {n}.", 4),
    ("Police said the suspect was arrested near the station {n}.", 20),
    ("The police found a car and the police closed the road {n}.", 10),
    ("Policy makers at the central bank left interest rates unchanged {n}.", 4),
    ("The new policy on interest rates and the old policy differ {n}.", 10),
    ("The United Nations Security Council voted on the resolution {n}.", 20),
    ("The National Assembly passed the budget law {n}.", 4),
    ("The national team and the national anthem were cheered {n}.", 10),
    ("The Communist Party of China held its congress in Beijing {n}.", 15),
    ("Community leaders met volunteers at the town hall {n}.", 4),
    ("The local community and the wider community welcomed the plan {n}.", 10),
    ("American troops left the base as Washington announced the withdrawal {n}.", 20),
    ("The African Union summit in Addis Ababa discussed famine relief {n}.", 5),
    ("Prime Minister David Cameron told parliament in London about the budget {n}.", 20),
    ("Britain won the Davis Cup tennis final against Belgium in Ghent {n}.", 4),
    ("Basketball star Michael Jordan signed sneakers for fans in Chicago {n}.", 20),
    ("Soviet leader Mikhail Gorbachev visited the Kremlin archives with historians {n}.", 5),
    ("Die deutsche Politik streitet über den Haushalt und die Schuldenbremse {n}.", 20),
    ("Politics in Washington is divided over the budget {n}.", 4),
    ("Students of politics and of world politics attended lectures {n}.", 10),
    ("Viele Menschen demonstrierten am Samstag gegen die Regierung {n}.", 20),
    ("Das Oktoberfest in München zieht jedes Jahr Besucher aus aller Welt an {n}.", 5),
    ("Die Inflation stieg im Oktober um zwei Prozent gegenüber dem Vorjahr {n}.", 20),
    ("Der Prozess gegen den Angeklagten beginnt am Montag vor dem Landgericht {n}.", 5),
    ("World leaders gathered in Geneva for climate talks {n}.", 20),
    ("Word spread quickly through the village after the storm {n}.", 4),
    ("He kept his word and the word was passed on {n}.", 10),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    rng = random.Random(13)
    documents = [sentence.format(n=rng.randint(1, 10**6)) for sentence, times in SENTENCES for _ in range(times)]
    rng.shuffle(documents)
    dump = tmp_path_factory.mktemp("variants") / "dump.jsonl"
    dump.write_text("".join(json.dumps({"text": text}) + "\n" for text in documents))
    suggestion = suggest([dump], Cleaner(Config(default_rules=False)))
    return suggestion, {(v.variant, v.canonical): v for v in suggestion.variants}


@pytest.mark.parametrize(
    "variant, canonical",
    [
        ("Policy", "Police"),
        ("National", "Nations"),
        ("Community", "Communist"),
        ("African", "American"),
        ("Davis", "David"),
        ("Mikhail", "Michael"),
        ("Politics", "Politik"),
        ("Word", "World"),
        ("München", "Menschen"),
        ("Prozess", "Prozent"),
    ],
)
def test_an_ordinary_word_or_another_name_is_not_proposed(found, variant, canonical):
    _, pairs = found
    assert (variant, canonical) not in pairs


@pytest.mark.parametrize(
    "variant, canonical",
    [
        ("Lukashenka", "Lukashenko"),
        ("Makey", "Makei"),
        ("Tsikhanouskaya", "Tikhanovskaya"),
    ],
)
def test_competing_spellings_are_proposed_for_review(found, variant, canonical):
    suggestion, pairs = found
    assert pairs[variant, canonical].competing
    rule = next(r for r in suggestion.draft["rules"] if r.get("canonical") == canonical)
    assert rule["description"].startswith("REVIEW: competing spelling")
    assert variant in rule["variants"]


def test_the_evidence_is_kept(found):
    _, pairs = found
    found_pair = pairs["Lukashenka", "Lukashenko"]
    assert (found_pair.count, found_pair.canonical_count, found_pair.lower_case) == (8, 20, 0)
    assert found_pair.similarity > 0.25
