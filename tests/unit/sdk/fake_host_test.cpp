// The SDK's fake host behaves as plugin authors are told the real one does.
#include <atomic>
#include <future>
#include <gtest/gtest.h>
#include <memory>
#include <picotorrent/sdk/testing/fake_host.hpp>
#include <picotorrent/sdk/testing/host_thread.hpp>
#include <stdexcept>
#include <thread>

namespace {

namespace sdk = pico::sdk;
using sdk::testing::fake_host;
using sdk::testing::host_thread;

struct greeter {
    static constexpr char const* service_name = "greeter";
    static constexpr std::uint32_t service_version = 2;
    virtual ~greeter() = default;
    virtual std::string greet() const = 0;
};
// greeter is deliberately not the first base: the typed publish must still find it.
struct other_base {
    virtual ~other_base() = default;
    int padding = 42;
};
struct greeter_impl final : other_base, greeter {
    std::string greet() const override { return "hello"; }
};

TEST(fake_host, fires_events_only_to_handlers_of_their_type)
{
    fake_host host;
    int added = 0;
    auto sub = sdk::subscribe<sdk::torrent_added_event>(host, [&](auto const&) { ++added; });
    host.fire(sdk::torrent_added_event{});
    host.fire(sdk::torrent_finished_event{});
    EXPECT_EQ(added, 1);
    sub.reset();
    host.fire(sdk::torrent_added_event{});
    EXPECT_EQ(added, 1);
    EXPECT_EQ(host.registrations(), 0u);
}

TEST(fake_host, runs_hooks_by_order_and_stops_at_a_rejection)
{
    fake_host host;
    std::string trail;
    auto late = host.add_hook(
        [&](sdk::add_torrent_request&) {
            trail += "late;";
            return sdk::hook_decision::reject("no");
        },
        10);
    auto early = host.add_hook(
        [&](sdk::add_torrent_request& r) {
            trail += "early;";
            r.paused = true;
            return sdk::hook_decision::accept();
        },
        -5);
    auto const result = host.add_torrent({});
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.error, "no");
    EXPECT_EQ(trail, "early;late;");
    EXPECT_TRUE(host.added.empty());
    late.reset();
    EXPECT_TRUE(host.add_torrent({}).ok);
    ASSERT_EQ(host.added.size(), 1u);
    EXPECT_TRUE(host.added[0].paused) << "hooks change the request before it is added";
}

TEST(fake_host, records_calls_and_answers_from_its_torrent_list)
{
    fake_host host;
    sdk::torrent_snapshot t;
    t.info_hash = std::string(40, 'a');
    host.torrent_list.push_back(t);
    EXPECT_TRUE(host.pause_torrent(t.info_hash));
    EXPECT_FALSE(host.resume_torrent(std::string(40, 'b')));
    EXPECT_TRUE(host.remove_torrent(t.info_hash, sdk::remove_mode::delete_data));
    EXPECT_TRUE(host.called("pause_torrent(" + t.info_hash + ")"));
    EXPECT_TRUE(host.called("remove_torrent(" + t.info_hash + ", delete_data)"));
    ASSERT_EQ(host.removed.size(), 1u);
    EXPECT_EQ(host.removed[0].mode, sdk::remove_mode::delete_data);
    EXPECT_TRUE(host.find_torrent(t.info_hash));
}

TEST(fake_host, typed_services_survive_multiple_inheritance_and_check_versions)
{
    fake_host host;
    auto impl = std::make_shared<greeter_impl>();
    auto published = sdk::publish_service<greeter>(host, impl);
    auto found = sdk::find_service<greeter>(host);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->greet(), "hello");
    EXPECT_FALSE(host.find_service("greeter", 3)) << "a newer interface than published is not found";
    EXPECT_FALSE(sdk::publish_service<greeter>(host, impl)) << "a taken name is refused";
    published.reset();
    EXPECT_FALSE(sdk::find_service<greeter>(host));
}

TEST(fake_host, keeps_config_sections_and_composes_the_whole_config)
{
    fake_host host;
    host.id = "mine";
    EXPECT_EQ(host.config_section(), "null");
    host.set_section(R"({"a":1})");
    EXPECT_TRUE(host.set_config_value("ignored_update", R"("2.0.0")").ok);
    EXPECT_EQ(host.config_section(), R"({"a":1})");
    EXPECT_EQ(host.config(), R"({"ignored_update":"2.0.0","mine":{"a":1}})");
}

TEST(fake_host, refuses_unknown_settings_all_or_nothing)
{
    fake_host host;
    host.unknown_settings = {"no_such_setting"};
    EXPECT_FALSE(host.apply_settings({{"enable_dht", false}, {"no_such_setting", true}}).ok);
    EXPECT_TRUE(host.applied.empty());
    EXPECT_TRUE(host.apply_settings({{"enable_dht", false}}).ok);
    EXPECT_EQ(host.setting("enable_dht"), sdk::setting_value(false));
}

TEST(fake_host, plays_the_host_thread_for_posted_and_background_work)
{
    fake_host host;
    std::atomic<bool> background_ran{false};
    bool posted_back = false;
    host.post_background([&] {
        background_ran = true;
        host.post([&] { posted_back = true; }); // back onto the host thread, as the contract says
    });
    EXPECT_TRUE(host.run_until([&] { return posted_back; }));
    EXPECT_TRUE(background_ran);
    host.post_background([&] { (void)host.torrents(); }); // a host-thread-only call from elsewhere
    host.run_for(std::chrono::milliseconds(50));
    EXPECT_EQ(host.wrong_thread_calls, 1);
}

// A plugin thread that waits on the host thread (the WebSocket server's pattern) needs the host
// loop on a thread of its own: host_thread runs it, and calls from there are on the host thread.
TEST(fake_host, host_thread_answers_a_plugin_thread_that_waits_on_it)
{
    fake_host host;
    host.torrent_list.push_back({});
    host.torrent_list.back().info_hash = "abcd";
    host_thread loop(host);
    std::size_t seen = 0;
    std::thread plugin_thread([&] {
        std::promise<std::size_t> answer;
        host.post([&] { answer.set_value(host.torrents().size()); });
        seen = answer.get_future().get(); // would wait forever with no one running the host loop
    });
    plugin_thread.join();
    EXPECT_EQ(seen, 1u);
    EXPECT_TRUE(loop.call([&] { return host.pause_torrent("abcd"); }));
    EXPECT_THROW(loop.call([]() -> int { throw std::runtime_error("from the host thread"); }),
                 std::runtime_error);
    EXPECT_EQ(host.wrong_thread_calls, 0);
    (void)host.torrents(); // the test thread is no longer the host thread
    EXPECT_EQ(host.wrong_thread_calls, 1);
}

} // namespace
