// Stop-word lists. Each list below states where it comes from and under which licence.
// Words only: the comments of the original files are left out, and entries that the
// original lists comment out (e.g. English "us", "will", "can", "may", "must") are not here.

#include "analysis/stop_words.h"

#include <string_view>

namespace hexaglot::analysis {
namespace {

// Arabic: Jacques Savoy's list as shipped by Apache Lucene
// (lucene/analysis/common/src/resources/org/apache/lucene/analysis/ar/stopwords.txt):
// "This file was created by Jacques Savoy and is distributed under the BSD license. See
// http://members.unine.ch/jacques.savoy/clef/index.html". The list is unnormalised (it
// holds both أ and ا forms); normalising it collapses the duplicates.
constexpr std::string_view kArabic[] = {
    "من",   "ومن",   "منها", "منه", "في",  "وفي",  "فيها",  "فيه",   "و",    "ف",    "ثم",
    "او",   "أو",    "ب",    "بها", "به",  "ا",    "أ",     "اى",    "اي",   "أي",   "أى",
    "لا",   "ولا",   "الا",  "ألا", "إلا", "لكن",  "ما",    "وما",   "كما",  "فما",  "عن",
    "مع",   "اذا",   "إذا",  "ان",  "أن",  "إن",   "انها",  "أنها",  "إنها", "انه",  "أنه",
    "إنه",  "بان",   "بأن",  "فان", "فأن", "وان",  "وأن",   "وإن",   "التى", "التي", "الذى",
    "الذي", "الذين", "الى",  "الي", "إلى", "إلي",  "على",   "عليها", "عليه", "اما",  "أما",
    "إما",  "ايضا",  "أيضا", "كل",  "وكل", "لم",   "ولم",   "لن",    "ولن",  "هى",   "هي",
    "هو",   "وهى",   "وهي",  "وهو", "فهى", "فهي",  "فهو",   "انت",   "أنت",  "لك",   "لها",
    "له",   "هذه",   "هذا",  "تلك", "ذلك", "هناك", "كانت",  "كان",   "يكون", "تكون", "وكانت",
    "وكان", "غير",   "بعض",  "قد",  "نحو", "بين",  "بينما", "منذ",   "ضمن",  "حيث",  "الان",
    "الآن", "خلال",  "بعد",  "قبل", "حتى", "عند",  "عندما", "لدى",   "جميع",
};

// Chinese: written for hexaglot (no outside source): frequent function words -- the
// structural particles, conjunctions, the copula and common prepositions -- chosen to be
// words ICU's dictionary segmentation emits on their own. Deliberately short: a Chinese
// content word is often a single character, so we drop only what never carries a topic.
constexpr std::string_view kChinese[] = {
    "的", "了", "着", "过", "之", "其", "和", "与", "及", "或", "而", "并", "也", "都",
    "就", "是", "在", "于", "对", "把", "被", "由", "以", "为", "所", "等", "这", "那",
};

// English: the Snowball project's English stop list
// (https://snowballstem.org/algorithms/english/stop.txt), BSD licence
// (https://snowballstem.org/license.html).
constexpr std::string_view kEnglish[] = {
    "i",        "me",      "my",     "myself",   "we",         "our",       "ours",    "ourselves",
    "you",      "your",    "yours",  "yourself", "yourselves", "he",        "him",     "his",
    "himself",  "she",     "her",    "hers",     "herself",    "it",        "its",     "itself",
    "they",     "them",    "their",  "theirs",   "themselves", "what",      "which",   "who",
    "whom",     "this",    "that",   "these",    "those",      "am",        "is",      "are",
    "was",      "were",    "be",     "been",     "being",      "have",      "has",     "had",
    "having",   "do",      "does",   "did",      "doing",      "would",     "should",  "could",
    "ought",    "i'm",     "you're", "he's",     "she's",      "it's",      "we're",   "they're",
    "i've",     "you've",  "we've",  "they've",  "i'd",        "you'd",     "he'd",    "she'd",
    "we'd",     "they'd",  "i'll",   "you'll",   "he'll",      "she'll",    "we'll",   "they'll",
    "isn't",    "aren't",  "wasn't", "weren't",  "hasn't",     "haven't",   "hadn't",  "doesn't",
    "don't",    "didn't",  "won't",  "wouldn't", "shan't",     "shouldn't", "can't",   "cannot",
    "couldn't", "mustn't", "let's",  "that's",   "who's",      "what's",    "here's",  "there's",
    "when's",   "where's", "why's",  "how's",    "a",          "an",        "the",     "and",
    "but",      "if",      "or",     "because",  "as",         "until",     "while",   "of",
    "at",       "by",      "for",    "with",     "about",      "against",   "between", "into",
    "through",  "during",  "before", "after",    "above",      "below",     "to",      "from",
    "up",       "down",    "in",     "out",      "on",         "off",       "over",    "under",
    "again",    "further", "then",   "once",     "here",       "there",     "when",    "where",
    "why",      "how",     "all",    "any",      "both",       "each",      "few",     "more",
    "most",     "other",   "some",   "such",     "no",         "nor",       "not",     "only",
    "own",      "same",    "so",     "than",     "too",        "very",
};

// French: the Snowball project's French stop list
// (https://snowballstem.org/algorithms/french/stop.txt), BSD licence.
constexpr std::string_view kFrench[] = {
    "au",       "aux",     "avec",     "ce",      "ces",     "dans",     "de",     "des",
    "du",       "elle",    "en",       "et",      "eux",     "il",       "je",     "la",
    "le",       "leur",    "lui",      "ma",      "mais",    "me",       "même",   "mes",
    "moi",      "mon",     "ne",       "nos",     "notre",   "nous",     "on",     "ou",
    "par",      "pas",     "pour",     "qu",      "que",     "qui",      "sa",     "se",
    "ses",      "son",     "sur",      "ta",      "te",      "tes",      "toi",    "ton",
    "tu",       "un",      "une",      "vos",     "votre",   "vous",     "c",      "d",
    "j",        "l",       "à",        "m",       "n",       "s",        "t",      "y",
    "été",      "étée",    "étées",    "étés",    "étant",   "suis",     "es",     "est",
    "sommes",   "êtes",    "sont",     "serai",   "seras",   "sera",     "serons", "serez",
    "seront",   "serais",  "serait",   "serions", "seriez",  "seraient", "étais",  "était",
    "étions",   "étiez",   "étaient",  "fus",     "fut",     "fûmes",    "fûtes",  "furent",
    "sois",     "soit",    "soyons",   "soyez",   "soient",  "fusse",    "fusses", "fût",
    "fussions", "fussiez", "fussent",  "ayant",   "eu",      "eue",      "eues",   "eus",
    "ai",       "as",      "avons",    "avez",    "ont",     "aurai",    "auras",  "aura",
    "aurons",   "aurez",   "auront",   "aurais",  "aurait",  "aurions",  "auriez", "auraient",
    "avais",    "avait",   "avions",   "aviez",   "avaient", "eut",      "eûmes",  "eûtes",
    "eurent",   "aie",     "aies",     "ait",     "ayons",   "ayez",     "aient",  "eusse",
    "eusses",   "eût",     "eussions", "eussiez", "eussent", "ceci",     "cela",   "celà",
    "cet",      "cette",   "ici",      "ils",     "les",     "leurs",    "quel",   "quels",
    "quelle",   "quelles", "sans",     "soi",
};

// Russian: the Snowball project's Russian stop list
// (https://snowballstem.org/algorithms/russian/stop.txt), BSD licence. Its main list only:
// the paradigm tables in the original's comments are not entries.
constexpr std::string_view kRussian[] = {
    "и",       "в",       "во",     "не",      "что",     "он",    "на",      "я",       "с",
    "со",      "как",     "а",      "то",      "все",     "она",   "так",     "его",     "но",
    "да",      "ты",      "к",      "у",       "же",      "вы",    "за",      "бы",      "по",
    "только",  "ее",      "мне",    "было",    "вот",     "от",    "меня",    "еще",     "нет",
    "о",       "из",      "ему",    "теперь",  "когда",   "даже",  "ну",      "вдруг",   "ли",
    "если",    "уже",     "или",    "ни",      "быть",    "был",   "него",    "до",      "вас",
    "нибудь",  "опять",   "уж",     "вам",     "сказал",  "ведь",  "там",     "потом",   "себя",
    "ничего",  "ей",      "может",  "они",     "тут",     "где",   "есть",    "надо",    "ней",
    "для",     "мы",      "тебя",   "их",      "чем",     "была",  "сам",     "чтоб",    "без",
    "будто",   "человек", "чего",   "раз",     "тоже",    "себе",  "под",     "жизнь",   "будет",
    "ж",       "тогда",   "кто",    "этот",    "говорил", "того",  "потому",  "этого",   "какой",
    "совсем",  "ним",     "здесь",  "этом",    "один",    "почти", "мой",     "тем",     "чтобы",
    "нее",     "кажется", "сейчас", "были",    "куда",    "зачем", "сказать", "всех",    "никогда",
    "сегодня", "можно",   "при",    "наконец", "два",     "об",    "другой",  "хоть",    "после",
    "над",     "больше",  "тот",    "через",   "эти",     "нас",   "про",     "всего",   "них",
    "какая",   "много",   "разве",  "сказала", "три",     "эту",   "моя",     "впрочем", "хорошо",
    "свою",    "этой",    "перед",  "иногда",  "лучше",   "чуть",  "том",     "нельзя",  "такой",
    "им",      "более",   "всегда", "конечно", "всю",     "между",
};

// Spanish: the Snowball project's Spanish stop list
// (https://snowballstem.org/algorithms/spanish/stop.txt), BSD licence. Entries the
// original comments out (es, fue, ha, son, ...) appear where its verb tables list them.
constexpr std::string_view kSpanish[] = {
    "de",        "la",         "que",          "el",          "en",
    "y",         "a",          "los",          "del",         "se",
    "las",       "por",        "un",           "para",        "con",
    "no",        "una",        "su",           "al",          "lo",
    "como",      "más",        "pero",         "sus",         "le",
    "ya",        "o",          "este",         "sí",          "porque",
    "esta",      "entre",      "cuando",       "muy",         "sin",
    "sobre",     "también",    "me",           "hasta",       "hay",
    "donde",     "quien",      "desde",        "todo",        "nos",
    "durante",   "todos",      "uno",          "les",         "ni",
    "contra",    "otros",      "ese",          "eso",         "ante",
    "ellos",     "e",          "esto",         "mí",          "antes",
    "algunos",   "qué",        "unos",         "yo",          "otro",
    "otras",     "otra",       "él",           "tanto",       "esa",
    "estos",     "mucho",      "quienes",      "nada",        "muchos",
    "cual",      "poco",       "ella",         "estar",       "estas",
    "algunas",   "algo",       "nosotros",     "mi",          "mis",
    "tú",        "te",         "ti",           "tu",          "tus",
    "ellas",     "nosotras",   "vosotros",     "vosotras",    "os",
    "mío",       "mía",        "míos",         "mías",        "tuyo",
    "tuya",      "tuyos",      "tuyas",        "suyo",        "suya",
    "suyos",     "suyas",      "nuestro",      "nuestra",     "nuestros",
    "nuestras",  "vuestro",    "vuestra",      "vuestros",    "vuestras",
    "esos",      "esas",       "estoy",        "estás",       "está",
    "estamos",   "estáis",     "están",        "esté",        "estés",
    "estemos",   "estéis",     "estén",        "estaré",      "estarás",
    "estará",    "estaremos",  "estaréis",     "estarán",     "estaría",
    "estarías",  "estaríamos", "estaríais",    "estarían",    "estaba",
    "estabas",   "estábamos",  "estabais",     "estaban",     "estuve",
    "estuviste", "estuvo",     "estuvimos",    "estuvisteis", "estuvieron",
    "estuviera", "estuvieras", "estuviéramos", "estuvierais", "estuvieran",
    "estuviese", "estuvieses", "estuviésemos", "estuvieseis", "estuviesen",
    "estando",   "estado",     "estada",       "estados",     "estadas",
    "estad",     "he",         "has",          "ha",          "hemos",
    "habéis",    "han",        "haya",         "hayas",       "hayamos",
    "hayáis",    "hayan",      "habré",        "habrás",      "habrá",
    "habremos",  "habréis",    "habrán",       "habría",      "habrías",
    "habríamos", "habríais",   "habrían",      "había",       "habías",
    "habíamos",  "habíais",    "habían",       "hube",        "hubiste",
    "hubo",      "hubimos",    "hubisteis",    "hubieron",    "hubiera",
    "hubieras",  "hubiéramos", "hubierais",    "hubieran",    "hubiese",
    "hubieses",  "hubiésemos", "hubieseis",    "hubiesen",    "habiendo",
    "habido",    "habida",     "habidos",      "habidas",     "soy",
    "eres",      "es",         "somos",        "sois",        "son",
    "sea",       "seas",       "seamos",       "seáis",       "sean",
    "seré",      "serás",      "será",         "seremos",     "seréis",
    "serán",     "sería",      "serías",       "seríamos",    "seríais",
    "serían",    "era",        "eras",         "éramos",      "erais",
    "eran",      "fui",        "fuiste",       "fue",         "fuimos",
    "fuisteis",  "fueron",     "fuera",        "fueras",      "fuéramos",
    "fuerais",   "fueran",     "fuese",        "fueses",      "fuésemos",
    "fueseis",   "fuesen",     "siendo",       "sido",        "tengo",
    "tienes",    "tiene",      "tenemos",      "tenéis",      "tienen",
    "tenga",     "tengas",     "tengamos",     "tengáis",     "tengan",
    "tendré",    "tendrás",    "tendrá",       "tendremos",   "tendréis",
    "tendrán",   "tendría",    "tendrías",     "tendríamos",  "tendríais",
    "tendrían",  "tenía",      "tenías",       "teníamos",    "teníais",
    "tenían",    "tuve",       "tuviste",      "tuvo",        "tuvimos",
    "tuvisteis", "tuvieron",   "tuviera",      "tuvieras",    "tuviéramos",
    "tuvierais", "tuvieran",   "tuviese",      "tuvieses",    "tuviésemos",
    "tuvieseis", "tuviesen",   "teniendo",     "tenido",      "tenida",
    "tenidos",   "tenidas",    "tened",
};

}  // namespace

std::span<const std::string_view> StopWordList(Language language) {
  switch (language) {
    case Language::kArabic:
      return kArabic;
    case Language::kChinese:
      return kChinese;
    case Language::kEnglish:
      return kEnglish;
    case Language::kFrench:
      return kFrench;
    case Language::kRussian:
      return kRussian;
    case Language::kSpanish:
      return kSpanish;
  }
  return {};
}

}  // namespace hexaglot::analysis
