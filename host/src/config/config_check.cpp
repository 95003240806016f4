#include "config/config_check.hpp"

#include "config/config_schema.hpp"
#include "util/printable.hpp"

#include <algorithm>
#include <set>

namespace pico::config {
namespace {

using json = nlohmann::json;

// Known keys as patterns ("file_filters[].name"), and the sections on the way to them.
struct known_set {
    std::set<std::string> keys;
    std::set<std::string> sections;
};

known_set make_known_set(config_schema const& schema)
{
    known_set out;
    for (auto const& key : known_config_keys(schema)) {
        out.keys.insert(key);
        for (std::size_t i = 0; i < key.size(); ++i) {
            if (key[i] == '.' || key[i] == '[')
                out.sections.insert(key.substr(0, i));
        }
    }
    return out;
}

// "FILE:LINE:COLUMN" where the key was written, or "FILE" when its position is not known.
std::string where(config_store const& store, std::string const& path)
{
    auto const file = util::printable(store.file().string(), 1000);
    auto const it = store.key_positions().find(path);
    if (it == store.key_positions().end())
        return file;
    return file + ":" + std::to_string(it->second.line) + ":" + std::to_string(it->second.column);
}

std::string join(std::string const& parent, std::string const& key)
{
    return parent.empty() ? key : parent + "." + key;
}

class unknown_key_finder {
  public:
    unknown_key_finder(config_store const& store, known_set const& known, config_report& report)
        : m_store(store), m_known(known), m_report(report)
    {
    }

    // `path` is what the user wrote ("file_filters[0]"), `pattern` the same with "[]".
    void walk(json const& value, std::string const& path, std::string const& pattern)
    {
        if (value.is_array() && m_known.sections.count(pattern) && !pattern.empty()) {
            for (std::size_t i = 0; i < value.size(); ++i)
                walk(value[i], path + "[" + std::to_string(i) + "]", pattern + "[]");
            return;
        }
        if (!value.is_object())
            return;
        for (auto const& item : value.items()) {
            auto const child_pattern = join(pattern, item.key());
            auto const child_path = join(path, item.key());
            if (m_known.sections.count(child_pattern))
                walk(item.value(), child_path, child_pattern);
            else if (!m_known.keys.count(child_pattern))
                report(path, pattern, item.key());
        }
    }

  private:
    void report(std::string const& path, std::string const& pattern, std::string const& key)
    {
        std::vector<std::string> siblings;
        auto const prefix = pattern.empty() ? std::string() : pattern + ".";
        for (auto const* set : {&m_known.keys, &m_known.sections}) {
            for (auto const& k : *set) {
                if (k.compare(0, prefix.size(), prefix) == 0 &&
                    k.find_first_of(".[", prefix.size()) == std::string::npos)
                    siblings.push_back(k.substr(prefix.size()));
            }
        }
        auto const full = join(path, key);
        auto const near = closest_key(key, siblings);
        if (pattern.empty() && near.empty()) {
            m_report.not_validated.push_back(where(m_store, full) + ": '" + util::printable(full, 100) +
                                             "' is not validated: no installed plugin declares it");
            return;
        }
        std::string line = where(m_store, full) + ": unknown key '" + util::printable(full, 100) + "'";
        if (!near.empty())
            line += " (did you mean '" + join(path, near) + "'?)";
        m_report.unknown_keys.push_back(std::move(line));
    }

    config_store const& m_store;
    known_set const& m_known;
    config_report& m_report;
};

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
std::size_t edit_distance(std::string const& a, std::string const& b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t const cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

std::string closest_key(std::string const& key, std::vector<std::string> const& known)
{
    std::string best;
    std::size_t best_distance = 3;
    for (auto const& candidate : known) {
        // Long keys are typos of nothing; the table would cost their product.
        if (key.size() > 64 || candidate.size() > 64)
            continue;
        if (auto const d = edit_distance(key, candidate); d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

config_report check_config(config_store const& store)
{
    auto const known = make_known_set(store.schema());
    config_report report;
    unknown_key_finder(store, known, report).walk(store.document(), "", "");
    return report;
}

} // namespace pico::config
