// Shared set-up for in-process host tests: a loopback-only config, a seeder, and a
// host (core::application) driven on the test's thread.
#pragma once

#include "core/application.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace pico::test {

/// Writes a config that keeps the host on 127.0.0.1 with DHT, LSD, UPnP, NAT-PMP off and the
/// updater pointed at a closed loopback port; `extra` is merged in at the top level.
inline std::filesystem::path write_loopback_config(std::filesystem::path const& file, nlohmann::json extra = {})
{
    nlohmann::json cfg = {
        {"session",
         {{"listen_interfaces", "127.0.0.1:0"},
          {"enable_dht", false},
          {"enable_lsd", false},
          {"enable_upnp", false},
          {"enable_natpmp", false}}},
        {"update_url", "http://127.0.0.1:9/releases/latest"},
    };
    if (extra.is_object())
        cfg.update(extra);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << cfg.dump(2);
    return file;
}

} // namespace pico::test
