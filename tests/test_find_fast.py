"""The fast reading (word patterns, no model): the same quotes and speakers as the parse on
simple news text, when it is chosen, and that it never breaks on odd input."""
from pathlib import Path

import pytest

import quotecheck.find as finder
import quotecheck.nlp
from quotecheck.find import (
    FAST_ABOVE_CHARS,
    find_quotes,
    reads_fast,
    too_dense_to_parse,
)
from quotecheck.model import Kind

BODY = "Microsoft bets $1 billion on OpenAI\n\n"     # the first line is a headline, as in news text

ARTICLE = BODY + (
    "Microsoft will invest $1 billion in OpenAI, the San Francisco artificial intelligence lab, "
    "the companies said on Monday.\n\n"
    "“We want to build artificial general intelligence that benefits everyone,” "
    "Sam Altman, OpenAI's chief executive, said in an interview.\n\n"
    "The lab was founded in 2015 as a nonprofit research company.\n\n"
    "“This is the most important partnership we have ever signed,” Altman said.\n\n"
    "“The creation of AGI will be the most important technological development in human history,” "
    "said Satya Nadella, Microsoft's CEO.\n\n"
    "Nadella said: “By bringing together OpenAI's breakthrough technology with Azure, "
    "we can democratize AI.”\n\n"
    "“Our mission is to make sure the benefits are shared by all.”\n\n"
    "“Safety has to come first in everything we ship,” said Greg Brockman, OpenAI's president.\n\n"
    "Brockman left Stripe to start the lab. “We have to get the hard parts right,” he said.\n\n"
    "The two companies did not disclose other terms of the agreement.\n\n"
    "“Nobody knows exactly how long this will take to build.”\n"
)

# (quoted words, speaker, kind, rule) of the direct quotes, in order
EXPECTED = [
    ("We want to build artificial general intelligence that benefits everyone,", "Sam Altman", "direct",
     "trailing_cue"),
    ("This is the most important partnership we have ever signed,", "Sam Altman", "direct", "trailing_cue"),
    ("The creation of AGI will be the most important technological development in human history,",
     "Satya Nadella", "direct", "trailing_cue"),
    ("By bringing together OpenAI's breakthrough technology with Azure, we can democratize AI.",
     "Satya Nadella", "direct", "leading_cue"),
    ("Our mission is to make sure the benefits are shared by all.", "Satya Nadella", "direct", "continuation"),
    ("Safety has to come first in everything we ship,", "Greg Brockman", "direct", "trailing_cue"),
    ("We have to get the hard parts right,", "Greg Brockman", "direct", "trailing_cue"),
    ("Nobody knows exactly how long this will take to build.", None, "direct", "none"),
]


def _quoted(quotes):
    return [(q.text, q.speaker, q.kind.value, q.rule) for q in quotes if q.kind is not Kind.INDIRECT]


def test_article_fast_finds_the_quotes_and_speakers():
    assert _quoted(find_quotes(ARTICLE, fast=True)) == EXPECTED


def test_article_fast_agrees_with_the_parse():
    fast = find_quotes(ARTICLE, fast=True)
    parsed = find_quotes(ARTICLE, fast=False)
    assert [(q.text, q.speaker, q.kind) for q in fast if q.kind is not Kind.INDIRECT] \
        == [(q.text, q.speaker, q.kind) for q in parsed if q.kind is not Kind.INDIRECT]


def test_article_fast_cues_and_mentions_point_at_the_words():
    quotes = [q for q in find_quotes(ARTICLE, fast=True) if q.kind is not Kind.INDIRECT]
    for q in quotes:
        assert " ".join(ARTICLE[s.start:s.end] for s in q.spans) == q.text
        if q.cue is not None:
            assert ARTICLE[q.cue.start:q.cue.end] == q.cue.text
        if q.speaker_mention is not None:
            assert ARTICLE[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text
    mentions = [q.speaker_mention.text if q.speaker_mention else None for q in quotes]
    cues = [q.cue.text if q.cue else None for q in quotes]
    assert mentions == ["Sam Altman", "Altman", "Satya Nadella", "Nadella", "Nadella", "Greg Brockman", "he", None]
    assert cues == ["said", "said", "said", "said", None, "said", "said", None]


def test_article_fast_reported_speech():
    """The lede is reported speech; no quoted sentence comes out a second time as indirect."""
    indirect = [q for q in find_quotes(ARTICLE, fast=True) if q.kind is Kind.INDIRECT]
    assert [(q.text, q.speaker, q.rule) for q in indirect] == [
        ("Microsoft will invest $1 billion in OpenAI, the San Francisco artificial intelligence lab",
         "companies", "reported_clause")]
    assert ARTICLE[indirect[0].cue.start:indirect[0].cue.end] == "said"


def test_fast_confidence_below_the_parse():
    """A word pattern is less sure than a parse: same quote, lower confidence."""
    fast = {q.text: q.confidence for q in find_quotes(ARTICLE, fast=True) if q.rule == "trailing_cue"}
    parsed = {q.text: q.confidence for q in find_quotes(ARTICLE, fast=False) if q.rule == "trailing_cue"}
    assert fast.keys() == parsed.keys() and fast
    assert all(0 < fast[t] < parsed[t] <= 1 for t in fast)


@pytest.mark.parametrize("text,expected", [
    ('“We will ship it this year,” said Sam Altman.', [("We will ship it this year,", "Sam Altman")]),
    ('Greg Brockman said: “We are ready to ship.”', [("We are ready to ship.", "Greg Brockman")]),
    ('“We are ready to ship,” according to Greg Brockman.', [("We are ready to ship,", "Greg Brockman")]),
    ('“Nobody knows where this is going next.”', [("Nobody knows where this is going next.", None)]),
    ('“We will win,” she said.', [("We will win,", None)]),              # no one for the pronoun
    ('The so-called “experts” were wrong about the deal.', []),          # a scare quote
    ('He left “without a word', []),                                     # never closed
    # a participle after a quotation introduces the next one: it names no speaker of the first
    ('Sam Altman told reporters that the plan was “a good start,” adding, “We are ready to ship.”',
     [("a good start, We are ready to ship.", "Sam Altman")]),
    # the subject of the clause a leading cue reports is no inverted subject: nobody is better
    ('A former candidate -- Greg Brockman, who lost the 2008 election -- said the president “offered no '
     'changes to his reactive strategy.”', [("offered no changes to his reactive strategy.", None)]),
    # a fragment with a cue before it: a cue further on belongs to another clause
    ('Sam Altman accused Greg Brockman of an “artful smear” while Brockman suggests the deal is dead.',
     [("artful smear", "Sam Altman")]),
    # a participle after a comma (and an adverb) speaks for the sentence's subject
    ('Sam Altman tries to turn the interruptions to his advantage, showcasing his crowds, '
     'alternately shouting “Get them out of here.”', [("Get them out of here.", "Sam Altman")]),
    # a verb no cue list names ends the sentence after a name: its subject speaks (governing_verb)
    ('“Go back to Univision,” Greg Brockman barked.', [("Go back to Univision,", "Greg Brockman")]),
    # …but not after a word that opens sentences, nor after a quotation that ends its own
    ('“Go back to Univision,” After lunch mattered.', [("Go back to Univision,", None)]),
    ('“Go back to Univision.” Greg Brockman laughed.', [("Go back to Univision.", None)]),
])
def test_fast_simple_patterns(text, expected):
    quotes = find_quotes(BODY + text, fast=True)
    assert [(q.text, q.speaker) for q in quotes if q.kind is not Kind.INDIRECT] == expected


@pytest.mark.parametrize("attribution,speaker", [
    # lower-case role words between an inverted cue and the name
    ("said former tech executive Greg Brockman", "Greg Brockman"),
    # the name after an inverted cue is its last run of capitalised words, particles and
    # initials included: not the setting after it, not the role before it
    ("said Sen. Greg Brockman during the debate", "Greg Brockman"),
    ("said OpenAI co-founder Pierre de Vos", "Pierre de Vos"),
    ("said Jock A. Finlayson of the council", "Jock A. Finlayson"),
    # a name between commas after a role; a role word with digits
    ("OpenAI’s chief of staff, Greg Brockman, told reporters", "Greg Brockman"),
    ("a NY1 representative said in a statement", "NY1 representative"),
    # a particle glued to a surname is part of the name; a prefix glued to a name is not
    ("Anwar al-Awlaki said", "Anwar al-Awlaki"),
    ("al-Awlaki said", "al-Awlaki"),
    ("anti-Trump protesters said", "protesters"),
])
def test_fast_trailing_cue_names(attribution, speaker):
    (q,) = [q for q in find_quotes(BODY + f"“We will ship it this year,” {attribution}.", fast=True)
            if q.kind is not Kind.INDIRECT]
    assert (q.text, q.speaker) == ("We will ship it this year,", speaker)


def test_pronoun_goes_to_the_nearest_speaker():
    text = BODY + ("“We will win,” said Satya Nadella.\n\n“We will ship,” said Greg Brockman.\n\n"
                   "“It took years,” he said.\n")
    assert [q.speaker for q in find_quotes(text, fast=True)] == ["Satya Nadella", "Greg Brockman", "Greg Brockman"]


def test_pronoun_goes_to_the_person_just_named():
    text = BODY + ("“We will win,” said Satya Nadella.\n\n"
                   "Greg Brockman, OpenAI's president, joined the call. “It took years,” he said.\n")
    assert [q.speaker for q in find_quotes(text, fast=True)] == ["Satya Nadella", "Greg Brockman"]


def test_name_from_prose_agrees_with_the_parse():
    text = BODY + ("Sam Altman, OpenAI's chief executive, met the board on Monday.\n\n"
                   "“We want to build something that benefits everyone,” Altman said.\n")
    fast = [(q.text, q.speaker) for q in find_quotes(text, fast=True) if q.kind is Kind.DIRECT]
    parsed = [(q.text, q.speaker) for q in find_quotes(text, fast=False) if q.kind is Kind.DIRECT]
    assert fast == parsed == [("We want to build something that benefits everyone,", "Sam Altman")]


# --- when the fast reading is chosen -------------------------------------------------------------

def test_default_on_short_text_is_the_parse():
    assert len(ARTICLE) <= FAST_ABOVE_CHARS and not reads_fast(ARTICLE)
    default = find_quotes(ARTICLE)
    assert default == find_quotes(ARTICLE, fast=False)
    assert default != find_quotes(ARTICLE, fast=True)      # the two readings are told apart


NEWS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "train.jsonl"


@pytest.mark.parametrize("unit", ["He said it. ", "“a” said ", "“a” ", "“Yes,” he said. “No,” said she. ",
                                  "“He said it was fine, "])
def test_a_text_denser_than_news_is_read_fast_below_the_size_limit(unit):
    # each of these took the parsed reading 8 to 48 s at 500 KB; read fast, a fraction of a second
    text = unit * (250_000 // len(unit))
    assert len(text) <= FAST_ABOVE_CHARS and too_dense_to_parse(text) and reads_fast(text)
    assert not reads_fast(text, fast=False)               # --full still parses it


def test_news_is_parsed_up_to_a_quarter_of_a_megabyte():
    if not NEWS.exists():
        pytest.skip("../shared/eval/polnear is not here")
    import json
    with NEWS.open(encoding="utf-8") as fh:
        news = "\n\n".join(json.loads(line)["text"] for line in fh)
    assert not reads_fast(news[:200_000]) and not reads_fast(ARTICLE)
    assert reads_fast(news[:300_000])                     # a long report: about 60,000 words and marks


def test_reads_fast_threshold():
    assert 100_000 <= FAST_ABOVE_CHARS <= 2_000_000     # an article is parsed, a book is not
    assert not reads_fast("x" * FAST_ABOVE_CHARS)
    assert reads_fast("x" * (FAST_ABOVE_CHARS + 1))
    assert reads_fast("x", fast=True) and not reads_fast("x" * (FAST_ABOVE_CHARS + 1), fast=False)


@pytest.fixture
def parsed_texts(monkeypatch):
    """The texts handed to the parser, recorded."""
    seen = []
    real = finder.parse_many

    def spy(texts, jobs, *args, **kwargs):
        seen.extend(texts)
        return real(texts, jobs, *args, **kwargs)
    monkeypatch.setattr(finder, "parse_many", spy)
    return seen


def test_text_just_over_the_limit_is_read_fast(monkeypatch, parsed_texts):
    text = ARTICLE
    fast = find_quotes(text, fast=True)
    parsed_texts.clear()
    monkeypatch.setattr(finder, "FAST_ABOVE_CHARS", len(text) - 1)
    assert finder.reads_fast(text)
    assert find_quotes(text) == fast
    assert parsed_texts == []


def test_text_at_the_limit_is_parsed(monkeypatch, parsed_texts):
    text = ARTICLE
    parsed = find_quotes(text, fast=False)
    parsed_texts.clear()
    monkeypatch.setattr(finder, "FAST_ABOVE_CHARS", len(text))
    assert not finder.reads_fast(text)
    assert find_quotes(text) == parsed
    assert parsed_texts == [text]


def test_fast_never_calls_the_parser_with_text(monkeypatch, parsed_texts):
    find_quotes(ARTICLE, fast=True)
    finder.find_quotes_many([ARTICLE, BODY + '“Yes, we will,” said Sam Altman.'], fast=True)
    assert parsed_texts == []


def test_fast_never_loads_the_model(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the spaCy pipeline was loaded in fast mode")
    monkeypatch.setattr(quotecheck.nlp, "load", refuse)
    monkeypatch.setattr(finder.parse, "pipeline", refuse)
    find_quotes(ARTICLE, fast=True)


# --- odd input never breaks the fast reading -----------------------------------------------------

TRICKY = [
    "",
    "   \n\n \n",
    '"',
    '""',
    "“”",
    "''",
    '"' * 101,
    "“" * 50 + "”" * 49,
    'He said "we will win and left.\n\nShe said “never.',                 # unclosed marks
    '“We will win,\n\n“and we will keep winning,” said Sam Altman.',         # a quote running on
    '“He told me ‘we will “never” go’ and left,” said Satya Nadella.',       # nested marks
    '“‘“‘deep’”’,” he said. ”backwards“ said Smith.',
    "\n\n\n\nText.\n\n\n\n“We will win,” Smith said.\n\n\n\n",               # empty paragraphs
    "Line one.\r\n\r\n\"We will win,\" Smith said.\r\n",                       # CRLF
    "“We 🚀 will win 🎉 again,” said Sam Altman 😀. 👍🏽 Altman said he 🙃 was sure of it.",
    "👩‍👩‍👧‍👦" * 30 + "“" + "🎉" * 40 + "”, said Ann Lee.",
    'قال الرئيس "سنفوز في الانتخابات" أمس. “שלום עולם, we said it,” said Dana Cohen.',
    "\u202e“We will win,” said Smith.\u202c ‏“ועוד,” אמר.",                     # bidi controls
    "e\u0301\u0301 said “ca\u0300fe\u0301 au lait is good.” Smith said the plan was dead.",
    "According to, said. Said, according to. , , said , ,",
    "He said that. She said. They said: “”. We said “ ”. It said “.”",
    "Sen. Mr. Dr. said. U.S. said the plan. (R-Ky.) said, said, said the plan was dead.",
    "\x00“We\x00 will win,” said Smith.\x0b\x0c\u2028\u2029“Again we win,” she said.",
    "said " * 200 + ".",
    "“" + "word " * 500 + "” said Smith. " + "Smith said the plan was dead, " * 40,
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_on_odd_input(text):
    for doc in (text, BODY + text):
        quotes = find_quotes(doc, fast=True)
        for q in quotes:
            assert q.spans, q
            for s in q.spans:
                assert 0 <= s.start < s.end <= len(doc), (q, s)
            assert q.start <= q.end
            if q.kind is not Kind.INDIRECT:
                assert " ".join(doc[s.start:s.end] for s in q.spans) == q.text
            if q.cue is not None:
                assert doc[q.cue.start:q.cue.end] == q.cue.text
            if q.speaker_mention is not None:
                assert doc[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text
            assert 0 <= q.confidence <= 1
        assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_fast_reading_of_the_example_draft_names_the_speakers_the_parse_names():
    """Roles stay out of the name (`Microsoft CEO Satya Nadella` → Satya Nadella, role kept)."""
    from pathlib import Path
    text = (Path(__file__).resolve().parents[1] / "examples" / "draft-openai.md").read_text(encoding="utf-8")
    direct = lambda quotes: [(q.text, q.speaker) for q in quotes if q.kind is not Kind.INDIRECT]
    fast, parsed = find_quotes(text, fast=True), find_quotes(text, fast=False)
    assert direct(fast) == direct(parsed)
    assert any(q.role and "CEO" in q.role for q in fast if q.speaker == "Satya Nadella")


# Sentences whose subject the word patterns must find past what stands in front of it: the
# quotation's speaker, and (negatives) the name the patterns once took instead.
SUBJECTS = [
    # a capitalised cue word inside a name is no cue: States, Post, State
    ('Rubio said the United States “must increase our efforts at home and abroad.”', "Rubio", "United"),
    ('Trump told the Washington Post, “I like Paul, but these are horrible times.”', "Trump", "Washington"),
    # a dateline is not the sentence's subject
    ('WASHINGTON (AP) — Clinton has taken a swipe at her rival, saying that “bombastic comments” '
     'do more harm than good.', "Clinton", "WASHINGTON"),
    # an opening phrase before the subject
    ('In an incendiary press conference, Trump launched an attack on Obama, calling him '
     '“the most ignorant president in our history.”', "Trump", "conference"),
    ('Speaking to reporters, Kasich attacked the front-runner, calling him “a con man who will say '
     'anything.”', "Kasich", "Speaking"),
    ('In July, Sammy Aaron, vice chairman of the company, told Forbes that Trump is “very involved '
     'on a weekly basis.”', "Sammy Aaron", "July"),
    ('Weighing in on the discussion, former Arkansas Gov. Mike Huckabee agreed, praising him as '
     '“one of the most gifted stars that we\'ve got.”', "Mike Huckabee", "Weighing"),
    # a participle after a comma speaks for the cue before it, or for the sentence's subject
    ('Mateen did not mingle but left as soon as prayers were finished, Nefzi said, adding, '
     '“He was not very religious.”', "Nefzi", "Mateen"),
    ('Hours later, Trump returned the compliment, telling Reuters, “Sheldon and I have been friends '
     'for a long time.”', "Trump", "Hours"),
    # periods inside a subject that end no sentence: N.C., R-Ky.,
    ('“Both of them scare me,” Harry Bond, 30, of Raleigh, N.C., who was among those polled, said.',
     "Harry Bond", "Raleigh"),
    ('“So let me make it perfectly clear,” Senate Majority Leader Mitch McConnell, R-Ky., said.',
     "Mitch McConnell", "Ky"),
    # a cue word after a possessive is a noun: Trump’s charge, Clinton's remarks
    ('Clinton campaign spokesman Brian Fallon responded on Twitter, calling Trump’s charge '
     '“pathetic and dangerous.”', "Brian Fallon", "Trump"),
    # words after the quotation, then a comma, a short subject and the cue at the sentence's end
    ('“I think the evidence is extremely strong that their account is far more credible” than that '
     'of the CIA chief, Zuckoff said.', "Zuckoff", "CIA"),
    # a participle after before/after/by speaks for the sentence's subject
    ("On Tuesday, Mr. McConnell deflected questions about Mr. Trump before saying, ''It's time to "
     "quit attacking various people.''", "McConnell", "Trump"),
    # a party label in parentheses between the name and its cue
    ('“There’s tremendous energy in a whole host of races,” Rep. Earl Blumenauer (D-Ore.) said.',
     "Earl Blumenauer", "Ore"),
    # a cue after `and`: the sentence's subject speaks
    ("That day, Mr. Trump was forced into a rare moment of damage control and said that his words "
     "had been ''misconstrued.''", "Trump", "damage"),
    # a day between the subject and its cue
    ('Priebus later Thursday told Fox News: “Both men are meeting next week to talk about it.”',
     "Priebus", "Thursday"),
    # a statement saying "…" speaks for whoever issued it
    ('On Saturday, Trump issued a statement saying that the judge was “a remarkable person and a '
     'brilliant justice.”', "Trump", "statement"),
    # a cue inside a that-clause is part of what the reporting cue's subject says
    ('Westmacott also said that Obama shows “great charm” and exhibits a fondness for Britain.',
     "Westmacott", "Obama"),
    ('Cruz spokeswoman Catherine Frazier said Thursday that Rubio’s claim is “simply not true.”',
     "Catherine Frazier", "Rubio"),
    # …but not across a comma: another clause, with its own subject
    ('When Trump suggested that Cuba would sue, Rubio fired back forcefully: “If they sue us, we '
     'will win.”', "Rubio", "Trump"),
]


@pytest.mark.parametrize("sentence,speaker,not_speaker", SUBJECTS)
def test_fast_subjects_past_what_stands_before_them(sentence, speaker, not_speaker):
    text = "Headline\n\nThe campaign went on.\n\n" + sentence + "\n"
    [quote] = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    assert quote.speaker is not None and speaker in quote.speaker and not_speaker not in quote.speaker


def test_a_sentence_after_a_closed_quotation_lends_it_no_cue():
    # “… together.” He warns that …: the next sentence is its own, with its own quotation
    text = ("Headline\n\nGeorge Pataki backed the governor on Thursday.\n\n"
            "Pataki says Kasich “has a track record of bringing people together.” He warns that "
            "Donald Trump would “drive the Republican Party off the cliff.”\n")
    quotes = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    assert [(q.text[:12], q.speaker, q.rule) for q in quotes] == [
        ("has a track ", "George Pataki", "leading_cue"), ("drive the Re", "George Pataki", "leading_cue")]


@pytest.mark.parametrize("sentence,speaker", [
    ("“We will win this state.” Trump said.", "Trump"),          # the cue ends the sentence too
    ("“Will we win this state?” Trump asked reporters on Monday.", "Trump"),
])
def test_a_cue_after_a_closed_quotation_that_ends_the_sentence(sentence, speaker):
    text = "Headline\n\nThe rally went on.\n\n" + sentence + "\n"
    [quote] = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    assert quote.speaker == speaker and quote.rule == "trailing_cue"


@pytest.mark.parametrize("lead,speaker", [
    ("Ted Cruz spoke for twenty minutes. Cruz continued:", "Ted Cruz"),
    ("The senator took questions afterwards. He said:", "Ted Cruz"),
])
def test_a_paragraph_ending_with_a_colon_leads_into_the_quotation(lead, speaker):
    text = ("Headline\n\nTed Cruz addressed the crowd.\n\n" + lead + "\n\n"
            "“You look at the questions: are you a comic book villain? Can you do math?”\n")
    [quote] = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    assert (quote.speaker, quote.rule) == (speaker, "colon_lead")


def test_a_colon_lead_needs_the_colon():
    text = ("Headline\n\nTed Cruz addressed the crowd. Cruz continued.\n\n"
            "“You look at the questions: are you a comic book villain? Can you do math?”\n")
    [quote] = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    assert quote.rule != "colon_lead"


@pytest.mark.parametrize("fast", [True, False])
def test_an_inverted_cue_before_a_lower_case_word_and_a_comma_does_not_crash(fast):
    # `said veteran, Smith`: a capitalised word within reach but past the comma once raised
    # StopIteration from the subject search
    text = "Headline\n\nThe vote went on.\n\n“We will keep going no matter what,” said veteran, Smith.\n"
    [quote] = [q for q in find_quotes(text, fast=fast) if q.kind is not Kind.INDIRECT]
    assert quote.text.startswith("We will keep going")


def test_the_sentence_before_speaks_through_its_first_cue():
    # the second quotation opens its sentence: the sentence before speaks for it through its
    # first cue (she said), not its last (adding, or the `post` of a blog post)
    text = ("Headline\n\nHelen Ferre spoke in Miami.\n\n"
            "“I think that speaks volumes,” she said, adding that the campaign will work hard in a blog "
            "post. “I think they are waiting to be courted by someone.”\n")
    quotes = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    # (one quotation in two pieces, as `“…,” she said. “…”` is, or two: the same speaker)
    assert sum(len(q.spans) for q in quotes) == 2
    assert {q.speaker for q in quotes} == {"Helen Ferre"}


def test_a_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker():
    # as the parsed reading has it: `who` attributes the quotation, and `who` is Glenn Beck
    text = ("Headline\n\nGlenn Beck spoke on Friday.\n\n"
            "“He is a dictator in the making,” said Beck, who said there were “too many disturbing "
            "things for me to dismiss.”\n")
    quote = [q for q in find_quotes(text, fast=True) if q.text.startswith("too many")][0]
    assert quote.speaker == "Glenn Beck" and quote.speaker_mention.text == "who"


def test_a_list_of_quoted_words_shares_the_lead_of_its_first():
    text = ("Headline\n\nBernie Sanders spoke in Iowa.\n\n"
            'Sanders called the president "weak" and "disappointing."\n')
    quotes = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    pieces = [(text[s.start:s.end], q.speaker) for q in quotes for s in q.spans]
    assert pieces == [("weak", "Bernie Sanders"), ("disappointing.", "Bernie Sanders")]


def test_opens_paragraph_reads_only_the_space_before():
    from quotecheck.find.marks import Paragraph
    from quotecheck.find.patterns import _opens_paragraph

    text = "  \n “A” and “B”"
    para = Paragraph(0, 0, len(text))
    assert _opens_paragraph(text, para, text.index("“A”"))
    assert not _opens_paragraph(text, para, text.index("“B”"))


@pytest.mark.parametrize("paragraph,speaker", [
    # a month's abbreviation ends no sentence: the sentence before starts at the quotation
    ("“If the Saudis did not participate [in the Sept. 11 attacks], they have nothing to worry "
     "about,” Sen. Chuck Schumer (D-N.Y.) said Tuesday. “If they did, they should be held "
     "accountable.”",
     "Chuck Schumer"),
    # a quotation inside the quotation closes with its own mark: the words after it are still
    # quoted (`a horrific comment` is no subject)
    ("“Using the word ‘self-deportation’ ― I mean, it’s a horrific comment to make,” Priebus "
     "said. “It’s not something that has anything to do with it.”", "Priebus"),
    # the sentence before begins inside the first quotation: its words are no one's cue
    ("“I don’t think any senator would say no. Every senator’s been helpful that I’ve asked,” "
     "Portman said. “I just don't think endorsements matter that much.”", "Portman"),
    ('"This week he\'s using the word \'judgment.\' It\'s fundamentally the same attack," Clinton '
     'press secretary Brian Fallon said. "He encountered so much blowback last week."', "Brian Fallon"),
])
def test_the_sentence_before_is_read_past_abbreviations_and_nested_quotations(paragraph, speaker):
    text = "Headline\n\nThe debate went on.\n\n" + paragraph + "\n"
    quotes = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    # (one quotation in two pieces, as the parsed reading has it, or two: the same speaker)
    assert sum(len(q.spans) for q in quotes) == 2
    assert all(q.speaker is not None and speaker in q.speaker for q in quotes)


def test_a_plurals_possessive_apostrophe_is_no_quotation_mark():
    # `saying` speaks for the cue before it (told); walking back to it, the apostrophe of CBS'
    # was taken for a closing mark and the search went on inside the first quotation
    text = ("Headline\n\nThe interview ran.\n\n\"There's no question I'm getting special scrutiny,\" "
            "the Republican presidential candidate told CBS' Face the Nation on Sunday, saying that "
            "people \"are very threatened\" by him.\n")
    quotes = [q for q in find_quotes(text, fast=True) if q.kind is not Kind.INDIRECT]
    assert len(quotes) == 2 and all("presidential candidate" in q.speaker for q in quotes)


@pytest.mark.parametrize("sentence,opener", [
    ("Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, saw a ''test of "
     "leadership'' for his rival.", "Alarmed"),
    ("That makes her “by definition a trustworthy, reliable person” in his eyes.", "That"),
])
def test_an_opening_word_is_never_the_speaker(sentence, opener):
    # a participle or a pronoun-like word that opens the sentence is no name: better no speaker
    text = "Headline\n\nThe campaign went on.\n\n" + sentence + "\n"
    for fast in (True, False):
        quotes = [q for q in find_quotes(text, fast=fast) if q.kind is not Kind.INDIRECT]
        assert quotes and all(q.speaker != opener for q in quotes)


@pytest.mark.parametrize("attribution,speaker,role", [
    ("said Secretary-Treasurer Gary Casteel", "Gary Casteel", "Secretary-Treasurer"),   # a title, hyphenated
    ("said Sen. Greg Brockman", "Greg Brockman", "Sen."),
    ("said Jean-Pierre Dupont", "Jean-Pierre Dupont", None),                         # a first name, hyphenated
])
def test_fast_hyphenated_titles_are_roles(attribution, speaker, role):
    (q,) = [q for q in find_quotes(BODY + f"“We will ship it this year,” {attribution}.", fast=True)
            if q.kind is not Kind.INDIRECT]
    assert (q.speaker, q.role) == (speaker, role)
