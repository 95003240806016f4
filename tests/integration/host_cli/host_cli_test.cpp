// `picotorrent` as a new user drives it: each test is one rough edge from issue 9.
#include "interop_fixture.hpp"
#include "support/test_support.hpp"

#include <csignal>
#include <fstream>
#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace pico::interop;
using namespace std::chrono_literals;

struct work_dir {
    ts::temp_dir tmp;
    fs::path config = write_config(tmp.path() / "c.json", 0);
    fs::path state = tmp.path() / "state";

    std::vector<std::string> with_host_args(std::vector<std::string> args) const
    {
        for (auto const& a : host_args(config, state))
            args.push_back(a);
        return args;
    }
};

TEST(host_cli, magnet_with_non_hex_btih_is_refused_before_the_host_starts)
{
    work_dir w;
    std::string const magnet = "magnet:?xt=urn:btih:" + std::string(40, 'z');
    for (char const* command : {"download", "run"}) {
        auto const r = run_picotorrent(w.with_host_args({command, magnet}), 60s);
        EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
        EXPECT_NE(r.err.find("invalid magnet link: "), std::string::npos) << r.err;
        EXPECT_EQ(message_lines(r.err).size(), 1u) << r.err;
        // Refused up front: no host started, so no log was written.
        EXPECT_FALSE(fs::exists(w.state / "picotorrent.log")) << command;
    }
}

TEST(host_cli, second_host_on_a_state_dir_is_refused_naming_the_first_pid)
{
    work_dir w;
    ts::child_process first(picotorrent(), w.with_host_args({"run"}));
    ASSERT_TRUE(first.wait_for_stderr("starting", 60s)) << first.stderr_text();
    auto const second = run_picotorrent(w.with_host_args({"run"}), 60s);
    EXPECT_NE(second.exit_code, 0) << second.err;
    auto const lines = message_lines(second.err);
    ASSERT_EQ(lines.size(), 1u) << second.err;
    EXPECT_NE(lines[0].find("pid " + std::to_string(first.pid())), std::string::npos) << lines[0];
    EXPECT_TRUE(first.running());
    first.kill(SIGTERM);
    EXPECT_GE(first.wait(60s), 0);
}

TEST(host_cli, sighup_saves_and_stops_like_sigterm)
{
    work_dir w;
    ts::child_process run(picotorrent(), w.with_host_args({"run"}));
    ASSERT_TRUE(run.wait_for_stderr("starting", 60s)) << run.stderr_text();
    ASSERT_TRUE(ts::wait_until([&] { return fs::exists(w.state / "lock"); }, 10s));
    run.kill(SIGHUP);
    int const code = run.wait(60s);
    EXPECT_NE(code, 128 + SIGHUP) << run.stderr_text(); // not killed by the signal
    EXPECT_NE(run.stderr_text().find("received SIGHUP, shutting down"), std::string::npos)
        << run.stderr_text();
    EXPECT_NE(run.stderr_text().find("stopped"), std::string::npos) << run.stderr_text();
}

TEST(host_cli, create_refuses_an_existing_output_unless_forced_and_prints_the_magnet)
{
    ts::temp_dir tmp;
    std::ofstream(tmp.path() / "data.bin") << "some bytes to share";
    auto const out = tmp.path() / "out.torrent";
    std::ofstream(out) << "precious";
    std::vector<std::string> const args{"create", (tmp.path() / "data.bin").string(), "-o", out.string()};
    auto const refused = run_picotorrent(args, 60s);
    EXPECT_EQ(refused.exit_code, 2) << refused.err;
    EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
    std::ifstream in(out);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "precious");

    auto forced = args;
    forced.push_back("--force");
    auto const made = run_picotorrent(forced, 60s);
    EXPECT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("magnet:?xt=urn:btih:"), std::string::npos) << made.out;
    auto const shown = run_picotorrent({"inspect", out.string()}, 60s);
    EXPECT_NE(shown.out.find("magnet:?xt=urn:btih:"), std::string::npos) << shown.out;
}

TEST(host_cli, help_run_prints_the_run_help)
{
    auto const r = run_picotorrent({"help", "run"}, 60s);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out.rfind("usage: picotorrent run", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("SIGHUP"), std::string::npos) << r.out;
}

TEST(host_cli, two_torrents_for_download_get_a_clear_line)
{
    work_dir w;
    auto const r = run_picotorrent(w.with_host_args({"download", "a.torrent", "b.torrent"}), 60s);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("one torrent or magnet link at a time (2 given)"), std::string::npos) << r.err;
}

TEST(host_cli, inspect_warns_about_more_than_256_tiers)
{
    ts::temp_dir tmp;
    std::string tiers;
    for (int i = 0; i < 300; ++i) {
        // Appends: GCC 12 at -O3 reports `"l" + std::string&&` as a false -Wrestrict.
        std::string const url = "http://127.0.0.1:9/" + std::to_string(i);
        tiers += 'l';
        tiers += std::to_string(url.size());
        tiers += ':';
        tiers += url;
        tiers += 'e';
    }
    auto const file = tmp.path() / "tiers.torrent";
    std::ofstream(file, std::ios::binary)
        << "d13:announce-listl" << tiers
        << "e4:infod6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:" << std::string(20, 'h') << "ee";
    auto const r = run_picotorrent({"inspect", file.string()}, 60s);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("300 tracker tiers listed; libtorrent keeps at most 256"), std::string::npos)
        << r.err;
}

struct swarm {
    ts::temp_dir tmp;
    fs::path torrent = tmp.path() / "t.torrent";
    fs::path data_root = tmp.path() / "seed";
    std::string hash;
    std::unique_ptr<ts::seeder> seed;

    swarm()
    {
        make_case(data_root, "payload", {{"", 300000}}, torrent, {});
        hash = v1_hash_hex(torrent);
        seed = std::make_unique<ts::seeder>(torrent, data_root);
    }
};

TEST(host_cli, magnet_x_pe_peer_is_dialled)
{
    swarm s;
    auto const out = s.tmp.path() / "out";
    std::string const magnet = "magnet:?xt=urn:btih:" + s.hash + "&x.pe=" + s.seed->endpoint();
    auto const r = run_download(magnet, out, s.tmp.path() / "work");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(out / "payload")) << r.err;
}

// session.disk_io reaches libtorrent (issue 13): each storage back-end is named in the log and
// downloads byte-exact; a value the host does not know is refused before it starts.
TEST(host_cli, each_disk_io_back_end_downloads_byte_exact)
{
    for (std::string const backend : {"posix", "mmap"}) {
        swarm s;
        auto const out = s.tmp.path() / "out";
        auto const r = run_download(s.torrent.string(), out, s.tmp.path() / "work",
                                    {"--peer", s.seed->endpoint()}, {{"disk_io", backend}});
        EXPECT_EQ(r.exit_code, 0) << backend << ": " << r.err;
        std::ifstream log_file(s.tmp.path() / "work" / "download-state" / "picotorrent.log");
        std::string const log(std::istreambuf_iterator<char>(log_file), {});
        EXPECT_NE(log.find("disk I/O: " + backend), std::string::npos) << log;
        EXPECT_TRUE(ts::files_equal(s.data_root / "payload", out / "payload")) << backend;
    }
    swarm s;
    auto const r = run_download(s.torrent.string(), s.tmp.path() / "out", s.tmp.path() / "work",
                                {"--peer", s.seed->endpoint()}, {{"disk_io", "direct"}});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(R"(session.disk_io: expected "auto", "mmap" or "posix", got "direct")"),
              std::string::npos)
        << r.err;
}

TEST(host_cli, peer_localhost_is_accepted)
{
    swarm s;
    auto const out = s.tmp.path() / "out";
    auto const r = run_download(s.torrent.string(), out, s.tmp.path() / "work",
                                {"--peer", "localhost:" + std::to_string(s.seed->port())});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(out / "payload")) << r.err;
    // The last progress line shows where the download ended, not where it was 5 s before.
    auto const lines = message_lines(r.err);
    if (!lines.empty()) {
        EXPECT_NE(lines.back().find("100.0%"), std::string::npos) << r.err;
    }
}

TEST(host_cli, download_without_out_dir_uses_the_config_save_path)
{
    swarm s;
    auto const save = s.tmp.path() / "from-config";
    auto const config =
        ts::write_loopback_host_config(s.tmp.path() / "sp.json", {{"save_path", save.string()}}, 0);
    auto const r = run_picotorrent({"download", s.torrent.string(), "--peer", s.seed->endpoint(), "--config",
                                    config.string(), "--state-dir", (s.tmp.path() / "st").string(),
                                    "--no-plugins", "--session-timeout", "30"},
                                   90s);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(save / "payload")) << r.err;
    auto const both = run_picotorrent({"download", s.torrent.string(), "--out-dir", "a", "--save-path", "b",
                                       "--config", config.string(), "--no-plugins"},
                                      60s);
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_NE(both.err.find("same option"), std::string::npos) << both.err;
}

TEST(host_cli, seed_listens_where_the_config_says_unless_a_flag_is_given)
{
    swarm s;
    std::uint16_t const port = ts::free_tcp_port();
    auto const config = write_config(s.tmp.path() / "seed.json", port);
    ts::child_process p(picotorrent(),
                        {"seed", s.torrent.string(), (s.data_root / "payload").string(), "--config",
                         config.string(), "--state-dir", (s.tmp.path() / "st").string(), "--no-plugins"});
    ASSERT_TRUE(p.wait_for_stdout("seeding ", 60s)) << p.stderr_text();
    ts::wait_until([&] { return p.stdout_text().find('\n') != std::string::npos; }, 10s);
    EXPECT_NE(p.stdout_text().find("on 127.0.0.1:" + std::to_string(port)), std::string::npos)
        << p.stdout_text();
    p.kill(SIGTERM);
    p.wait(30s);
}

} // namespace

namespace {

TEST(host_cli, run_logs_a_line_when_a_torrent_is_added)
{
    work_dir w;
    auto const torrent = w.tmp.path() / "t.torrent";
    make_case(w.tmp.path() / "seed", "payload", {{"", 1000}}, torrent, {});
    auto args = w.with_host_args({"run", torrent.string(), "--save-path", (w.tmp.path() / "dl").string()});
    ts::child_process run(picotorrent(), args);
    EXPECT_TRUE(run.wait_for_stderr("[torrents] added payload ", 60s)) << run.stderr_text();
    run.kill(SIGTERM);
    run.wait(60s);
}

} // namespace
