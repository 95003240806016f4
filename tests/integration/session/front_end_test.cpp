// `picotorrent gui` with a front-end that is not Qt (tests/fixtures/front_end): the SDK 1.1
// front-end contract end to end — the front-end's loop owns the main thread, events reach it
// from the host thread, its calls reach the host through post(), and stopping works both ways.
#include "host_fixture.hpp"
#include "support/test_support.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <future>
#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
using namespace pico;
using namespace std::chrono_literals;

struct front_end_run {
    test_support::temp_dir tmp;
    fs::path config = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    fs::path state = tmp.path() / "state";

    std::vector<std::string> gui_args(std::vector<std::string> extra,
                                      std::string fixture = "front_end_loop") const
    {
        std::vector<std::string> args{"gui",
                                      "--config",
                                      config.string(),
                                      "--state-dir",
                                      state.string(),
                                      "--save-path",
                                      (tmp.path() / "out").string(),
                                      "--plugin-dir",
                                      std::string(PICO_FIXTURE_ROOT) + "/" + fixture};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }
};

/// Starts `picotorrent gui` with `fixture`'s front-end, waits for `line` in its log, stops it
/// with SIGTERM and returns the whole log; fails the test unless it exited 0.
std::string log_until_sigterm(front_end_run const& r, std::string const& id, std::string const& fixture,
                              std::string const& line)
{
    test_support::child_process gui(PICO_BINARY, r.gui_args({"--plugins", id}, fixture));
    EXPECT_TRUE(gui.wait_for_stderr(line, 60s)) << gui.stderr_text();
    gui.kill(SIGTERM);
    EXPECT_EQ(gui.wait(60s), 0) << gui.stderr_text();
    return gui.stderr_text();
}

TEST(front_end, loop_owns_main_thread_and_marshals_both_ways)
{
    front_end_run r;
    auto const payload = r.tmp.path() / "payload";
    test_support::make_payload(payload, {{"a.bin", 64 << 10}}, 3);
    auto const torrent = r.tmp.path() / "a.torrent";
    test_support::make_torrent(payload, torrent, {});

    test_support::child_process gui(PICO_BINARY,
                                    r.gui_args({"--plugins", "loop_front_end", torrent.string()}));
    ASSERT_EQ(gui.wait(60s), 0) << gui.stderr_text();
    auto const log = gui.stderr_text();
    EXPECT_NE(log.find("registered as the front-end"), std::string::npos) << log;
    EXPECT_NE(log.find("front-end runs on the main thread: yes"), std::string::npos) << log;
    EXPECT_NE(log.find("posted work ran on the host thread: yes"), std::string::npos) << log;
    EXPECT_NE(log.find("main thread got: added "), std::string::npos) << log;
    EXPECT_NE(log.find("front-end loop returned"), std::string::npos) << log;
    // Returning from the loop stopped the host cleanly: it saved state after the loop ended.
    EXPECT_LT(log.find("front-end loop returned"), log.find("stopped")) << log;
}

TEST(front_end, a_front_end_runs_only_after_host_started_unless_it_asks_for_before_restore)
{
    front_end_run r;
    auto const log = log_until_sigterm(r, "loop_front_end", "front_end_loop", "posted work ran");
    EXPECT_NE(log.find("run() began before host_started: no"), std::string::npos) << log;
    EXPECT_NE(log.find("posted work ran after host_started: yes"), std::string::npos) << log;
}

TEST(front_end, before_restore_starts_the_loop_before_host_started_and_posted_work_after_it)
{
    front_end_run r;
    auto const log = log_until_sigterm(r, "early_front_end", "front_end_early", "posted work ran");
    // The fixture's host_started handler waits for run() (at most 30 s): it must have begun.
    EXPECT_NE(log.find("run() began before host_started: yes"), std::string::npos) << log;
    EXPECT_NE(log.find("posted work ran after host_started: yes"), std::string::npos) << log;
    ASSERT_NE(log.find("front-end loop returned"), std::string::npos) << log;
    EXPECT_LT(log.find("front-end loop returned"), log.find("stopped")) << log;
}

TEST(front_end, sigterm_ends_the_front_end_loop_before_the_host_stops)
{
    front_end_run r;
    auto const log =
        log_until_sigterm(r, "loop_front_end", "front_end_loop", "front-end runs on the main thread");
    ASSERT_NE(log.find("front-end loop returned"), std::string::npos) << log;
    EXPECT_LT(log.find("front-end loop returned"), log.find("stopped")) << log;
}

TEST(front_end, gui_without_a_front_end_plugin_fails_with_one_line)
{
    front_end_run r;
    test_support::child_process gui(PICO_BINARY, r.gui_args({"--no-plugins"}));
    EXPECT_EQ(gui.wait(60s), 1) << gui.stderr_text();
    EXPECT_NE(gui.stderr_text().find("no front-end plugin started"), std::string::npos) << gui.stderr_text();
}

TEST(front_end, run_never_starts_a_front_end)
{
    front_end_run r;
    auto args = r.gui_args({"--plugins", "loop_front_end"});
    args[0] = "run";
    test_support::child_process run(PICO_BINARY, args);
    ASSERT_TRUE(run.wait_for_stderr("successfully listening", 30s)) << run.stderr_text();
    run.kill(SIGTERM);
    EXPECT_EQ(run.wait(60s), 0);
    EXPECT_EQ(run.stderr_text().find("registered as the front-end"), std::string::npos) << run.stderr_text();
}

TEST(front_end, second_gui_hands_its_arguments_to_the_listening_one_and_exits_0)
{
    front_end_run r;
    fs::create_directories(r.state);
    auto const torrent = r.tmp.path() / "x.torrent";
    test_support::make_payload(r.tmp.path() / "x", {{"x.bin", 1 << 10}}, 1);
    test_support::make_torrent(r.tmp.path() / "x", torrent, {});

    // Stands in for the running GUI's listener (the Qt one is tested in plugins/gui/tests).
    namespace local = boost::asio::local;
    boost::asio::io_context io;
    local::stream_protocol::acceptor acceptor(
        io, local::stream_protocol::endpoint((r.state / "gui.sock").string()));
    std::string received;
    std::thread listener([&] {
        local::stream_protocol::socket s(io);
        acceptor.accept(s);
        boost::asio::streambuf buf;
        boost::asio::read_until(s, buf, "\n\n");
        received.assign(std::istreambuf_iterator<char>(&buf), {});
        boost::asio::write(s, boost::asio::buffer(std::string("ok\n")));
    });

    // A relative path, resolved against the second instance's working directory.
    test_support::child_process second(
        PICO_BINARY, r.gui_args({"x.torrent", "magnet:?xt=urn:btih:" + std::string(40, 'a')}), {},
        r.tmp.path());
    EXPECT_EQ(second.wait(30s), 0) << second.stderr_text();
    listener.join();
    EXPECT_EQ(received, "picotorrent-gui 1\n" + torrent.string() +
                            "\nmagnet:?xt=urn:btih:" + std::string(40, 'a') + "\n\n");
}

TEST(front_end, second_gui_gives_up_with_one_line_when_the_running_one_does_not_answer)
{
    front_end_run r;
    fs::create_directories(r.state);
    // A hung GUI: it accepts and reads, but never answers, and keeps the connection open.
    namespace local = boost::asio::local;
    boost::asio::io_context io;
    local::stream_protocol::acceptor acceptor(
        io, local::stream_protocol::endpoint((r.state / "gui.sock").string()));
    std::promise<void> release;
    std::thread listener([&, done = release.get_future()] {
        local::stream_protocol::socket s(io);
        acceptor.accept(s);
        boost::asio::streambuf buf;
        boost::asio::read_until(s, buf, "\n\n");
        done.wait_for(60s);
    });

    test_support::child_process second(PICO_BINARY,
                                       r.gui_args({"magnet:?xt=urn:btih:" + std::string(40, 'b')}));
    auto const code = second.wait(60s);
    release.set_value();
    listener.join();
    EXPECT_EQ(code, 1) << second.stderr_text();
    auto const err = second.stderr_text();
    EXPECT_NE(err.find("did not take the arguments within 5 s"), std::string::npos) << err;
    EXPECT_EQ(err.find("starting (gui)"), std::string::npos) << "no second host: " << err;
}

TEST(front_end, gui_refuses_a_missing_torrent_file)
{
    front_end_run r;
    test_support::child_process gui(PICO_BINARY, r.gui_args({"/nonexistent/x.torrent"}));
    EXPECT_EQ(gui.wait(30s), 2);
    EXPECT_NE(gui.stderr_text().find("no such torrent file"), std::string::npos) << gui.stderr_text();
}

} // namespace
