"""The finder end to end: which quotes come out, with which speaker, cue, kind and rule."""
import pytest

from quotecheck.find import find_quotes, find_quotes_many
from quotecheck.find.attribute import RULES
from quotecheck.find.speakers import Aliases
from quotecheck.model import Kind

BODY = "Headline of the story.\n\n"     # the first line is a headline, as in news text

# (text, [(quoted words, speaker or None, kind)]) — direct and partial quotes only
CASES = [
    ('"The plan will work," Sam Altman said.', [("The plan will work,", "Sam Altman", "direct")]),
    ('"The plan will work," said Sam Altman.', [("The plan will work,", "Sam Altman", "direct")]),
    ('Sam Altman said: "The plan will work."', [("The plan will work.", "Sam Altman", "direct")]),
    ('"The plan will work," Mary Smith, the mayor of Boston, said on Monday.',
     [("The plan will work,", "Mary Smith", "direct")]),
    ('Senator Jane Doe called the bill "a disgrace to the nation."',
     [("a disgrace to the nation.", "Jane Doe", "partial")]),
    ('"We are ready," according to Tom Jones.', [("We are ready,", "Tom Jones", "direct")]),
    ('"It is over." — Commissioner Ann Lee', [("It is over.", "Ann Lee", "direct")]),
    ('"It is over," Bill Gates said, "and we won."', [("It is over, and we won.", "Bill Gates", "direct")]),
    ('Hillary Clinton spoke first. "We will win," she said.', [("We will win,", "Hillary Clinton", "direct")]),
    ('"I never did," Mr. Smith said. "Not once."', [("I never did, Not once.", "Smith", "direct")]),
    ('Tom Jones said on Monday:\n\n"We are not leaving."', [("We are not leaving.", "Tom Jones", "direct")]),
    ('"We are not leaving," Tom Jones said.\n\n"Not now, not ever."',
     [("We are not leaving,", "Tom Jones", "direct"), ("Not now, not ever.", "Tom Jones", "direct")]),
    ('"Nobody knows where this is going."', [("Nobody knows where this is going.", None, "direct")]),
    ('Altman: "We will ship it this year."', [("We will ship it this year.", "Altman", "direct")]),
    ('From Chairwoman Jane Doe:\n\n"The vote is final."', [("The vote is final.", "Jane Doe", "direct")]),
    ('In a statement, Mary Smith said: "We disagree."', [("We disagree.", "Mary Smith", "direct")]),
    ('"It was a mistake," Jones, who chairs the committee, said.', [("It was a mistake,", "Jones", "direct")]),
    ('"We will win," the campaign said.', [("We will win,", "campaign", "direct")]),
    ('"We will win," Microsoft said in a statement.', [("We will win,", "Microsoft", "direct")]),
    ('“This is true” — Commissioner Ann Lee', [("This is true", "Ann Lee", "direct")]),
    ('WASHINGTON - President Barack Obama said: "We will not stop."',
     [("We will not stop.", "Barack Obama", "direct")]),
    ('After the vote, Gov. John Kasich (R-Ohio), said, "I am ready to go."',
     [("I am ready to go.", "John Kasich", "direct")]),
    ('Glenn Beck, who said there were "too many disturbing things," left the stage.',
     [("too many disturbing things,", "Glenn Beck", "partial")]),
    ('Donald Trump\'s claim that there were "thousands of shootings" was checked by reporters.',
     [("thousands of shootings", "Donald Trump", "partial")]),
    ('Paul Ryan said,“Look, these images have no place here.”',
     [("Look, these images have no place here.", "Paul Ryan", "direct")]),
    ('Donald Trump issued the following statement:\n\n“Our prayers are with the families.”',
     [("Our prayers are with the families.", "Donald Trump", "direct")]),
    ('"Does anybody know the plan?" Lindsey Graham asked. "Neither do I."',
     [("Does anybody know the plan? Neither do I.", "Lindsey Graham", "direct")]),
    # a participle adds to the verb that reports the clause it hangs on, not to that clause's subject
    ('To wit, Trump told Newsmax that Mitt Romney “had a crazy policy of self-deportation which was '
     'maniacal,” adding, “He lost all of the Latino vote … he lost everybody who is inspired to come.”',
     [("had a crazy policy of self-deportation which was maniacal,", "Trump", "partial"),
      ("He lost all of the Latino vote … he lost everybody who is inspired to come.", "Trump", "direct")]),
    # an ad, like a statement, speaks for whoever released it
    ('After the Paris attacks, Trump released a new radio ad calling it "dangerous" that Obama "has no strategy."',
     [("dangerous has no strategy.", "Trump", "partial")]),
    # negatives: scare quotes, titles, nicknames, apostrophes, unclosed marks
    ('The so-called "experts" were wrong.', []),
    ('She read "The Art of the Deal" twice.', []),
    ('Rep. Robert C. "Bobby" Scott hosted the picnic.', []),
    ("Don't say it's the '90s again.", []),
    ('He left "without a word', []),
    ("Some text here.\n\n– ‘Who cares?’ –.\n\nMore text.", []),       # a subhead
    ('Some text here.\n\n"Related:"\n\nMore text.', []),              # a link label
    # titles beside the cue: a show after `on`, a work by its author, star or host
    ('"I expect to be vetted," he said on "Meet the Press."', [("I expect to be vetted,", None, "direct")]),
    ('"He is fair game," Carly Fiorina told "Fox and Friends."', [("He is fair game,", "Carly Fiorina", "direct")]),
    ('"It is crazy," said Jon Meacham, the author of "Destiny and Power," a biography.',
     [("It is crazy,", "Jon Meacham", "direct")]),
    ('Kerry Washington, star of "Scandal Nights," thanked Obama for "taking these steps."',
     [("taking these steps.", "Kerry Washington", "partial")]),
    # a fragment in the subject of the cue verb is nobody's words
    ('It is not the first time that this CNN "reporter" has revealed her bias.', []),
    # …but a Title Case quotation that is someone's words stays one
    ('Trump called her "Miss Piggy" on Tuesday.', [("Miss Piggy", "Trump", "partial")]),
]


def _words(q):
    return " ".join(q.text.split())


@pytest.mark.parametrize("text,expected", CASES)
def test_quotes(text, expected):
    quotes = [q for q in find_quotes(BODY + text) if q.kind is not Kind.INDIRECT]
    got = [(_words(q), q.speaker, q.kind.value) for q in quotes]
    assert got == expected


def test_spans_point_at_the_words():
    text = BODY + '"It is over," Bill Gates said, "and we won."'
    (q,) = [q for q in find_quotes(text) if q.kind is not Kind.INDIRECT]
    assert [text[s.start:s.end] for s in q.spans] == ["It is over,", "and we won."]
    assert text[q.cue.start:q.cue.end] == "said"
    assert text[q.speaker_mention.start:q.speaker_mention.end] == "Bill Gates"
    assert q.rule in [name for name, _ in RULES] and 0 < q.confidence <= 1


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("text,pieces", [
    # the next sentence's quotation, named by the same words as the first, goes on with it
    ('"That is the question," Clark said, noting he would back any of them. "We have a deep bench."',
     [["That is the question,", "We have a deep bench."]]),
    # a title between the two is no quotation to go on from, and the second piece is not lost
    ('"We will release our records," Sanders said on CNN\'s "State of the Union." "It is not a problem."',
     [["We will release our records,", "It is not a problem."]]),
    # a show's title is no piece of a quotation, even where one would go on
    ('"It is too early," said Mark Cuban, a host on the TV show "Shark Tank." "It depends on the economy."',
     [["It is too early,", "It depends on the economy."]]),
    # another speaker's quotation stands apart
    ('"That is the question," Clark said. Jones disagreed. "We have a deep bench," she said.',
     [["That is the question,"], ["We have a deep bench,"]]),
])
def test_a_quotation_goes_on_in_the_next_sentence(text, pieces, fast):
    quotes = [q for q in find_quotes(BODY + text, fast=fast) if q.kind is not Kind.INDIRECT]
    assert [[(BODY + text)[s.start:s.end] for s in q.spans] for q in quotes] == pieces


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("text,pieces", [
    # a paragraph that ends inside a quotation and the one that carries it on: one quotation
    ('Tom Smith spoke.\n\n"We have the votes," Smith said. "We have the money.\n\n"And we will win."',
     [["We have the votes,", "We have the money.", "And we will win."]]),
    # …but a closed one is not carried on by the next paragraph's
    ('Tom Smith spoke.\n\n"We have the votes," Smith said.\n\n"And we will win."',
     [["We have the votes,"], ["And we will win."]]),
])
def test_a_quotation_carried_on_in_the_next_paragraph(text, pieces, fast):
    quotes = [q for q in find_quotes(BODY + text, fast=fast) if q.kind is not Kind.INDIRECT]
    assert [[(BODY + text)[s.start:s.end] for s in q.spans] for q in quotes] == pieces
    assert {q.speaker for q in quotes} == {"Tom Smith"}


@pytest.mark.parametrize("fast", [False, True])
def test_the_sentence_before_names_its_quotations_speaker(fast):
    # the quotation that opens a sentence goes to the speaker of the quotation before it, not to
    # whoever speaks in that sentence's tail
    text = BODY + ('Donald Trump spoke to Alex Jones. "Your reputation is amazing," Trump told Jones on '
                   'Tuesday, after Jones said that his listeners backed him. "I will not let you down."')
    quotes = [q for q in find_quotes(text, fast=fast) if q.kind is not Kind.INDIRECT]
    assert [q.speaker for q in quotes] == ["Donald Trump"] * len(quotes) and quotes


@pytest.mark.parametrize("fast", [False, True])
def test_a_quote_shares_the_speaker_of_one_hung_on_an_unlisted_verb(fast):
    text = BODY + ('Sean Hannity was in the studio.\n\n"Would it be negotiable about the 11 million?" Hannity '
                   'pressed. "Maybe let some people stay if they register in a period of time?"')
    quotes = [q for q in find_quotes(text, fast=fast) if q.kind is not Kind.INDIRECT]
    assert [q.speaker for q in quotes] == ["Sean Hannity", "Sean Hannity"]


@pytest.mark.parametrize("fast", [False, True])
def test_a_speaker_of_reported_speech_is_known_to_later_pronouns(fast):
    # a surname alone, named only as the subject of reported speech, is who `he` is next
    text = BODY + ("Furman argued that the tax code was simpler than critics claimed.\n\n"
                   "“Most of the complexity comes from measuring income,” he said.")
    (q,) = [q for q in find_quotes(text, fast=fast) if q.kind is not Kind.INDIRECT]
    assert q.speaker == "Furman"


def test_role_kept_apart():
    (q,) = find_quotes(BODY + '"We ship today," OpenAI CEO Sam Altman said.')
    assert q.speaker == "Sam Altman" and "CEO" in (q.role or "")


def test_pronoun_without_antecedent_is_not_guessed():
    (q,) = find_quotes(BODY + '"We will win," she said.')
    assert q.speaker is None and q.speaker_mention.text == "she"


def test_indirect_speech():
    quotes = find_quotes(BODY + "Elon Musk said he left the board in 2018.")
    (q,) = [q for q in quotes if q.kind is Kind.INDIRECT]
    assert q.speaker == "Elon Musk" and "left the board" in q.text and q.rule == "reported_clause"


@pytest.mark.parametrize("text,speaker,words", [
    ("Tom Jones told reporters that the plan was dead.", "Tom Jones", "that the plan was dead"),
    ("Tom Jones added that the plan was dead.", "Tom Jones", "that the plan was dead"),
    ("The plan is dead, according to Tom Jones.", "Tom Jones", "The plan is dead"),
    ("The museum, Mr. Obama said, would make visitors think.", "Obama",
     "The museum would make visitors think"),
])
def test_indirect_styles(text, speaker, words):
    (q,) = [q for q in find_quotes(BODY + text) if q.kind is Kind.INDIRECT]
    assert (q.speaker, q.text) == (speaker, words)


@pytest.mark.parametrize("text, reported, fast", [
    # a cue after a whole quoted sentence reports that quotation, not the clause after it
    *[('"We will not raise taxes on working families this year," Ann Lee said answering a '
       'question from a voter.', [], fast) for fast in (False, True)],
    # a cue of its own (the word patterns trust no `adding`: the parse alone reads it)
    ('"We will not raise taxes on working families this year," Ann Lee said, adding that the '
     'budget would balance.', ["that the budget would balance"], False),
    # a leading cue reports both
    *[('Ann Lee said the budget would balance. "We will not raise taxes on working families '
       'this year."', ["the budget would balance"], fast) for fast in (False, True)],
])
def test_a_quotations_trailing_cue_reports_no_other_clause(text, reported, fast):
    quotes = find_quotes(BODY + text, fast=fast)
    assert [q.text for q in quotes if q.kind is Kind.INDIRECT] == reported
    assert [q.speaker for q in quotes if q.kind is Kind.DIRECT] == ["Ann Lee"]


# verbs of stance whose object (and what is said of it) is the content: PolNeAR marks them as
# attributions; `accused X of Y` keeps its `of Y`, in both readings
STANCES = [
    ("Sanders accused Clinton of taking money from Wall Street banks.", "Sanders",
     "Clinton of taking money from Wall Street banks"),
    ("Republicans criticized the plan as a giveaway to insurers.", "Republicans",
     "the plan as a giveaway to insurers"),
    ("Senator Jane Hill praised the governor for cutting taxes on small farms.", "Jane Hill",
     "the governor for cutting taxes on small farms"),
    # …and verbs whose content is a preposition's object (lexicon/preposition_cues.txt)
    ("Trump pointed to the deficit as proof of failure.", "Trump", "the deficit as proof of failure"),
    ("Clinton was referring to the Republican National Committee.", "Clinton",
     "the Republican National Committee"),
]
NOT_STANCES = [
    "The senator's support for the bill surprised many.",      # nouns, not verbs
    "Her defense of the plan was weak and brief.",
    "He backed into the parking space behind the store.",       # no stance verb
    "He pointed at the door and left the room quietly.",        # not the preposition it reports
    "The talks about the budget collapsed on Monday night.",    # a noun
]


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("text,speaker,content", STANCES)
def test_stance_verbs_report_their_object(text, speaker, content, fast):
    (q,) = [q for q in find_quotes(BODY + text, fast=fast) if q.kind is Kind.INDIRECT]
    assert (q.speaker, q.text, q.rule) == (speaker, content, "reported_clause")


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("text", NOT_STANCES)
def test_stance_nouns_report_nothing(text, fast):
    assert find_quotes(BODY + text, fast=fast) == []


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("name,pronoun_speaker", [
    ("The Chicago Tribune", None),            # a name after `The` is a body's: not `she`
    ("Mary Tribune", "Mary Tribune"),
])
def test_a_named_body_is_not_she(name, pronoun_speaker, fast):
    text = BODY + f"{name} said the race was close.\n\nShe said the vote was rigged from the start."
    (q,) = [q for q in find_quotes(text, fast=fast) if "rigged" in q.text]
    assert q.speaker == pronoun_speaker


def test_aliases_merge_names():
    aliases = Aliases()
    aliases.add("Sam Altman", ["Altman", "OpenAI's chief"])
    (q,) = find_quotes(BODY + 'OpenAI\'s chief said: "We ship."', aliases=aliases)
    assert q.speaker == "Sam Altman"


def test_many_equals_one_by_one():
    texts = [BODY + '"Yes," Ann Lee said.', "", BODY + 'Tom Jones said: "No."']
    assert find_quotes_many(texts) == [find_quotes(t) for t in texts]


def test_quotes_sorted_and_file_unset():
    quotes = find_quotes(BODY + '"B," Ann Lee said. Tom Jones said the sky "is falling."')
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert all(q.file is None for q in quotes)


def test_rules_are_named_and_described():
    names = [name for name, _ in RULES]
    assert len(names) == len(set(names)) and names[-1] == "none"
    assert all(desc for _, desc in RULES)


def test_without_indirect_speech():
    text = BODY + 'Tom Jones said the plan was dead. "It is over," Ann Lee said.'
    quotes = find_quotes(text, indirect=False)
    assert [(q.text, q.kind) for q in quotes] == [("It is over,", Kind.DIRECT)]


def test_lazy_and_full_parse_agree_on_simple_text():
    # the lazy reading leaves `Tom Jones said …` to the word patterns, which read it alike (only
    # their confidence is lower than the parse's)
    def found(quotes):
        return [(q.text, q.spans, q.kind, q.speaker, q.cue, q.context) for q in quotes]
    text = BODY + '"It is over," Ann Lee said. Tom Jones said the plan was dead.'
    assert found(find_quotes(text)) == found(find_quotes(text, lazy=False))


def test_a_proper_noun_run_inside_a_word_is_no_person():
    # `op-ed Thursday` tags `ed` as a proper noun: `ed Thursday` was registered as a person and
    # became the speaker of a later `he`
    text = (BODY + 'But as the Global Times tabloid noted in an op-ed Thursday, the leading GOP candidate "is '
            'no friend of China." Although he says he "loves China," and "people from China love me," he '
            'also accuses it of stealing American jobs.')
    assert all("Thursday" not in (q.speaker or "") for q in find_quotes(text))


@pytest.mark.parametrize("text, rules", [
    # `“A.” “B?” he added.`: the sentence after the first quotation opens another one, whose
    # cue is its own; the first keeps its own attribution, and the two stay two quotations
    ('Supporters weighed in online. According to Donald Trump, "We are going to build a great '
     'wall." "Who would have believed that we would get almost 14 million votes in this primary '
     'season?" he added.', ["according_to", "trailing_cue"]),
    # …and so does a sentence whose cue leads into a quotation of its own
    ('Donald Trump had to change his answer: "Of course I believe in the wall. I was just '
     'kidding." To which Melania Trump said, "Thank God at least you still believe in the wall."',
     ["governing_verb", "leading_cue"]),
    # a negative beside them: the short sentence a quotation's closing mark runs into is its tail,
    # a quoted nickname in it notwithstanding
    ('"Is this a big year for our next United States senator?" Marcia "Cia" Price shouted to the '
     'crowd.', ["trailing_cue"]),
])
def test_a_quotation_does_not_take_the_cue_of_the_quotation_after_it(text, rules):
    quotes = [q for q in find_quotes(BODY + text) if q.kind is Kind.DIRECT and len(q.text) > 5]
    assert [q.rule for q in quotes] == rules


TRANSCRIPT = ('Mike Pence and Chris Wallace spoke on Sunday.\n\n'
              '"WALLACE: Will Gennifer Flowers be at the debate tomorrow night, Governor?\n\n'
              '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night. Donald '
              'Trump was making a point."')


@pytest.mark.parametrize("fast", [False, True])
def test_a_quoted_transcript_turn_is_its_labels_words(fast):
    # a transcript printed inside quotation marks: each turn is its label's, the label no part
    # of the words
    quotes = [q for q in find_quotes(BODY + TRANSCRIPT, fast=fast) if q.kind is Kind.DIRECT]
    assert [(q.text[:16], q.speaker, q.rule) for q in quotes] == [
        ("Will Gennifer Fl", "Chris Wallace", "speaker_label"),
        ("Gennifer Flowers", "Mike Pence", "speaker_label")]


@pytest.mark.parametrize("text", [
    # a cue attributes the quotation: the label inside is what the speaker quotes
    '"Debate recap," tweeted Rubio spokesman Alex Conant, who watched Hillary Clinton. "Clinton: '
    'I come from the sixties, a long time ago. Marco: This election is about the future."',
    # a label that names no one the text knows is kept as words
    'Hillary Clinton spoke on Sunday.\n\n"VIDEO: Hillary and Obama and Panetta and Biden all told me '
    'it was the video."',
])
def test_a_label_inside_a_quotation_is_no_turn_when_it_is_not_one(text):
    quotes = [q for q in find_quotes(BODY + text) if q.kind is Kind.DIRECT]
    assert all(q.rule != "speaker_label" for q in quotes)
    assert any(q.text.startswith(("Clinton:", "VIDEO:")) for q in quotes)


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("lead, speaker", [
    # a quotation that opens its paragraph, nothing attributing it: the paragraph before names
    # the speaker, as the name that opens its last sentence or by its cue
    ("Clint Howard continued his scathing remarks.", "Clint Howard"),
    ("Later that day, Senator Ann Lee said that the vote would be close.", "Ann Lee"),
    # negatives beside them: a last sentence that names no one, or that quotes someone itself
    ("The crowd cheered for a long time.", None),
    ('The crowd cheered. "It is over," Ann Lee said to them.', "Ann Lee"),   # continuation's
])
def test_the_paragraph_before_names_the_speaker_of_a_quotation_opening_its_own(lead, speaker, fast):
    text = BODY + lead + '\n\n"Eight years ago she was the presumed nominee of the party, and now she is not."'
    (quote,) = [q for q in find_quotes(text, fast=fast) if q.text.startswith("Eight")]
    assert quote.speaker == speaker


def test_a_transcript_label_comes_before_the_paragraph_before():
    text = BODY + ('Chris Matthews asked about the plan on MSNBC. Luciana Lopez argued that the plan '
                   'was naive.\n\n"Chris Matthews: Seriously, seriously about this. Bernie says he is '
                   'going to pay for it."')
    (quote,) = [q for q in find_quotes(text) if q.kind is Kind.DIRECT]
    assert (quote.speaker, quote.rule) == ("Chris Matthews", "speaker_label")
