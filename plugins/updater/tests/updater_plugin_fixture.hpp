// The fixture of the updater's integration tests: release documents served by real HTTP(S)
// servers on 127.0.0.1, and the configuration that points the plugin at them.
#pragma once

#include "release_servers.hpp"
#include "updater_test_host.hpp"

#include <cctype>
#include <chrono>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <ostream>
#include <picotorrent/plugins/updater_service.hpp>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace pico::updater::test {

using namespace std::chrono_literals;
using json = nlohmann::json;
using sdk::log_level;

// Every way a check can end leaves one of these in the log.
inline bool check_finished(test_host const& host, int checks = 1)
{
    int n = 0;
    for (auto const& l : host.logs()) {
        for (char const* marker : {"update available: ", "up to date: ", "is newer but ignored",
                                   "update check failed: ", "already announced"}) {
            if (l.message.find(marker) != std::string::npos)
                ++n;
        }
    }
    return n >= checks;
}

class updater_plugin_test : public testing::Test {
  protected:
    release_servers& servers = release_servers::get();

    // A release document named after the test, served by every server as /files/<name>.
    std::string publish(std::string const& tag, json extra = json::object())
    {
        json doc = {{"tag_name", tag},
                    {"html_url", "https://github.com/picotorrent/picotorrent/releases/tag/" + tag},
                    {"name", "PicoTorrent " + tag},
                    {"body", "notes for " + tag},
                    {"draft", false}};
        doc.update(extra);
        return publish_raw(doc.dump());
    }

    std::string publish_raw(std::string const& content)
    {
        auto const* info = testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "." + info->name() + ".json";
        for (auto& c : name)
            c = (std::isalnum(static_cast<unsigned char>(c)) || c == '.') ? c : '_';
        servers.write_file(name, content);
        return "/files/" + name;
    }

    // A configuration that trusts the test CA; `updater` entries are added to the section.
    json config_for(std::string const& url, json updater = json::object())
    {
        json section = {{"ca_file", servers.ca_file().string()}, {"timeout_seconds", 20}};
        section.update(updater);
        return {{"update_url", url}, {"ignored_update", ""}, {"updater", section}};
    }

    static std::shared_ptr<updater_service> service(test_host& host)
    {
        return sdk::find_service<updater_service>(host);
    }

    // Starts the plugin, waits for its first check and returns every "update check failed" line.
    static std::vector<std::string> failures_of_one_check(test_host& host)
    {
        loaded_plugin plugin;
        plugin.start(host);
        EXPECT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
        EXPECT_TRUE(host.lines_with("update available").empty()) << host.dump();
        EXPECT_FALSE(service(host)->latest());
        plugin.stop();
        EXPECT_EQ(host.wrong_thread_calls, 0);
        return host.lines_with("update check failed: ", log_level::warning);
    }
};

} // namespace pico::updater::test
