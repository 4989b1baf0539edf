// IndexStorage: where an index lives, a folder on disk or a buffer in memory.
//
// Writers and readers of one index share an IndexStorage: IndexWriter::Open and
// IndexReader::Open take a shared_ptr to it, so an in-memory index lives as long as its
// last writer, reader or handle.
//
// Contract:
// - Ownership: the factories return shared handles; the storage owns its files (the disk
//   folder's files stay on disk, the memory ones go away with the last reference).
// - Thread safety: an IndexStorage may be shared by any number of threads, writers and
//   readers at once. One IndexWriter at a time may hold an index (a lock, also across
//   processes on disk); readers need no lock.
// - Errors: Status values naming the folder and the operating system's reason.

#ifndef HEXAGLOT_INDEX_STORAGE_H_
#define HEXAGLOT_INDEX_STORAGE_H_

#include <memory>
#include <string>

#include "hexaglot/export.h"
#include "hexaglot/status.h"

namespace hexaglot {

class HEXAGLOT_EXPORT IndexStorage {
 public:
  // The folder at `path`. With `create_if_missing`, the folder (and its missing parents)
  // is created; without it, NotFound when it does not exist. InvalidArgument when `path`
  // is not a folder.
  static Result<std::shared_ptr<IndexStorage>> OpenFolder(const std::string& path,
                                                          bool create_if_missing);
  // An empty index storage in memory, for tests and temporary indexes.
  static std::shared_ptr<IndexStorage> InMemory();

  IndexStorage(const IndexStorage&) = delete;
  IndexStorage& operator=(const IndexStorage&) = delete;
  ~IndexStorage();

  // The folder's path, or "<memory>".
  const std::string& description() const;

  // Implementation, defined in lib/index.
  class Rep;
  explicit IndexStorage(std::unique_ptr<Rep> rep);
  Rep& rep() const { return *rep_; }

 private:
  std::unique_ptr<Rep> rep_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_INDEX_STORAGE_H_
