// Reads the "file_filters" configuration section.
#pragma once

#include <picotorrent/plugins/file_filters_service.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace pico::file_filters {

/// A configuration section that cannot be used; the message names the offending key.
class config_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Parses the section's JSON text ("null" when absent) into filters, in order. Patterns are
/// not compiled here (filter::error stays empty). Throws config_error naming the key, e.g.
/// "file_filters[1].apply: expected \"include\" or \"exclude\"".
std::vector<filter> parse_filters(std::string const& section_json);

} // namespace pico::file_filters
