// A program that embeds hexaglot: the README's embedding example, built by
// tests/package against the installed package (CMake or pkg-config) and run.
// Usage: consumer COMPENDIUM INDEX_DIR

#include <hexaglot/index_writer.h>
#include <hexaglot/ingest.h>
#include <hexaglot/searcher.h>

#include <iostream>
#include <memory>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  // Index a compendium (or update the index when it is already there).
  auto parsed = hexaglot::ParseFile(argv[1]);
  auto writer = hexaglot::IndexWriter::Open(argv[2]);
  if (!parsed.ok() || !writer.ok()) return 1;
  if (!(*writer)->Update(parsed->paragraphs).ok() || !(*writer)->Commit().ok()) return 1;

  // Search it: the best paragraphs, each with a highlighted snippet.
  auto reader = hexaglot::IndexReader::Open(argv[2]);
  if (!reader.ok()) return 1;
  auto searcher = hexaglot::Searcher::Create(std::move(*reader));
  auto results = (*searcher)->Search("hawala \"financial investigations\"", {});
  if (!results.ok()) {
    std::cerr << results.status().message() << '\n';
    return 1;
  }
  for (const hexaglot::Hit& hit : results->hits) {
    std::cout << hit.paragraph.id << '\t' << hit.score << '\t' << hit.snippet->text << '\n';
  }
  return results->hits.empty() ? 1 : 0;
}
