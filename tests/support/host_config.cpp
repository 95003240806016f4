#include "support/host_config.hpp"

#include <fstream>
#include <string>

namespace pico::test_support {

nlohmann::json loopback_host_config(nlohmann::json const& extra, std::uint16_t port)
{
    nlohmann::json cfg = {
        {"session",
         {{"listen_interfaces", "127.0.0.1:" + std::to_string(port)},
          {"enable_dht", false},
          {"enable_lsd", false},
          {"enable_upnp", false},
          {"enable_natpmp", false}}},
        // Discard port on loopback: an updater check fails at once and never leaves the machine.
        {"update_url", "http://127.0.0.1:9/releases/latest"},
    };
    if (!extra.is_object())
        return cfg;
    for (auto const& [key, value] : extra.items()) {
        if (key == "session")
            cfg["session"].update(value.is_object() ? value : nlohmann::json::object());
        else
            cfg[key] = value;
    }
    return cfg;
}

std::filesystem::path write_loopback_host_config(std::filesystem::path const& file,
                                                 nlohmann::json const& extra, std::uint16_t port)
{
    if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << loopback_host_config(extra, port).dump(2);
    return file;
}

} // namespace pico::test_support
