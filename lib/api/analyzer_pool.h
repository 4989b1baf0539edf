// AnalyzerPool: analysers for concurrent searches.

#ifndef HEXAGLOT_API_ANALYZER_POOL_H_
#define HEXAGLOT_API_ANALYZER_POOL_H_

#include <array>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "hexaglot/analyzer.h"
#include "hexaglot/status.h"
#include "util/status_macros.h"

namespace hexaglot::api {

// Analyzers are not thread safe: each search borrows one per language from a pool and
// returns it when done.
class AnalyzerPool {
 public:
  explicit AnalyzerPool(const AnalyzerOptions& options) : options_(options) {}

  class Lease {
   public:
    Lease(AnalyzerPool* pool, Language language, std::unique_ptr<Analyzer> analyzer)
        : pool_(pool), language_(language), analyzer_(std::move(analyzer)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (analyzer_) pool_->Return(language_, std::move(analyzer_));
    }
    Analyzer& operator*() const { return *analyzer_; }

   private:
    AnalyzerPool* pool_;
    Language language_;
    std::unique_ptr<Analyzer> analyzer_;
  };

  Result<Lease> Borrow(Language language) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& idle = idle_[static_cast<std::size_t>(language)];
      if (!idle.empty()) {
        std::unique_ptr<Analyzer> analyzer = std::move(idle.back());
        idle.pop_back();
        return Lease(this, language, std::move(analyzer));
      }
    }
    HEXAGLOT_ASSIGN_OR_RETURN(std::unique_ptr<Analyzer> analyzer,
                              Analyzer::Create(language, options_));
    return Lease(this, language, std::move(analyzer));
  }

 private:
  void Return(Language language, std::unique_ptr<Analyzer> analyzer) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_[static_cast<std::size_t>(language)].push_back(std::move(analyzer));
  }

  AnalyzerOptions options_;
  std::mutex mutex_;
  std::array<std::vector<std::unique_ptr<Analyzer>>, kLanguageCount> idle_;
};

}  // namespace hexaglot::api

#endif  // HEXAGLOT_API_ANALYZER_POOL_H_
