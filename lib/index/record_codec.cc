// Stored records (lib/index/record_codec.h; FORMAT.md "Stored record").

#include "index/record_codec.h"

#include <cstdint>

#include "hexaglot/ingest.h"  // ContentHash.
#include "util/coding.h"

namespace hexaglot::index {
namespace {

constexpr std::uint8_t kRecordVersion = 2;

// Presence flags of the optional fields, and flags of the fields left out because they
// equal what ingestion derives from the others (FORMAT.md "Stored record"). Stored: do not
// renumber.
constexpr std::uint8_t kHasSection = 1 << 0;
constexpr std::uint8_t kHasTheme = 1 << 1;
constexpr std::uint8_t kHasPaper = 1 << 2;
constexpr std::uint8_t kHasYear = 1 << 3;
constexpr std::uint8_t kHasMeeting = 1 << 4;
constexpr std::uint8_t kDerivedId = 1 << 5;
constexpr std::uint8_t kDerivedParallel = 1 << 6;
// The hash is 32 hex digits of XXH3-128: 16 bytes that no compressor shrinks, about an
// eighth of a compressed record, and the decoder recomputes it in well under a
// microsecond for a paragraph.
constexpr std::uint8_t kDerivedHash = 1 << 7;

// What ingestion (CompleteRecord) makes of an empty id and parallel.
std::string DerivedId(const Paragraph& p) {
  return p.doc + "/" + std::string(LanguageCode(p.lang)) + "/" + p.number;
}
std::string DerivedParallel(const Paragraph& p) { return p.doc + "/" + p.number; }

// JSON Lines records without a "number" are numbered by their ordinal, usually their line:
// 5 or 6 digits a record that no compressor predicts. The number field is a varint n:
// 0 when the number is the line's decimal digits, else n - 1 bytes follow.
void PutNumber(std::string* out, const Paragraph& p) {
  if (p.number == std::to_string(p.line)) {
    PutVarint32(out, 0);
    return;
  }
  PutVarint32(out, static_cast<std::uint32_t>(p.number.size()) + 1);
  out->append(p.number);
}

void PutList(std::string* out, const std::vector<std::string>& items) {
  PutVarint32(out, static_cast<std::uint32_t>(items.size()));
  for (const std::string& item : items) PutLengthPrefixed(out, item);
}

class RecordDecoder {
 public:
  explicit RecordDecoder(std::string_view input) : input_(input), size_(input.size()) {}

  bool String(std::string* value) {
    std::string_view view;
    if (!GetLengthPrefixed(&input_, &view)) return false;
    value->assign(view);
    return true;
  }
  bool Byte(std::uint8_t* value) {
    if (input_.empty()) return false;
    *value = static_cast<std::uint8_t>(input_.front());
    input_.remove_prefix(1);
    return true;
  }
  bool Int(int* value) {
    std::uint64_t raw = 0;
    if (!GetVarint64(&input_, &raw)) return false;
    const std::int64_t decoded = ZigZagDecode64(raw);
    if (decoded < INT32_MIN || decoded > INT32_MAX) return false;
    *value = static_cast<int>(decoded);
    return true;
  }
  bool Varint32(std::uint32_t* value) { return GetVarint32(&input_, value); }
  // The number field (PutNumber): false when malformed, else `*derived` tells whether the
  // number is the line's.
  bool Number(std::string* value, bool* derived) {
    std::uint32_t n = 0;
    if (!GetVarint32(&input_, &n)) return false;
    *derived = n == 0;
    if (n == 0) return true;
    if (n - 1 > input_.size()) return false;
    value->assign(input_.substr(0, n - 1));
    input_.remove_prefix(n - 1);
    return true;
  }
  bool List(std::vector<std::string>* items) {
    std::uint32_t count = 0;
    if (!GetVarint32(&input_, &count)) return false;
    // Each item takes at least one byte: a larger count is corrupt, and must not reserve.
    if (count > input_.size()) return false;
    items->resize(count);
    for (std::string& item : *items) {
      if (!String(&item)) return false;
    }
    return true;
  }
  bool done() const { return input_.empty(); }
  std::size_t offset() const { return size_ - input_.size(); }

 private:
  std::string_view input_;
  std::size_t size_;
};

}  // namespace

void EncodeRecordAroundText(const Paragraph& paragraph, std::string* head, std::string* tail) {
  std::string* const out = head;
  std::uint8_t flags = 0;
  if (paragraph.section) flags |= kHasSection;
  if (paragraph.theme) flags |= kHasTheme;
  if (paragraph.paper) flags |= kHasPaper;
  if (paragraph.year) flags |= kHasYear;
  if (paragraph.meeting) flags |= kHasMeeting;
  if (static_cast<std::uint8_t>(paragraph.lang) < kLanguageCount &&
      paragraph.id == DerivedId(paragraph)) {
    flags |= kDerivedId;
  }
  if (paragraph.parallel == DerivedParallel(paragraph)) flags |= kDerivedParallel;
  if (paragraph.hash == ContentHash(paragraph)) flags |= kDerivedHash;
  out->push_back(static_cast<char>(kRecordVersion));
  out->push_back(static_cast<char>(flags));
  if ((flags & kDerivedId) == 0) PutLengthPrefixed(out, paragraph.id);
  PutLengthPrefixed(out, paragraph.doc);
  out->push_back(static_cast<char>(paragraph.lang));
  PutNumber(out, paragraph);
  if ((flags & kDerivedParallel) == 0) PutLengthPrefixed(out, paragraph.parallel);
  if (paragraph.section) PutLengthPrefixed(out, *paragraph.section);
  if (paragraph.theme) PutLengthPrefixed(out, *paragraph.theme);
  if (paragraph.paper) PutLengthPrefixed(out, *paragraph.paper);
  if (paragraph.year) PutVarint64(out, ZigZagEncode64(*paragraph.year));
  if (paragraph.meeting) PutVarint64(out, ZigZagEncode64(*paragraph.meeting));
  PutList(out, paragraph.topics);
  PutList(out, paragraph.symbols);
  PutVarint64(out, paragraph.text.size());
  PutLengthPrefixed(tail, paragraph.source);
  PutVarint32(tail, paragraph.line);
  if ((flags & kDerivedHash) == 0) PutLengthPrefixed(tail, paragraph.hash);
}

void EncodeRecord(const Paragraph& paragraph, std::string* out) {
  std::string tail;
  EncodeRecordAroundText(paragraph, out, &tail);
  out->append(paragraph.text);
  out->append(tail);
}

Result<Paragraph> DecodeRecord(std::string_view record, std::string_view where) {
  RecordDecoder in(record);
  Paragraph p;
  const auto fail = [&](std::string_view what) {
    return Status::Corruption(std::string(where) + ": stored record: " + std::string(what) +
                              " at record byte offset " + std::to_string(in.offset()));
  };
  std::uint8_t version = 0;
  if (!in.Byte(&version)) return fail("empty record");
  if (version != kRecordVersion) return fail("unknown record version " + std::to_string(version));
  std::uint8_t flags = 0;
  if (!in.Byte(&flags)) return fail("no flags");
  if ((flags & kDerivedId) == 0 && !in.String(&p.id)) return fail("bad id");
  std::uint8_t lang = 0;
  if (!in.String(&p.doc)) return fail("bad doc");
  if (!in.Byte(&lang) || lang >= kLanguageCount) return fail("bad language");
  p.lang = static_cast<Language>(lang);
  bool derived_number = false;
  if (!in.Number(&p.number, &derived_number)) return fail("bad number");
  if ((flags & kDerivedParallel) == 0 && !in.String(&p.parallel)) return fail("bad parallel");
  const auto optional_string = [&](std::uint8_t flag, std::optional<std::string>* value) {
    if ((flags & flag) == 0) return true;
    return in.String(&value->emplace());
  };
  const auto optional_int = [&](std::uint8_t flag, std::optional<int>* value) {
    if ((flags & flag) == 0) return true;
    return in.Int(&value->emplace());
  };
  if (!optional_string(kHasSection, &p.section) || !optional_string(kHasTheme, &p.theme) ||
      !optional_string(kHasPaper, &p.paper) || !optional_int(kHasYear, &p.year) ||
      !optional_int(kHasMeeting, &p.meeting)) {
    return fail("bad optional field");
  }
  if (!in.List(&p.topics) || !in.List(&p.symbols)) return fail("bad topics or symbols");
  if (!in.String(&p.text) || !in.String(&p.source) || !in.Varint32(&p.line)) {
    return fail("bad text, source or line");
  }
  if ((flags & kDerivedHash) == 0 && !in.String(&p.hash)) return fail("bad hash");
  if (!in.done()) return fail("trailing bytes");
  if (derived_number) p.number = std::to_string(p.line);
  if ((flags & kDerivedId) != 0) p.id = DerivedId(p);
  if ((flags & kDerivedParallel) != 0) p.parallel = DerivedParallel(p);
  if ((flags & kDerivedHash) != 0) p.hash = ContentHash(p);
  return p;
}

}  // namespace hexaglot::index
