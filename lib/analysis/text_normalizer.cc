#include "analysis/text_normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <cstddef>

#include "util/utf8.h"

namespace hexaglot::analysis {

Result<CaseFolder> CaseFolder::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* instance = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || instance == nullptr) {
    return Status::Internal(std::string("ICU cannot load NFKC case folding data: ") +
                            u_errorName(status));
  }
  return CaseFolder(instance);
}

Status CaseFolder::Fold(std::string_view word, std::string* out) const {
  out->clear();
  bool ascii = true;
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    out->resize(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = word[i];
      (*out)[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    return Status::OK();
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(out, static_cast<int32_t>(word.size()));
  nfkc_casefold_->normalizeUTF8(0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())),
                                sink, nullptr, status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU NFKC case folding failed: ") + u_errorName(status));
  }
  return Status::OK();
}

void NormalizeArabic(std::string* term) {
  // Everything this touches is in U+0600..U+06FF: two-byte sequences D8..DB xx.
  bool arabic = false;
  for (char c : *term) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b >= 0xD8 && b <= 0xDB) {
      arabic = true;
      break;
    }
  }
  if (!arabic) return;
  std::string out;
  out.reserve(term->size());
  std::size_t pos = 0;
  while (pos < term->size()) {
    char32_t cp = utf8::Next(*term, &pos);
    if ((cp >= 0x064B && cp <= 0x0652) || cp == 0x0670 || cp == 0x0640) continue;
    switch (cp) {
      case 0x0622:  // ALEF WITH MADDA ABOVE
      case 0x0623:  // ALEF WITH HAMZA ABOVE
      case 0x0625:  // ALEF WITH HAMZA BELOW
        cp = 0x0627;
        break;
      case 0x0649:  // ALEF MAKSURA
        cp = 0x064A;
        break;
      case 0x0629:  // TEH MARBUTA
        cp = 0x0647;
        break;
      default:
        break;
    }
    utf8::Append(cp, &out);
  }
  term->swap(out);
}

void FoldApostrophes(std::string* term) {
  // U+2019 is E2 80 99.
  std::size_t found = term->find("\xE2\x80\x99");
  if (found == std::string::npos) return;
  std::string out;
  out.reserve(term->size());
  std::size_t from = 0;
  while (found != std::string::npos) {
    out.append(*term, from, found - from);
    out.push_back('\'');
    from = found + 3;
    found = term->find("\xE2\x80\x99", from);
  }
  out.append(*term, from, std::string::npos);
  term->swap(out);
}

}  // namespace hexaglot::analysis
