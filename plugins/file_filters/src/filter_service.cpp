#include "filter_service.hpp"

#include "file_selection.hpp"

namespace pico::file_filters {

std::vector<filter> with_compile_errors(std::vector<filter> configured)
{
    for (auto& f : configured)
        f.error = compiled_filter(filter_label(f.name), f.pattern).error();
    return configured;
}

filter_service::filter_service(std::vector<filter> configured)
    : m_filters(with_compile_errors(std::move(configured)))
{
}

void filter_service::update(std::vector<filter> configured)
{
    auto checked = with_compile_errors(std::move(configured));
    std::lock_guard lock(m_mutex);
    m_filters = std::move(checked);
}

std::vector<filter> filter_service::filters() const
{
    std::lock_guard lock(m_mutex);
    return m_filters;
}

match_result filter_service::match(std::string const& filter_or_pattern,
                                   std::vector<std::string> const& paths) const
{
    // Compile outside the lock: a long pattern must not hold up filters() callers.
    auto const f = resolve_filter(filters(), filter_or_pattern, "pattern");
    match_result out;
    if (!f.valid()) {
        out.error = f.error();
        return out;
    }
    out.matches.reserve(paths.size());
    for (auto const& path : paths) {
        auto m = f.match(path);
        if (!m.error.empty()) {
            out.error = m.error;
            out.matches.clear();
            return out;
        }
        out.matches.push_back(m.matched);
    }
    out.ok = true;
    return out;
}

} // namespace pico::file_filters
