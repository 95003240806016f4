#include "settings.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace pico::updater {
namespace {

using json = nlohmann::json;

// A duration key given as a number of `unit`s, within [min, max]; the default stays otherwise.
template <class Unit>
void read_duration(json const& section, char const* key, double min, double max, bool min_inclusive,
                   std::chrono::milliseconds& out, std::vector<std::string>& warnings)
{
    auto it = section.find(key);
    if (it == section.end() || it->is_null())
        return;
    double const value = it->is_number() ? it->get<double>() : NAN;
    bool const in_range =
        std::isfinite(value) && (min_inclusive ? value >= min : value > min) && value <= max;
    if (!in_range) {
        warnings.push_back(std::string("updater.") + key + ": expected a number " +
                           (min_inclusive ? ">= " : "> ") + std::to_string(static_cast<long>(min)) +
                           " and <= " + std::to_string(static_cast<long>(max)) + ", got " + it->dump() +
                           "; using the default");
        return;
    }
    out = std::chrono::ceil<std::chrono::milliseconds>(
        std::chrono::duration<double, typename Unit::period>(value));
}

// A string key; `null` counts as absent, anything else but a string is a warning.
void read_string(json const& object, char const* key, std::string const& label, std::string& out,
                 std::vector<std::string>& warnings)
{
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return;
    if (!it->is_string()) {
        warnings.push_back(label + ": expected a string, got " + it->dump() + "; using the default");
        return;
    }
    out = it->get<std::string>();
}

} // namespace

// The host has already checked these keys' types against config_schema.json (from the
// manifest) before the plugin starts, so under it only the range checks below can warn. The
// type checks stay for hosts that do not check (a test double, a future host without the
// manifest's "config"): a bad value then means a warning and the default, never a crash.
settings read_settings(std::string const& config_json)
{
    settings s;
    auto const config = json::parse(config_json, nullptr, /*allow_exceptions=*/false);
    if (!config.is_object())
        return s; // no configuration (or "null"): defaults

    read_string(config, "update_url", "update_url", s.update_url, s.warnings);
    read_string(config, "ignored_update", "ignored_update", s.ignored_update, s.warnings);

    if (auto it = config.find("updater"); it != config.end() && !it->is_null()) {
        if (!it->is_object()) {
            s.warnings.push_back("updater: expected an object, got " + it->dump() + "; using the defaults");
        } else {
            read_string(*it, "ca_file", "updater.ca_file", s.ca_file, s.warnings);
            // At most a year between checks, at most ten minutes for one check.
            read_duration<std::chrono::hours>(*it, "check_interval_hours", 0, 24 * 365, true,
                                              s.check_interval, s.warnings);
            read_duration<std::chrono::seconds>(*it, "timeout_seconds", 0, 600, false, s.timeout, s.warnings);
            // A positive interval below a second would hammer the server; a second is the floor.
            if (s.check_interval > std::chrono::milliseconds::zero() &&
                s.check_interval < std::chrono::seconds(1))
                s.check_interval = std::chrono::seconds(1);
        }
    }

    if (auto proxy = config.find("proxy"); proxy != config.end() && proxy->is_object()) {
        auto force = proxy->find("force");
        s.proxy_forced = force != proxy->end() && force->is_boolean() && force->get<bool>();
    }
    return s;
}

} // namespace pico::updater
