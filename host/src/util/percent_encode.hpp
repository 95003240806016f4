// Percent-encoding for tokens put into URLs (a query value, a fragment).
#pragma once

#include <string>
#include <string_view>

namespace pico::util {

/// `text` with every byte but RFC 3986's unreserved characters (letters, digits, - . _ ~)
/// written as %HH (uppercase hex), so it is safe in a query value or a fragment.
std::string percent_encode(std::string_view text);

} // namespace pico::util
