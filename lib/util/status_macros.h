// Internal helpers for propagating Status and Result<T>. Not installed.

#ifndef HEXAGLOT_UTIL_STATUS_MACROS_H_
#define HEXAGLOT_UTIL_STATUS_MACROS_H_

#include "hexaglot/status.h"

// Returns the Status of `expr` from the enclosing function unless it is OK.
#define HEXAGLOT_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::hexaglot::Status hexaglot_status_ = (expr);        \
    if (!hexaglot_status_.ok()) return hexaglot_status_; \
  } while (false)

#define HEXAGLOT_CONCAT_INNER_(a, b) a##b
#define HEXAGLOT_CONCAT_(a, b) HEXAGLOT_CONCAT_INNER_(a, b)

// `HEXAGLOT_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result's value, or
// returns its Status from the enclosing function.
#define HEXAGLOT_ASSIGN_OR_RETURN(lhs, expr) \
  HEXAGLOT_ASSIGN_OR_RETURN_IMPL_(HEXAGLOT_CONCAT_(hexaglot_result_, __LINE__), lhs, expr)
// `result` names a variable and `lhs` is a declaration: neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define HEXAGLOT_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                    \
  if (!result.ok()) return result.status();                \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // HEXAGLOT_UTIL_STATUS_MACROS_H_
