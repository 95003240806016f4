// A plugin_manager wired to fake hosts and a captured log, plus paths of the fixture plugins
// (tests/fixtures, built into ${PROJECT_BINARY_DIR}/fixtures/<case>/<id>/).
#pragma once

#include "fake_host.hpp"
#include "plugins/plugin_manager.hpp"

#include <algorithm>
#include <dlfcn.h>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pico::test {

/// The folder of one fixture case (a plugin search folder).
inline std::filesystem::path fixture_case(std::string const& name)
{
    return std::filesystem::path(PICO_FIXTURE_ROOT) / name;
}

/// The library of plugin `id` in fixture case `name`.
inline std::filesystem::path fixture_library(std::string const& name, std::string const& id)
{
    return fixture_case(name) / id / (id + ".so");
}

/// True while `library` is mapped into this process (asks the loader without loading it).
inline bool is_mapped(std::filesystem::path const& library)
{
    void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle == nullptr)
        return false;
    dlclose(handle);
    return true;
}

struct manager_harness {
    /// Every line the manager logged.
    std::vector<std::string> log_lines;
    /// Every line the plugins logged through their hosts, and host destructions.
    std::shared_ptr<journal> lines = std::make_shared<journal>();
    /// Config section handed to each plugin's host, by id ("null" when absent).
    std::map<std::string, std::string> config_sections;
    /// The live fake hosts by plugin id (entries dangle once the manager destroys them).
    std::map<std::string, fake_host*> hosts;
    /// Declared last: destroyed (and so stopping plugins) while the members above still exist.
    plugins::plugin_manager manager{
        [this](sdk::log_level, std::string const& line) { log_lines.push_back(line); }};

    plugins::plugin_manager::host_factory factory()
    {
        return [this](plugins::plugin_record const& r) -> std::unique_ptr<sdk::host> {
            auto const it = config_sections.find(r.info.id);
            auto h = std::make_unique<fake_host>(r.info.id, lines,
                                                 it == config_sections.end() ? "null" : it->second);
            hosts[r.info.id] = h.get();
            return h;
        };
    }

    /// The record of the first plugin discovered with this id.
    plugins::plugin_record record(std::string const& id) const
    {
        auto const all = manager.records();
        auto const it = std::find_if(all.begin(), all.end(), [&](auto const& r) { return r.info.id == id; });
        return it == all.end() ? plugins::plugin_record{} : *it;
    }

    /// Log lines containing `text`.
    std::vector<std::string> logged(std::string const& text) const
    {
        std::vector<std::string> out;
        std::copy_if(log_lines.begin(), log_lines.end(), std::back_inserter(out),
                     [&](std::string const& l) { return l.find(text) != std::string::npos; });
        return out;
    }
};

} // namespace pico::test
