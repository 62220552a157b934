"""Canonical names, pronouns, aliases and the --speaker matcher."""
import pytest

from quotecheck.find.speakers import Aliases, People, same_person
from quotecheck.model import InputError


@pytest.mark.parametrize("name,query,expected", [
    ("Sam Altman", "Altman", True),
    ("Sam Altman", "altman", True),
    ("Sam Altman", "Mr. Altman", True),
    ("Sam Altman", "sam altman", True),
    ("Sam Altman", "Sam", True),
    ("Sam Altman", "Sam Bankman", False),
    ("Sam Altman", "Musk", False),
    ("Hillary Clinton", "Bill Clinton", False),
    ("", "Altman", False),
])
def test_same_person(name, query, expected):
    assert same_person(name, query) is expected


def test_one_person_per_document():
    people = People()
    first = people.mention("Hillary Clinton", 0)
    assert people.mention("Clinton", 50) is first
    assert people.mention("Mrs. Clinton", 90) is first
    assert first.name == "Hillary Clinton" and first.gender == "f"


@pytest.mark.parametrize("joint,single,same", [
    ("Microsoft and OpenAI", "OpenAI", False),
    ("Sam Altman and Greg Brockman", "Brockman", False),
    ("Sam Altman and Greg Brockman", "Greg Brockman", False),
    ("Microsoft and OpenAI", "Microsoft and OpenAI", True),
    ("Procter & Gamble", "Procter & Gamble", True),     # `&` inside one company's name
])
def test_names_joined_by_and_are_several_speakers(joint, single, same):
    people = People()
    first = people.mention(joint, 0)
    assert (people.mention(single, 50) is first) is same


def test_a_joint_statement_does_not_take_over_one_of_its_speakers():
    from quotecheck.find import find_quotes
    text = ("The partnership is between Microsoft and the whole entity, OpenAI said.\n\n"
            "Microsoft and OpenAI said the work will be governed by both companies' ethics policies.")
    speakers = {q.text[:16]: q.speaker for q in find_quotes(text)}
    assert speakers == {"The partnership ": "OpenAI", "the work will be": "Microsoft and OpenAI"}


def test_pronouns_go_to_nearest_compatible_person():
    people = People()
    people.mention("Hillary Clinton", 0)
    people.mention("Donald Trump", 40)
    assert people.resolve_pronoun("she", 80).name == "Hillary Clinton"
    assert people.resolve_pronoun("he", 80).name == "Donald Trump"
    assert people.resolve_pronoun("he", 10) is None     # no man mentioned yet


def test_alias_file(tmp_path):
    path = tmp_path / "aliases.txt"
    path.write_text("# people\nSam Altman = Altman, OpenAI's chief\n\n", encoding="utf-8")
    aliases = Aliases.load(path)
    assert aliases.canonical("OpenAI's chief") == "Sam Altman"
    assert aliases.canonical("Mr. Altman") == "Sam Altman"
    assert aliases.canonical("Elon Musk") == "Elon Musk"


@pytest.mark.parametrize("line", ["no equals sign here", "= Altman", "Sam Altman ="])
def test_alias_file_bad_line(tmp_path, line):
    path = tmp_path / "aliases.txt"
    path.write_text(f"Sam Altman = Altman\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"aliases.txt, line 2"):
        Aliases.load(path)


def test_alias_file_missing(tmp_path):
    with pytest.raises(InputError, match="nope.txt"):
        Aliases.load(tmp_path / "nope.txt")


@pytest.mark.parametrize("text,speaker", [
    ("Ivanka Trump spoke on Monday.\n\nAt the time, she released a statement saying, "
     "“We are confident that they share our vision for the brand.”", "Ivanka Trump"),
    ("Kellyanne Conway spoke on Monday.\n\nShe released a statement saying that the campaign "
     "would “fight for every vote in every state.”", "Kellyanne Conway"),
])
def test_a_statement_saying_speaks_for_whoever_released_it(text, speaker):
    from quotecheck.find import find_quotes
    from quotecheck.model import Kind
    (quote,) = [q for q in find_quotes(text) if q.kind is not Kind.INDIRECT]
    assert quote.speaker == speaker


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("text,quoted,speaker", [
    # the parse hangs `calling` on the show's name; a quoted title speaks for no one
    ("Rudy Giuliani, who backs Trump, trashed Comey on MSNBC’s “Morning Joe,” calling it “a "
     "no-brainer to prosecute under the statute.”", "a no-brainer", "Rudy Giuliani"),
    # negative beside it: a name outside the marks, by a quoted title, still speaks
    ("Speaking on MSNBC’s “Morning Joe,” Rudy Giuliani said the case was “a no-brainer to "
     "prosecute under the statute.”", "a no-brainer", "Rudy Giuliani"),
])
def test_words_inside_quotation_marks_are_never_the_speaker(text, quoted, speaker, fast):
    from quotecheck.find import find_quotes
    (quote,) = [q for q in find_quotes(text, fast=fast) if q.text.startswith(quoted)]
    assert quote.speaker == speaker


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("text,speaker", [
    # a title-case headline: its run of capitalised words is no one's name
    ("Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’\n\nWASHINGTON ― Donald Trump’s "
     "obsession is an insult, top black lawmakers said Friday.\n\n“I finished it,” Trump said.",
     "Donald Trump"),
    # negative beside it: a name with a middle initial stays whole
    ("Sen. Richard J. Durbin spoke on Monday.\n\n“We will vote,” Durbin said.", "Richard J. Durbin"),
])
def test_a_long_run_of_capitals_names_the_person_at_its_end(text, speaker, fast):
    from quotecheck.find import find_quotes
    from quotecheck.model import Kind
    (quote,) = [q for q in find_quotes(text, fast=fast) if q.kind is not Kind.INDIRECT]
    assert quote.speaker == speaker


def test_a_day_the_parse_takes_for_the_subject_never_speaks():
    from quotecheck.find import find_quotes
    text = ("Glenn Beck spoke on his show.\n\nMuch of Beck’s ire was also directed at Bannon, who "
            "Beck on Wednesday called “a horrible, despicable human being.”")
    (quote,) = [q for q in find_quotes(text) if q.text.startswith("a horrible")]
    assert quote.speaker == "Glenn Beck"


HYPHENATED = [
    # the tokenizer splits a hyphenated name; the speaker is the whole name (both readings)
    ('“We need a Green New Deal for every working family,” Ocasio-Cortez said.', "Ocasio-Cortez"),
    ('“We need a Green New Deal for every working family,” said Rep. Alexandria Ocasio-Cortez.',
     "Alexandria Ocasio-Cortez"),
    ('“Our city never gave up on itself,” said Jean-Pierre Dubois, the mayor.', "Jean-Pierre Dubois"),
    ("“It is a fine day for all of us here today,” Mary O'Brien-Smith said.", "Mary O'Brien-Smith"),
]
HYPHENATED_PARSED = [
    # the parsed reading only: the word patterns take no lower-case particle for a name's start,
    # no hyphenated title for a title, and read the group as its noun (`protesters`)
    ('“We will fight them everywhere we can find them,” al-Awlaki said.', "al-Awlaki"),
    # a title joined to another keeps both out of the name
    ("“We will vote on the contract next week,” said Secretary-Treasurer Gary Casteel.", "Gary Casteel"),
    # a negative beside them: a word joined to a name is no name
    ("“It is a fine day for all of us here today,” anti-Trump protesters said.", "anti-Trump protesters"),
]


@pytest.mark.parametrize("text,speaker,fast", [(t, s, fast) for t, s in HYPHENATED for fast in (False, True)]
                         + [(t, s, False) for t, s in HYPHENATED_PARSED])
def test_a_hyphenated_name_is_one_name(text, speaker, fast):
    from quotecheck.find import find_quotes
    (quote,) = find_quotes("Headline of the story\n\n" + text, fast=fast)
    assert quote.speaker == speaker


def test_the_parse_registers_a_hyphenated_name_whole_and_no_hyphenated_word():
    import quotecheck.find as finder
    from quotecheck.find.marks import Paragraph
    from quotecheck.find.parse import parse_many
    from quotecheck.find.plan import ParseJob

    text = "Alexandria Ocasio-Cortez backed the return of Glass-Steagall on Monday."
    [parsed] = parse_many([text], [ParseJob([Paragraph(0, 0, len(text))], [])])
    people = People()
    finder._register_people(parsed, people)
    assert [p.name for p in people.persons] == ["Alexandria Ocasio-Cortez"]


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("adverb", ["Moreover", "Similarly", "Nevertheless", "Thus"])
def test_an_adverb_opening_a_sentence_is_no_speaker(adverb, fast):
    from quotecheck.find import find_quotes
    text = ("Headline of the story\n\nJeffrey Sachs spoke at the forum on Monday.\n\n"
            f"{adverb}, he said, continued struggles by the campaign will coalesce support around "
            "stopping the plan.")     # `continued`, a cue too: its subject is no `Moreover`
    speakers = {q.speaker for q in find_quotes(text, fast=fast)}
    assert adverb not in speakers and speakers <= {"Jeffrey Sachs"}
