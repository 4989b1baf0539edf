// IndexStorage (include/hexaglot/index_storage.h, lib/index/storage.h).

#include "index/storage.h"

#include "util/status_macros.h"

namespace hexaglot {

IndexStorage::IndexStorage(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
IndexStorage::~IndexStorage() = default;

const std::string& IndexStorage::description() const { return rep_->directory()->description(); }

Result<std::shared_ptr<IndexStorage>> IndexStorage::OpenFolder(const std::string& path,
                                                               bool create_if_missing) {
  HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Directory> directory,
                            NewDiskDirectory(path, create_if_missing));
  return index::WrapDirectory(std::move(directory));
}

std::shared_ptr<IndexStorage> IndexStorage::InMemory() {
  return index::WrapDirectory(NewMemoryDirectory());
}

namespace index {

std::shared_ptr<IndexStorage> WrapDirectory(std::shared_ptr<Directory> directory) {
  return std::make_shared<IndexStorage>(std::make_unique<IndexStorage::Rep>(std::move(directory)));
}

}  // namespace index
}  // namespace hexaglot
