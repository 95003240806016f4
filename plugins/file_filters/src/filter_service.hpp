// The object published as the "file_filters" service.
#pragma once

#include <mutex>
#include <picotorrent/plugins/file_filters_service.hpp>
#include <vector>

namespace pico::file_filters {

/// Serves the configured filters; the plugin replaces them when the configuration changes.
class filter_service final : public file_filters_service {
  public:
    /// Starts with `configured` (errors are filled in here).
    explicit filter_service(std::vector<filter> configured);

    /// Replaces the filter list (after a configuration change).
    void update(std::vector<filter> configured);

    std::vector<filter> filters() const override;
    match_result match(std::string const& filter_or_pattern,
                       std::vector<std::string> const& paths) const override;

  private:
    // The GUI calls from its own thread while the host thread may update the list.
    mutable std::mutex m_mutex;
    std::vector<filter> m_filters;
};

/// Fills each filter's `error` with its pattern's compile error, if any.
std::vector<filter> with_compile_errors(std::vector<filter> configured);

} // namespace pico::file_filters
