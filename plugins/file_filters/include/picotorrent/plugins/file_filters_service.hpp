// The "file_filters" service: the user's named include/exclude filters and a way to ask
// which files of a torrent a filter matches. Published by the file_filters plugin; the GUI's
// Add torrent dialog finds it with
//   pico::sdk::find_service<pico::file_filters::file_filters_service>(host).
// The object lives in the file_filters plugin: call it only through this interface. Its
// methods are safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pico::file_filters {

/// Name the service is published under.
inline constexpr char const* service_name = "file_filters";
/// Version of this interface. Grows only by appending virtual functions at the end.
inline constexpr std::uint32_t service_version = 1;

/// Whether a filter applies to every added torrent, and how.
enum class apply_mode : std::int32_t {
    /// Used only when asked for (Add torrent dialog, --include/--exclude).
    on_request = 0,
    /// Every added torrent downloads only the files this filter matches.
    include = 1,
    /// Every added torrent skips the files this filter matches.
    exclude = 2,
};

/// One filter from the configuration's "file_filters" array.
struct filter {
    /// Name shown to the user and accepted by --include/--exclude.
    std::string name;
    /// ECMAScript regular expression matched against a file's whole path in the torrent.
    std::string pattern;
    /// The filter's "apply" key.
    apply_mode apply = apply_mode::on_request;
    /// Why the pattern is not a valid regular expression (names the position); empty when valid.
    std::string error;
};

/// Answer of file_filters_service::match.
struct match_result {
    /// True when every path could be matched.
    bool ok = false;
    /// One line naming the filter (or pattern), the path and what went wrong; empty when ok.
    std::string error;
    /// One entry per path given, in order: true when the pattern matches that whole path.
    std::vector<bool> matches;
};

/// The service object. Owned by the plugin; hold it through the shared_ptr find_service returns.
class file_filters_service {
  public:
    /// The name the service is published under (pico::sdk::find_service reads it).
    static constexpr char const* service_name = file_filters::service_name;
    /// The version of this interface (pico::sdk::find_service asks for at least this one).
    static constexpr std::uint32_t service_version = file_filters::service_version;

    /// Only the plugin destroys it.
    virtual ~file_filters_service() = default;
    /// The configured filters, in configuration order (re-read when the configuration changes).
    virtual std::vector<filter> filters() const = 0;
    /// Matches `filter_or_pattern` (a filter's name, else a regular expression) against each
    /// path. An invalid expression or one too complex to match is an error, never a hang.
    virtual match_result match(std::string const& filter_or_pattern,
                               std::vector<std::string> const& paths) const = 0;
};

} // namespace pico::file_filters
