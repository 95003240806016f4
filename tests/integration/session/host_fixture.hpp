// Shared set-up for in-process host tests: a loopback-only config, a seeder, and a
// host (core::application) driven on the test's thread.
#pragma once

#include "core/application.hpp"
#include "support/host_config.hpp"

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

namespace pico::test {

/// Writes a config that keeps the host on 127.0.0.1 with DHT, LSD, UPnP, NAT-PMP off and the
/// updater pointed at a closed loopback port; `extra` is merged in at the top level.
/// Fails the test and stops the host (exit code 1) if it runs longer than any sane machine needs.
struct watchdog {
    /// Arms the timer on the host's io_context.
    watchdog(core::application& app, std::chrono::seconds limit) : timer(app.io())
    {
        timer.expires_after(limit);
        timer.async_wait([&app](boost::system::error_code const& ec) {
            if (ec)
                return;
            ADD_FAILURE() << "watchdog: the host did not finish in time";
            app.request_stop(1);
        });
    }
    ~watchdog() { timer.cancel(); }
    /// The deadline.
    boost::asio::steady_timer timer;
};

inline std::filesystem::path write_loopback_config(std::filesystem::path const& file,
                                                   nlohmann::json extra = {})
{
    return test_support::write_loopback_host_config(file, extra);
}

} // namespace pico::test
