// JsonObject: one JSON Lines line read as a flat table of its top-level object's members,
// in place of nlohmann::json's DOM (a std::map node per member, every string copied
// twice by its lexer): ParseJsonLinesPiece spent 8% of `hexaglot index` in it.
//
// Parse is a strict RFC 8259 parser of a line that is one JSON object, optionally after a
// UTF-8 byte order mark and with white space (space, tab, LF, CR) around tokens. It
// accepts exactly the lines nlohmann::json::parse accepts as an object, with one
// exception: nlohmann takes a NUL byte for the end of its input, so that it accepts
// `{}` followed by a NUL and anything; here that line is invalid, as RFC 8259 has it.
// Strings are checked as nlohmann checks them (escapes, \uXXXX surrogate pairs, no raw
// control characters, well-formed UTF-8: the parser trusts nothing of its input).
// Numbers are classified as nlohmann classifies them: without fraction or exponent, an
// unsigned integer when not negative and below 2^64, a signed one when negative and
// from -2^63 ("-0" included); otherwise a float, and a float that overflows a double
// makes the line invalid. Members whose value is an object or an array are validated
// with an explicit stack (any depth, no recursion); of an array, the parser keeps its
// strings while every element is one.
//
// Strings, keys and array items are views into the parsed line or into the parser's own
// buffer: valid until the next Parse, and while the line lives.
//
// Internal to lib/ingest. Thread safety: none; one JsonObject per thread. Reusing it between
// lines keeps its tables' memory (no allocation per line once they have grown).

#ifndef HEXAGLOT_INGEST_JSON_OBJECT_H_
#define HEXAGLOT_INGEST_JSON_OBJECT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hexaglot::ingest {

class JsonObject {
 public:
  enum class Kind : std::uint8_t {
    kNull,
    kBool,
    kString,
    kInteger,   // Signed: a negative number, or "-0".
    kUnsigned,  // A number without sign.
    kFloat,
    kArray,
    kObject,  // Validated, not kept.
  };

  // A string's bytes: a span of the line, or (escaped strings, decoded) of buffer_.
  struct Text {
    std::size_t offset = 0;
    std::size_t size = 0;
    bool decoded = false;
  };

  struct Member {
    Text key;
    Kind kind = Kind::kNull;
    bool boolean = false;                // kBool.
    bool all_strings = false;            // kArray: every element is a string (true when empty).
    std::int64_t integer = 0;            // kInteger.
    std::uint64_t unsigned_integer = 0;  // kUnsigned.
    double floating = 0;                 // kFloat.
    Text string;                         // kString.
    std::size_t first_item = 0;          // kArray with all_strings: its strings are
    std::size_t item_count = 0;          // items_[first_item, first_item + item_count).
  };

  // Reads `line`. Returns false, with no members, when it is not one JSON object.
  // REQUIRES: `line` outlives every view taken from this object until the next Parse.
  bool Parse(std::string_view line);

  // The members in input order, duplicate keys included.
  const std::vector<Member>& members() const { return members_; }

  // The last member named `key` (the later of duplicate keys wins, as in
  // nlohmann::json), or null.
  const Member* Find(std::string_view key) const;

  std::string_view View(const Text& text) const {
    return (text.decoded ? std::string_view(buffer_) : line_).substr(text.offset, text.size);
  }
  std::string_view Key(const Member& member) const { return View(member.key); }
  // When `view` is all of the decoded bytes (one string with escapes, the others without),
  // moves them out, so that a huge string is not copied; no view then points into them.
  // Else nullopt.
  std::optional<std::string> TakeDecoded(std::string_view view) {
    if (view.empty() || view.data() != buffer_.data() || view.size() != buffer_.size()) {
      return std::nullopt;
    }
    return std::exchange(buffer_, std::string());
  }
  // REQUIRES: member.kind == Kind::kString.
  std::string_view String(const Member& member) const { return View(member.string); }
  // REQUIRES: member.kind == Kind::kArray, member.all_strings, i < member.item_count.
  std::string_view Item(const Member& member, std::size_t i) const {
    return View(items_[member.first_item + i]);
  }

 private:
  bool Fail();
  void SkipSpace();
  bool Consume(char c);
  bool ConsumeWord(std::string_view word);
  bool ReadValue(Member* member);
  bool ReadArray(Member* member);
  bool ReadNumber(Member* member);
  bool ReadString(Text* text);
  // Reserves buffer_ for the string that starts at `p` (after its quote), ending by `end`.
  void ReserveForString(const unsigned char* p, const unsigned char* end);
  bool SkipKey();
  bool SkipScalar();
  bool SkipValue();

  std::string_view line_;
  std::size_t pos_ = 0;
  std::vector<Member> members_;
  std::vector<Text> items_;
  std::string buffer_;  // Decoded escaped strings, end to end.
  std::string stack_;   // SkipValue's open containers: '[' or '{' each.
};

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_JSON_OBJECT_H_
