// The `recorder` fixture the host's integration tests rely on: one flushed JSON line per event.
#include "manager_harness.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace {

using namespace pico;
using json = nlohmann::json;

std::vector<json> read_lines(std::filesystem::path const& file)
{
    std::vector<json> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        out.push_back(json::parse(line));
    return out;
}

struct temp_file {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("pico-recorder-" + std::to_string(::getpid()) + ".jsonl");
    ~temp_file() { std::filesystem::remove(path); }
};

TEST(recorder_fixture, records_each_event_with_its_payload_and_thread)
{
    temp_file out;
    test::manager_harness h;
    h.config_sections["recorder"] = json{{"output", out.path.string()}}.dump();
    h.manager.discover({test::fixture_case("recorder")});
    h.manager.load_and_start(h.factory());
    ASSERT_EQ(h.record("recorder").state, plugins::plugin_state::running) << h.record("recorder").reason;
    auto& host = *h.hosts.at("recorder");
    EXPECT_EQ(host.live_registrations(), 19u) << "18 event types and one add-torrent hook";

    sdk::torrent_added_event added;
    added.torrent.info_hash = "aa";
    added.torrent.name = "album";
    added.torrent.status = sdk::status_code::downloading_metadata;
    added.torrent.progress = 0.25;
    added.torrent.paused = true;
    host.fire(added);
    // The file is flushed line by line: a test may read it while the host runs.
    EXPECT_EQ(read_lines(out.path).size(), 1u);

    sdk::torrents_updated_event updated;
    updated.torrents.resize(2);
    updated.torrents[0].info_hash = "aa";
    updated.torrents[1].info_hash = "bb";
    host.fire(updated);
    sdk::plugin_refused_event refused;
    refused.id = "other";
    refused.reason = "built against SDK 9.0.0";
    host.fire(refused);
    sdk::add_torrent_request request;
    request.name = "album";
    EXPECT_FALSE(host.decide(request).reject_reason);
    h.manager.stop_all();

    auto const lines = read_lines(out.path);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0]["event"], "torrent_added");
    EXPECT_EQ(lines[0]["info_hash"], "aa");
    EXPECT_EQ(lines[0]["name"], "album");
    EXPECT_EQ(lines[0]["status"], 5);
    EXPECT_EQ(lines[0]["progress"], 0.25);
    EXPECT_EQ(lines[0]["paused"], true);
    EXPECT_EQ(lines[1]["event"], "torrents_updated");
    EXPECT_EQ(lines[1]["info_hashes"], (json{"aa", "bb"}));
    EXPECT_EQ(lines[2]["event"], "plugin_refused");
    EXPECT_EQ(lines[2]["reason"], "built against SDK 9.0.0");
    EXPECT_EQ(lines[3]["event"], "add_hook");
    EXPECT_EQ(lines[3]["calls"], 1);
    EXPECT_EQ(lines[4]["event"], "recorder_stopped");
    EXPECT_EQ(lines[4]["add_hook_calls"], 1);
    for (auto const& l : lines)
        EXPECT_EQ(l["thread"], lines[0]["thread"]);
}

TEST(recorder_fixture, refuses_to_start_without_an_output_file)
{
    test::manager_harness h;
    h.manager.discover({test::fixture_case("recorder")});
    h.manager.load_and_start(h.factory());
    EXPECT_EQ(h.record("recorder").state, plugins::plugin_state::refused);
    EXPECT_NE(h.record("recorder").reason.find("start() threw: its config section needs \"output\""),
              std::string::npos);
}

} // namespace
