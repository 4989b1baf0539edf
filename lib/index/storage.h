// The representation of the public IndexStorage (include/hexaglot/index_storage.h): the
// Directory an index lives in. Internal code and tests reach the Directory through it;
// tests wrap their own (e.g. a FaultInjectingDirectory) with WrapDirectory.

#ifndef HEXAGLOT_INDEX_STORAGE_REP_H_
#define HEXAGLOT_INDEX_STORAGE_REP_H_

#include <memory>
#include <string>

#include "hexaglot/index_storage.h"
#include "util/directory.h"

namespace hexaglot {

class IndexStorage::Rep {
 public:
  explicit Rep(std::shared_ptr<Directory> directory) : directory_(std::move(directory)) {}
  Directory* directory() const { return directory_.get(); }

 private:
  std::shared_ptr<Directory> directory_;
};

namespace index {

// An IndexStorage over `directory`, which it shares.
std::shared_ptr<IndexStorage> WrapDirectory(std::shared_ptr<Directory> directory);

inline Directory* DirectoryOf(const IndexStorage& storage) { return storage.rep().directory(); }

}  // namespace index
}  // namespace hexaglot

#endif  // HEXAGLOT_INDEX_STORAGE_REP_H_
