#include "file_selection.hpp"

#include <algorithm>

namespace pico::file_filters {
namespace {

void describe_list(std::string& out, char const* what, std::vector<compiled_filter> const& filters)
{
    if (filters.empty())
        return;
    if (!out.empty())
        out += "; ";
    out += what;
    for (std::size_t i = 0; i < filters.size(); ++i)
        out += (i ? ", " : " ") + filters[i].label() + " \"" + filters[i].pattern() + "\"";
}

} // namespace

std::string filter_label(std::string const& name)
{
    return "filter '" + name + "'";
}

compiled_filter resolve_filter(std::vector<filter> const& configured, std::string const& name_or_pattern,
                               std::string const& origin)
{
    auto it = std::find_if(configured.begin(), configured.end(),
                           [&](filter const& f) { return f.name == name_or_pattern; });
    if (it != configured.end())
        return compiled_filter(filter_label(it->name), it->pattern);
    return compiled_filter(origin, name_or_pattern);
}

file_selection::file_selection(std::vector<filter> const& configured,
                               std::vector<std::string> const& includes,
                               std::vector<std::string> const& excludes)
{
    for (auto const& f : configured) {
        if (f.apply == apply_mode::include)
            m_include.emplace_back(filter_label(f.name), f.pattern);
        else if (f.apply == apply_mode::exclude)
            m_exclude.emplace_back(filter_label(f.name), f.pattern);
    }
    for (auto const& value : includes)
        m_include.push_back(resolve_filter(configured, value, "--include"));
    for (auto const& value : excludes)
        m_exclude.push_back(resolve_filter(configured, value, "--exclude"));
}

std::optional<std::string> file_selection::error() const
{
    for (auto const* list : {&m_include, &m_exclude}) {
        for (auto const& f : *list) {
            if (!f.valid())
                return f.error();
        }
    }
    return std::nullopt;
}

selection_result file_selection::select(std::vector<sdk::file_entry> const& files,
                                        std::vector<std::uint8_t> const& current) const
{
    selection_result out;
    if (auto e = error()) {
        out.error = *e;
        return out;
    }
    std::size_t slots = current.size();
    for (auto const& f : files)
        slots = std::max(slots, static_cast<std::size_t>(std::max(f.index, 0)) + 1);
    out.priorities = current;
    out.priorities.resize(slots, sdk::default_priority);

    // Any error stops the whole selection: a half-applied filter would download the wrong files.
    auto matches_any = [&](std::vector<compiled_filter> const& list,
                           std::string const& path) -> std::optional<bool> {
        for (auto const& f : list) {
            auto m = f.match(path);
            if (!m.error.empty()) {
                out.error = m.error;
                return std::nullopt;
            }
            if (m.matched)
                return true;
        }
        return false;
    };
    for (auto const& f : files) {
        bool wanted = true;
        if (!m_include.empty()) {
            auto inc = matches_any(m_include, f.path);
            if (!inc)
                return out;
            wanted = *inc;
        }
        if (wanted && !m_exclude.empty()) {
            auto exc = matches_any(m_exclude, f.path);
            if (!exc)
                return out;
            wanted = !*exc;
        }
        // Filters only narrow a selection: a file another hook already skipped stays skipped.
        auto& priority = out.priorities[static_cast<std::size_t>(std::max(f.index, 0))];
        if (!wanted)
            priority = sdk::dont_download;
        if (priority != sdk::dont_download)
            ++out.wanted;
    }
    out.ok = true;
    return out;
}

std::string file_selection::describe() const
{
    std::string out;
    describe_list(out, "include", m_include);
    describe_list(out, "exclude", m_exclude);
    return out;
}

} // namespace pico::file_filters
