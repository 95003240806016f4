// Shared set-up for in-process host tests: a loopback-only config, a seeder, and a
// host (core::application) driven on the test's thread.
#pragma once

#include "core/application.hpp"
#include "support/host_config.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace pico::test {

/// Writes a config that keeps the host on 127.0.0.1 with DHT, LSD, UPnP, NAT-PMP off and the
/// updater pointed at a closed loopback port; `extra` is merged in at the top level.
inline std::filesystem::path write_loopback_config(std::filesystem::path const& file, nlohmann::json extra = {})
{
    return test_support::write_loopback_host_config(file, extra);
}

} // namespace pico::test
