#include "ingest/json_object.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hexaglot/ingest.h"
#include "json_object_oracle.h"

namespace hexaglot::ingest {
namespace {

using Kind = JsonObject::Kind;

// The one member of `line`, which must parse.
JsonObject::Member Only(JsonObject& object, std::string_view line) {
  EXPECT_TRUE(object.Parse(line)) << line;
  EXPECT_EQ(object.members().size(), 1u) << line;
  return object.members().empty() ? JsonObject::Member{} : object.members()[0];
}

// The one string member of `line`, decoded.
std::string StringOf(std::string_view line) {
  JsonObject object;
  const JsonObject::Member member = Only(object, line);
  EXPECT_EQ(member.kind, Kind::kString) << line;
  return member.kind == Kind::kString ? std::string(object.String(member)) : "<not a string>";
}

bool Accepts(std::string_view line) { return JsonObject().Parse(line); }

TEST(JsonObjectTest, ReadsMembersOfEveryKind) {
  JsonObject object;
  const std::string line =
      R"( {"s": "x", "t": true, "f": false, "n": null, "i": -3, "u": 7, "d": 2.5,)"
      R"( "a": ["p", "q"], "m": [1, "q"], "o": {"k": [{}]}, "e": []} )";
  ASSERT_TRUE(object.Parse(line));
  const std::vector<JsonObject::Member>& members = object.members();
  ASSERT_EQ(members.size(), 11u);
  EXPECT_EQ(object.Key(members[0]), "s");
  EXPECT_EQ(object.String(members[0]), "x");
  EXPECT_EQ(members[1].kind, Kind::kBool);
  EXPECT_TRUE(members[1].boolean);
  EXPECT_EQ(members[2].kind, Kind::kBool);
  EXPECT_FALSE(members[2].boolean);
  EXPECT_EQ(members[3].kind, Kind::kNull);
  EXPECT_EQ(members[4].kind, Kind::kInteger);
  EXPECT_EQ(members[4].integer, -3);
  EXPECT_EQ(members[5].kind, Kind::kUnsigned);
  EXPECT_EQ(members[5].unsigned_integer, 7u);
  EXPECT_EQ(members[6].kind, Kind::kFloat);
  EXPECT_EQ(members[6].floating, 2.5);
  EXPECT_EQ(members[7].kind, Kind::kArray);
  EXPECT_TRUE(members[7].all_strings);
  ASSERT_EQ(members[7].item_count, 2u);
  EXPECT_EQ(object.Item(members[7], 0), "p");
  EXPECT_EQ(object.Item(members[7], 1), "q");
  EXPECT_EQ(members[8].kind, Kind::kArray);
  EXPECT_FALSE(members[8].all_strings);
  EXPECT_EQ(members[9].kind, Kind::kObject);
  EXPECT_EQ(object.Key(members[10]), "e");
  EXPECT_TRUE(members[10].all_strings);
  EXPECT_EQ(members[10].item_count, 0u);
  EXPECT_EQ(object.Find("o"), &members[9]);
  EXPECT_EQ(object.Find("absent"), nullptr);

  ASSERT_TRUE(object.Parse("{}"));
  EXPECT_TRUE(object.members().empty());
}

TEST(JsonObjectTest, DecodesEveryEscape) {
  EXPECT_EQ(StringOf(R"({"k": "\"\\\/\b\f\n\r\t"})"), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(StringOf(R"({"k": "a\u0041\u00e9\u4E2D\uFFFFz"})"),
            "aA\xC3\xA9\xE4\xB8\xAD\xEF\xBF\xBFz");
  EXPECT_EQ(StringOf(R"({"k": "\u0000"})"), std::string(1, '\0'));
  EXPECT_EQ(StringOf(R"({"k": "\uD834\uDD1E"})"), "\xF0\x9D\x84\x9E");  // U+1D11E
  EXPECT_EQ(StringOf(R"({"k": "\udbff\udfff"})"), "\xF4\x8F\xBF\xBF");  // U+10FFFF
  EXPECT_EQ(StringOf("{\"k\": \"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xE5\x92\x8C\xE5\xB9\xB3\"}"),
            "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xE5\x92\x8C\xE5\xB9\xB3");
  // Keys are decoded too: "\u0069d" is "id".
  JsonObject object;
  ASSERT_TRUE(object.Parse(R"({"\u0069d": "x\ty", "plain": "long enough to pass 8 at a time"})"));
  ASSERT_NE(object.Find("id"), nullptr);
  EXPECT_EQ(object.String(*object.Find("id")), "x\ty");
  EXPECT_EQ(object.String(*object.Find("plain")), "long enough to pass 8 at a time");
}

// A long line's string with escapes is decoded whole (its bytes reserved first), and,
// being all of the decoded bytes, can be taken out of the object.
TEST(JsonObjectTest, DecodesAndGivesAwayAHugeEscapedString) {
  std::string raw;
  std::string decoded;
  for (int i = 0; raw.size() < (std::size_t{3} << 20); ++i) {
    raw += i % 7 == 0 ? R"(say \"hi\" \\ \u00e9 )" : "plain words ";
    decoded += i % 7 == 0 ? "say \"hi\" \\ \xC3\xA9 " : "plain words ";
  }
  const std::string line = R"({"id": "a\"b", "text": ")" + raw + R"(", "n": 1})";
  JsonObject object;
  ASSERT_TRUE(object.Parse(line));
  const std::string_view text = object.String(*object.Find("text"));
  EXPECT_EQ(text, decoded);
  // "id" has an escape too: the text is not all of the decoded bytes.
  EXPECT_FALSE(object.TakeDecoded(text).has_value());
  const std::string plain_id = R"({"id": "ab", "text": ")" + raw + R"("})";
  ASSERT_TRUE(object.Parse(plain_id));
  std::optional<std::string> taken = object.TakeDecoded(object.String(*object.Find("text")));
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(*taken, decoded);
  EXPECT_EQ(object.String(*object.Find("id")), "ab");
}

TEST(JsonObjectTest, RejectsBadStrings) {
  EXPECT_FALSE(Accepts(R"({"k": "\x"})"));
  EXPECT_FALSE(Accepts(R"({"k": "\u12"})"));
  EXPECT_FALSE(Accepts(R"({"k": "\u12G4"})"));
  EXPECT_FALSE(Accepts(R"({"k": "\uD834"})"));  // Lone high surrogate.
  EXPECT_FALSE(Accepts(R"({"k": "\uD834x"})"));
  EXPECT_FALSE(Accepts(R"({"k": "\uD834\u0041"})"));  // High, then not a low one.
  EXPECT_FALSE(Accepts(R"({"k": "\uD834\uD834"})"));
  EXPECT_FALSE(Accepts(R"({"k": "\uDD1E"})"));        // Lone low surrogate.
  EXPECT_FALSE(Accepts(R"({"k": "\uDD1E\uD834"})"));  // Reversed pair.
  EXPECT_FALSE(Accepts("{\"k\": \"a\tb\"}"));         // Raw control characters.
  EXPECT_FALSE(Accepts(std::string("{\"k\": \"a\0b\"}", 11)));
  EXPECT_FALSE(Accepts("{\"k\": \"\x1F\"}"));
  EXPECT_TRUE(Accepts("{\"k\": \"\x7F\"}"));
  EXPECT_FALSE(Accepts("{\"k\": \"\xC3\"}"));      // Truncated sequence.
  EXPECT_FALSE(Accepts("{\"k\": \"\xC0\xAF\"}"));  // Overlong.
  EXPECT_FALSE(Accepts("{\"k\": \"\xE0\x80\xAF\"}"));
  EXPECT_FALSE(Accepts("{\"k\": \"\xED\xA0\x80\"}"));      // Encoded surrogate.
  EXPECT_FALSE(Accepts("{\"k\": \"\xF4\x90\x80\x80\"}"));  // Above U+10FFFF.
  EXPECT_FALSE(Accepts("{\"k\": \"\xFF\"}"));
  EXPECT_FALSE(Accepts("{\"k\": \"abcdefgh\x80\"}"));
  EXPECT_FALSE(Accepts("{\"k\xFE\": 1}"));
  EXPECT_FALSE(Accepts(R"({"k": "unterminated})"));
  EXPECT_FALSE(Accepts(R"({"k": "unterminated\"})"));
  EXPECT_FALSE(Accepts(R"({"k": ["\q"]})"));  // Also inside arrays and skipped values.
  EXPECT_FALSE(Accepts(R"({"k": [1, "\q"]})"));
  EXPECT_FALSE(Accepts(R"({"k": {"\uDD1E": 1}})"));
}

TEST(JsonObjectTest, ClassifiesNumbersAsNlohmann) {
  JsonObject object;
  JsonObject::Member member = Only(object, R"({"n": 0})");
  EXPECT_EQ(member.kind, Kind::kUnsigned);
  EXPECT_EQ(member.unsigned_integer, 0u);
  member = Only(object, R"({"n": -0})");
  EXPECT_EQ(member.kind, Kind::kInteger);
  EXPECT_EQ(member.integer, 0);
  member = Only(object, R"({"n": 18446744073709551615})");
  EXPECT_EQ(member.kind, Kind::kUnsigned);
  EXPECT_EQ(member.unsigned_integer, std::numeric_limits<std::uint64_t>::max());
  member = Only(object, R"({"n": 18446744073709551616})");
  EXPECT_EQ(member.kind, Kind::kFloat);
  EXPECT_EQ(member.floating, 18446744073709551616.0);
  member = Only(object, R"({"n": -9223372036854775808})");
  EXPECT_EQ(member.kind, Kind::kInteger);
  EXPECT_EQ(member.integer, std::numeric_limits<std::int64_t>::min());
  member = Only(object, R"({"n": -9223372036854775809})");
  EXPECT_EQ(member.kind, Kind::kFloat);
  EXPECT_EQ(member.floating, -9223372036854775808.0);
  member = Only(object, R"({"n": 1e3})");
  EXPECT_EQ(member.kind, Kind::kFloat);
  EXPECT_EQ(member.floating, 1000.0);
  member = Only(object, R"({"n": -1.5E-2})");
  EXPECT_EQ(member.kind, Kind::kFloat);
  EXPECT_EQ(member.floating, -0.015);
  member = Only(object, R"({"n": 1.0})");
  EXPECT_EQ(member.kind, Kind::kFloat);
  member = Only(object, R"({"n": -1e-400})");  // Underflows to -0, as strtod.
  EXPECT_EQ(member.kind, Kind::kFloat);
  EXPECT_EQ(member.floating, 0.0);
  EXPECT_TRUE(std::signbit(member.floating));
  member = Only(object, R"({"n": 0.000e999999999999999999})");
  EXPECT_EQ(member.floating, 0.0);
  // Overflowing a double: nlohmann's "number overflow", anywhere in the line.
  EXPECT_FALSE(Accepts(R"({"n": 1e400})"));
  EXPECT_FALSE(Accepts(R"({"n": -1.8e308})"));
  EXPECT_FALSE(Accepts(R"({"n": 0.1e310})"));
  EXPECT_FALSE(Accepts(("{\"n\": " + std::string(400, '9') + "}")));
  EXPECT_FALSE(Accepts(R"({"n": [{"m": 1e999}]})"));
  EXPECT_TRUE(Accepts(R"({"n": 1.7976931348623157e308})"));

  for (const char* bad : {"01", "-01", "00", "1.", "-", "-a", ".5", "+1", "1e", "1e+", "1.e3",
                          "0x10", "1_000", "NaN", "Infinity", "-Infinity", "1 2", "--1"}) {
    EXPECT_FALSE(Accepts(std::string("{\"n\": ") + bad + "}")) << bad;
  }
}

TEST(JsonObjectTest, LaterOfDuplicateKeysWins) {
  JsonObject object;
  ASSERT_TRUE(object.Parse(R"({"id": "a", "x": 1, "id": "b", "\u0069d": null})"));
  EXPECT_EQ(object.members().size(), 4u);
  ASSERT_NE(object.Find("id"), nullptr);
  EXPECT_EQ(object.Find("id")->kind, Kind::kNull);
  ASSERT_TRUE(object.Parse(R"({"id": "a", "id": "b"})"));
  EXPECT_EQ(object.String(*object.Find("id")), "b");
}

TEST(JsonObjectTest, SkipsNestedValuesAfterValidatingThem) {
  JsonObject object;
  ASSERT_TRUE(object.Parse(
      R"({"o": {"a": [1, {"b": null}, [], {}], "c": "\u00e9"}, "a": [[["x"]], true], "z": 1})"));
  ASSERT_EQ(object.members().size(), 3u);
  EXPECT_EQ(object.members()[0].kind, Kind::kObject);
  EXPECT_EQ(object.members()[1].kind, Kind::kArray);
  EXPECT_FALSE(object.members()[1].all_strings);
  EXPECT_EQ(object.members()[2].unsigned_integer, 1u);
  for (const char* bad :
       {R"({"o": {"a" 1}})", R"({"o": {"a": 1,}})", R"({"o": [1,]})", R"({"o": [1 2]})",
        R"({"o": {1: 2}})", R"({"o": [}})", R"({"o": {]})", R"({"o": [[1]})", R"({"o": {"a": {}})",
        R"({"o": [tru]})", R"({"o": {"a": nul}})", R"({"o": {,}})", R"({"o": [,]})"}) {
    EXPECT_FALSE(Accepts(bad)) << bad;
  }
}

TEST(JsonObjectTest, BoundsNothingButMemoryOnDeepNesting) {
  constexpr std::size_t kDepth = 1'000'000;
  const std::string arrays = std::string(kDepth, '[') + std::string(kDepth, ']');
  JsonObject object;
  ASSERT_TRUE(object.Parse("{\"a\": " + arrays + "}"));
  EXPECT_EQ(object.members()[0].kind, Kind::kArray);
  EXPECT_FALSE(object.members()[0].all_strings);
  EXPECT_FALSE(object.Parse("{\"a\": " + arrays + "]}"));
  EXPECT_FALSE(object.Parse("{\"a\": " + std::string(kDepth, '[') + "}"));
  std::string objects;
  for (std::size_t i = 0; i < kDepth; ++i) objects += "{\"k\":";
  EXPECT_FALSE(object.Parse("{\"a\": " + objects + "1}"));
  objects += "1" + std::string(kDepth, '}');
  ASSERT_TRUE(object.Parse("{\"a\": " + objects + "}"));
  EXPECT_EQ(object.members()[0].kind, Kind::kObject);
}

TEST(JsonObjectTest, WantsExactlyOneObject) {
  EXPECT_TRUE(Accepts(" \t\r\n{ \"a\" \n:\t1 \r, \"b\":[ \"c\" , \"d\" ] } \t\r\n"));
  EXPECT_TRUE(Accepts("\xEF\xBB\xBF{}"));  // A byte order mark, as nlohmann skips one.
  for (const std::string& bad : std::vector<std::string>{"",
                                                         " ",
                                                         "[]",
                                                         "\"s\"",
                                                         "1",
                                                         "null",
                                                         "{",
                                                         "}",
                                                         "{}}",
                                                         "{} {}",
                                                         "{}x",
                                                         "{},",
                                                         "\xEF\xBB\xBF\xEF\xBB\xBF{}",
                                                         " \xEF\xBB\xBF{}",
                                                         "\xEF\xBB{}",
                                                         "{\"a\":1,}",
                                                         "{,\"a\":1}",
                                                         "{\"a\"}",
                                                         "{\"a\":}",
                                                         "{a:1}",
                                                         "{'a':1}",
                                                         "{\"a\":1 \"b\":2}",
                                                         "\f{}",
                                                         "{}\v",
                                                         "\xC2\xA0{}",
                                                         "{} // c",
                                                         "{\"a\":True}",
                                                         std::string("{}\0", 3),
                                                         std::string("{}\0junk", 7),
                                                         "{\"a\":1}\xEF\xBB\xBF"}) {
    EXPECT_FALSE(Accepts(bad)) << bad;
  }
}

TEST(JsonObjectTest, ReusedObjectForgetsEarlierLines) {
  JsonObject object;
  ASSERT_TRUE(object.Parse(R"({"a": "\u00e9", "b": ["x"]})"));
  EXPECT_FALSE(object.Parse(R"({"a": 1,)"));
  EXPECT_TRUE(object.members().empty());
  EXPECT_EQ(object.Find("a"), nullptr);
  ASSERT_TRUE(object.Parse(R"({"c": ["\n"]})"));
  ASSERT_EQ(object.members().size(), 1u);
  EXPECT_EQ(object.Item(object.members()[0], 0), "\n");
}

// The differential test: random records with our field names and values of every kind,
// written with random spacing and escapes, then damaged by random byte flips, insertions
// and deletions. JsonObject must accept exactly the lines nlohmann::json parses into an
// object (but one with a NUL byte, which nlohmann takes for the end of its input and
// JsonObject for an invalid byte), with the same members, kinds and values.
class LineGenerator {
 public:
  explicit LineGenerator(std::uint64_t seed) : random_(seed) {}

  std::string Object(int depth) {
    std::string out = Space() + "{" + Space();
    const int members = Below(depth == 0 ? 12 : 4);
    for (int i = 0; i < members; ++i) {
      if (i > 0) out += "," + Space();
      out += Key() + Space() + ":" + Space() + Value(depth + 1) + Space();
    }
    return out + "}";
  }

  // A line damaged by 1-3 random edits.
  std::string Mutate(std::string line) {
    const int edits = 1 + Below(3);
    for (int i = 0; i < edits; ++i) {
      const std::size_t at = line.empty() ? 0 : Below(static_cast<int>(line.size()));
      switch (Below(5)) {
        case 0:
          if (!line.empty()) line[at] = RandomByte();
          break;
        case 1:  // One up or down: '0' to '/', 0xA0 to 0x9F, 'F' to 'G'.
          if (!line.empty()) line[at] = static_cast<char>(line[at] + (Below(2) == 0 ? 1 : -1));
          break;
        case 2:
          line.insert(line.begin() + static_cast<std::ptrdiff_t>(at), RandomByte());
          break;
        case 3:
          if (!line.empty()) line.erase(at, 1 + Below(3));
          break;
        default:
          line.resize(at);
          break;
      }
    }
    return line;
  }

  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

 private:
  char RandomByte() {
    static constexpr std::string_view kInteresting = "\"\\{}[],:-+.eE0123456789u \t\n\r/";
    const int pick = Below(10);
    if (pick < 6) return kInteresting[Below(static_cast<int>(kInteresting.size()))];
    if (pick < 7) return static_cast<char>(0x80 + Below(0x80));
    if (pick < 8) return static_cast<char>(Below(0x20));
    return static_cast<char>(Below(256));
  }

  std::string Space() {
    static constexpr std::string_view kSpace = " \t\n\r";
    std::string out;
    if (Below(3) == 0) {
      for (int n = 1 + Below(3); n > 0; --n) out += kSpace[Below(4)];
    }
    return out;
  }

  std::string Key() {
    static constexpr std::string_view kFields[] = {
        "id",    "text", "lang",    "doc",     "number", "parallel", "section", "theme", "topics",
        "paper", "year", "meeting", "symbols", "source", "line",     "_id",     "title"};
    const int pick = Below(10);
    if (pick < 7) return "\"" + std::string(kFields[Below(17)]) + "\"";
    if (pick < 8) return R"("\u0069d")";
    if (pick < 9) return R"("te\u0078t")";
    return String();
  }

  std::string String() {
    static constexpr std::string_view kPieces[] = {"a",
                                                   "Z",
                                                   " ",
                                                   "0",
                                                   "word ",
                                                   "\\\"",
                                                   "\\\\",
                                                   "\\/",
                                                   "\\b",
                                                   "\\f",
                                                   "\\n",
                                                   "\\r",
                                                   "\\t",
                                                   "\\u0041",
                                                   "\\u00e9",
                                                   "\\u00E9",
                                                   "\\u4e2d",
                                                   "\\u0000",
                                                   "\\u001f",
                                                   "\\uD834\\uDD1E",
                                                   "\\udbff\\udfff",
                                                   "\\uffff",
                                                   "\xC3\xA9",
                                                   "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",
                                                   "\xE5\x92\x8C\xE5\xB9\xB3",
                                                   "\xD0\xBC\xD0\xB8\xD1\x80",
                                                   "\xF0\x9D\x84\x9E",
                                                   "\x7F",
                                                   "A/RES/70/1",
                                                   "long plain ascii run of text"};
    // UTF-8 at the edges of Unicode Table 3-7, valid and not, now and then.
    static constexpr std::string_view kEdges[] = {
        "\xC2\x80",         "\xDF\xBF",         "\xC1\xBF",
        "\xE0\xA0\x80",     "\xE0\x9F\xBF",     "\xED\x9F\xBF",
        "\xED\xA0\x80",     "\xEE\x80\x80",     "\xEF\xBF\xBF",
        "\xF0\x90\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80",
        "\xE4\xB8"};
    std::string out = "\"";
    for (int n = Below(8); n > 0; --n) {
      out += Below(60) == 0 ? kEdges[Below(16)] : kPieces[Below(30)];
    }
    return out + "\"";
  }

  // Numbers at the edges of nlohmann's classes; rarely one that overflows a double, which
  // makes the whole line invalid.
  std::string Number() {
    static constexpr std::string_view kNumbers[] = {
        "0 -0 1 -1 7 2019 2147483647 2147483648 -2147483648 9223372036854775807 "
        "9223372036854775808 -9223372036854775808 -9223372036854775809 18446744073709551615 "
        "18446744073709551616 123456789012345678901234567890 -123456789012345678901234567890 "
        "1e3 1E+3 1e-3 1.5 -1.5e-7 0.0 -0.0 1e308 1.7976931348623157e308 1e-400 -1e-400 "
        "4.9e-324 2.4e-324 0e99999999999999999999 100e-2 0.00001e310",
        "1.7976931348623159e308 1e400 -1e400 0.1e310"};
    const int pick = Below(60);
    if (pick < 20) {
      return std::to_string(std::uniform_int_distribution<std::int64_t>(
          std::numeric_limits<std::int64_t>::min(),
          std::numeric_limits<std::int64_t>::max())(random_));
    }
    return Token(kNumbers[pick == 59 ? 1 : 0]);
  }

  // A random one of the space-separated tokens of `list`.
  std::string Token(std::string_view list) {
    std::vector<std::string_view> tokens;
    for (std::size_t start = 0; start < list.size();) {
      std::size_t end = list.find(' ', start);
      if (end == std::string_view::npos) end = list.size();
      tokens.push_back(list.substr(start, end - start));
      start = end + 1;
    }
    return std::string(tokens[Below(static_cast<int>(tokens.size()))]);
  }

  std::string Value(int depth) {
    static constexpr std::string_view kLiterals[] = {"true", "false", "null"};
    const int pick = Below(depth > 3 ? 7 : 10);
    switch (pick) {
      case 0:
      case 1:
      case 2:
        return String();
      case 3:
      case 4:
        return Number();
      case 5:
        return std::string(kLiterals[Below(3)]);
      case 6:
        return "[" + Space() + "]";
      case 7:
      case 8: {
        // Mostly arrays of strings (topics, symbols), sometimes with another value.
        std::string out = "[" + Space();
        const int items = 1 + Below(4);
        const int odd = Below(3) == 0 ? Below(items) : -1;
        for (int i = 0; i < items; ++i) {
          if (i > 0) out += "," + Space();
          out += (i == odd ? Value(depth + 1) : String()) + Space();
        }
        return out + "]";
      }
      default:
        return Object(depth);
    }
  }

  std::mt19937_64 random_;
};

TEST(JsonObjectTest, AgreesWithNlohmannOnGeneratedAndDamagedLines) {
  constexpr int kLines = 120'000;
  LineGenerator generator(20261129);
  JsonObject object;  // Reused, as the readers do.
  int accepted = 0;
  int rejected = 0;
  int failures = 0;
  for (int i = 0; i < kLines && failures < 10; ++i) {
    std::string line = generator.Object(0);
    if (generator.Below(20) == 0) line = "\xEF\xBB\xBF" + line;
    if (generator.Below(3) != 0) line = generator.Mutate(std::move(line));
    const bool ok = object.Parse(line);
    (ok ? accepted : rejected) += 1;
    const std::string difference = Difference(line, object, ok);
    if (!difference.empty()) {
      ++failures;
      ADD_FAILURE() << difference << " (line " << i << "): " << ::testing::PrintToString(line);
    }
  }
  // Both outcomes are well represented: the comparison is not vacuous.
  EXPECT_GT(accepted, kLines / 4);
  EXPECT_GT(rejected, kLines / 4);
}

// Through the JSON Lines reader: what nlohmann's DOM gave, field by field.
TEST(JsonLinesReadingTest, KeepsTheFieldRulesOfTheDomReader) {
  const std::string text =
      "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"One.\", \"lang\": \"en\", \"number\": "
      "18446744073709551615, \"year\": -0, \"meeting\": 2147483647}\n"
      "\xEF\xBB\xBF{\"id\": \"b\", \"text\": \"Two.\", \"lang\": \"en\", \"id\": \"c\","
      " \"number\": -5, \"topics\": [\"t\\u00e9\", \"u\"], \"section\": null}\n"
      "{\"id\": \"d\", \"text\": \"Three.\", \"lang\": \"en\", \"year\": 2147483648}\n"
      "{\"id\": \"e\", \"text\": \"Four.\", \"lang\": \"en\", \"year\": 1.0}\n"
      "{\"id\": \"f\", \"text\": \"Five.\", \"lang\": \"en\", \"topics\": [\"t\", 1]}\n"
      "{\"id\": \"g\", \"text\": \"Six.\", \"lang\": \"en\", \"number\": 1.5}\n"
      "{\"id\": \"h\", \"text\": \"Seven.\", \"lang\": \"en\", \"line\": -1}\n"
      "{\"id\": \"i\", \"text\": \"Eight.\", \"lang\": \"en\"} x\n"
      "{\"id\": \"j\", \"text\": \"Nine.\", \"lang\": \"en\", \"n\": 1e400}\n";
  Result<ParseResult> result = ParseJsonLines(text, "f.jsonl");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 2u);
  EXPECT_EQ(result->paragraphs[0].id, "a");
  EXPECT_EQ(result->paragraphs[0].number, "18446744073709551615");
  EXPECT_EQ(result->paragraphs[0].year, 0);
  EXPECT_EQ(result->paragraphs[0].meeting, 2147483647);
  // A byte order mark opening a later line is skipped, as nlohmann skipped it.
  EXPECT_EQ(result->paragraphs[1].id, "c");
  EXPECT_EQ(result->paragraphs[1].number, "-5");
  EXPECT_EQ(result->paragraphs[1].topics, (std::vector<std::string>{"t\xC3\xA9", "u"}));
  EXPECT_FALSE(result->paragraphs[1].section.has_value());
  std::vector<std::string> warnings;
  for (const ParseWarning& warning : result->warnings) warnings.push_back(warning.ToString());
  EXPECT_EQ(warnings, (std::vector<std::string>{
                          "f.jsonl:3: field \"year\" must be a non-negative integer (line ignored)",
                          "f.jsonl:4: field \"year\" must be a non-negative integer (line ignored)",
                          "f.jsonl:5: field \"topics\" must be an array of strings (line ignored)",
                          "f.jsonl:6: field \"number\" must be a string (line ignored)",
                          "f.jsonl:7: field \"line\" must be a non-negative integer (line ignored)",
                          "f.jsonl:8: not a JSON object (line ignored)",
                          "f.jsonl:9: not a JSON object (line ignored)"}));
}

TEST(JsonLinesReadingTest, BeirReadsIntegerIdsAndEscapedText) {
  const std::string text =
      "{\"_id\": 12, \"title\": \"T\\u00edtulo\", \"text\": \"Cuerpo\\nde texto.\"}\n"
      "{\"_id\": \"x\", \"title\": 5}\n";
  ParseOptions options;
  options.language = Language::kSpanish;
  Result<ParseResult> result = ParseBeirCorpus(text, "corpus.jsonl", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->paragraphs.size(), 1u);
  EXPECT_EQ(result->paragraphs[0].number, "12");
  EXPECT_EQ(result->paragraphs[0].text, "T\xC3\xADtulo Cuerpo de texto.");
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].ToString(),
            "corpus.jsonl:2: field \"title\" must be a string (line ignored)");
}

}  // namespace
}  // namespace hexaglot::ingest
