#include "plugins/installed_config_keys.hpp"

#include "plugins/plugin_manager.hpp"

namespace pico::plugins {

void add_installed_config_keys(config::config_store& store, std::vector<plugin_record> const& records)
{
    for (auto const* record : owners_of_ids(records)) {
        if (!record->info.config_keys.empty())
            store.add_plugin_keys(record->info.id, record->info.config_keys);
    }
}

void add_installed_config_keys(config::config_store& store, std::vector<std::filesystem::path> const& dirs)
{
    // Discovery problems (a broken manifest) are `picotorrent plugins`' to report.
    plugin_manager manager([](sdk::log_level, std::string const&) {});
    manager.discover(dirs);
    add_installed_config_keys(store, manager.records());
}

} // namespace pico::plugins
