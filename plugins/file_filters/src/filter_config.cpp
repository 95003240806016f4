#include "filter_config.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace pico::file_filters {
namespace {

std::string key_of(std::size_t index, char const* key)
{
    return "file_filters[" + std::to_string(index) + "]" + (*key ? std::string(".") + key : std::string());
}

std::string required_string(nlohmann::json const& entry, std::size_t index, char const* key)
{
    auto it = entry.find(key);
    if (it == entry.end())
        throw config_error(key_of(index, key) + ": missing");
    if (!it->is_string())
        throw config_error(key_of(index, key) + ": expected a string, got " + it->type_name());
    return it->get<std::string>();
}

apply_mode read_apply(nlohmann::json const& entry, std::size_t index)
{
    auto it = entry.find("apply");
    if (it == entry.end() || it->is_null())
        return apply_mode::on_request;
    if (it->is_string()) {
        if (*it == "include")
            return apply_mode::include;
        if (*it == "exclude")
            return apply_mode::exclude;
    }
    throw config_error(key_of(index, "apply") + ": expected \"include\" or \"exclude\", got " + it->dump());
}

} // namespace

std::vector<filter> parse_filters(std::string const& section_json)
{
    nlohmann::json section;
    try {
        section = nlohmann::json::parse(section_json);
    } catch (nlohmann::json::exception const& e) {
        throw config_error(std::string("file_filters: not valid JSON: ") + e.what());
    }
    if (section.is_null())
        return {};
    if (!section.is_array())
        throw config_error(
            std::string("file_filters: expected an array of {\"name\", \"pattern\"} objects, got ") +
            section.type_name());

    std::vector<filter> out;
    std::set<std::string> names;
    for (std::size_t i = 0; i < section.size(); ++i) {
        auto const& entry = section[i];
        if (!entry.is_object())
            throw config_error(key_of(i, "") + ": expected an object, got " + entry.type_name());
        // A misspelt key ("aply") would silently do nothing; say so instead.
        for (auto const& item : entry.items()) {
            if (item.key() != "name" && item.key() != "pattern" && item.key() != "apply")
                throw config_error(key_of(i, item.key().c_str()) +
                                   ": unknown key (expected name, pattern, apply)");
        }
        filter f;
        f.name = required_string(entry, i, "name");
        if (f.name.empty())
            throw config_error(key_of(i, "name") + ": must not be empty");
        if (!names.insert(f.name).second)
            throw config_error(key_of(i, "name") + ": duplicate filter name '" + f.name + "'");
        f.pattern = required_string(entry, i, "pattern");
        f.apply = read_apply(entry, i);
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace pico::file_filters
