#include "analysis/snowball_stemmer.h"

#include <libstemmer.h>

namespace hexaglot::analysis {
namespace {

const char* AlgorithmName(Language language) {
  switch (language) {
    case Language::kArabic:
      return "arabic";
    case Language::kEnglish:
      return "english";
    case Language::kFrench:
      return "french";
    case Language::kRussian:
      return "russian";
    case Language::kSpanish:
      return "spanish";
    case Language::kChinese:
      break;
  }
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<SnowballStemmer>> SnowballStemmer::Create(Language language) {
  const char* algorithm = AlgorithmName(language);
  if (algorithm == nullptr) {
    return Status::NotSupported("Snowball has no stemmer for " +
                                std::string(LanguageName(language)));
  }
  sb_stemmer* stemmer = sb_stemmer_new(algorithm, "UTF_8");
  if (stemmer == nullptr) {
    return Status::Internal(std::string("libstemmer cannot create the '") + algorithm +
                            "' stemmer (missing algorithm or out of memory)");
  }
  return std::unique_ptr<SnowballStemmer>(new SnowballStemmer(stemmer));
}

SnowballStemmer::~SnowballStemmer() { sb_stemmer_delete(stemmer_); }

Status SnowballStemmer::Stem(std::string_view word, std::string* out) {
  if (word.size() > kMaxWordBytes) {
    out->assign(word);
    return Status::OK();
  }
  const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) {
    return Status::ResourceExhausted("libstemmer ran out of memory stemming a " +
                                     std::to_string(word.size()) + "-byte word");
  }
  out->assign(reinterpret_cast<const char*>(stem),
              static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
  return Status::OK();
}

}  // namespace hexaglot::analysis
