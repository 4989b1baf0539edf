// Stored records (lib/index/record_codec.h; FORMAT.md "Stored record").

#include "index/record_codec.h"

#include <cstdint>

#include "util/coding.h"

namespace hexaglot::index {
namespace {

constexpr std::uint8_t kRecordVersion = 1;

// Presence flags of the optional fields. Stored: do not renumber.
constexpr std::uint8_t kHasSection = 1 << 0;
constexpr std::uint8_t kHasTheme = 1 << 1;
constexpr std::uint8_t kHasPaper = 1 << 2;
constexpr std::uint8_t kHasYear = 1 << 3;
constexpr std::uint8_t kHasMeeting = 1 << 4;
constexpr std::uint8_t kKnownFlags = 0x1F;

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

void EncodeRecord(const Paragraph& paragraph, std::string* out) {
  out->push_back(static_cast<char>(kRecordVersion));
  PutLengthPrefixed(out, paragraph.id);
  PutLengthPrefixed(out, paragraph.doc);
  out->push_back(static_cast<char>(paragraph.lang));
  PutLengthPrefixed(out, paragraph.number);
  PutLengthPrefixed(out, paragraph.parallel);
  std::uint8_t flags = 0;
  if (paragraph.section) flags |= kHasSection;
  if (paragraph.theme) flags |= kHasTheme;
  if (paragraph.paper) flags |= kHasPaper;
  if (paragraph.year) flags |= kHasYear;
  if (paragraph.meeting) flags |= kHasMeeting;
  out->push_back(static_cast<char>(flags));
  if (paragraph.section) PutLengthPrefixed(out, *paragraph.section);
  if (paragraph.theme) PutLengthPrefixed(out, *paragraph.theme);
  if (paragraph.paper) PutLengthPrefixed(out, *paragraph.paper);
  if (paragraph.year) PutVarint64(out, ZigZagEncode64(*paragraph.year));
  if (paragraph.meeting) PutVarint64(out, ZigZagEncode64(*paragraph.meeting));
  PutList(out, paragraph.topics);
  PutList(out, paragraph.symbols);
  PutLengthPrefixed(out, paragraph.text);
  PutLengthPrefixed(out, paragraph.source);
  PutVarint32(out, paragraph.line);
  PutLengthPrefixed(out, paragraph.hash);
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
  std::uint8_t lang = 0;
  if (!in.String(&p.id) || !in.String(&p.doc)) return fail("bad id or doc");
  if (!in.Byte(&lang) || lang >= kLanguageCount) return fail("bad language");
  p.lang = static_cast<Language>(lang);
  if (!in.String(&p.number) || !in.String(&p.parallel)) return fail("bad number or parallel");
  std::uint8_t flags = 0;
  if (!in.Byte(&flags) || (flags & ~kKnownFlags) != 0) return fail("bad flags");
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
  if (!in.String(&p.text) || !in.String(&p.source) || !in.Varint32(&p.line) ||
      !in.String(&p.hash)) {
    return fail("bad text, source, line or hash");
  }
  if (!in.done()) return fail("trailing bytes");
  return p;
}

}  // namespace hexaglot::index
