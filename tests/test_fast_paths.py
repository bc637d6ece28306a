"""The fast paths give what the plain ways give, on generated text.

Each shortcut (a literal a regex needs, a set lookup of literal lines) is
held to a reference that does without it: the regex itself, run on the text.
"""

import fastjsonschema
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.budget import document_budget
from cleaner.pipeline import MAX_ROUNDS
from cleaner.changes import NO_LOG, ChangeLog, RuleCounter, explain
from cleaner.kinds import KIND_CLASSES
from cleaner.kinds.base import Spec
from cleaner.kinds.drop_line import DropLine
from cleaner.kinds import guard as guard_module
from cleaner.kinds.guard import Guard
from cleaner.kinds.replace import Replace
from cleaner.kinds.variants import Variants
from cleaner.names import WORD, VariantIndex
from cleaner import line_prefilter, line_walks
from cleaner import lines as lines_module
from cleaner import context, shapes, unicode
from cleaner import body
from cleaner.line_prefilter import Lines, Prefilter, Sieved
from cleaner.line_walks import LISTED
from cleaner.lines import LineRule, LineStage
from cleaner.literals import Gate, automaton, required, shape, starts, widest
from cleaner.rule_index import WalkRules
from cleaner.schema import SCHEMA
from cleaner.stages import InTurn
from cleaner.validation import BY_KIND_FROM, is_valid
from cleaner.whitespace import Whitespace, tidy

RULES = Cleaner().rules
REPLACE = [rule for rule in RULES if isinstance(rule, Replace)]
GUARDS = [rule.guard for rule in RULES if hasattr(rule, "guard")]
GUARD_PATTERNS = [p for guard in GUARDS for p in (guard.when, guard.when_not, *guard.unless) if p is not None]

# Pieces the generated text is made of: what the rules look for, and their examples.
PIECES = sorted(
    {
        *(
            s
            for p in [r.pattern for r in REPLACE] + GUARD_PATTERNS
            if required(p.pattern)
            for g in required(p.pattern).groups
            for s in g
        ),
        *(example.input for rule in RULES for example in rule.examples),
        *(line for rule in RULES for line in getattr(rule, "literal_lines", [])),
        " ",
        "  ",
        "\n",
        "\n\n",
        "“",
        "”",
        ",",
        ".",
        " ,",
        " .",
        "<…>",
        "Minsk",
        "Lukashenko",
        "said",
        "Mr",
    }
)
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_a_text_lacking_what_a_regex_needs_has_no_match(text):
    for pattern in [r.pattern for r in REPLACE] + GUARD_PATTERNS:
        needs = required(pattern.pattern)
        if needs is not None and needs.absent_from(text):
            assert pattern.search(text) is None, pattern.pattern


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_replace_and_guards_with_and_without_the_literal_test(text):
    for rule in REPLACE:
        assert rule.apply(text, NO_LOG) == plain_replace(rule, text), rule.id
    for guard in GUARDS:
        assert guard.admits(text) == plain_admits(guard, text)
        assert guard.protected_spans(text) == [s for p in guard.unless for s in plain_matches(p, text)]
        for pattern in [guard.when, guard.when_not, *guard.unless]:
            if pattern is not None:
                assert list(guard._matches(pattern, text)) == plain_matches(pattern, text)


# Lines a guard meets again and again: a round's text, the next round's, a site's next page.
GUARD_LINES = st.sampled_from(
    ["12:30", "12:3", "Posted 9:05 am", "Posted 9:0", "a:1", "News agency Inforos"]
) | st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=4).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(GUARD_LINES, min_size=1, max_size=6),
    st.lists(st.lists(st.integers(0, 5), max_size=6), max_size=5),
    st.sampled_from([2, guard_module.LINES_REMEMBERED]),
)
def test_a_guard_that_remembers_its_lines_answers_as_the_plain_way_text_after_text(lines, picks, limit):
    guards = [Guard(rule.spec) for rule in RULES if hasattr(rule, "guard") and rule.guard.conditional]
    assert guards
    kept, guard_module.LINES_REMEMBERED = guard_module.LINES_REMEMBERED, limit  # it starts anew often, too
    try:
        for pick in picks:
            text = "\n".join(lines[n % len(lines)] for n in pick)
            for guard in guards:
                assert guard.admits(text) == plain_admits(guard, text), text
    finally:
        guard_module.LINES_REMEMBERED = kept


def replace_rule(number, pattern, replacement):
    return Replace(Spec({"id": f"t.r{number}", "pattern": pattern, "replacement": replacement}, "t.yml", 1, {}, ()))


# Enough rules for the sieve to be made (``literals.SIEVE_MIN``), some ignoring
# case, some feeding others (Minks -> Minsk -> MINSK), some needing nothing.
SIEVED = [
    *REPLACE,
    replace_rule(0, r"\bMinks\b", "Minsk"),
    replace_rule(1, r"(?i)\bminsk\b", "MINSK"),
    replace_rule(2, r"Lukashenko(?=\W)", "Lukashenko’s"),
    replace_rule(3, r"\d+", "N"),
    *(replace_rule(10 + n, rf"(?i)said{n}", "said") for n in range(16)),
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*PIECES, "Minks", "said3", "SAID7", "Said12"]) | st.text(max_size=5), max_size=12).map(
        "".join
    )
)
def test_replace_rules_picked_by_the_sieve_change_what_all_the_rules_in_turn_change(text):
    stage = InTurn(SIEVED)
    assert stage.sieve.useful
    plain = text
    for rule in SIEVED:
        plain = rule.apply(plain, NO_LOG)
    assert stage.apply(text, NO_LOG) == plain


def plain_matches(pattern, text):
    """The spans of a guard's regex: line by line, every line searched, unless it names the line break."""
    if "\n" in pattern.pattern or regex.search(r"(?<!\\)(?:\\\\)*\\n", pattern.pattern):
        return [m.span() for m in pattern.finditer(text)]
    spans, start = [], 0
    for line in text.split("\n"):
        spans += [(start + m.start(), start + m.end()) for m in pattern.finditer(line)]
        start += len(line) + 1
    return spans


def plain_replace(rule, text):
    if not plain_admits(rule.guard, text):
        return text
    protected = [s for p in rule.guard.unless for s in plain_matches(p, text)]
    return rule.pattern.sub(
        lambda m: m.group() if any(s < m.end() and m.start() < e for s, e in protected) else m.expand(rule.replacement),
        text,
    )


def plain_admits(guard, text):
    if guard.when is not None and not plain_matches(guard.when, text):
        return False
    return guard.when_not is None or not plain_matches(guard.when_not, text)


LINE_RULES = [rule for rule in RULES if isinstance(rule, LineRule)]
# The lines of the line rules' examples: what their patterns match, and what they must not.
EXAMPLE_LINES = sorted({line for rule in LINE_RULES for example in rule.examples for line in example.input.split("\n")})


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(EXAMPLE_LINES).map(str.upper)
    | st.lists(st.sampled_from(PIECES + EXAMPLE_LINES) | st.text(max_size=8), max_size=4).map("".join)
)
def test_the_line_prefilter_passes_every_line_a_rule_matches(line):
    key = " ".join(line.split())
    if not key:
        return
    # all the rules (one union regex), and each rule alone (few patterns: its own regexes)
    for rules in [LINE_RULES, *([rule] for rule in LINE_RULES)]:
        memo = {}
        LineStage(rules).prefilter([key], memo)
        assert memo[None, key] or not any(rule.matches(key, key.casefold()) for rule in rules)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(EXAMPLE_LINES).map(str.upper)
    | st.lists(st.sampled_from([*PIECES, *EXAMPLE_LINES, "-", "–", "—", "x"]) | st.text(max_size=8), max_size=4).map(
        "".join
    )
)
def test_a_line_rule_that_skips_the_patterns_a_line_lacks_the_needs_of_matches_what_its_regexes_match(line):
    key = " ".join(line.split())
    for rule in LINE_RULES:
        plain = (key.casefold() if rule.ignore_case else key) in rule.literals or any(
            pattern.fullmatch(key) is not None for pattern in rule.patterns
        )
        assert rule.matches(key, key.casefold()) == plain, rule.id


# Rules as dump --learn writes them (a literal line each, some ignoring case) among the built-in ones.
# Lines the rules are about: their examples' lines, in capitals too, and pieces of them run together.
RULE_LINES = (
    st.sampled_from(EXAMPLE_LINES).map(str.upper)
    | st.sampled_from(EXAMPLE_LINES)
    | st.lists(st.sampled_from(PIECES + EXAMPLE_LINES) | st.text(max_size=8), max_size=4).map("".join)
)
LEARNT = [
    DropLine(Spec({"id": f"t.l{n}", "lines": [line], "ignore-case": n % 2 == 0}, "t.yml", 1, {}, ()))
    for n, line in enumerate(EXAMPLE_LINES[:200:3])
]
WALK_RULES = [rule for rule in LINE_RULES if isinstance(rule, DropLine)] + LEARNT


@settings(max_examples=300, deadline=None)
@given(RULE_LINES)
def test_a_walk_tries_a_line_on_its_candidates_and_finds_every_rule_that_matches_it_in_order(line):
    key = " ".join(line.split())
    builtin = WALK_RULES[: -len(LEARNT)]
    # a site's walk (the built-in rules shared) is told whether any of those could match: here, whether one does
    shared_could = any(rule.matches(key, key.casefold()) for rule in builtin)
    for rules, shared in ((WALK_RULES, ()), (LEARNT, ()), (WALK_RULES[::-1], ()), (WALK_RULES, builtin)):
        plain = [rule for rule in rules if rule.matches(key, key.casefold())]
        could = WalkRules(rules, shared).candidates(key, shared_could or not shared)
        assert [rule for rule in could if rule.matches(key, key.casefold())] == plain


def test_a_sites_walk_made_on_the_shared_walks_tables_is_the_walk_made_afresh():
    builtin = WALK_RULES[: -len(LEARNT)]
    base = WalkRules(builtin)
    tables = {key: list(positions) for key, positions in base.folded.items()}, dict(base.exact)
    keys = {literal for rule in WALK_RULES for literal in rule.literal_lines} | {"Sport", "HOME", "home"}
    for rules in (WALK_RULES, builtin, WALK_RULES[::-1], LEARNT):
        made, afresh = WalkRules(rules, builtin, base), WalkRules(rules, builtin)
        assert (made.patterned, made.own_patterned) == (afresh.patterned, afresh.own_patterned)
        for key in keys:
            for shared_could in (True, False):
                assert made.candidates(key, shared_could) == afresh.candidates(key, shared_could)
    assert (base.folded, base.exact) == tables  # the shared walk's tables are left as they were


def test_the_prefilter_folds_case_as_the_rules_do():
    # Full case folding (straße = STRASSE), which the rules do not use, let chrome.photo-credit's
    # pattern backtrack for a second on a line of run-together German words (the time limit then
    # failed a real page on a busy machine).
    rules = [
        DropLine(Spec({"id": f"t.f{n}", "patterns": [f"straße {n}"], "ignore-case": True}, "t.yml", 1, {}, ()))
        for n in range(6)
    ]
    memo: dict = {}
    LineStage(rules).prefilter(["STRASSE 1", "STRAßE 1"], memo)
    assert (memo[None, "STRASSE 1"], memo[None, "STRAßE 1"]) == (False, True)
    assert not rules[1].matches("STRASSE 1", "STRASSE 1".casefold())


SIEVED_UNION = next(union for _, union in Prefilter(LINE_RULES).unions if isinstance(union, Sieved))


@settings(max_examples=300, deadline=None)
@given(st.lists(RULE_LINES, max_size=8))
def test_the_sieved_union_says_what_the_whole_union_says_of_each_line_of_a_document(document):
    keys = list(dict.fromkeys(" ".join(line.split()) for line in document))
    tries = SIEVED_UNION.tries(Lines(keys))
    for position, key in enumerate(keys):
        expected = SIEVED_UNION.union.fullmatch(key) is not None
        assert any(pattern.fullmatch(key) is not None for pattern in tries.get(position, [])) == expected


def plain_prefilter(prefilter, key):
    """Whether any of a ``Prefilter``'s rules could match ``key``, asked of it alone: a
    literal line, or a match of one of its regexes (a gated one only if its gate admits)."""
    if key in prefilter.exact or key.casefold() in prefilter.folded or prefilter.gave_up:
        return True
    return any(
        (union.union if isinstance(union, Sieved) else union).fullmatch(key) is not None
        for gate, union in prefilter.unions
        if gate is None or gate.admits(key)
    )


# a union; a rule's own gated regexes (few patterns); literal lines only
SCREENING = [LineStage(rules) for rules in (LINE_RULES, LINE_RULES[:3], LEARNT)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(RULE_LINES | st.sampled_from(["", "-", "ap", "a\u00dfe", "STRASSE", "Share\n- x", "\x01"]), max_size=12)
)
def test_a_documents_lines_screened_together_are_each_line_screened_alone(document):
    keys = shapes.line_keys(document)  # (a key given by the API may hold a newline: not joined by one)
    for stage in SCREENING:
        memo: dict = {}
        stage.prefilter(set(keys), memo)
        for key in filter(None, keys):
            assert bool(memo[None, key]) == plain_prefilter(stage.filters[0], key), key  # (or LISTED: below)


# Pieces of patterns, each with strings it may match (most do, some only ignoring case, some not):
# runs of classes and literals, repeats, lookarounds bounding a line's length, groups ignoring case.
PATTERN_PIECES = {
    r"\d": ["1", "2"],
    ":": [":"],
    "-": ["-", ":"],
    "T": ["T", "t"],
    "[ap]": ["a", "p", "A"],
    r"\d{1,2}": ["1", "12"],
    r"\d\d": ["12"],
    r"[\d:]{2}": ["1:", "::"],
    r"\s?": ["", " ", "\n"],
    r"\S": ["x", ":"],
    "[^x]": ["a", "x"],
    r"\.?": ["", ".", "x"],
    "m": ["m", "M"],
    "(?i:t)": ["t", "T"],
    "(?i:[a-c]x)": ["bx", "BX"],
    "(?:ab)?": ["", "ab"],
    "(?:a|b)": ["a", "b"],
    ".*": ["", "x1:", "a\n"],
    r"\b": [""],
    "(?=.{0,6}$)": [""],
    "(?=.{0,3}$)": [""],
    "(?=.{0,2}$)[^x]*": ["ab\n", "a"],
    "x{3}": ["xxx"],
    "(?!1:2)": [""],
    r"(?=.{0,6}\Z)": [""],
    r"(?=.*\d:)": [""],
    "(?<=a)": [""],
    "(?!x)": [""],
    "x+": ["x", "xxx"],
    "a{2,3}": ["aa", "aaa"],
}


@st.composite
def patterns_and_lines(draw):
    pieces = draw(st.lists(st.sampled_from(sorted(PATTERN_PIECES)), min_size=1, max_size=8))
    return "".join(pieces), "".join(draw(st.sampled_from(PATTERN_PIECES[piece])) for piece in pieces)


@settings(max_examples=500, deadline=None)
@given(patterns_and_lines())
def test_a_line_a_pattern_matches_whole_holds_its_shape_and_is_no_wider_than_its_widest(pattern_and_line):
    source, line = pattern_and_line
    for flags in (0, regex.IGNORECASE):
        if regex.fullmatch(source, line, flags) is None:
            continue
        found, most = shape(source, flags), widest(source)
        assert found is None or found.search(line) is not None, (source, line)
        assert most is None or len(line) <= most, (source, line)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("1:2-ab x\t\n"), max_size=6), min_size=1, max_size=8),
    st.sampled_from([r"\d:\d\d", r"\s\d-", r"a\sb", r"[^x]:[^x]\S", r"\d\s?:\d{2}"]),
)
def test_the_lines_a_shape_is_searched_in_together_are_those_it_is_found_in_alone(keys, source):
    found = shape(source)
    assert set(Lines(keys).holding(found)) >= {at for at, key in enumerate(keys) if found.search(key)}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("ab |©(c)/\n"), max_size=6), min_size=1, max_size=8),
    st.lists(st.sampled_from([" | ", "©", "(c)", "/ ", "b", "a\nb", "bb"]), min_size=1, max_size=3, unique=True),
)
def test_a_few_strings_searched_with_str_find_are_found_where_the_automaton_finds_them(keys, strings):
    lines = Lines(keys)
    # never found, the padding makes the automaton too big for str.find: the plain way
    padded = [*strings, *(f"\x00{n}" for n in range(line_prefilter.FEW_STRINGS))]
    few, many = (automaton({s: s for s in some}) for some in (strings, padded))
    as_sets = [{line: sorted(values) for line, values in lines.found(a, False).items()} for a in (few, many)]
    assert as_sets[0] == as_sets[1]
    gates = [Gate([required(regex.escape(s)) for s in some]) for some in (strings, padded)]
    assert lines.admitted(gates[0]) == lines.admitted(gates[1])


def test_the_time_rules_have_shapes_rarer_than_their_literals():
    stamp, machine = (
        next(r for r in LINE_RULES if r.id == name) for name in ("chrome.time-stamp", "chrome.machine-time")
    )
    assert shape(stamp.pattern_sources[0], regex.IGNORECASE).search("Posted: 2:51 PM")
    assert not shape(stamp.pattern_sources[0], regex.IGNORECASE).search("Posted: 2 PM, 3:5")
    assert widest(stamp.pattern_sources[0]) == 81
    assert shape(machine.pattern_sources[0]).search("2009-04-06T16:20:28-07:00")
    assert not shape(machine.pattern_sources[0]).search("2009-04-06 16:20:28")


def test_patterns_read_otherwise_by_the_standard_parser_give_no_literal():
    for source in (r"(?:Minsk){e<=1}", r"[[:alpha:]]x", r"(?i:Minsk)", r"\mMinsk", r"(?|a)b"):
        needs = required(source)
        assert needs is None, source
    assert required(r"Minsk", regex.IGNORECASE) == required(r"(?i)MINSK") == ((("minsk",),), True)
    # a class opening with a colon is no POSIX class: its characters are one requirement
    assert required(r"[:©] Minsk").groups == ((" Minsk",), (":", "©"))


VARIANTS = [
    *(rule for rule in RULES if isinstance(rule, Variants)),
    Variants(
        Spec(
            {"id": "t.v", "canonical": "Straße", "variants": ["STRASSE", "Strasze Nord"], "ignore-case": True},
            "t.yml",
            1,
            {},
            (),
        )
    ),
]
FIRST_WORDS = sorted({word for rule in VARIANTS for _, word in rule.first_words})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*FIRST_WORDS, *(w.upper() for w in FIRST_WORDS), "straße", "x", " ", "-", "é"])
        | st.text(max_size=4),
        max_size=8,
    ).map("".join)
)
def test_the_first_words_found_through_the_automaton_are_the_words_of_the_text_indexed(text):
    index = VariantIndex(VARIANTS)
    plain = index.exact.keys() & set(WORD.findall(text)) | index.folded.keys() & set(WORD.findall(text.casefold()))
    assert index._first_words_in(text) == plain


BUILT_IN_VARIANTS = [rule for rule in RULES if isinstance(rule, Variants)]
VARIANT_PIECES = sorted({v for rule in BUILT_IN_VARIANTS for v in rule.variants} | {"Minsk", "Lavrov"})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*VARIANT_PIECES, " ", "-", "_", "1", "\u0301", "é", "’s", "\n"]) | st.text(max_size=3),
        max_size=10,
    ).map("".join)
)
def test_variants_found_by_the_automaton_are_those_the_word_scan_finds(text):
    fast, plain = VariantIndex(BUILT_IN_VARIANTS), VariantIndex(BUILT_IN_VARIANTS)
    plain.exact_sieve = None  # the words of the text listed and intersected, then scanned for by a regex
    assert fast.exact_sieve is not None and not fast.folded
    fast_log, plain_log = ChangeLog(), ChangeLog()
    assert fast.apply(text, fast_log) == plain.apply(text, plain_log)
    assert fast_log.changes == plain_log.changes


# Rule files: the built-in rules as they are, with a key changed or added, and made-up ones.
VALUES = st.sampled_from(
    [
        "drop-line",
        "replace",
        "variants",
        "drop-tail",
        "drop-block",
        "drop-run",
        "nope",
        "a.b",
        "Bad Id",
        "x",
        "",
        "head",
        "(",
        "a/b",
    ]
) | st.sampled_from(
    [-1, 0, 3, True, None, ["x"], ["inforos.ru", "a b"], {"input": "x"}, [{"input": "x", "output": "y"}]]
)
KEYS = sorted(
    {key for rule in RULES for key in rule.spec.data}
    | set(SCHEMA["properties"]["rules"]["items"]["properties"])
    | {"patern"}
)
BUILT_IN_DATA = [rule.spec.data for rule in RULES]
RULE_DATA = (
    st.sampled_from(BUILT_IN_DATA)
    | st.builds(
        lambda data, key, value: {**data, key: value}, st.sampled_from(BUILT_IN_DATA), st.sampled_from(KEYS), VALUES
    )
    | st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6)
    | VALUES
)
FULL_SCHEMA_IS_VALID = fastjsonschema.compile(SCHEMA)


@settings(max_examples=500, deadline=None)
@given(
    st.fixed_dictionaries({"rules": st.lists(RULE_DATA, max_size=3)}, optional={"description": VALUES, "other": VALUES})
    | VALUES
)
def test_each_rule_checked_against_its_kind_alone_is_the_whole_schema_checked(data):
    many = {**data, "rules": data["rules"] * BY_KIND_FROM} if isinstance(data, dict) and "rules" in data else data
    try:
        FULL_SCHEMA_IS_VALID(data)
    except fastjsonschema.JsonSchemaException:
        assert not is_valid(data) and not is_valid(many)
    else:
        assert is_valid(data) and is_valid(many)


SITES = sorted({site for rule in RULES for site in rule.sites}) + ["example.org"]


def test_a_site_never_takes_what_the_stage_every_document_meets_remembers():
    own = [  # lines of the site's own that no built-in rule drops: a literal one, and one a pattern matches
        DropLine(Spec({"id": "t.s0", "sites": ["example.org"], "lines": ["Example Weekly"]}, "t.yml", 1, {}, ())),
        DropLine(Spec({"id": "t.s1", "sites": ["example.org"], "patterns": [r"Example \d+"]}, "t.yml", 1, {}, ())),
    ]
    cleaner = Cleaner(rules=RULES + own)
    for text in ("Title\nExample Weekly\nBody.", "Title\nExample 42\nBody."):
        for site in (None, "example.org", None):  # its lines seen first in a document of no site
            assert cleaner.clean(text, site) == Cleaner(rules=RULES + own).clean(text, site)
    assert cleaner.clean("Title\nExample 42\nBody.", "example.org") == "Title\nBody."


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(EXAMPLE_LINES + PIECES), max_size=6).map("\n".join),
            st.none() | st.sampled_from(SITES),
        ),
        max_size=6,
    )
)
def test_what_the_line_stage_remembers_across_documents_changes_no_output(documents):
    remembering = Cleaner(rules=RULES)
    limits = lines_module.MEMO_LIMIT, context.KNOWN_LINES
    lines_module.MEMO_LIMIT = context.KNOWN_LINES = 3  # they start again often, too
    try:
        for text, site in documents:  # against a Cleaner that has seen no other document
            assert remembering.clean(text, site) == Cleaner(rules=RULES).clean(text, site)
    finally:
        lines_module.MEMO_LIMIT, context.KNOWN_LINES = limits


# Whole-page text: menu items and headlines (link-like), an article's sentences, chrome the rules know.
PAGE_LINES = st.sampled_from(
    [
        *"Home World Politics Business Markets Technology Science Health Sport Culture Travel Opinion".split(),
        "Storm Leaves Thousands Without Power",
        "City Council Approves New Budget",
        "► March 2021",
        "The ministers met on Monday and agreed to meet again in the spring, officials said.",
        "Both delegations described the talks as difficult but useful.",
        "",
        *EXAMPLE_LINES[:6],
    ]
)


CONTEXT_RULE = next(rule for rule in LINE_RULES if rule.kind == "drop-context")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(PAGE_LINES, min_size=30, max_size=120), min_size=1, max_size=5), st.sampled_from([20, 2**14]))
def test_the_shapes_of_a_page_remembered_are_those_judged_afresh(pages, limit):
    known = context.KnownShapes()
    kept, context.KNOWN_LINES = context.KNOWN_LINES, limit
    try:
        for lines in pages:  # a document's passes (fewer lines each), or other pages
            keys = shapes.line_keys(lines)
            assert context.whole_page_shapes(keys, CONTEXT_RULE, known) == context.whole_page_shapes(keys, CONTEXT_RULE)
    finally:
        context.KNOWN_LINES = kept


# Lines of an article too: long sentences, which no page's share of link-like lines counts.
OTHER_LINES = st.sampled_from(EXAMPLE_LINES + PIECES) | st.text(min_size=60, max_size=90)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(PAGE_LINES, min_size=45, max_size=120), st.lists(st.tuples(st.integers(0, 120), OTHER_LINES), max_size=60)
)
def test_a_page_judged_until_too_few_lines_are_left_is_judged_as_with_every_line(page, others):
    lines = list(page)
    for at, line in others:  # an article's lines among the page's
        lines.insert(at, line)
    keys = shapes.line_keys(lines)
    assert context.whole_page_shapes(keys, CONTEXT_RULE) == plain_whole_page_shapes(keys, CONTEXT_RULE)


def plain_whole_page_shapes(keys, rule):
    """Every line judged, then counted."""
    lines = [line for line in keys if line]
    if len(lines) < rule.page_lines:
        return None
    link = {line: context._link_like(line, rule) for line in lines}
    if sum(link[line] for line in lines) < max(rule.page_lines, rule.part_page_share * len(lines)):
        return None
    return {line: (link[line], shapes.is_prose(line)) for line in lines}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(PAGE_LINES, min_size=70, max_size=120).map("\n".join), min_size=1, max_size=4))
def test_the_shapes_remembered_across_passes_and_pages_change_no_output(pages):
    remembering = Cleaner(rules=RULES)
    limits = lines_module.MEMO_LIMIT, context.KNOWN_LINES
    lines_module.MEMO_LIMIT = context.KNOWN_LINES = 20  # they start again, between pages and within one
    try:
        for text in pages:  # against a Cleaner that has seen no other page
            assert remembering.clean(text) == Cleaner(rules=RULES).clean(text)
    finally:
        lines_module.MEMO_LIMIT, context.KNOWN_LINES = limits


REPAIR_PIECES = st.sampled_from(["café", "Сообщите", "cafÃ©", "â€™", "\u00a0", "\u00ad", "  ", "„Zitat“", "\n", " a "])


@settings(max_examples=300, deadline=None)
@given(st.lists(REPAIR_PIECES | st.text(max_size=4), max_size=16).map("".join))
def test_lines_remembered_as_untouched_repair_and_log_as_when_repaired(text):
    """The second repair of a text meets its untouched lines in the set the first filled."""
    unicode._remembered = unicode.LineSet()
    logs = [ChangeLog(), ChangeLog()]
    first = unicode.repair(text, logs[0])
    assert unicode.repair(text, logs[1]) == first
    assert logs[0].changes == logs[1].changes
    for line in unicode._remembered.lines:
        assert unicode.repair(line, NO_LOG) == line


REPAIR_LINES = st.lists(REPAIR_PIECES | st.text(max_size=4), max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(REPAIR_LINES, max_size=8).map("\n".join), st.data())
def test_a_text_made_of_lines_the_last_repair_left_is_repaired_as_the_plain_repair_repairs_it(text, data):
    """The stage's next round over a document repairs only lines its last
    repair did not leave as they were (``unicode.Left``): the text and every
    change logged, at its line, are those of repairing it all."""
    repaired = unicode.repair(text, NO_LOG)
    pieces = text.split("\n") + repaired.split("\n") + ["", "café  ", "cafÃ©", "a\u00a0b", "x\r"]
    stage = unicode.UnicodeRepair()
    with document_budget(10.0):
        stage.apply(text, NO_LOG)
        for _ in range(2):
            again = "\n".join(data.draw(st.lists(st.sampled_from(pieces), max_size=10)))
            logs = [ChangeLog(), ChangeLog()]
            assert stage.apply(again, logs[0]) == unicode.repair(again, logs[1])
            assert logs[0].changes == logs[1].changes


class PlainRepair:
    """The Unicode stage repairing every text whole."""

    def apply(self, text, log):
        return unicode.repair(text, log)


def every_round_repairing_all(cleaner, text):
    """``Cleaner.clean_with_counts`` and ``Cleaner.explain`` (the pipeline's loop)
    with each Unicode stage repairing the whole text in every round."""

    def stages(text):
        return [PlainRepair() if isinstance(s, unicode.UnicodeRepair) else s for s in cleaner.stages_for(text)]

    counter, given = RuleCounter(), text
    with document_budget(cleaner.timeout):
        for _ in range(MAX_ROUNDS):
            before = text
            for stage in stages(text):
                text = stage.apply(text, counter)
            if text == before:
                break
    with document_budget(cleaner.timeout):
        return (text, counter.counts), explain(stages, given, MAX_ROUNDS)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | REPAIR_PIECES | st.text(max_size=5), max_size=14).map("".join))
def test_rounds_that_repair_only_the_lines_the_last_repair_did_not_leave_clean_as_rounds_repairing_all(text):
    cleaner = Cleaner(rules=RULES)
    assert (cleaner.clean_with_counts(text), cleaner.explain(text)) == every_round_repairing_all(cleaner, text)


# What stands beside a repeated character or a lookahead joins the literal run before it.
ADJACENT = [
    r"[ ]+(?=,|\.)",
    r"ab+c",
    r"x(?<=ax)",
    r"a{2,}(?=bc|d)",
    r"(?<=q)z+(?=y)",
    r",(?=[ ]?“(?:ab)?c)",
    r"a(?=b?c|d)",
    r"(?i)Ab+(?=C)",
    r"x(?=(?:ab|c)d)",
]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdqxyz ,.“AC", max_size=14))
def test_a_text_lacking_what_is_adjacent_has_no_match(text):
    for source in ADJACENT:
        needs = required(source)
        if needs is not None and needs.absent_from(text):
            assert regex.search(source, text) is None, (source, needs)


# Matches starting in several ways: optional groups and characters, repeats, lookarounds, anchors.
STARTING = [
    r"[-–]+",
    r"(?:ab)?c",
    r"(?:a|bc)+d?",
    r"\bq?(?=x)x",
    r"(?<=a)b",
    r"(?!ab)a*c",
    r"(?i)(?:Ab|c)\s*d",
    r"x{0,3}(?:y|z){2}",
    r"(?:[-•] )?abc",
    r"(?:ab){1,3}c?",
    r"(?i)(?:a|bc )?\d{1,2} of \d",
    r"(?<=a)b{0,4}(?=c)",
]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdqxyz -–•AC10f", max_size=12))
def test_a_text_a_regex_matches_starts_as_its_matches_do_and_is_no_wider(text):
    for source in STARTING:
        first, most = starts(source), widest(source)
        if first is not None and regex.match(source, text) is not None:
            assert (text.casefold() if first.folded else text).startswith(first.groups[0]), (source, first)
        if most is not None and regex.fullmatch(source, text) is not None:
            assert len(text) <= most, (source, most)


TIDY_PIECES = st.sampled_from(["\n", "\n\n", " ", "  ", "\t", "\u3000", "\r", "Title", "Results", "He said so, twice."])


@settings(max_examples=500, deadline=None)
@given(st.lists(TIDY_PIECES | st.text(max_size=3), max_size=16).map("".join))
def test_a_text_tidied_is_tidied_again_unchanged_and_the_stage_remembering_it_tidies_as_tidy(text):
    once = tidy(text, NO_LOG)
    log = ChangeLog()
    assert tidy(once, log) == once and (not log.changes or once == "")
    stage = Whitespace()
    for given_text in (text, once, once, text):
        logs = [ChangeLog(), ChangeLog()]
        assert stage.apply(given_text, logs[0]) == tidy(given_text, logs[1])
        assert logs[0].changes == logs[1].changes


SHAPE_PIECES = st.sampled_from(
    [
        "Related Articles",
        "► May 2021",
        "said.",
        " the ",
        "Ω",
        "北",
        ": ",
        "12",
        "Ab",
        "x" * 40,
        "\n",
        "”",
        ",",
        "a b c d e",
        "'",
        "-",
        "„",
        "← ",
    ]
)


def test_a_line_the_str_test_turns_away_could_not_start_a_link():
    """NO_LINK_START spares LINK_START's call; a link opening it accepts (a
    quote, a hyphen, an arrow before the capital) must not be turned away: a
    merge once left "'American Idol' Finale …" unjudged that way."""
    for first in map(chr, range(0x21, 0x7F)):
        for rest in ("A", "Ab", " Ab", "'Ab", "-Ab"):
            if shapes.LINK_START.match(first + rest) is not None:
                assert first not in shapes.NO_LINK_START, first + rest


@settings(max_examples=300, deadline=None)
@given(st.lists(SHAPE_PIECES | st.text(max_size=3), max_size=8).map("".join), st.sampled_from([30, 100, 200]))
def test_remembered_shapes_are_the_shapes(line, max_length):
    plain_prose = len(line) > shapes.MAX_CHROME_LENGTH or (
        len(line.split()) >= shapes.MIN_SENTENCE_WORDS and shapes.SENTENCE.match(line) is not None
    )
    plain_link = (
        len(line) <= max_length
        and shapes.LINK_START.match(line) is not None
        and shapes.SENTENCE_END.search(line) is None
        and not plain_prose
        and shapes.CASELESS_LETTER.search(line) is None
        and len(shapes.DIGIT.findall(line)) <= shapes.MAX_LINK_DIGITS
    )
    for _ in range(2):  # asked, then remembered
        assert shapes.is_prose(line) == plain_prose
        assert shapes.is_link_like(line, max_length) == plain_link
    plain_menu_item = (
        len(line) <= shapes.MAX_MENU_ITEM_LENGTH
        and len(line.split()) <= 3
        and shapes.UPPER_FIRST.match(line) is not None
        and sum(not shapes.UPPER_FIRST.match(word) for word in line.split()) <= 1
        and shapes.DIGIT.search(line) is None
        and shapes.SENTENCE_END.search(line) is None
    )
    assert shapes.is_menu_item(line, 3) == plain_menu_item


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from('aA1 .,;:!”»"\n\r北ǅ…'), max_size=12))
def test_a_lines_end_read_in_str_is_what_the_sentence_patterns_say(line):
    assert shapes._sentence(line) == (shapes.SENTENCE.match(line) is not None)
    assert shapes._ends_clause(line) == (shapes.SENTENCE_END.search(line) is not None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["  ", " ", "|", "\t", "\u00a0", "Home", "a b"]) | st.text(max_size=3)).map("".join)
    )
)
def test_a_documents_line_keys_are_each_lines_key(lines):
    assert shapes.line_keys(lines) == [shapes.line_key(line) for line in lines]


STAGE = LineStage(LINE_RULES)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(EXAMPLE_LINES + PIECES) | st.text(max_size=6), max_size=40))
def test_walks_asking_only_the_lines_some_rule_could_match_drop_what_walks_asking_every_line_drop(lines):
    keys = shapes.line_keys(lines)
    memo: dict = {}
    STAGE.prefilter(set(keys), memo)
    could = [index for index, key in enumerate(keys) if key and memo[None, key]]
    every = [index for index, key in enumerate(keys) if key]  # the plain walk: every line is asked
    results = []
    for asked in (could, every):
        dropped_by: dict = {}
        line_walks.drop_from_edge(keys, range(len(keys)), STAGE.top_down, dropped_by, memo, None, asked)
        line_walks.drop_from_edge(keys, range(len(keys) - 1, -1, -1), STAGE.bottom_up, dropped_by, memo, None, asked)
        for rule in STAGE.blocks:
            line_walks.drop_blocks(keys, dropped_by, rule, memo, None, asked)
        results.append(dropped_by)
    assert results[0] == results[1]


def windowed_rule(number, where, within):
    return DropLine(Spec({"id": f"t.w{number}", "lines": ["x"], "where": where, "within": within}, "t.yml", 1, {}, ()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["head", "tail", "anywhere"]), st.integers(1, 8)), max_size=12))
def test_a_walks_rules_left_at_each_count_are_those_the_walk_sifted_line_by_line(wheres):
    rules = [windowed_rule(number, where, within) for number, (where, within) in enumerate(wheres)]
    for walk in (WalkRules(rules), WalkRules(WALK_RULES + rules)):
        assert walk.widest == max((rule.within for rule in walk.rules if rule.windowed), default=0)
        sifted = read = walk.all
        for kept in range(1, walk.widest + 1):
            sifted = frozenset(rule for rule in sifted if not rule.windowed or kept < rule.within)  # as the walk did
            read = walk.closing.get(kept, read)  # as drop_from_edge reads the table
            assert read == sifted


def site_rules(sites):
    """A site's own line rules of each walk, on lines no built-in rule could match (scoped to ``sites``)."""
    scope = {"sites": sites} if sites else {}
    specs = [
        ("drop-line", {"lines": ["Example Weekly", "Sign up now"]}),
        ("drop-tail", {"marker": "Example comments"}),
        ("drop-block", {"lines": ["Example picks"]}),
        ("drop-records", {"lines": ["Example reader"], "min-prose-before": 1}),
    ]
    return [
        KIND_CLASSES[kind](Spec({"id": f"t.site{n}", "kind": kind, **keys, **scope}, "t.yml", 1, {}, ()))
        for n, (kind, keys) in enumerate(specs)
    ]


SITE_LINES = ["Example Weekly", "Sign up now", "Example comments", "Example picks", "Example reader"]
PROSE = [
    "The ministers met on Monday and agreed to meet again in the spring, officials said.",
    "Both delegations described the talks as difficult but useful.",
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(SITE_LINES) | st.sampled_from(PROSE) | st.sampled_from(EXAMPLE_LINES), max_size=40
        ).map("\n".join),
        max_size=4,
    )
)
def test_a_sites_stage_drops_what_one_stage_of_all_its_rules_drops(documents):
    # the site's stage asks the shared rules only about the lines the shared prefilter lets through
    scoped = Cleaner(rules=RULES + site_rules(["example.org"]))
    everywhere = Cleaner(rules=RULES + site_rules([]))
    for text in documents:  # each change, and the rule that made it
        assert scoped.explain(text, "example.org") == everywhere.explain(text, "example.org")


@settings(max_examples=200, deadline=None)
@given(st.lists(RULE_LINES, max_size=12))
def test_a_line_the_prefilter_calls_listed_is_matched_by_the_rules_listing_it_and_no_other(document):
    keys = shapes.line_keys(document)
    site = LineStage(LINE_RULES + LEARNT, shared=SCREENING[0])  # the learned lines are the site's own
    for stage in [*SCREENING, site]:
        memo: dict = {}
        stage.prefilter(set(keys), memo)
        for key in filter(None, keys):
            if memo[stage.tag, key] is LISTED:
                listing = [rule for rule in stage.rules if rule.lists(key)]
                assert listing and [rule for rule in stage.rules if rule.matches(key, key.casefold())] == listing


GUARDED = [rule for rule in LINE_RULES if rule.guard.conditional]  # chosen per document (threads.comments)


GUARDED_EXAMPLES = [example.input for rule in GUARDED for example in rule.examples]  # whole documents


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(GUARDED_EXAMPLES)
    | st.lists(st.sampled_from(SITE_LINES) | st.sampled_from(PROSE) | st.sampled_from(EXAMPLE_LINES), max_size=40).map(
        "\n".join
    )
)
def test_a_sites_stage_with_a_prefilter_for_each_group_of_its_rules_drops_what_one_prefilter_lets_it_drop(text):
    shared = LineStage([rule for rule in LINE_RULES if not rule.guard.conditional])
    site, chosen = site_rules(["example.org"]), GUARDED
    rules = sorted([*shared.rules, *site, *chosen], key=[*LINE_RULES, *site].index)
    one = LineStage(rules, shared)  # the plain way: one prefilter of all the rules the shared stage lacks
    grouped = LineStage(rules, shared, [Prefilter(site), Prefilter(chosen)])  # as pipeline.Cleaner makes them
    results = []
    for stage in (one, grouped):
        counter = RuleCounter()
        results.append((lines_module.drop_lines(text, stage, counter), counter.counts))
    assert results[0] == results[1]


def plain_heaviest(lines, evidence, gap, places):
    """The stretches of evidence lines listed, then the first with the most characters."""
    at = [i for i, is_evidence in enumerate(evidence) if is_evidence]
    stretches = [[at[0]]]
    for i in at[1:]:
        if places[i] - places[stretches[-1][-1]] - 1 <= gap:
            stretches[-1].append(i)
        else:
            stretches.append([i])
    heaviest = max(stretches, key=lambda stretch: sum(len(lines[i]) for i in stretch))
    return heaviest[0], heaviest[-1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["a", "ab", "abc", "abcdef"]), st.booleans(), st.integers(0, 3)), min_size=1),
    st.integers(0, 4),
)
def test_the_heaviest_stretch_weighed_in_one_pass_is_the_plain_ways(rows, gap):
    """Ties too: stretches of equal weight, the first wins; ``places`` with dropped lines between."""
    lines = [line for line, _, _ in rows]
    evidence = [is_evidence for _, is_evidence, _ in rows]
    evidence[len(evidence) // 2] = True  # the callers ask only with evidence
    places, total = [], 0
    for k, (_, _, dropped) in enumerate(rows):
        total += dropped
        places.append(k + total)
    for at in (range(len(lines)), places):
        assert body._heaviest(lines, evidence, gap, at) == plain_heaviest(lines, evidence, gap, at)


def plain_link_shaped(line):
    """Every test of ``shapes._link_shaped`` by its regex."""
    return (
        line[:1] not in shapes.NO_LINK_START
        and not shapes._ends_clause(line)
        and shapes.LINK_START.match(line) is not None
        and not shapes.is_prose(line)
        and shapes.CASELESS_LETTER.search(line) is None
        and len(shapes.DIGIT.findall(line)) <= shapes.MAX_LINK_DIGITS
    )


LINK_PIECES = st.sampled_from(["Home", "World News", " ", "2021", "7", "٣", "新闻", "„", "► ", "-", "a", "É", ".", ":"])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINK_PIECES | st.text(max_size=3), max_size=10).map("".join))
def test_a_line_link_shaped_by_the_ascii_ways_is_so_by_the_regexes(line):
    assert shapes._link_shaped.__wrapped__(line) == plain_link_shaped(line)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["0", "1 / 5", "13 Oct 05 | Technology", "May 2021", "12:30", "Home", "3 comments"]),
        max_size=20,
    )
)
def test_a_line_below_the_body_remembered_as_dated_or_a_count_is_so_afresh(lines):
    for line in lines:
        assert body._dated_or_count(line) == (shapes.is_dated(line) or body._count(line))
