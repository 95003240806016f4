// The filters in force for this run and what they make of a torrent's files.
#pragma once

#include "compiled_filter.hpp"

#include <cstdint>
#include <optional>
#include <picotorrent/plugins/file_filters_service.hpp>
#include <picotorrent/sdk/torrent.hpp>
#include <string>
#include <vector>

namespace pico::file_filters {

/// Priorities a selection produced for one torrent.
struct selection_result {
    /// False when a filter could not be used; nothing should be added then.
    bool ok = false;
    /// One line naming the filter and the problem; empty when ok.
    std::string error;
    /// Priority per file index: 0 for skipped files, the previous priority for wanted ones.
    std::vector<std::uint8_t> priorities;
    /// How many files stay wanted.
    std::size_t wanted = 0;
};

/// How errors name a configured filter: "filter 'name'".
std::string filter_label(std::string const& name);

/// Compiles `name_or_pattern`: the configured filter of that name (labelled "filter 'name'"),
/// else the text as a regular expression labelled `origin` (e.g. "--include").
compiled_filter resolve_filter(std::vector<filter> const& configured, std::string const& name_or_pattern,
                               std::string const& origin);

/// Include and exclude filters applied to every added torrent. A file is wanted when it
/// matches some include filter (or there are none) and no exclude filter.
class file_selection {
  public:
    /// Builds the selection from the configured filters with "apply" and the command-line values
    /// (`--include` / `--exclude`): each value is a filter's name, else a regular expression.
    file_selection(std::vector<filter> const& configured, std::vector<std::string> const& includes,
                   std::vector<std::string> const& excludes);

    /// True when no filter is in force.
    bool empty() const { return m_include.empty() && m_exclude.empty(); }
    /// The first invalid pattern's error, if any filter in force does not compile.
    std::optional<std::string> error() const;
    /// Applies the filters to `files`, keeping `current` priorities (by file index; missing
    /// entries count as the default) for the files that stay wanted.
    selection_result select(std::vector<sdk::file_entry> const& files,
                            std::vector<std::uint8_t> const& current) const;
    /// One line describing the filters in force, for the log.
    std::string describe() const;

  private:
    std::vector<compiled_filter> m_include;
    std::vector<compiled_filter> m_exclude;
};

} // namespace pico::file_filters
