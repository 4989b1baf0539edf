// Fuzzes opening and reading an index whose files are damaged. A tiny valid index (two
// commits, so that a deletion file exists) is built once in memory; the input picks one
// of its files and damages it, then the index is opened, checked, read (Get, Stats) and
// walked term by term with posting cursors, as a search does.
//
// Input: byte 0 picks the file (mod the file count); byte 1 the damage (bits 0-1):
//   0: replace the file by the rest of the input;
//   1: XOR patches: the rest in groups of 3 bytes, a 16-bit offset (mod the size) and a mask;
//   2: truncate to the 16-bit size that follows (mod the size), then append the rest;
//   3: remove the file.
// Bit 2 of byte 1 then "reframes" the file: its footer's body size and checksum are
// rewritten to match, so the damage gets past the frame check into the file's own
// structure (what a bug in a writer, rather than a bad disk, would produce).
// Every outcome must be OK or a clean error. Without reframing, a damaged index must never
// pass Check (its checksums cannot be forged by chance); an undamaged one must read back
// exactly; a clean one (Check passed) must give consistent postings.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "format/fields.h"
#include "format/file_format.h"
#include "format/segment.h"
#include "fuzz_util.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/searcher.h"
#include "index/reader_access.h"
#include "index/snapshot.h"
#include "index/storage.h"
#include "util/checksum.h"
#include "util/coding.h"
#include "util/directory.h"

namespace hexaglot {
namespace {

using Files = std::map<std::string, std::string>;

Paragraph MakeParagraph(const std::string& id, Language lang, const std::string& text) {
  Paragraph p;
  p.id = id;
  p.doc = "FUZZ/1";
  p.lang = lang;
  p.number = id.substr(id.rfind('/') + 1);
  p.parallel = "FUZZ/1/" + p.number;
  p.section = "I. Test";
  p.theme = "Test theme";
  p.topics = {"Boats", "Borders"};
  p.symbols = {"A/RES/1/1"};
  p.year = 2020;
  p.paper = "A/RES/1/1";
  p.text = text;
  p.source = "fuzz.md";
  p.line = 1;
  p.hash = ContentHash(p);
  return p;
}

struct Fixture {
  Files files;
  std::vector<Paragraph> live;  // What Get returns for the intact index.
  std::string deleted_id;
};

// Made-up sentences, not UN text.
const Fixture& Tiny() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    const std::vector<Paragraph> paragraphs = {
        MakeParagraph("FUZZ/1/en/1", Language::kEnglish, "Boats at sea near the border."),
        MakeParagraph("FUZZ/1/en/2", Language::kEnglish, "The border police found the boats."),
        MakeParagraph("FUZZ/1/fr/1", Language::kFrench, "Des bateaux en mer près de la frontière."),
        MakeParagraph("FUZZ/1/zh/1", Language::kChinese, "边境附近海上的船只。"),
        MakeParagraph("FUZZ/1/ru/1", Language::kRussian, "Лодки в море у границы.")};
    f->deleted_id = "FUZZ/1/en/2";
    std::shared_ptr<Directory> directory = NewMemoryDirectory();
    IndexWriterOptions options;
    options.threads = 1;
    options.merge_on_commit = false;
    auto writer = IndexWriter::Open(index::WrapDirectory(directory), options);
    if (!writer.ok()) fuzz::Fail("IndexWriter::Open: " + writer.status().ToString());
    fuzz::Expect((*writer)->AddAll(paragraphs).ok() && (*writer)->Commit().ok(), "first commit");
    Result<std::uint64_t> deleted = (*writer)->DeleteById(f->deleted_id);
    fuzz::Expect(deleted.ok() && *deleted == 1 && (*writer)->Commit().ok(), "second commit");
    writer = Status::NotFound("closed");
    for (const Paragraph& p : paragraphs) {
      if (p.id != f->deleted_id) f->live.push_back(p);
    }
    Result<std::vector<std::string>> names = directory->ListFiles();
    fuzz::Expect(names.ok(), "ListFiles");
    for (const std::string& name : *names) {
      Result<ReadableFile> file = directory->OpenReadableFile(name);
      fuzz::Expect(file.ok(), "OpenReadableFile " + name);
      f->files[name] = std::string(file->data());
    }
    return f;
  }();
  return *fixture;
}

// Rewrites the footer of a framed file (format/file_format.h) to match its bytes.
void Reframe(std::string* file) {
  if (file->size() < format::kFileHeaderSize + format::kFileFooterSize) return;
  const std::size_t footer = file->size() - format::kFileFooterSize;
  EncodeFixed64(file->data() + footer, footer - format::kFileHeaderSize);
  EncodeFixed64(file->data() + footer + 8,
                Checksum64(std::string_view(*file).substr(0, footer + 8)));
}

std::uint16_t Read16(const std::uint8_t* data) {
  return static_cast<std::uint16_t>(data[0] | (data[1] << 8));
}

// Walks every term of every segment with a cursor, as a search would. Damage that Open
// does not catch may give wrong postings, never a crash; a `clean` index (Check passed)
// must give right ones.
// Searches of every kind (words in all languages with snippets, parallel versions and
// explanations; a phrase; a prefix; filters) give hits or a clean error; on an index
// that reads back exactly, the hits are the live paragraphs the queries name.
void Search(std::shared_ptr<const IndexReader> reader, const Fixture& fixture, bool exact) {
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Create(std::move(reader));
  fuzz::Expect(searcher.ok(), "Searcher::Create");
  SearchOptions options;
  options.language = QueryLanguage::All();
  options.parallel = true;
  options.explain = true;
  const std::vector<std::pair<std::string, std::string>> queries = {
      {"boats OR границы", "FUZZ/1/en/1"},
      {"\"near the border\"", "FUZZ/1/en/1"},
      {"bord*", "FUZZ/1/en/1"},
      {"year:2020 lang:en symbol:A/RES/1/1", "FUZZ/1/en/1"},
      {"theme:test -boats", "FUZZ/1/fr/1"}};
  for (const auto& [query, expected] : queries) {
    Result<SearchResults> results = (*searcher)->Search(query, options);
    fuzz::ExpectCleanError(results.status(), "Search " + query);
    if (!exact) continue;
    fuzz::Expect(results.ok(), "Search " + query + " failed on an intact index");
    bool found = false;
    for (const Hit& hit : results->hits) {
      found = found || hit.paragraph.id == expected;
      bool live = false;
      for (const Paragraph& p : fixture.live) live = live || p == hit.paragraph;
      fuzz::Expect(live, "Search " + query + " returned " + hit.paragraph.id);
    }
    fuzz::Expect(found, "Search " + query + " missed " + expected);
  }
}

void WalkPostings(const IndexReader& reader, bool clean) {
  const std::shared_ptr<const index::Snapshot> snapshot = index::SnapshotOf(reader);
  std::vector<std::uint32_t> positions;
  for (const index::SegmentView& segment : snapshot->segments()) {
    const format::SegmentReader& segment_reader = *segment.reader;
    for (DocId doc = 0; doc < segment_reader.doc_count(); ++doc) {
      (void)segment_reader.language(doc);
      for (int field = 0; field < static_cast<int>(format::kScoredFields.size()); ++field) {
        (void)segment_reader.length(field, doc);
      }
      fuzz::ExpectCleanError(segment_reader.Stored(doc).status(), "Stored");
    }
    std::unique_ptr<format::TermIterator> terms = segment_reader.Terms();
    int walked = 0;
    for (; terms->Valid() && walked < 2000; terms->Next(), ++walked) {
      Result<std::optional<format::TermInfo>> found = segment_reader.FindTerm(terms->key());
      fuzz::ExpectCleanError(found.status(), "FindTerm");
      // Only the analysed fields have positions.
      const std::optional<format::DecodedTermKey> key = format::DecodeTermKey(terms->key());
      const bool positioned =
          key && (key->field == format::FieldId::kText || key->field == format::FieldId::kTheme ||
                  key->field == format::FieldId::kTopic);
      Result<std::unique_ptr<PostingCursor>> cursor =
          segment_reader.OpenCursor(terms->info(), positioned);
      fuzz::ExpectCleanError(cursor.status(), "OpenCursor");
      if (!cursor.ok()) continue;
      (void)(*cursor)->ListMaxPairs();
      DocId last = 0;
      bool first = true;
      for (DocId doc = (*cursor)->Next(); doc != kEndDoc; doc = (*cursor)->Next()) {
        fuzz::Expect(first || doc > last, "cursor went back");
        fuzz::Expect(doc < segment_reader.doc_count(), "cursor past the segment's documents");
        first = false;
        last = doc;
        (void)(*cursor)->freq();
        (void)(*cursor)->BlockMaxPairs();
        if (!positioned) continue;
        const Status status = (*cursor)->Positions(&positions);
        fuzz::ExpectCleanError(status, "Positions");
        if (!status.ok()) break;
        fuzz::Expect(!clean || positions.size() == (*cursor)->freq(),
                     "positions differ from the frequency");
      }
      fuzz::ExpectCleanError((*cursor)->status(), "cursor");
    }
    fuzz::ExpectCleanError(terms->status(), "TermIterator");
  }
}

}  // namespace
}  // namespace hexaglot

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hexaglot;
  if (size < 2) return 0;
  const Fixture& fixture = Tiny();
  Files files = fixture.files;
  auto file = files.begin();
  std::advance(file, data[0] % files.size());
  const std::string name = file->first;
  std::string& bytes = file->second;
  const std::uint8_t* rest = data + 2;
  const std::size_t rest_size = size - 2;
  switch (data[1] & 3) {
    case 0:
      bytes.assign(reinterpret_cast<const char*>(rest), rest_size);
      break;
    case 1:
      for (std::size_t i = 0; i + 3 <= rest_size && !bytes.empty(); i += 3) {
        bytes[Read16(rest + i) % bytes.size()] ^= static_cast<char>(rest[i + 2]);
      }
      break;
    case 2:
      if (rest_size >= 2) {
        bytes.resize(Read16(rest) % (bytes.size() + 1));
        bytes.append(reinterpret_cast<const char*>(rest + 2), rest_size - 2);
      }
      break;
    case 3:
      files.erase(file);
      break;
  }
  const bool reframed = (data[1] & 4) != 0 && files.contains(name);
  if (reframed) Reframe(&bytes);
  const bool intact = files == fixture.files;

  std::shared_ptr<Directory> directory = NewMemoryDirectory();
  for (const auto& [file_name, content] : files) {
    auto writable = directory->NewWritableFile(file_name, WriteMode::kCreateNew);
    fuzz::Expect(writable.ok() && (*writable)->Append(content).ok() && (*writable)->Close().ok(),
                 "writing " + file_name);
  }
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(index::WrapDirectory(directory));
  fuzz::ExpectCleanError(reader.status(), "IndexReader::Open");
  if (!reader.ok()) {
    fuzz::Expect(!intact, "the intact index did not open: " + reader.status().ToString());
    return 0;
  }
  const Status check = (*reader)->Check();
  fuzz::ExpectCleanError(check, "Check");
  fuzz::Expect(check.ok() || !intact, "the intact index failed Check: " + check.ToString());
  // Damage the checksums do not catch would let Check pass on changed bytes; only the
  // removal of an unreferenced file (none here) could leave a changed index clean.
  // A reframed file can hold other valid content (a changed length, a stored byte that
  // zstd does not checksum): it may pass, but must never crash.
  const bool exact = check.ok() && !reframed;
  fuzz::Expect(!exact || intact, "damaged " + name + " passed Check");
  for (const Paragraph& p : fixture.live) {
    Result<std::optional<Paragraph>> got = (*reader)->Get(p.id);
    fuzz::ExpectCleanError(got.status(), "Get");
    if (exact) fuzz::Expect(got.ok() && *got == p, "Get(" + p.id + ") differs");
  }
  Result<std::optional<Paragraph>> deleted = (*reader)->Get(fixture.deleted_id);
  fuzz::ExpectCleanError(deleted.status(), "Get");
  if (exact) {
    fuzz::Expect(deleted.ok() && !deleted->has_value(), "a deleted paragraph came back");
    fuzz::Expect((*reader)->doc_count() == fixture.live.size(), "doc_count differs");
  }
  fuzz::ExpectCleanError((*reader)->Stats().status(), "Stats");
  hexaglot::WalkPostings(**reader, check.ok());
  hexaglot::Search(std::move(*reader), fixture, exact);
  return 0;
}
