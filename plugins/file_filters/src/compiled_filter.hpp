// One filter's regular expression, compiled once and matched against whole file paths.
#pragma once

#include "bounded_regex.hpp"

#include <string>
#include <string_view>

namespace pico::file_filters {

/// Result of matching one path.
struct match_outcome {
    /// True when the pattern matches the whole path (meaningless when `error` is set).
    bool matched = false;
    /// Why the path could not be matched (pattern invalid or too complex); empty on success.
    std::string error;
};

/// A pattern compiled with ECMAScript syntax. Copies share the compiled expression; const
/// methods are safe from any thread.
class compiled_filter {
  public:
    /// Compiles `pattern`; `label` names it in errors, e.g. "filter 'Videos'" or "--include".
    compiled_filter(std::string label, std::string pattern);

    /// How errors name this filter.
    std::string const& label() const { return m_label; }
    /// The pattern as written.
    std::string const& pattern() const { return m_pattern; }
    /// True when the pattern compiled.
    bool valid() const { return m_error.empty(); }
    /// One line with the label, the pattern, the position and the reason; empty when valid.
    std::string const& error() const { return m_error; }

    /// Matches the whole of `path`. Patterns that would backtrack without bound report an error.
    match_outcome match(std::string_view path) const;

  private:
    std::string m_label;
    std::string m_pattern;
    std::string m_error;
    boost::regex m_regex;
};

} // namespace pico::file_filters
