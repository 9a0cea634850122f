from sources.extraction.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_it_does_not_split_after_month_and_title_abbreviations():
    text = "Griner was arrested on Feb. 17 in Moscow. Sen. Bob Menendez and Mr. Price spoke."
    assert texts(text) == [
        "Griner was arrested on Feb. 17 in Moscow.",
        "Sen. Bob Menendez and Mr. Price spoke.",
    ]


def test_it_keeps_middle_initials_inside_the_name():
    assert texts("Paul N. Whelan was sentenced. He appealed.") == [
        "Paul N. Whelan was sentenced.",
        "He appealed.",
    ]


def test_us_ends_a_sentence_only_before_a_sentence_start():
    text = "He was taken to the U.S. Embassy. She flew to the U.S. The next day she spoke."
    assert texts(text) == [
        "He was taken to the U.S. Embassy.",
        "She flew to the U.S.",
        "The next day she spoke.",
    ]


def test_a_full_stop_inside_an_open_quote_does_not_end_the_sentence():
    text = "“We are angry. Bring her home,” she said. Then she left."
    assert texts(text) == ["“We are angry. Bring her home,” she said.", "Then she left."]


def test_a_paragraph_all_in_quotation_is_read_sentence_by_sentence():
    # A statement printed whole, with no "she said" after it: each sentence is its own.
    text = "“We welcome the verdict. We will keep working for her return.”"
    assert texts(text) == ["“We welcome the verdict.", "We will keep working for her return.”"]


def test_a_quote_with_its_speaker_after_it_stays_one_sentence_even_as_a_paragraph():
    text = "“We welcome the verdict. We will keep working,” the minister said, and left."
    assert texts(text) == [text]


def test_a_line_ending_in_a_colon_is_a_sentence_not_a_heading():
    [intro] = split_sentences("The senator released the following statement:")
    assert not intro.heading


def test_a_full_stop_before_the_closing_quote_ends_the_sentence():
    text = "Price said he would not “negotiate in public.” The spokesperson added more."
    assert texts(text) == [
        "Price said he would not “negotiate in public.”",
        "The spokesperson added more.",
    ]


def test_a_quote_after_the_attribution_is_its_own_sentence():
    text = "“Lavrov is travelling,” said Ned Price. “But we continue to discuss that.”"
    assert texts(text) == [
        "“Lavrov is travelling,” said Ned Price.",
        "“But we continue to discuss that.”",
    ]


def test_lines_without_final_punctuation_are_headings():
    text = "Iran Frees Detained US Citizens\n\nThey have departed Iran. They are free."
    sentences = split_sentences(text)
    assert [s.heading for s in sentences] == [True, False, False]
    assert sentences[1].paragraph == 1


def test_offsets_point_into_the_original_text():
    text = "  Indented line here.\nSecond line."
    for s in split_sentences(text):
        assert text[s.start : s.end].strip() == text[s.start : s.end]


def test_a_photo_caption_ending_with_its_credit_is_kept_whole_as_a_heading():
    text = (
        "Dana Holt stands in a courtroom cage in Ruritania on Monday. Jan Novak / AFP\n\n"
        "A Ruritanian court on Monday sentenced Dana Holt to nine years in prison.\n"
        "Holt appears in court in a June 6 file photo. (AP Photo, File)\n"
    )
    sentences = split_sentences(text)
    headings = [text[s.start : s.end] for s in sentences if s.heading]
    body = [text[s.start : s.end] for s in sentences if not s.heading]
    assert body == ["A Ruritanian court on Monday sentenced Dana Holt to nine years in prison."]
    assert headings[0].startswith("Dana Holt stands")


def test_a_printed_date_before_the_first_words_is_a_heading_of_its_own():
    text = " date 2025-03-20 An American man was freed on Thursday. He flew home."
    sentences = split_sentences(text)
    assert [(text[s.start : s.end], s.heading) for s in sentences] == [
        ("date 2025-03-20", True),
        ("An American man was freed on Thursday.", False),
        ("He flew home.", False),
    ]


def test_a_stop_the_page_lost_its_space_after_still_ends_the_sentence():
    assert texts("He will walk free.The court sentenced him.") == [
        "He will walk free.",
        "The court sentenced him.",
    ]


def test_a_lost_space_after_an_accented_word_an_acronym_or_a_closing_quote_still_splits():
    text = (
        "said minister Jean Dorcé.Seventeen were taken. No comment.CAM said.”Thank God,” it said."
    )
    assert texts(text) == [
        "said minister Jean Dorcé.",
        "Seventeen were taken.",
        "No comment.",
        "CAM said.”",
        "Thank God,” it said.",
    ]


def test_a_lost_space_is_not_found_inside_an_abbreviation_or_an_address():
    assert texts("He flew to the U.S.A. on Monday. See cnn.com.The page was late.") == [
        "He flew to the U.S.A. on Monday.",
        "See cnn.com.",
        "The page was late.",
    ]


def test_a_sentence_placing_someone_in_a_picture_is_a_caption():
    text = "Dana Holt, center, arrives at court in the capital Friday. The court freed her."
    assert [s.heading for s in split_sentences(text)] == [True, False]


def test_a_sentence_printed_twice_is_read_once():
    lead = "ISLAMABAD (AP) — The Taliban announced on Tuesday the release of two Americans."
    text = f"{lead}\n\nA family photo of the two men.\n\n{lead}\n\nHe denies it. He denies it."
    headings = [(text[s.start : s.end], s.heading) for s in split_sentences(text)]
    assert headings == [
        (lead, False),
        ("A family photo of the two men.", False),
        (lead, True),
        ("He denies it.", False),
        ("He denies it.", False),
    ]


def test_a_transcript_run_into_one_line_is_split_back_into_its_turns():
    text = (
        "2:05 p.m. EDT MR PRICE: Good afternoon. We are working to bring her home. "
        "QUESTION: Can we follow up on Whelan — MR PRICE: Sure. QUESTION: Is there an offer?"
    )
    sentences = split_sentences(text)
    turns = [(s.paragraph, s.heading, text[s.start : s.end]) for s in sentences]
    assert turns == [
        (0, True, "2:05 p.m. EDT"),
        (1, False, "MR PRICE: Good afternoon."),
        (1, False, "We are working to bring her home."),
        (2, False, "QUESTION: Can we follow up on Whelan —"),
        (3, False, "MR PRICE: Sure."),
        (4, False, "QUESTION: Is there an offer?"),
    ]


def test_a_dateline_in_capitals_is_not_a_speakers_turn():
    text = "KABUL: The envoy met the minister on Saturday. NATO said nothing."
    assert {s.paragraph for s in split_sentences(text)} == {0}


def test_a_cut_off_last_line_after_the_body_is_read_as_a_sentence():
    text = "The court met on Monday.\n\nHer lawyer said the appeal would be heard early next"
    *_, last = split_sentences(text)
    assert not last.heading and last.cut_off


def test_a_heading_or_a_link_list_at_the_end_stays_a_heading():
    titled = "The court met on Monday.\n\nThe Long Road to Freedom and Our Shared Future Today"
    assert split_sentences(titled)[-1].heading
    links = "The court met on Monday.\n\nMore videos\n\nProtesters rally in the capital for a deal"
    assert split_sentences(links)[-1].heading
    short = "The court met on Monday.\n\nWith inputs from wire agencies"
    assert split_sentences(short)[-1].heading
