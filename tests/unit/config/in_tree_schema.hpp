// The schema `run` would use with the in-tree plugins installed: the host's keys plus each
// plugin's config_schema.json (the file pico_add_plugin puts into its plugin.json).
#pragma once

#include "config/config_schema.hpp"
#include "config/config_store.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pico::config::test {

/// Each in-tree plugin's id and its declared keys.
inline std::vector<std::pair<std::string, std::vector<key_rule>>> in_tree_plugin_keys()
{
    std::vector<std::pair<std::string, std::vector<key_rule>>> out;
    for (char const* id : {"file_filters", "gui", "proxy", "updater", "websocket"}) {
        std::ifstream in(std::string(PICO_PLUGINS_SOURCE_DIR) + "/" + id + "/config_schema.json");
        if (!in)
            throw std::runtime_error(std::string("no config_schema.json for ") + id);
        std::stringstream text;
        text << in.rdbuf();
        out.emplace_back(id, parse_key_rules(nlohmann::json::parse(text.str())));
    }
    return out;
}

inline config_schema in_tree_schema()
{
    config_schema schema;
    for (auto& [id, rules] : in_tree_plugin_keys())
        schema.add_plugin(id, std::move(rules));
    return schema;
}

/// A store loaded as `run` has it once the in-tree plugins are discovered.
inline config_store load_with_in_tree_plugins(std::filesystem::path const& file)
{
    auto store = config_store::load(file);
    for (auto& [id, rules] : in_tree_plugin_keys())
        store.add_plugin_keys(id, std::move(rules));
    return store;
}

} // namespace pico::config::test
