"""`manage.py generate_archive`: a synthetic archive, at the sizes benchmarks need.

The pages, the review desk and the exports are measured against an archive shaped like a real
one after years of use: a few long cases with thousands of entries and many short ones (the
entry counts fall off as a power law), parties shared across cases and named in several scripts,
articles of realistic length that really contain the sentences their citations and proposals
quote (start:end is the evidence), and a review queue in which most proposals were reviewed long
ago and a small share still waits, some grouped as reports of one development.

Everything is written with bulk_create (through models for the many-to-many links), in batches,
case after case, so memory stays bounded at any size. The same --seed and sizes give the same
rows: every choice comes from one random.Random(seed), dates are counted from a fixed
ARCHIVE_END rather than today, and nothing depends on the primary keys the database hands out
(only the creation timestamps, set by the models, differ between runs). Slugs, outlet domains,
article URLs and the editor's username carry GENERATED_PREFIX, so the archive never collides
with the seed world (`manage.py load_seeds`), before or after it; a database that already holds
a generated archive is refused rather than half-filled a second time.

bulk_create bypasses save() and its signals, so simple-history records nothing for these rows:
the archive has no history, which benchmarks do not need.
"""

import datetime
import hashlib
import math
import random
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.utils.text import slugify

from cases.models import (
    Attribution,
    Case,
    CaseStatus,
    CaseStatusChange,
    DatePrecision,
    EntryKind,
    Party,
    PartyKind,
    Proposal,
    ProposalSide,
    ProposalStatus,
    ProposalStatusChange,
    TimelineEntry,
)
from cases.roles import EDITORS
from cases.summary import refresh_all
from sources.models import (
    Article,
    ArticleStatus,
    Citation,
    Outlet,
    ProposedEntry,
    RejectReason,
    ReviewStatus,
)

GENERATED_PREFIX = "gen-"
EDITOR_USERNAME = f"{GENERATED_PREFIX}archive-editor"
EXTRACTOR_VERSION = f"{GENERATED_PREFIX}archive"

# The archive's calendar is fixed, not counted from today, so a seed gives the same rows on any
# day (and every date stays within the database's bound of a year ahead of today).
ARCHIVE_START = datetime.date(1995, 1, 1)
ARCHIVE_END = datetime.date(2025, 12, 31)
START, END = ARCHIVE_START.toordinal(), ARCHIVE_END.toordinal()

LARGEST_CASE_CAP = 10_000
RESTRICTED_SHARE = 0.03
FOLLOW_UP_SHARE = 0.5  # entries cited by a second article, the next one about the case
UNREAD_SHARE = 0.04  # articles no entry cites that failed to fetch or were duplicates
GROUPED_SHARE = 0.4  # pending proposals that are one more report of an earlier pending one
ARTICLE_CHARS = (2_000, 6_000)
MAX_PROPOSALS = 48

# --- vocabulary ---------------------------------------------------------------------------


def word_list(text: str) -> list[str]:
    return text.split()


def phrases(text: str) -> list[str]:
    """The phrases of a "|"-separated list, each with single spaces: sentences made from them
    must hold no run of whitespace (see folded_hash)."""
    return [" ".join(phrase.split()) for phrase in text.split("|")]


class Country(NamedTuple):
    name: str
    capital: str
    cities: tuple[str, ...]
    prisons: tuple[str, ...]
    script: str  # the name pool its people are named from
    detains: int  # weight as the government holding a detainee
    home: int  # weight as the detainee's own government
    mediates: int  # weight as a go-between


COUNTRIES = [
    Country(
        "Russia",
        "Moscow",
        ("Moscow", "St Petersburg", "Yekaterinburg", "Kaliningrad", "Vladivostok"),
        ("Lefortovo pre-trial detention centre", "Penal Colony No. 6 in Mordovia"),
        "russian",
        30,
        0,
        0,
    ),
    Country(
        "Iran",
        "Tehran",
        ("Tehran", "Shiraz", "Isfahan", "Mashhad"),
        ("Evin prison", "Qarchak prison"),
        "persian",
        20,
        0,
        0,
    ),
    Country(
        "China",
        "Beijing",
        ("Beijing", "Shanghai", "Chengdu", "Guangzhou", "Dandong"),
        ("a residential surveillance facility in Beijing", "Dandong detention centre"),
        "chinese",
        20,
        0,
        0,
    ),
    Country(
        "Venezuela",
        "Caracas",
        ("Caracas", "Maracaibo", "Valencia"),
        ("El Helicoide", "Rodeo I prison"),
        "latin",
        8,
        0,
        0,
    ),
    Country(
        "Belarus",
        "Minsk",
        ("Minsk", "Grodno", "Brest"),
        ("Pishchalovsky Castle", "Penal Colony No. 3 in Vitebsk"),
        "russian",
        6,
        0,
        0,
    ),
    Country(
        "North Korea",
        "Pyongyang",
        ("Pyongyang", "Rason"),
        ("a labour camp outside Pyongyang",),
        "korean",
        4,
        0,
        0,
    ),
    Country(
        "Afghanistan",
        "Kabul",
        ("Kabul", "Kandahar", "Herat"),
        ("an intelligence service facility in Kabul",),
        "persian",
        5,
        0,
        0,
    ),
    Country(
        "Syria",
        "Damascus",
        ("Damascus", "Aleppo", "Homs"),
        ("Sednaya prison", "a military intelligence branch in Damascus"),
        "arabic",
        4,
        0,
        0,
    ),
    Country("Myanmar", "Naypyidaw", ("Yangon", "Mandalay"), ("Insein prison",), "latin", 3, 0, 0),
    Country("Egypt", "Cairo", ("Cairo", "Alexandria"), ("Tora prison",), "arabic", 3, 0, 1),
    Country(
        "Saudi Arabia", "Riyadh", ("Riyadh", "Jeddah"), ("al-Ha'ir prison",), "arabic", 2, 0, 2
    ),
    Country("United States", "Washington", ("New York", "Miami"), (), "latin", 0, 40, 0),
    Country("United Kingdom", "London", ("London", "Manchester"), (), "latin", 0, 10, 0),
    Country("France", "Paris", ("Paris", "Lyon"), (), "latin", 0, 8, 1),
    Country("Germany", "Berlin", ("Berlin", "Hamburg"), (), "latin", 0, 6, 1),
    Country("Canada", "Ottawa", ("Toronto", "Montreal"), (), "latin", 0, 6, 0),
    Country("Australia", "Canberra", ("Sydney", "Melbourne"), (), "latin", 0, 5, 0),
    Country("Netherlands", "The Hague", ("Amsterdam", "Rotterdam"), (), "latin", 0, 3, 0),
    Country("Japan", "Tokyo", ("Tokyo", "Osaka"), (), "latin", 0, 2, 0),
    Country("South Korea", "Seoul", ("Seoul", "Busan"), (), "korean", 0, 2, 0),
    Country("Sweden", "Stockholm", ("Stockholm", "Gothenburg"), (), "latin", 0, 2, 1),
    Country("Qatar", "Doha", ("Doha",), (), "arabic", 0, 0, 5),
    Country("Oman", "Muscat", ("Muscat",), (), "arabic", 0, 0, 3),
    Country("Switzerland", "Bern", ("Geneva", "Zurich"), (), "latin", 0, 0, 3),
    Country("Turkey", "Ankara", ("Istanbul", "Ankara"), (), "latin", 0, 0, 3),
    Country("United Arab Emirates", "Abu Dhabi", ("Abu Dhabi", "Dubai"), (), "arabic", 0, 0, 3),
    Country("Norway", "Oslo", ("Oslo",), (), "latin", 0, 0, 2),
    Country("Holy See", "Vatican City", ("Vatican City",), (), "latin", 0, 0, 1),
]

NAMED_WITH_THE = {
    "United States",
    "United Kingdom",
    "Netherlands",
    "United Arab Emirates",
    "Holy See",
}

# Names as "native/transliterated" pairs; Latin-script names are their own transliteration.
# Chinese and Korean names put the family name first.
_NAMES = {
    "russian": (
        "Алексей/Alexei Дмитрий/Dmitry Сергей/Sergei Игорь/Igor Михаил/Mikhail Андрей/Andrei "
        "Николай/Nikolai Павел/Pavel Владимир/Vladimir Евгений/Yevgeny",
        "Ольга/Olga Наталья/Natalya Мария/Maria Анна/Anna Юлия/Yulia Екатерина/Yekaterina "
        "Ирина/Irina Татьяна/Tatyana",
        "Смирнов/Smirnov Кузнецов/Kuznetsov Соколов/Sokolov Лебедев/Lebedev Козлов/Kozlov "
        "Новиков/Novikov Морозов/Morozov Волков/Volkov Зайцев/Zaitsev Павлов/Pavlov "
        "Голубев/Golubev Виноградов/Vinogradov Богданов/Bogdanov Фёдоров/Fyodorov "
        "Михайлов/Mikhailov Беляев/Belyaev Тарасов/Tarasov Комаров/Komarov Ильин/Ilyin "
        "Карпов/Karpov",
    ),
    "persian": (
        "رضا/Reza مهدی/Mehdi سیامک/Siamak علی/Ali حسین/Hossein کامران/Kamran بهروز/Behrouz",
        "مریم/Maryam نرگس/Narges شیرین/Shirin لیلا/Leila پریسا/Parisa سارا/Sara",
        "رحیمی/Rahimi احمدی/Ahmadi کریمی/Karimi حسینی/Hosseini جلالی/Jalali تهرانی/Tehrani "
        "صدری/Sadri نوری/Nouri فرهادی/Farhadi کاظمی/Kazemi موسوی/Mousavi شریفی/Sharifi",
    ),
    "arabic": (
        "محمد/Mohammed أحمد/Ahmed يوسف/Youssef خالد/Khaled عمر/Omar طارق/Tarek سامي/Sami",
        "فاطمة/Fatima ليلى/Layla مريم/Mariam نور/Nour هدى/Huda سلمى/Salma",
        "العلي/al-Ali الحسيني/al-Husseini النجار/al-Najjar الخطيب/al-Khatib حداد/Haddad "
        "منصور/Mansour الشامي/al-Shami العمري/al-Omari القاسم/al-Qasim سليمان/Suleiman "
        "الزين/al-Zein الحلبي/al-Halabi",
    ),
    "chinese": (
        "伟/Wei 强/Qiang 磊/Lei 军/Jun 杰/Jie 建国/Jianguo 志明/Zhiming 海涛/Haitao",
        "芳/Fang 娜/Na 敏/Min 静/Jing 丽华/Lihua 晓燕/Xiaoyan 雪梅/Xuemei",
        "王/Wang 李/Li 张/Zhang 刘/Liu 陈/Chen 杨/Yang 黄/Huang 赵/Zhao 吴/Wu 周/Zhou 徐/Xu 孙/Sun",
    ),
    "korean": (
        "민준/Min-jun 지훈/Ji-hoon 현우/Hyun-woo 성민/Sung-min 동현/Dong-hyun",
        "서연/Seo-yeon 수빈/Su-bin 지은/Ji-eun 하은/Ha-eun 민지/Min-ji",
        "김/Kim 이/Lee 박/Park 최/Choi 정/Jung 강/Kang 조/Cho 윤/Yoon",
    ),
}
NAME_POOLS = {
    script: tuple([tuple(pair.split("/")) for pair in word_list(names)] for names in pools)
    for script, pools in _NAMES.items()
}
FAMILY_FIRST = {"chinese", "korean"}
NATIVE_SCRIPT_SHARE = 0.4  # people of a non-Latin script named in it rather than transliterated

LATIN_MALE = word_list("""
James John Robert Michael David Daniel Thomas Mark Paul Peter Andrew Kevin Brian Eric Jonathan
Marc Olivier Jan Lars Stefan Matthew Luis Carlos Hugo Felix
""")
LATIN_FEMALE = word_list("""
Mary Sarah Emily Laura Anna Claire Sophie Julia Karen Rachel Hannah Nadia Elena Ingrid Marta
Lucia Chloe Amelia Grace Isabel
""")
# Family names built from parts: hundreds of them, so that aliases rarely collide.
LATIN_FAMILY_HEADS = word_list("""
Ash Bel Cal Dun El Fair Gold Hal Ing Kel Lind Mar Nor Ost Pem Quin Ros Stan Thorn Wex Brad Cole
Ever Hart
""")
LATIN_FAMILY_TAILS = word_list("""
by croft dale ford ham ley mont more ridge ton wood well field stead worth er son sen ström
ingham
""")

PROFESSIONS = phrases("""
journalist | business executive | teacher | graduate student | aid worker | tourist |
former Marine | academic researcher | engineer | oil company executive | human rights lawyer |
photographer | retired police officer | musician | software developer | charity worker
""")
CHARGES = phrases("""
espionage | drug smuggling | collaborating with a hostile state | spreading false information
about the armed forces | illegal border crossing | fraud and embezzlement | treason |
undermining national security | propaganda against the state | hooliganism | participation in
an extremist organisation | smuggling of military equipment | violence against a police officer
""")
ISSUES = phrases("""
sanctions | frozen assets | the nuclear talks | trade tariffs | an expelled diplomat |
a disputed border | visa restrictions | a seized tanker
""")
PLACES = phrases("""
the airport | a hotel | a checkpoint | a border crossing | a cafe | a train station |
the apartment where they were staying
""")
RELATIONS = {
    "male": ("brother", "father", "son", "husband"),
    "female": ("sister", "mother", "wife"),
}
PRONOUNS = {"male": ("his", "him"), "female": ("her", "her")}  # possessive, object

ORGANIZATIONS = [
    ("International Committee of the Red Cross", "Switzerland"),
    ("Amnesty International", "United Kingdom"),
    ("Human Rights Watch", "United States"),
    ("Committee to Protect Journalists", "United States"),
    ("Reporters Without Borders", "France"),
    ("UN Working Group on Arbitrary Detention", ""),
    ("Hostage Aid Worldwide", "United States"),
    ("Families for Freedom Coalition", "United States"),
    ("Detained Abroad Legal Fund", "United Kingdom"),
    ("Comité de soutien aux otages", "France"),
    ("Правозащитный центр «Свобода»", "Russia"),
    ("مركز العدالة للحقوق المدنية", "Egypt"),
    ("中国维权律师关注组", "China"),
    (
        "Freedom Now Initiative for Detained Journalists, Writers and Human Rights Defenders in "
        "Eastern Europe, the Caucasus and Central Asia",
        "",
    ),
]
# The officials every government has, one of each; the long title is the kind envoys carry.
OFFICIAL_TITLES = [
    "{country} Foreign Minister",
    "Spokesperson for the {country} Ministry of Foreign Affairs",
    "{country} Ambassador to the United Nations",
    "Special Presidential Envoy for Hostage Affairs and Senior Adviser on Detained Nationals, "
    "Consular Protection and Family Engagement, Office of the Minister of Foreign Affairs of "
    "{country}",
]
COUNTERPART_TITLES = [
    "Convicted arms dealer serving a sentence in {country}",
    "Intelligence officer held in {country} on espionage charges",
    "Business executive convicted of sanctions evasion in {country}",
    "Hacker extradited to {country}",
]

OUTLET_CITIES = word_list("""
Baltimore Halifax Leeds Auckland Cork Adelaide Tampa Geneva Lyon Toledo Austin Denver Bristol
Hobart Dundee Calgary Madison Norfolk Perth Quebec Salem Savannah Tacoma Utica Windsor York
Boulder Dover Exeter Fresno
""")
OUTLET_NOUNS = word_list("""
Herald Courier Tribune Gazette Chronicle Post Observer Ledger Dispatch Sentinel Times Record
Examiner Monitor Journal Standard
""")
# Outlets named in their own scripts; {city} is filled in the same script.
NON_LATIN_OUTLETS = [
    ("Вестник {city}", word_list("Москвы Казани Самары Омска Томска Перми")),
    ("أخبار {city}", word_list("القاهرة عمان بيروت الدوحة تونس")),
    ("{city}日报", word_list("北京 上海 广州 成都 南京 武汉")),
]

FETCH_ERRORS = [
    "Fetching failed: HTTP 403 Forbidden",
    "Fetching failed: timed out after 20 seconds",
    "Fetching failed: HTTP 404 Not Found",
    "No article text found on the page",
]

# Milestones are the case's status changes; each is one entry of its kind on the day it happened.
MILESTONE_KINDS = {
    CaseStatus.DETAINED: EntryKind.DETENTION,
    CaseStatus.CHARGED: EntryKind.CHARGE,
    CaseStatus.TRIED: EntryKind.COURT,
    CaseStatus.SENTENCED: EntryKind.COURT,
    CaseStatus.DESIGNATED: EntryKind.DESIGNATION,
    CaseStatus.TRANSFERRED: EntryKind.CUSTODY,
    CaseStatus.RELEASED: EntryKind.RELEASE,
    CaseStatus.EXCHANGED: EntryKind.RELEASE,
    CaseStatus.DECEASED: EntryKind.CUSTODY,
}
OUTCOMES = {
    None: 40,  # still held
    CaseStatus.RELEASED: 28,
    CaseStatus.EXCHANGED: 28,
    CaseStatus.DECEASED: 4,
}
# The kinds of the entries between milestones, and how often each comes up.
ROUTINE_KINDS = {
    EntryKind.STATEMENT: 22,
    EntryKind.REPORT: 15,
    EntryKind.ADVOCACY: 12,
    EntryKind.CONTACT: 10,
    EntryKind.CUSTODY: 10,
    EntryKind.COURT: 9,
    EntryKind.RESPONSE: 7,
    EntryKind.PROPOSAL: 6,
    EntryKind.CHARGE: 3,
}
NEGOTIATION_KINDS = {EntryKind.PROPOSAL, EntryKind.RESPONSE, EntryKind.CONTACT}
PRECISIONS = {
    DatePrecision.DAY: 88,
    DatePrecision.MONTH: 6,
    DatePrecision.WEEK: 2,
    DatePrecision.YEAR: 2,
    DatePrecision.APPROXIMATE: 2,
}
REJECT_REASONS = {
    RejectReason.NOT_A_DEVELOPMENT: 50,
    RejectReason.DUPLICATE: 20,
    RejectReason.WRONG_CASE: 15,
    RejectReason.UNDATED: 10,
    RejectReason.OTHER: 5,
}

LONG_CASE_NAME = (
    "{detainee}, {profession} from {home} detained at {place} in {city} and held on charges of "
    "{charge} pending an exchange"
)
CASE_SUMMARY = "{profession} from {home} detained in {city} on {detained} and accused of {charge}."

# Templates are keyed by a milestone's status or, between milestones, by the entry's kind. The
# summaries are the editor's words; the evidence is the article's sentence, with {when} the
# words that date it.
SUMMARIES = {
    CaseStatus.DETAINED: [
        "{detainee}, a {profession} from {home}, is detained by {gov} security services in {city}.",
        "{gov} authorities arrest {detainee} at {place} in {city}.",
    ],
    CaseStatus.CHARGED: [
        "{gov} prosecutors charge {surname} with {charge}.",
        "{surname} is formally accused of {charge}; {possessive} lawyer {lawyer} calls the case "
        "fabricated.",
    ],
    CaseStatus.TRIED: ["{surname}'s trial on charges of {charge} opens behind closed doors."],
    CaseStatus.SENTENCED: ["A court in {city} sentences {surname} to {years} years in prison."],
    CaseStatus.DESIGNATED: [
        "The government of {home} formally designates {detainee} as wrongfully detained."
    ],
    CaseStatus.TRANSFERRED: ["{surname} is transferred to {prison}."],
    CaseStatus.RELEASED: ["{detainee} is released and flown home to {home}."],
    CaseStatus.EXCHANGED: ["{surname} is freed in a prisoner exchange mediated by {mediator}."],
    CaseStatus.DECEASED: ["{detainee} dies in custody in {prison}, {gov} authorities say."],
    EntryKind.CHARGE: ["Prosecutors add a charge of {charge} to the case against {surname}."],
    EntryKind.COURT: [
        "A court in {city} extends {surname}'s pre-trial detention by {months} months.",
        "An appeals court in {city} upholds the ruling against {surname}.",
    ],
    EntryKind.CUSTODY: [
        "{surname} begins a hunger strike in {prison}, according to {family}.",
        "Consular officials from {home} visit {surname} in {prison}.",
    ],
    EntryKind.PROPOSAL: [
        "{home} offers {gov} a prisoner exchange that would free {surname}.",
        "{mediator} conveys a new proposal for {surname}'s release to officials in {capital}.",
    ],
    EntryKind.RESPONSE: [
        "{gov} rejects the offer from {home} to exchange {surname}.",
        "{gov} says it is open to discussing an exchange involving {surname} through closed "
        "channels.",
    ],
    EntryKind.CONTACT: [
        "{home_official} raises {surname}'s case with {gov_official} in a phone call.",
        "Envoys from {home} and {gov} meet in {mediator} to discuss {surname}'s detention.",
    ],
    EntryKind.STATEMENT: [
        "{speaker} says {surname} must be released without delay.",
        "{speaker} calls the charges against {surname} unfounded.",
        "{speaker} says {surname}'s case is a matter for the courts of {gov}.",
    ],
    EntryKind.REPORT: [
        "A news report says {surname} has been moved without notice to {possessive} family.",
        "Media report that {home} and {gov} are close to a deal covering {surname}.",
    ],
    EntryKind.ADVOCACY: [
        "{org} calls for the immediate release of {surname}.",
        "{family} delivers a petition signed by {n} people to the government of {home}.",
    ],
}
# Added to one summary in ten: the long summaries pages must wrap and lists must cut.
LONG_SUMMARY_TAIL = (
    " The development follows {months} months of contacts between {home} and {gov} officials, "
    "according to people familiar with the negotiations who spoke on condition of anonymity "
    "because they were not authorised to discuss them publicly."
)
EVIDENCE = {
    CaseStatus.DETAINED: [
        "{detainee}, a {profession} from {home}, was detained by {gov} security services in "
        "{city} {when}, officials said.",
        "{gov} authorities arrested {detainee} at {place} in {city} {when}, according to "
        "{possessive} family.",
    ],
    CaseStatus.CHARGED: [
        "Prosecutors in {city} charged {surname} with {charge} {when}, {possessive} lawyer "
        "{lawyer} said."
    ],
    CaseStatus.TRIED: ["{surname}'s trial opened behind closed doors in {city} {when}."],
    CaseStatus.SENTENCED: ["{when}, a court in {city} sentenced {surname} to {years} years."],
    CaseStatus.DESIGNATED: [
        "The government of {home} {when} designated {detainee} as wrongfully detained, a step that "
        "moves the case to its hostage envoy."
    ],
    CaseStatus.TRANSFERRED: ["{surname} was transferred to {prison} {when}, {family} said."],
    CaseStatus.RELEASED: ["{detainee} was released {when} and flown home to {home}."],
    CaseStatus.EXCHANGED: [
        "{surname} was freed {when} in a prisoner exchange mediated by {mediator}."
    ],
    CaseStatus.DECEASED: ["{detainee} died in custody in {prison} {when}, {gov} authorities said."],
    EntryKind.CHARGE: [
        "Prosecutors {when} added a charge of {charge} to the case against {surname}."
    ],
    EntryKind.COURT: [
        "A court in {city} {when} extended {surname}'s detention by {months} months.",
        "An appeals court in {city} upheld the ruling against {surname} {when}.",
    ],
    EntryKind.CUSTODY: [
        "{surname} began a hunger strike in {prison} {when}, {family} said.",
        "Consular officials from {home} visited {surname} in {prison} {when}.",
    ],
    EntryKind.PROPOSAL: [
        "{home} offered {gov} a prisoner exchange that would free {surname} {when}, according to "
        "two officials familiar with the talks."
    ],
    EntryKind.RESPONSE: [
        "{gov_official}, {gov_official_title}, said {when} that {gov} had rejected the offer for "
        "{surname}."
    ],
    EntryKind.CONTACT: [
        "{home_official} raised {surname}'s case with {gov_official} in a phone call {when}."
    ],
    EntryKind.STATEMENT: ['"{quote}" {speaker} told reporters {when}, speaking of {surname}.'],
    EntryKind.REPORT: [
        "{when}, a news report said {surname} had been moved without notice to {possessive} family."
    ],
    EntryKind.ADVOCACY: [
        "{org} called for the immediate release of {surname} {when}.",
        "{family}, {surname}'s {relation}, delivered a petition signed by {n} people {when}.",
    ],
}
QUOTES = [
    "We will not rest until {surname} is home with {possessive} family.",
    "The charges against {surname} are absurd, and everyone in {capital} knows it.",
    "{surname} broke the law of {gov} and will answer for it in court.",
    "We are working every day, through every channel, to bring {surname} home.",
    "Any exchange will be discussed in silence, not in the press.",
    "Мы не комментируем ход переговоров.",
    "لا تعليق لدينا على هذه القضية في الوقت الحالي.",
    "中方依法处理此案。",
]
# An article's other sentences: background about the case, and the boilerplate of news copy.
BACKGROUND = [
    "{surname}, who has been held since {detained}, denies the charges.",
    "{home} considers the charges against {surname} politically motivated.",
    "{gov} denies that {surname} is being held as a bargaining chip.",
    "Supporters of {surname} have gathered more than {n} signatures on a petition calling for "
    "{possessive} release.",
    "The case has strained relations between {home} and {gov}, already tense over {issue}.",
    "Lawyers for {surname}, led by {lawyer}, say they have had limited access to their client.",
    "{org} has described the detention of {surname} as arbitrary.",
    "{gov_official}, {gov_official_title}, declined to comment on the case.",
    "Prisoner exchanges between {home} and {gov} have taken place before, most recently in {year}.",
    "{family}, {surname}'s {relation}, said the family had not heard from {object} in weeks.",
    "Analysts say {gov} has used detained foreigners as leverage in negotiations over {issue}.",
    "The embassy of {home} in {capital} said it was following the case closely.",
    "{surname} was working as a {profession} in {city} at the time of the arrest.",
    "A spokesperson for {org} said the organisation had raised the case with authorities in "
    "{capital}.",
    "{home_official} has said that bringing {surname} home is a priority.",
    "Officials in {capital} did not respond to requests for comment.",
    "The ministry did not provide further details.",
    "The account could not be independently verified.",
    "This story has been updated with additional reporting.",
    "In {year}, {gov} released a foreign national after a similar case lasting {months} months.",
    "{org} said it had documented {count} similar cases since {year}.",
    "{speaker} said in an interview that talks on the case were continuing.",
    "{speaker} did not respond to a request for comment.",
    "{speaker} has called the detention of {surname} unjust.",
    "According to {org}, at least {count} foreign nationals are held in {gov}.",
    "The last known contact between {surname} and consular staff was {months} months ago.",
    "A hearing in {city} is expected within {months} months.",
    "The case of {surname} was raised at a meeting of foreign ministers in {year}.",
    "{org} said {count} of its members had written to officials in {capital}.",
]
LEADS = [
    "{detainee}, the {profession} from {home} held in {gov} since {detained}, is at the centre "
    "of a diplomatic dispute that shows no sign of ending.",
    "Pressure is mounting on the government of {home} to secure the release of {detainee}, "
    "detained in {city} on {detained}.",
    "Diplomats in {capital} say the case of {detainee} has become one of the most sensitive "
    "issues between {home} and {gov}.",
    "The family of {detainee} says time is running out.",
]
HEADLINES = [
    "{home} presses {gov} over detained {profession} {detainee}",
    "Court in {city} keeps {detainee} behind bars",
    "Family of {detainee} appeals for release as detention drags on",
    "{gov} says case of {surname} is a matter for its courts",
    "What we know about the detention of {detainee} in {gov}",
    "Talks on {surname} continue amid tensions over {issue}",
    "{org} urges {gov} to free {surname}",
]
MONTHS = word_list("""
January February March April May June July August September October November December
""")
WEEKDAYS = word_list("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


# --- shapes -------------------------------------------------------------------------------


def long_tail(total: int, count: int, largest: int) -> list[int]:
    """`count` positive integers summing to `total`, the first `largest`: a few large and many
    small. They fall off with the rank as a Zipf-Mandelbrot law, 1 + (largest - 1) * ((1 + q) /
    (rank + 1 + q)) ** s: with s = 2, the offset q is fitted to the total (the larger q, the more
    cases share the top); when even q = 0 gives more than the total, s is raised instead. Then
    rounded by largest remainder. `largest` is first brought within what is possible: at least
    the average, at most what leaves one each to the others."""
    if count == 1:
        return [total]
    largest = min(max(largest, math.ceil(total / count)), total - (count - 1))
    if largest == 1:
        return [1] * count
    wanted = (total - largest - (count - 1)) / (largest - 1)  # the shares below sum to this

    def shares(offset: float, exponent: float) -> list[float]:
        return [((1 + offset) / (rank + 1 + offset)) ** exponent for rank in range(1, count)]

    if sum(shares(0, 2)) <= wanted:
        fitted = shares(solve(lambda offset: sum(shares(offset, 2)), 0, 1e15, wanted), 2)
    else:
        fitted = shares(0, solve(lambda exponent: sum(shares(0, exponent)), 2, 64, wanted))
    exact = [(largest - 1) * share for share in fitted]
    counts = [1 + int(share) for share in exact]
    each, left = divmod(total - largest - sum(counts), count - 1)
    by_remainder = sorted(range(count - 1), key=lambda i: (int(exact[i]) - exact[i], i))
    for rank, i in enumerate(by_remainder):
        counts[i] += each + (rank < left)
    return [largest, *counts]


def solve(function, low: float, high: float, wanted: float) -> float:
    """The x in [low, high] at which the monotonic `function` comes closest to `wanted`
    without exceeding it, by bisection; `function(low)` or `function(high)` must not exceed
    it."""
    low_fits = function(low) <= wanted
    for _ in range(100):
        middle = (low + high) / 2
        if (function(middle) <= wanted) == low_fits:
            low = middle
        else:
            high = middle
    return low if low_fits else high


def apportion(total: int, weights: list[int], minimum: int) -> list[int]:
    """`total` split in proportion to `weights`, each part at least `minimum`, by largest
    remainder (ties to the earlier part), so the parts sum to `total` exactly."""
    spare = total - minimum * len(weights)
    weight_sum = sum(weights)
    shares = [spare * weight / weight_sum for weight in weights]
    parts = [minimum + int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (int(shares[i]) - shares[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def spoken(country: str) -> str:
    """The country's name as a sentence uses it: "the United States"."""
    return f"the {country}" if country in NAMED_WITH_THE else country


def folded_hash(folded_sentences: list[str]) -> str:
    """sources.ingest.content_hash of the article made of these sentences (casefolded), without
    its regular expression over the whole text, the slowest step of writing an article.
    content_hash collapses each run of whitespace to a space and casefolds; a generated
    sentence holds no run of whitespace and sentences are joined by a space or a blank line, so
    the text it hashes is the casefolded sentences joined by single spaces."""
    return hashlib.sha256(" ".join(folded_sentences).encode()).hexdigest()


def fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def at(day: int, minutes: int) -> datetime.datetime:
    """A moment `minutes` into the day with ordinal `day`, in UTC."""
    moment = datetime.datetime.fromordinal(day) + datetime.timedelta(minutes=minutes)
    return moment.replace(tzinfo=datetime.UTC)


# --- the plan of one case -----------------------------------------------------------------


class Actor(NamedTuple):
    """A party that can speak or be linked: its pk and the name the text calls it by."""

    pk: int
    name: str


class Sentence(NamedTuple):
    """A sentence of an article; for a development's, the words that date it and what they
    are counted from (ProposedEntry.date_basis and date_anchor)."""

    text: str
    basis: str = ""
    anchor: str = ""


@dataclass(slots=True)
class Development:
    """Something that happened in a case, before it becomes an entry or a proposal."""

    occurred: int  # date ordinal
    precision: str
    kind: str
    template: str  # the key of SUMMARIES and EVIDENCE
    speaker: Actor | None = None
    quote: str = ""


@dataclass(slots=True)
class Recorded:
    """A timeline entry waiting for its citations."""

    entry: TimelineEntry
    development: Development
    case_ids: list[int]
    party_ids: list[int]


@dataclass
class CasePlan:
    case: Case
    entry_count: int
    gov: Country  # the detaining country
    home: Country  # the detainee's
    article_count: int = 0
    proposal_count: int = 0
    first_day: int = 0  # ordinals: the detention, and the last day anything is reported
    last_day: int = 0
    milestones: list[tuple[str, int]] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # the template fields of the case
    speakers: list[Actor] = field(default_factory=list)
    linkable: list[Actor] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    partner_case_ids: dict[int, list[int]] = field(default_factory=dict)  # by proposal pk
    headlines: list[str] = field(default_factory=list)  # an article's title
    leads: list[Sentence] = field(default_factory=list)  # its first sentence
    background: list[Sentence] = field(default_factory=list)  # and its other sentences
    background_chars: int = 1  # their mean length with the space after them
    folded: dict[str, str] = field(default_factory=dict)  # those sentences casefolded


# --- text ---------------------------------------------------------------------------------


def fill(template: str, fields: dict[str, str]) -> str:
    return capitalised(template.format_map(fields))


def rounded_day(day: int, precision: str) -> int:
    """The day a date known to the month or the year is recorded as: the first of either."""
    date = datetime.date.fromordinal(day)
    if precision == DatePrecision.MONTH:
        return date.replace(day=1).toordinal()
    if precision == DatePrecision.YEAR:
        return date.replace(month=1, day=1).toordinal()
    return day


def dated(development: Development, published: int) -> tuple[str, str, str]:
    """The words dating `development` in an article published on `published`: (the words, the
    date words alone, what they are counted from)."""
    date = datetime.date.fromordinal(development.occurred)
    month = MONTHS[date.month - 1]
    precision = development.precision
    if precision == DatePrecision.MONTH:
        return f"in {month} {date.year}", f"{month} {date.year}", "calendar"
    if precision == DatePrecision.YEAR:
        return f"in {date.year}", str(date.year), "calendar"
    if precision == DatePrecision.WEEK:
        return "last week", "last week", "publication"
    if precision == DatePrecision.APPROXIMATE:
        return f"in early {month} {date.year}", f"early {month} {date.year}", "calendar"
    if 0 < published - development.occurred < 7:
        weekday = WEEKDAYS[date.weekday()]
        return f"on {weekday}", weekday, "publication"
    words = date_words(development.occurred)
    return f"on {words}", words, "calendar"


def date_words(day: int) -> str:
    date = datetime.date.fromordinal(day)
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


# --- writing ------------------------------------------------------------------------------


class BulkWriter:
    """Rows waiting to be inserted, written in the order their foreign keys need once any kind
    reaches a batch, with the rows and seconds per model kept for the report.

    A row may point to another row generated in the same batch (a citation to its entry, a
    grouped proposal to its head): bulk_create fills in the primary keys of what it inserts, so
    inserting the targets first is all it takes. Links are kept as (object, id) pairs and become
    through-model rows once the object has its key."""

    def __init__(self, batch_size: int):
        self.batch_size = batch_size
        self.rows: Counter[str] = Counter()
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.tables: dict[str, None] = {}  # written to, in order
        self.check_seconds = 0.0
        self.articles: list[Article] = []
        self.duplicates: list[Article] = []  # after the originals they point to
        self.entries: list[TimelineEntry] = []
        self.entry_cases: list[tuple[TimelineEntry, int]] = []
        self.entry_parties: list[tuple[TimelineEntry, int]] = []
        self.proposed_entries: list[ProposedEntry] = []
        self.grouped_entries: list[ProposedEntry] = []  # after the heads of their groups
        self.proposed_cases: list[tuple[ProposedEntry, int]] = []
        self.proposed_parties: list[tuple[ProposedEntry, int]] = []
        self.citations: list[Citation] = []

    def insert(self, model, objects: list) -> list:
        started = time.perf_counter()
        model.objects.bulk_create(objects, batch_size=self.batch_size)
        self.seconds[model._meta.label] += time.perf_counter() - started
        self.rows[model._meta.label] += len(objects)
        self.tables[model._meta.db_table] = None
        return objects

    def link(self, through, owner_field: str, target_field: str, pairs: list) -> None:
        self.insert(through, [through(**{owner_field: o.pk, target_field: t}) for o, t in pairs])

    def full(self) -> bool:
        return (
            max(len(self.articles), len(self.entries), len(self.proposed_entries))
            >= self.batch_size
        )

    def flush(self) -> None:
        self.insert(Article, self.articles)
        self.insert(Article, self.duplicates)
        self.insert(TimelineEntry, self.entries)
        self.link(TimelineEntry.cases.through, "timelineentry_id", "case_id", self.entry_cases)
        self.link(TimelineEntry.parties.through, "timelineentry_id", "party_id", self.entry_parties)
        self.insert(ProposedEntry, self.proposed_entries)
        self.insert(ProposedEntry, self.grouped_entries)
        self.link(ProposedEntry.cases.through, "proposedentry_id", "case_id", self.proposed_cases)
        self.link(
            ProposedEntry.parties.through, "proposedentry_id", "party_id", self.proposed_parties
        )
        self.insert(Citation, self.citations)
        if connection.vendor == "postgresql":
            # The foreign keys are checked at commit (they are deferred); checked batch by
            # batch instead, PostgreSQL's queue of pending checks stays small and their cost is
            # counted in the stage that caused it.
            started = time.perf_counter()
            connection.check_constraints()
            self.check_seconds += time.perf_counter() - started
        # With DEBUG on, Django keeps the last 9,000 statements it ran, here megabytes each.
        reset_queries()
        for pending in (
            self.articles,
            self.duplicates,
            self.entries,
            self.entry_cases,
            self.entry_parties,
            self.proposed_entries,
            self.grouped_entries,
            self.proposed_cases,
            self.proposed_parties,
            self.citations,
        ):
            pending.clear()


# --- the generator ------------------------------------------------------------------------


class ArchiveGenerator:
    """One run: the random source, the rows made so far that later stages point to, and the
    writer. Stages run in order, each a method."""

    def __init__(self, options: dict, stdout):
        self.options = options
        self.stdout = stdout
        self.rng = random.Random(options["seed"])
        self.writer = BulkWriter(options["batch_size"])
        self.editor = None
        self.governments: dict[str, Party] = {}
        self.officials: dict[str, list[Actor]] = {}
        self.lawyers: dict[str, list[Actor]] = {}
        self.organizations: list[Actor] = []
        self.outlets: list[Outlet] = []
        self.outlet_weights: list[float] = []
        self.authors: list[str] = []
        self.plans: list[CasePlan] = []
        self.article_number = 0

    # -- names --

    def person(self, script: str, gender: str | None = None) -> tuple[str, str, str]:
        """(full name, family name, gender) of a new person named from the script's pool, in
        its own letters or transliterated."""
        rng = self.rng
        gender = gender or rng.choice(("male", "female"))
        if script == "latin":
            first = rng.choice(LATIN_MALE if gender == "male" else LATIN_FEMALE)
            family = rng.choice(LATIN_FAMILY_HEADS) + rng.choice(LATIN_FAMILY_TAILS)
            return f"{first} {family}", family, gender
        males, females, families = NAME_POOLS[script]
        side = 0 if rng.random() < NATIVE_SCRIPT_SHARE else 1
        first = rng.choice(males if gender == "male" else females)[side]
        family = rng.choice(families)[side]
        if script == "russian" and gender == "female" and family.endswith(("ов", "ев", "ин")):
            family += "а"
        elif script == "russian" and gender == "female" and family.endswith(("ov", "ev", "in")):
            family += "a"
        if script in FAMILY_FIRST:
            return (family + first if side == 0 else f"{family} {first}"), family, gender
        return f"{first} {family}", family, gender

    def slug(self, kind: str, number: int, name: str) -> str:
        return f"{GENERATED_PREFIX}{kind}-{number}-{slugify(anyascii(name))}"[:80].rstrip("-")

    # -- stages --

    def create_editor(self) -> str:
        """The editor every generated entry is approved by and every review is signed by."""
        self.editor, created = get_user_model().objects.get_or_create(
            username=EDITOR_USERNAME,
            defaults={"first_name": "Generated", "last_name": "archive", "is_active": False},
        )
        if created:
            self.editor.set_unusable_password()
            self.editor.save(update_fields=["password"])
            editors = Group.objects.filter(name=EDITORS).first()
            if editors:
                self.editor.groups.add(editors)
        return f"{'created' if created else 'reusing'} user {EDITOR_USERNAME}"

    def create_parties(self) -> None:
        """The parties shared by many cases: governments, their officials, lawyers (by the
        country they practise in) and organizations. Detainees and their families are made
        with their cases."""
        rng = self.rng
        parties = []
        for number, country in enumerate(COUNTRIES):
            government = Party(
                slug=self.slug("government", number, country.name),
                name=f"Government of {spoken(country.name)}",
                kind=PartyKind.GOVERNMENT,
                country=country.name,
                aliases=[country.name, country.capital],
            )
            self.governments[country.name] = government
            parties.append(government)
        people = []  # (name, family name, title, country)
        for country in COUNTRIES:
            for title in OFFICIAL_TITLES:
                name, family, _ = self.person(country.script)
                people.append((name, family, fit(title.format(country=country.name), 200), country))
            if country.detains:
                for _ in range(3):
                    name, family, _ = self.person(country.script)
                    people.append((name, family, f"Defence lawyer in {country.capital}", country))
        for number, (name, family, title, country) in enumerate(people):
            party = Party(
                slug=self.slug("person", number, name),
                name=name,
                kind=PartyKind.PERSON,
                title=title,
                country=country.name,
                aliases=[family],
            )
            parties.append(party)
            group = self.lawyers if title.startswith("Defence lawyer") else self.officials
            group.setdefault(country.name, []).append(party)
        organizations = []
        for number, (name, country) in enumerate(ORGANIZATIONS):
            organizations.append(
                Party(
                    slug=self.slug("organization", number, name),
                    name=name,
                    kind=PartyKind.ORGANIZATION,
                    country=country,
                )
            )
        self.writer.insert(Party, parties + organizations)
        for group in (self.officials, self.lawyers):
            for country, members in group.items():
                group[country] = [Actor(party.pk, party.name) for party in members]
        self.organizations = [Actor(party.pk, party.name) for party in organizations]
        self.authors = [
            self.person(rng.choice(("latin", "latin", "russian")))[0] for _ in range(300)
        ]

    def create_outlets(self) -> None:
        rng = self.rng
        outlets, domains = [], set()
        for number in range(self.options["outlets"]):
            if rng.random() < 0.1:
                pattern, cities = rng.choice(NON_LATIN_OUTLETS)
                name = pattern.format(city=rng.choice(cities))
            else:
                name = f"The {rng.choice(OUTLET_CITIES)} {rng.choice(OUTLET_NOUNS)}"
            domain = slugify(anyascii(name)).replace("-", "")
            if domain in domains:
                domain = f"{domain}{number}"
            domains.add(domain)
            outlets.append(
                Outlet(
                    slug=self.slug("outlet", number, name), name=name, domain=f"{domain}.example"
                )
            )
        self.outlets = self.writer.insert(Outlet, outlets)
        # A few outlets (the wires) publish most of the articles.
        self.outlet_weights = list(accumulate(1 / (rank + 1) for rank in range(len(outlets))))

    def create_cases(self) -> None:
        """The cases with their detainees, families and status changes, and the plan of each:
        how many entries, articles and proposals it gets, its span and its cast."""
        rng, options = self.rng, self.options
        counts = long_tail(options["entries"], options["cases"], options["largest"])
        rng.shuffle(counts)
        detaining = [c for c in COUNTRIES if c.detains]
        homes = [c for c in COUNTRIES if c.home]
        mediators = [c for c in COUNTRIES if c.mediates]
        people, cases, plans = [], [], []
        for number, entry_count in enumerate(counts):
            gov = rng.choices(detaining, weights=[c.detains for c in detaining])[0]
            home = rng.choices(homes, weights=[c.home for c in homes])[0]
            # One detainee in three is a dual national, named as the detaining country names.
            script = gov.script if rng.random() < 0.33 else home.script
            name, family, gender = self.person(script)
            profession = rng.choice(PROFESSIONS)
            detainee = Party(
                slug=self.slug("detainee", number, name),
                name=name,
                kind=PartyKind.PERSON,
                title=f"{capitalised(profession)} from {spoken(home.name)}",
                country=home.name,
                aliases=[family],
            )
            relation = rng.choice(RELATIONS[rng.choice(("male", "female"))])
            relative_gender = "male" if relation in RELATIONS["male"] else "female"
            relative_name, _, _ = self.person(script, relative_gender)
            relative = Party(
                slug=self.slug("relative", number, relative_name),
                name=relative_name,
                kind=PartyKind.PERSON,
                title=fit(f"{name}'s {relation}", 200),
                country=home.name,
            )
            people += [detainee, relative]
            plan = CasePlan(case=None, entry_count=entry_count, gov=gov, home=home)
            self.plan_status_changes(plan)
            charge = rng.choice(CHARGES)
            city = rng.choice(gov.cities)
            years = rng.randint(3, 18)
            sentenced = any(status == CaseStatus.SENTENCED for status, _ in plan.milestones)
            possessive, obj = PRONOUNS[gender]
            lawyer = rng.choice(self.lawyers[gov.name])
            plan.words = {
                "detainee": name,
                "surname": family,
                "possessive": possessive,
                "object": obj,
                "profession": profession,
                "home": spoken(home.name),
                "gov": gov.name,
                "capital": gov.capital,
                "city": city,
                "place": rng.choice(PLACES),
                "prison": rng.choice(gov.prisons),
                "charge": charge,
                "years": str(years),
                "lawyer": lawyer.name,
                "family": relative_name,
                "relation": relation,
                "issue": rng.choice(ISSUES),
                "mediator": spoken(
                    rng.choices(mediators, weights=[c.mediates for c in mediators])[0].name
                ),
                "detained": date_words(plan.first_day),
                "home_official": self.officials[home.name][0].name,
                "gov_official": self.officials[gov.name][1].name,
                "gov_official_title": f"spokesperson for the foreign ministry of {gov.name}",
            }
            case_name = name
            if rng.random() < 0.05:  # the long names some cases are filed under
                case_name = fit(fill(LONG_CASE_NAME, plan.words), 200)
            cases.append(
                Case(
                    slug=self.slug("case", number, name),
                    name=case_name,
                    detaining_party=self.governments[gov.name],
                    detained_at=f"{plan.words['place'].capitalize()}, {city}",
                    held_at=plan.words["prison"],
                    charges=capitalised(charge),
                    sentence=f"{years} years in prison" if sentenced else "",
                    summary=fill(CASE_SUMMARY, plan.words),
                    aliases=[family, name],
                )
            )
            plans.append(plan)
            plan.speakers = [
                *self.officials[home.name],
                *self.officials[gov.name],
                lawyer,
            ]
            plan.linkable = [
                Actor(self.governments[gov.name].pk, self.governments[gov.name].name),
                Actor(self.governments[home.name].pk, self.governments[home.name].name),
                *rng.sample(self.organizations, 2),
            ]
        self.writer.insert(Party, people)
        for plan, case, detainee, relative in zip(
            plans, cases, people[::2], people[1::2], strict=True
        ):
            case.detainee = detainee
            plan.case = case
            plan.speakers.append(Actor(relative.pk, relative.name))
            plan.linkable = [*plan.speakers, *plan.linkable, Actor(detainee.pk, detainee.name)]
        self.writer.insert(Case, cases)
        changes = [
            CaseStatusChange(
                case=plan.case,
                status=status,
                on=datetime.date.fromordinal(day),
                note=fit(fill(SUMMARIES[status][0], plan.words), 300),
            )
            for plan in plans
            for status, day in plan.milestones
        ]
        self.writer.insert(CaseStatusChange, changes)
        self.plans = plans

    def plan_status_changes(self, plan: CasePlan) -> None:
        """The detention and what followed, in order: long cases last longer. A case still
        held runs to ARCHIVE_END; an ended one is reported on for a month after it ends."""
        rng = self.rng
        outcome = rng.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
        duration = int((90 + 260 * math.log1p(plan.entry_count)) * rng.uniform(0.6, 1.4))
        duration = min(duration, END - START - 30)
        latest_start = END - duration
        if outcome is None:
            first = latest_start
        else:
            first = int(rng.triangular(START, latest_start, latest_start))
        milestones = [(CaseStatus.DETAINED, first)]

        def after(low: float, high: float) -> int:
            return first + max(1, int(duration * rng.uniform(low, high)))

        if rng.random() < 0.8:
            milestones.append((CaseStatus.CHARGED, after(0.01, 0.1)))
            if rng.random() < 0.45:
                milestones.append((CaseStatus.TRIED, after(0.2, 0.45)))
            if rng.random() < 0.6:
                milestones.append((CaseStatus.SENTENCED, after(0.5, 0.7)))
                if rng.random() < 0.15:
                    milestones.append((CaseStatus.TRANSFERRED, after(0.75, 0.9)))
        if rng.random() < 0.3:
            milestones.append((CaseStatus.DESIGNATED, after(0.05, 0.4)))
        if outcome is not None:
            milestones.append((outcome, first + duration))
        milestones.sort(key=lambda milestone: milestone[1])
        plan.milestones = milestones
        plan.first_day = first
        plan.last_day = END if outcome is None else min(END, first + duration + 30)

    def create_proposals(self) -> None:
        """A few dozen proposed exchanges, each for a prominent case and up to three others held
        by the same government, against one or two of that government's people."""
        rng = self.rng
        wanted = min(MAX_PROPOSALS, max(1, len(self.plans) // 15))
        by_size = sorted(self.plans, key=lambda plan: -plan.entry_count)
        anchors = rng.sample(by_size[: max(wanted, len(by_size) // 3)], wanted)
        go_betweens = [c for c in COUNTRIES if c.mediates]
        proposals, sides, changes, counterparts = [], [], [], []
        members, mediator_links = [], []
        for number, anchor in enumerate(anchors):
            gov, home = anchor.gov, anchor.home
            held_by_gov = [p for p in self.plans if p.gov is gov and p is not anchor]
            partners = rng.sample(held_by_gov, min(len(held_by_gov), rng.randint(0, 3)))
            their_people = []
            for _ in range(rng.randint(1, 2)):
                name, family, _ = self.person(gov.script)
                their_people.append(
                    Party(
                        slug=self.slug("counterpart", len(counterparts), name),
                        name=name,
                        kind=PartyKind.PERSON,
                        title=fit(
                            rng.choice(COUNTERPART_TITLES).format(country=spoken(home.name)), 200
                        ),
                        country=gov.name,
                        aliases=[family],
                    )
                )
                counterparts.append(their_people[-1])
            ours = ", ".join(plan.words["detainee"] for plan in [anchor, *partners])
            theirs = " and ".join(party.name for party in their_people)
            proposal = Proposal(
                slug=self.slug("proposal", number, anchor.words["surname"]),
                title=fit(f"Exchange of {ours} for {theirs}", 300),
                terms=capitalised(
                    f"{spoken(home.name)} would release {theirs}; {spoken(gov.name)} would "
                    f"release {ours}."
                ),
                offered_by=self.governments[home.name],
                offered_to=self.governments[gov.name],
                aliases=[f"{anchor.words['surname']} swap"],
            )
            proposals.append(proposal)
            for plan in [anchor, *partners]:
                plan.proposals.append(proposal)
                members.append((proposal, plan))
                sides.append((proposal, plan.case.detainee, self.governments[gov.name]))
            sides += [(proposal, party, self.governments[home.name]) for party in their_people]
            for country in rng.sample(go_betweens, rng.randint(0, 2)):
                mediator_links.append((proposal, self.governments[country.name].pk))
            changes += [(proposal, status, day) for status, day in self.proposal_history(anchor)]
        self.writer.insert(Party, counterparts)
        self.writer.insert(Proposal, proposals)
        self.writer.insert(
            ProposalSide,
            [ProposalSide(proposal=p, released=r, released_by=b) for p, r, b in sides],
        )
        self.writer.insert(
            ProposalStatusChange,
            [
                ProposalStatusChange(proposal=p, status=s, on=datetime.date.fromordinal(day))
                for p, s, day in changes
            ],
        )
        self.writer.link(
            Proposal.cases.through,
            "proposal_id",
            "case_id",
            [(proposal, plan.case.pk) for proposal, plan in members],
        )
        self.writer.link(Proposal.mediators.through, "proposal_id", "party_id", mediator_links)
        for proposal, plan in members:
            plan.partner_case_ids[proposal.pk] = [
                other.case.pk for p, other in members if p is proposal and other is not plan
            ]

    def proposal_history(self, anchor: CasePlan) -> list[tuple[str, int]]:
        """Floated, offered, then carried out on the day of the anchor case's exchange, or
        rejected or countered or still on the table; one day apart at least, within the case."""
        rng = self.rng
        end_status, end_day = anchor.milestones[-1]
        if end_status == CaseStatus.EXCHANGED:
            steps = [
                (ProposalStatus.CARRIED_OUT, end_day),
                (ProposalStatus.ACCEPTED, end_day - rng.randint(3, 30)),
                (ProposalStatus.OFFERED, end_day - rng.randint(40, 200)),
                (ProposalStatus.FLOATED, end_day - rng.randint(220, 400)),
            ][::-1]
        else:
            span = anchor.last_day - anchor.first_day
            floated = anchor.first_day + int(span * rng.uniform(0.2, 0.7))
            offered = floated + rng.randint(10, 90)
            answer = rng.choice([ProposalStatus.REJECTED, ProposalStatus.COUNTERED, None])
            steps = [(ProposalStatus.FLOATED, floated), (ProposalStatus.OFFERED, offered)]
            if answer:
                steps.append((answer, offered + rng.randint(10, 120)))
        history, previous = [], anchor.first_day
        for status, day in steps:
            previous = max(day, previous + 1)
            if previous <= END:
                history.append((status, previous))
        return history

    def create_record(self) -> None:
        """Articles, timeline entries, citations and proposed entries, case after case, flushed
        in batches."""
        options = self.options
        articles = apportion(options["articles"], [p.entry_count for p in self.plans], 1)
        proposals = apportion(options["proposals"], articles, 0)
        for plan, article_count, proposal_count in zip(
            self.plans, articles, proposals, strict=True
        ):
            plan.article_count, plan.proposal_count = article_count, proposal_count
        started, report_every = time.perf_counter(), max(1, options["articles"] // 10)
        next_report = report_every
        for plan in self.plans:
            self.write_case_record(plan)
            if self.article_number >= next_report:
                self.stdout.write(
                    f"    {self.article_number:,} of {options['articles']:,} articles "
                    f"({time.perf_counter() - started:.1f} s)"
                )
                self.stdout.flush()
                next_report = (self.article_number // report_every + 1) * report_every
        self.writer.flush()

    # -- one case's record --

    def developments(self, plan: CasePlan) -> list[Development]:
        """The case's entry_count developments in date order: its milestones (as many as fit),
        then routine ones spread over its span, dated mostly to the day."""
        rng = self.rng
        developments = [
            Development(day, DatePrecision.DAY, MILESTONE_KINDS[status], status)
            for status, day in plan.milestones[: plan.entry_count]
        ]
        kinds, kind_weights = list(ROUTINE_KINDS), list(ROUTINE_KINDS.values())
        precisions, precision_weights = list(PRECISIONS), list(PRECISIONS.values())
        for _ in range(plan.entry_count - len(developments)):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            day = rng.randint(plan.first_day, plan.last_day)
            precision = rng.choices(precisions, weights=precision_weights)[0]
            rounded = rounded_day(day, precision)
            if rounded < plan.first_day:  # known to the month of the arrest: to the day
                rounded, precision = day, DatePrecision.DAY
            developments.append(Development(rounded, precision, kind, kind))
        developments.sort(key=lambda development: development.occurred)
        return developments

    def write_case_record(self, plan: CasePlan) -> None:
        """The case's articles in date order. Entry j first appears in article j * articles //
        entries (so a case with more articles than entries has articles that report nothing
        new), and half the entries once more in the next article. An article's proposal slots
        are pending with the pending share; the others approve the entries it cites, and those
        left over reject background sentences."""
        rng, writer, share = self.rng, self.writer, self.options["pending_share"]
        developments = self.developments(plan)
        plan.headlines = [fill(template, self.words_for(plan)) for template in HEADLINES]
        plan.leads = [Sentence(fill(t, self.words_for(plan))) for t in LEADS]
        background = dict.fromkeys(fill(t, self.words_for(plan)) for t in BACKGROUND * 4)
        plan.background = [Sentence(text) for text in background]
        plan.background_chars = sum(len(text) + 1 for text in background) // len(background)
        plan.folded = {s.text: s.text.casefold() for s in plan.leads + plan.background}
        entry_count, article_count = len(developments), plan.article_count
        slots = [0] * article_count
        for _ in range(plan.proposal_count):
            slots[rng.randrange(article_count)] += 1
        carried = 0  # the slots of unread articles, passed on to the next read one
        follow_ups: list[Recorded] = []
        pending_heads: deque[ProposedEntry] = deque(maxlen=8)  # the latest, to group under
        original = None
        next_entry = 0
        for number in range(article_count):
            first_new = next_entry
            while next_entry < entry_count and next_entry * article_count // entry_count == number:
                next_entry += 1
            published = min(developments[next_entry - 1].occurred + rng.randint(0, 2), END)
            cited_before, follow_ups = follow_ups, []
            unread = (
                first_new == next_entry
                and not cited_before
                and number < article_count - 1
                and rng.random() < UNREAD_SHARE
            )
            if unread:
                carried += slots[number]
                self.write_unread_article(plan, published, original)
                continue
            new = [
                self.record_entry(plan, d, published) for d in developments[first_new:next_entry]
            ]
            if number < article_count - 1:
                follow_ups = [r for r in new if rng.random() < FOLLOW_UP_SHARE]
            slot_count, carried = slots[number] + carried, 0
            pending_count = sum(rng.random() < share for _ in range(slot_count))
            reviewed_count = slot_count - pending_count
            cited = [(recorded, ReviewStatus.APPROVED) for recorded in new]
            cited += [(recorded, ReviewStatus.MERGED) for recorded in cited_before]
            original = self.write_article(
                plan, published, cited, pending_count, reviewed_count, pending_heads
            )
            if writer.full():
                writer.flush()

    def record_entry(self, plan: CasePlan, development: Development, published: int) -> Recorded:
        rng = self.rng
        kind = development.kind
        words = self.words_for(plan)
        if kind == EntryKind.STATEMENT:
            development.speaker = rng.choice(plan.speakers)
            development.quote = fill(rng.choice(QUOTES), words)
            words["speaker"] = development.speaker.name
        summary = fill(rng.choice(SUMMARIES[development.template]), words)
        if rng.random() < 0.1:
            summary += fill(LONG_SUMMARY_TAIL, words)
        proposal = None
        case_ids = [plan.case.pk]
        if kind in NEGOTIATION_KINDS and plan.proposals:
            proposal = rng.choice(plan.proposals)
            case_ids += plan.partner_case_ids[proposal.pk]
        attribution = Attribution.ON_RECORD
        if kind == EntryKind.REPORT:
            attribution = Attribution.MEDIA
        elif kind in NEGOTIATION_KINDS and rng.random() < 0.4:
            attribution = Attribution.ANONYMOUS
        elif kind == EntryKind.STATEMENT and rng.random() < 0.05:
            attribution = Attribution.DENIED
        linked = {}
        if development.speaker:
            linked[development.speaker.pk] = development.speaker
        for actor in rng.sample(plan.linkable, rng.choice((0, 1, 1, 2, 2, 3))):
            if len(linked) < 3:
                linked[actor.pk] = actor
        entry = TimelineEntry(
            occurred_on=datetime.date.fromordinal(development.occurred),
            precision=development.precision,
            reported_on=datetime.date.fromordinal(published),
            kind=kind,
            summary=summary,
            quote=development.quote,
            speaker_id=development.speaker.pk if development.speaker else None,
            attribution=attribution,
            proposal=proposal,
            restricted=rng.random() < RESTRICTED_SHARE,
            approved_by=self.editor,
            approved_at=at(published + rng.randint(0, 2), rng.randint(480, 1200)),
        )
        recorded = Recorded(entry, development, case_ids, list(linked))
        self.writer.entries.append(entry)
        self.writer.entry_cases += [(entry, case_id) for case_id in case_ids]
        self.writer.entry_parties += [(entry, party_id) for party_id in recorded.party_ids]
        return recorded

    def write_article(
        self,
        plan: CasePlan,
        published: int,
        cited: list[tuple[Recorded, str]],
        pending_count: int,
        reviewed_count: int,
        pending_heads: deque,
    ) -> Article:
        """One article the extractor read. Its text holds, at random places among background
        sentences, the evidence of the entries it cites and of its proposals: approvals of the
        cited entries (as many as the reviewed slots allow), rejections of background
        sentences for the slots left, and pending proposals, some grouped under a pending head
        of an earlier article."""
        rng, writer = self.rng, self.writer
        # (sentence, what it is evidence of): ("cited", Recorded, review status),
        # ("pending", Development, head or None), ("rejected",), or None for background.
        items = [
            (self.evidence(plan, recorded.development, published), ("cited", recorded, status))
            for recorded, status in cited
        ]
        for _ in range(pending_count):
            grouped = pending_heads and rng.random() < GROUPED_SHARE
            head = rng.choice(pending_heads) if grouped else None
            development = self.pending_development(plan, published, head)
            items.append(
                (self.evidence(plan, development, published), ("pending", development, head))
            )
        # Background sentences, none twice, enough to reach the length drawn; the first ones
        # are the evidence of the rejected proposals.
        rejected_count = max(0, reviewed_count - len(cited))
        missing = rng.randint(*ARTICLE_CHARS) - sum(len(s.text) + 1 for s, _ in items)
        wanted = max(rejected_count, missing // plan.background_chars)
        background = rng.sample(plan.background, min(wanted, len(plan.background)))
        if len(background) < rejected_count:  # more slots than the case has sentences
            background += rng.choices(plan.background, k=rejected_count - len(background))
        items += [(sentence, ("rejected",)) for sentence in background[:rejected_count]]
        body = [(sentence, None) for sentence in background[rejected_count:]]
        for item in items:
            body.insert(rng.randint(0, len(body)), item)
        body.insert(0, (rng.choice(plan.leads), None))
        separators = rng.choices((" ", "\n\n"), weights=(7, 3), k=len(body))
        separators[0] = ""
        parts, folded, placed, offset = [], [], [], 0
        for separator, (sentence, what) in zip(separators, body, strict=True):
            offset += len(separator)
            if what is not None:
                placed.append((offset, sentence, what))
            parts += (separator, sentence.text)
            folded.append(plan.folded.get(sentence.text) or sentence.text.casefold())
            offset += len(sentence.text)
        article = self.new_article(plan, published, "".join(parts), folded_hash(folded))
        article.status = ArticleStatus.DONE
        article.extractor_version = EXTRACTOR_VERSION
        article.extracted_at = at(published, rng.randint(60, 1400))
        writer.articles.append(article)

        ordinal, approvals = 0, reviewed_count
        fresh_heads = []
        for start, sentence, what in placed:
            proposed = None
            if what[0] == "cited":
                _, recorded, status = what
                if approvals:
                    approvals -= 1
                    confidence = round(rng.uniform(0.55, 0.99), 3)
                    proposed = self.proposed(
                        article,
                        ordinal,
                        start,
                        sentence,
                        recorded.development,
                        plan,
                        status,
                        confidence,
                    )
                    proposed.entry = recorded.entry
                    proposed.proposal = recorded.entry.proposal
                    proposed.reviewed_at = recorded.entry.approved_at
                    if status == ReviewStatus.MERGED:  # into the entry approved before
                        proposed.reviewed_at = at(
                            published + rng.randint(0, 2), rng.randint(480, 1200)
                        )
                    writer.proposed_entries.append(proposed)
                    writer.proposed_cases += [(proposed, pk) for pk in recorded.case_ids]
                    writer.proposed_parties += [(proposed, pk) for pk in recorded.party_ids]
                writer.citations.append(
                    Citation(
                        entry=recorded.entry,
                        article=article,
                        start=start,
                        end=start + len(sentence.text),
                        evidence=sentence.text,
                        proposed_entry=proposed,
                        created_by=self.editor,
                    )
                )
            elif what[0] == "rejected":
                development = Development(
                    published - rng.randint(0, 30), DatePrecision.DAY, self.routine_kind(), ""
                )
                confidence = round(rng.uniform(0.05, 0.7), 3)
                proposed = self.proposed(
                    article,
                    ordinal,
                    start,
                    sentence,
                    development,
                    plan,
                    ReviewStatus.REJECTED,
                    confidence,
                )
                proposed.reject_reason = rng.choices(
                    list(REJECT_REASONS), weights=list(REJECT_REASONS.values())
                )[0]
                if proposed.reject_reason == RejectReason.OTHER:
                    proposed.reject_note = "Background paragraph; nothing new happened."
                proposed.reviewed_at = at(published + rng.randint(0, 3), rng.randint(480, 1200))
                writer.proposed_entries.append(proposed)
                if proposed.reject_reason != RejectReason.WRONG_CASE:
                    writer.proposed_cases.append((proposed, plan.case.pk))
            else:
                _, development, head = what
                confidence = round(rng.uniform(0.3, 0.95), 3)
                proposed = self.proposed(
                    article,
                    ordinal,
                    start,
                    sentence,
                    development,
                    plan,
                    ReviewStatus.PENDING,
                    confidence,
                )
                proposed.group = head
                if head is None:
                    writer.proposed_entries.append(proposed)
                    fresh_heads.append(proposed)
                else:
                    writer.grouped_entries.append(proposed)
                writer.proposed_cases.append((proposed, plan.case.pk))
                if development.speaker:
                    writer.proposed_parties.append((proposed, development.speaker.pk))
            ordinal += proposed is not None
        # Other reports of these come in later articles, never in the same one.
        pending_heads.extend(fresh_heads)
        return article

    def write_unread_article(self, plan: CasePlan, published: int, original: Article | None):
        """An article no entry cites that was never read: a failed fetch, or a copy of the
        case's last article under another outlet's URL."""
        if original is not None and self.rng.random() < 0.5:
            article = self.new_article(plan, published, original.text, original.content_hash)
            article.status = ArticleStatus.DUPLICATE
            article.title = original.title
            article.duplicate_of = original
            self.writer.duplicates.append(article)
        else:
            article = self.new_article(plan, published, "", "")
            article.status = ArticleStatus.FAILED
            article.error = self.rng.choice(FETCH_ERRORS)
            self.writer.articles.append(article)

    def new_article(self, plan: CasePlan, published: int, text: str, digest: str) -> Article:
        rng = self.rng
        self.article_number += 1
        outlet = rng.choices(self.outlets, cum_weights=self.outlet_weights)[0]
        date = datetime.date.fromordinal(published)
        case_slug = plan.case.slug.removeprefix(GENERATED_PREFIX)
        return Article(
            url=f"https://{outlet.domain}/{date:%Y/%m/%d}/{GENERATED_PREFIX}{self.article_number}"
            f"-{case_slug}",
            outlet=outlet,
            title=rng.choice(plan.headlines),
            author=rng.choice(self.authors),
            published_on=date,
            text=text,
            content_hash=digest,
        )

    def proposed(
        self,
        article: Article,
        ordinal: int,
        start: int,
        sentence: Sentence,
        development: Development,
        plan: CasePlan,
        status: str,
        confidence: float,
    ) -> ProposedEntry:
        """The proposal the extractor made from `sentence`, reviewed by the generated editor
        unless pending; the caller sets what the review decided."""
        end = start + len(sentence.text)
        matched = []
        for text, role in ((plan.words["surname"], "case"), (sentence.basis, "date")):
            found = sentence.text.find(text) if text else -1
            if found >= 0:
                span = {"text": text, "start": start + found, "end": start + found + len(text)}
                matched.append(span | {"role": role})
        return ProposedEntry(
            article=article,
            extractor_version=EXTRACTOR_VERSION,
            ordinal=ordinal,
            start=start,
            end=end,
            evidence=sentence.text,
            occurred_on=datetime.date.fromordinal(development.occurred),
            precision=development.precision,
            date_basis=fit(sentence.basis, 200),
            date_anchor=sentence.anchor,
            kind=development.kind,
            summary=fit(sentence.text, 240),
            quote=development.quote,
            speaker_id=development.speaker.pk if development.speaker else None,
            confidence=confidence,
            matched=matched,
            status=status,
            reviewed_by=None if status == ReviewStatus.PENDING else self.editor,
        )

    def pending_development(
        self, plan: CasePlan, published: int, head: ProposedEntry | None
    ) -> Development:
        """A development not on the record yet: new, or the one `head` proposed, reported
        again."""
        if head is not None:
            return Development(
                head.occurred_on.toordinal(), head.precision, head.kind, head.kind, quote=head.quote
            )
        kind = self.routine_kind()
        development = Development(
            max(plan.first_day, published - self.rng.randint(0, 5)), DatePrecision.DAY, kind, kind
        )
        if kind == EntryKind.STATEMENT:
            development.speaker = self.rng.choice(plan.speakers)
            development.quote = fill(self.rng.choice(QUOTES), plan.words)
        return development

    def routine_kind(self) -> str:
        return self.rng.choices(list(ROUTINE_KINDS), weights=list(ROUTINE_KINDS.values()))[0]

    # -- text --

    def words_for(self, plan: CasePlan) -> dict[str, str]:
        """The case's template fields with the ones that vary from sentence to sentence."""
        rng = self.rng
        return plan.words | {
            "months": str(rng.randint(1, 6)),
            "n": f"{rng.randint(2, 400) * 250:,}",
            "org": rng.choice(self.organizations).name,
            "year": str(rng.randint(2000, 2024)),
            "count": str(rng.randint(3, 60)),
            "speaker": rng.choice(plan.speakers).name,
            "quote": "",
        }

    def evidence(self, plan: CasePlan, development: Development, published: int) -> Sentence:
        """The article's sentence reporting `development`, dated in the words a reporter
        writing on `published` would use."""
        rng = self.rng
        when, basis, anchor = dated(development, published)
        words = self.words_for(plan) | {"when": when}
        if development.speaker:
            words["speaker"] = development.speaker.name
        words["quote"] = development.quote or words["quote"]
        template = rng.choice(EVIDENCE[development.template or development.kind])
        return Sentence(fill(template, words), basis, anchor)


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic archive for benchmarks: cases with long-tailed "
        "timelines, parties, proposals, outlets, articles, citations and proposed entries. "
        "Reproducible from --seed; works on an empty database or on top of the seeds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000)
        parser.add_argument("--entries", type=int, default=200_000, help="Timeline entries.")
        parser.add_argument("--articles", type=int, default=500_000)
        parser.add_argument(
            "--proposals", type=int, default=1_000_000, help="Proposed entries (the review queue)."
        )
        parser.add_argument(
            "--largest",
            type=int,
            help="Entries of the largest case (default: a twentieth of the entries, at least "
            f"four times the average case, at most {LARGEST_CASE_CAP:,}; never below the "
            "average).",
        )
        parser.add_argument(
            "--pending-share",
            type=float,
            default=0.006,
            help="Share of the proposed entries still pending review.",
        )
        parser.add_argument("--outlets", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=2_000, help="Rows per INSERT.")

    def handle(self, *args, **options):
        self.check_sizes(options)
        if options["largest"] is None:
            entries, cases = options["entries"], options["cases"]
            options["largest"] = min(
                LARGEST_CASE_CAP, max(entries // 20, 4 * math.ceil(entries / cases))
            )
        if any(
            model.objects.filter(slug__startswith=GENERATED_PREFIX).exists()
            for model in (Party, Case, Proposal, Outlet)
        ):
            raise CommandError(
                f"The database already holds a generated archive (slugs starting "
                f"{GENERATED_PREFIX!r}); generate into a fresh database."
            )
        generator = ArchiveGenerator(options, self.stdout)
        started = time.perf_counter()
        writer = generator.writer
        with transaction.atomic():
            self.stage("Editor", generator.create_editor, writer)
            self.stage("Parties", generator.create_parties, writer)
            self.stage("Outlets", generator.create_outlets, writer)
            self.stage("Cases and status changes", generator.create_cases, writer)
            self.stage("Proposals", generator.create_proposals, writer)
            self.stage(
                "Articles, entries, citations, proposed entries", generator.create_record, writer
            )
        self.stage("Planner statistics", lambda: self.analyze(writer.tables), writer)
        self.stage("Case summaries", self.refresh_case_summaries, writer)
        self.stdout.write("Rows written (seconds spent in bulk_create):")
        for label, rows in writer.rows.items():
            self.stdout.write(f"  {label:32} {rows:>11,}  {writer.seconds[label]:7.1f} s")
        if writer.check_seconds:
            self.stdout.write(f"  {'foreign key checks':44}  {writer.check_seconds:7.1f} s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {writer.rows.total():,} rows in "
                f"{time.perf_counter() - started:.1f} s (seed {options['seed']}, largest case "
                f"{options['largest']:,} entries)."
            )
        )

    def check_sizes(self, options: dict) -> None:
        if options["cases"] < 1:
            raise CommandError("--cases must be at least 1.")
        for name in ("entries", "articles"):
            if options[name] < options["cases"]:
                raise CommandError(f"--{name} must be at least --cases: each case has one.")
        if options["proposals"] < 0:
            raise CommandError("--proposals cannot be negative.")
        if not 0 <= options["pending_share"] <= 1:
            raise CommandError("--pending-share must be between 0 and 1.")
        for name in ("outlets", "batch_size"):
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        if options["largest"] is not None and options["largest"] < 1:
            raise CommandError("--largest must be at least 1.")

    def stage(self, name: str, run, writer: BulkWriter) -> None:
        """Run one stage and report what it did (its message, or the rows it wrote) and how
        long it took."""
        self.stdout.write(f"{name}…")
        self.stdout.flush()
        started, rows_before = time.perf_counter(), writer.rows.total()
        done = run() or f"{writer.rows.total() - rows_before:,} rows"
        self.stdout.write(f"  {done} in {time.perf_counter() - started:.1f} s")

    def analyze(self, tables: dict[str, None]) -> str:
        """Fresh statistics for the filled tables, so that benchmarks run right after see plans
        for their real sizes rather than waiting for autovacuum."""
        if connection.vendor != "postgresql":
            return "skipped (not PostgreSQL)"
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))
        return f"{len(tables)} tables analysed"

    def refresh_case_summaries(self) -> str:
        """bulk_create bypasses the signals that keep the case summaries (cases.summary) up to
        date, so they are counted once, at the end."""
        return f"{refresh_all():,} cases counted"
