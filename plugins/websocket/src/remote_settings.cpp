#include "remote_settings.hpp"

#include <array>

namespace pico::websocket {

using json = nlohmann::json;

namespace {

constexpr std::array<char const*, 2> listed_sections{"session", "proxy"};
constexpr std::array<char const*, 1> secret_keys{"proxy.password"};

bool is_secret(std::string const& key)
{
    for (auto const* secret : secret_keys)
        if (key == secret)
            return true;
    return false;
}

} // namespace

nlohmann::ordered_json readable_settings(json const& effective_config)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (auto it = effective_config.find("save_path"); it != effective_config.end())
        out["save_path"] = *it;
    for (auto const* section : listed_sections) {
        auto it = effective_config.find(section);
        if (it == effective_config.end() || !it->is_object())
            continue;
        for (auto const& [name, value] : it->items()) {
            std::string const key = std::string(section) + "." + name;
            bool const secret_set =
                is_secret(key) && value.is_string() && !value.get_ref<std::string const&>().empty();
            out[key] = secret_set ? json(masked_secret) : value;
        }
    }
    return out;
}

bool remote_writable(std::string const& key)
{
    if (key == "save_path")
        return true;
    return key.rfind("session.", 0) == 0 && key.size() > 8 && key != "session.listen_interfaces" &&
           key.find('.', 8) == std::string::npos;
}

std::vector<std::string> writable_keys(nlohmann::ordered_json const& readable)
{
    std::vector<std::string> out;
    for (auto const& [key, value] : readable.items())
        if (remote_writable(key))
            out.push_back(key);
    return out;
}

json setting_at(json const& effective_config, std::string const& key)
{
    json const* node = &effective_config;
    std::size_t start = 0;
    while (true) {
        auto const dot = key.find('.', start);
        auto it = node->find(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (it == node->end())
            return nullptr;
        if (dot == std::string::npos)
            return *it;
        node = &*it;
        start = dot + 1;
    }
}

} // namespace pico::websocket
